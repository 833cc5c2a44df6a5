/**
 * Webhook deliveries (docs/decisions/0011) against a real local listener, on PGlite and PostgreSQL: Standard Webhooks
 * signatures a receiver can check, retries with back-off (500 then 200), a dead endpoint failed after N attempts,
 * one delivery per claim under concurrent workers, the outbox surviving a restart, and the guarded client refusing
 * plain http and private addresses unless the explicit test switch is on.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { expect } from 'chai';
import type { Store } from '../core/ports.ts';
import { deliverDueWebhooks, retryDelayMs } from '../marketplace/deliver-webhooks.ts';
import { enqueueWebhookEvent } from '../marketplace/enqueue-webhook-event.ts';
import { createGuardedPost, type PostWebhook } from '../marketplace/post-webhook.ts';
import { generateWebhookSecret, sealWebhookSecret } from '../crypto/webhook-signature.ts';
import { openStore } from '../storage/open-store.ts';
import { isPublicAddress } from '../verifier/is-public-address.ts';
import { openIsolatedStore, type IsolatedStore } from './helpers/isolated-store.ts';
import { listenOnLoopback } from './helpers/listen.ts';
import { rejectionOf } from './helpers/rejection.ts';
import { uniqueId } from './helpers/store.ts';

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A receiver answering each path with the next status of its script (then the last one again). */
function receiver(scripts: Record<string, number[]>) {
  const received: Received[] = [];
  const handler: http.RequestListener = (req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      const script = scripts[req.url ?? ''] ?? [404];
      const status = script.length > 1 ? script.shift()! : script[0]!;
      res.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
    });
  };
  return { received, handler };
}

/** What a receiver does (Standard Webhooks "Verifying webhook authenticity"), with node:crypto, not our code. */
function verifies(secret: string, request: Received): boolean {
  const id = String(request.headers['webhook-id']);
  const timestamp = String(request.headers['webhook-timestamp']);
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${request.body}`).digest('base64');
  return String(request.headers['webhook-signature'])
    .split(' ')
    .some((signature) => signature === `v1,${expected}`);
}

const randomBytes = (n: number) => globalThis.crypto.getRandomValues(new Uint8Array(n));
const KEK = randomBytes(32);
/** Loopback http allowed: FOR TESTS ONLY, the switch the production wiring never sets. */
const loopbackPost: PostWebhook = createGuardedPost({ isPublicAddress, allowLoopbackHttp: true, timeoutMs: 5_000 });

async function endpointFor(store: Store, url: string, events = ['application.flagged', 'application.unflagged']) {
  const organisationId = uniqueId('org');
  await store.organisations.create({ id: organisationId, slug: organisationId, name: 'Hooks Ltd', kind: 'sme', createdAt: new Date('2026-01-01T00:00:00Z') });
  const id = uniqueId('wh');
  const secret = generateWebhookSecret(randomBytes);
  const endpoint = { id, organisationId, url, events, secret: sealWebhookSecret(KEK, secret, id), enabled: true, createdAt: new Date('2026-01-01T00:00:00Z') };
  await store.webhooks.createEndpoint(endpoint);
  return { ...endpoint, secret }; // the plaintext, as the organisation got it once
}

const kinds = process.env.DATABASE_URL ? (['pglite', 'postgres'] as const) : (['pglite'] as const);

describe('retryDelayMs', () => {
  it('doubles per attempt within [half, full] of the step, capped', () => {
    const options = (random: number) => ({ baseDelayMs: 1_000, maxDelayMs: 10_000, random: () => random });
    expect([1, 2, 3, 4, 5].map((a) => retryDelayMs(a, options(0)))).to.deep.equal([500, 1_000, 2_000, 4_000, 5_000]);
    expect([1, 2, 3, 4, 5].map((a) => retryDelayMs(a, options(0.999999)))).to.deep.equal([1_000, 2_000, 4_000, 8_000, 10_000]);
  });
});

for (const kind of kinds) {
  describe(`webhook deliveries (${kind})`, function () {
    this.timeout(60_000);
    let isolated: IsolatedStore;
    let store: Store;
    let server: Awaited<ReturnType<typeof listenOnLoopback>>;
    const scripts: Record<string, number[]> = { '/ok': [200], '/flaky': [500, 200] };
    const listener = receiver(scripts);
    // A fake clock, far from the real one: only this suite's deliveries are ever due.
    let now = new Date('2030-01-01T00:00:00Z');
    const clock = () => new Date(now.getTime());
    const deliver = (extra: Partial<Parameters<typeof deliverDueWebhooks>[0]> = {}) =>
      deliverDueWebhooks({ store, clock, kek: KEK, postWebhook: loopbackPost, random: () => 0.5, baseDelayMs: 10_000, maxAttempts: 3, ...extra });
    const deps = () => ({ store, clock, newId: () => uniqueId('d') });

    before(async () => {
      isolated = await openIsolatedStore(kind);
      store = isolated.store;
      server = await listenOnLoopback(http.createServer(listener.handler));
    });
    after(async () => {
      await server.close();
      await isolated.dispose();
    });

    it('POSTs the event with Standard Webhooks headers that verify with the secret, and records the attempt', async () => {
      const endpoint = await endpointFor(store, `${server.url}/ok`);
      expect(await enqueueWebhookEvent(deps(), endpoint.organisationId, 'application.flagged', { applicationId: 'a1', flags: ['credential 0: REVOKED'] })).to.equal(1);
      expect(await deliver()).to.deep.equal({ delivered: 1, retried: 0, failed: 0, stale: 0 });
      const got = listener.received.filter((r) => r.path === '/ok');
      expect(got).to.have.length(1);
      const request = got[0]!;
      expect(request.headers['content-type']).to.equal('application/json');
      expect(request.headers['webhook-timestamp']).to.equal(String(Math.floor(now.getTime() / 1000)));
      expect(verifies(endpoint.secret, request)).to.equal(true);
      expect(verifies(generateWebhookSecret(randomBytes), request)).to.equal(false);
      expect(verifies(endpoint.secret, { ...request, body: request.body.replace('REVOKED', 'FINE') })).to.equal(false);
      expect(JSON.parse(request.body)).to.deep.equal({ type: 'application.flagged', timestamp: now.toISOString(), data: { applicationId: 'a1', flags: ['credential 0: REVOKED'] } });

      const [listed] = await store.webhooks.listDeliveries(endpoint.id);
      expect(listed!.delivery).to.include({ id: request.headers['webhook-id'], status: 'delivered', attempts: 1 });
      expect(listed!.attempts.map((a) => ({ statusCode: a.statusCode, error: a.error }))).to.deep.equal([{ statusCode: 200, error: null }]);
      expect(await deliver()).to.deep.equal({ delivered: 0, retried: 0, failed: 0, stale: 0 });
    });

    it('does not deliver to endpoints not subscribed to the event', async () => {
      const endpoint = await endpointFor(store, `${server.url}/ok`, ['application.unflagged']);
      expect(await enqueueWebhookEvent(deps(), endpoint.organisationId, 'application.flagged', {})).to.equal(0);
      expect(await store.webhooks.listDeliveries(endpoint.id)).to.deep.equal([]);
    });

    it('retries a 500 after the back-off with the same id and signature scheme, then delivers', async () => {
      const endpoint = await endpointFor(store, `${server.url}/flaky`);
      await enqueueWebhookEvent(deps(), endpoint.organisationId, 'application.unflagged', { applicationId: 'a2' });
      expect(await deliver()).to.deep.equal({ delivered: 0, retried: 1, failed: 0, stale: 0 });
      const [pending] = await store.webhooks.listDeliveries(endpoint.id);
      expect(pending!.delivery).to.include({ status: 'pending', attempts: 1 });
      // Back-off for attempt 2: base × 2^0, upper half jittered (random 0.5 → 7.5 s).
      expect(pending!.delivery.nextAttemptAt.getTime() - now.getTime()).to.equal(7_500);
      expect(await deliver()).to.deep.equal({ delivered: 0, retried: 0, failed: 0, stale: 0 });

      now = new Date(now.getTime() + 7_500);
      expect(await deliver()).to.deep.equal({ delivered: 1, retried: 0, failed: 0, stale: 0 });
      const got = listener.received.filter((r) => r.path === '/flaky');
      expect(got).to.have.length(2);
      expect(got[0]!.headers['webhook-id']).to.equal(got[1]!.headers['webhook-id']);
      expect(got.every((r) => verifies(endpoint.secret, r))).to.equal(true);
      const [done] = await store.webhooks.listDeliveries(endpoint.id);
      expect(done!.delivery).to.include({ status: 'delivered', attempts: 2 });
      expect(done!.attempts.map((a) => a.statusCode)).to.deep.equal([500, 200]);
      expect(done!.attempts[0]!.error).to.equal('HTTP 500');
    });

    it('fails a dead endpoint after N attempts, each recorded with its error', async () => {
      const dead = await listenOnLoopback(http.createServer((_req, res) => res.end()));
      await dead.close();
      const endpoint = await endpointFor(store, `${dead.url}/gone`);
      await enqueueWebhookEvent(deps(), endpoint.organisationId, 'application.flagged', { applicationId: 'a3' });
      const outcomes = [];
      for (let i = 0; i < 4; i++) {
        outcomes.push(await deliver());
        now = new Date(now.getTime() + 3_600_000);
      }
      expect(outcomes).to.deep.equal([
        { delivered: 0, retried: 1, failed: 0, stale: 0 },
        { delivered: 0, retried: 1, failed: 0, stale: 0 },
        { delivered: 0, retried: 0, failed: 1, stale: 0 },
        { delivered: 0, retried: 0, failed: 0, stale: 0 },
      ]);
      const [failed] = await store.webhooks.listDeliveries(endpoint.id);
      expect(failed!.delivery).to.include({ status: 'failed', attempts: 3 });
      expect(failed!.attempts).to.have.length(3);
      for (const attempt of failed!.attempts) {
        expect(attempt.statusCode).to.equal(null);
        expect(attempt.error).to.match(/^NETWORK_ERROR: /);
      }
    });

    it('hands each due delivery to one worker only when passes run at once', async () => {
      const endpoint = await endpointFor(store, `${server.url}/ok`);
      await enqueueWebhookEvent(deps(), endpoint.organisationId, 'application.flagged', { applicationId: 'a4' });
      const before = listener.received.length;
      const passes = await Promise.all([deliver(), deliver(), deliver()]);
      expect(passes.reduce((sum, p) => sum + p.delivered, 0)).to.equal(1);
      expect(listener.received.length - before).to.equal(1);
    });

    it('a worker slower than its lease cannot undo the delivery another worker made: its attempt is recorded, its outcome ignored', async () => {
      const endpoint = await endpointFor(store, 'https://hooks.example/slow');
      await enqueueWebhookEvent(deps(), endpoint.organisationId, 'application.flagged', { applicationId: 'a-slow' });
      const posts: string[] = [];
      let releaseSlow!: () => void;
      let slowPosting!: () => void;
      const slowStarted = new Promise<void>((resolve) => (slowPosting = resolve));
      const slow = deliver({
        leaseMs: 60_000,
        postWebhook: async () => {
          posts.push('A');
          slowPosting();
          await new Promise<void>((resolve) => (releaseSlow = resolve));
          throw Object.assign(new Error('socket hang up'), { code: 'NETWORK_ERROR' });
        },
      });
      await slowStarted;
      now = new Date(now.getTime() + 61_000); // A's lease ended while its POST was still in flight
      expect(
        await deliver({
          postWebhook: async () => {
            posts.push('B');
            return { status: 200 };
          },
        }),
      ).to.deep.equal({ delivered: 1, retried: 0, failed: 0, stale: 0 });
      releaseSlow();
      expect(await slow).to.deep.equal({ delivered: 0, retried: 0, failed: 0, stale: 1 });
      now = new Date(now.getTime() + 3_600_000);
      await deliver({
        postWebhook: async () => {
          posts.push('C');
          return { status: 200 };
        },
      });
      expect(posts).to.deep.equal(['A', 'B']);
      const [record] = await store.webhooks.listDeliveries(endpoint.id);
      expect(record!.delivery).to.include({ status: 'delivered', attempts: 1 });
      // Both POSTs are in the record, each under its own number.
      expect(record!.attempts.map((a) => [a.attempt, a.statusCode, a.error?.startsWith('NETWORK_ERROR') ?? false])).to.deep.equal([
        [1, 200, false],
        [2, null, true],
      ]);
    });

    it('refuses ports other than https\'s, and a lookup that outlasts the deadline', async () => {
      const body = { headers: {}, body: '{}' };
      const guarded = createGuardedPost({ isPublicAddress, lookup: async () => [{ address: '10.0.0.7', family: 4 }] });
      expect(await rejectionOf(guarded('https://hooks.example:8443/hook', body))).to.include({ code: 'FORBIDDEN_PORT' });
      expect(await rejectionOf(guarded('https://hooks.example:22/hook', body))).to.include({ code: 'FORBIDDEN_PORT' });
      // :443 is the default port (not a refusal for the port; this lookup then gives a private address).
      expect(await rejectionOf(guarded('https://hooks.example:443/hook', body))).to.include({ code: 'FORBIDDEN_ADDRESS' });
      const hanging = createGuardedPost({ isPublicAddress, timeoutMs: 20, lookup: () => new Promise(() => undefined) });
      expect(await rejectionOf(hanging('https://hooks.example/hook', body))).to.include({ code: 'TIMEOUT' });
    });

    it('refuses plain http and non-public addresses without the test switch, and records why', async () => {
      const guarded = createGuardedPost({ isPublicAddress, lookup: async () => [{ address: '10.0.0.7', family: 4 }] });
      const body = { headers: {}, body: '{}' };
      expect(await rejectionOf(guarded(`${server.url}/ok`, body))).to.include({ code: 'NOT_HTTPS' });
      expect(await rejectionOf(guarded('https://127.0.0.1/ok', body))).to.include({ code: 'FORBIDDEN_ADDRESS' });
      expect(await rejectionOf(guarded('https://intranet.example/hook', body))).to.include({ code: 'FORBIDDEN_ADDRESS' });
      expect(await rejectionOf(guarded('https://u:p@hooks.example/hook', body))).to.include({ code: 'INVALID_URL' });

      const endpoint = await endpointFor(store, `${server.url}/ok`);
      await enqueueWebhookEvent(deps(), endpoint.organisationId, 'application.flagged', {});
      const before = listener.received.length;
      expect(await deliver({ postWebhook: guarded })).to.deep.equal({ delivered: 0, retried: 1, failed: 0, stale: 0 });
      expect(listener.received.length).to.equal(before);
      const [refused] = await store.webhooks.listDeliveries(endpoint.id);
      expect(refused!.attempts[0]!.error).to.match(/^NOT_HTTPS: /);
    });

    it('keeps pending deliveries across a restart: a new store on the same database delivers them', async () => {
      let dataDir: string | undefined;
      const open = async () => {
        if (kind === 'postgres') return openStore({ databaseUrl: isolated.databaseUrl!, dataDir: ':memory:', poolSize: 2 });
        dataDir ??= await mkdtemp(path.join(os.tmpdir(), 'proofline-webhooks-'));
        return openStore({ dataDir });
      };
      const first = await open();
      const endpoint = await endpointFor(first, `${server.url}/ok`);
      await enqueueWebhookEvent({ store: first, clock, newId: () => uniqueId('d') }, endpoint.organisationId, 'application.flagged', { applicationId: 'restart' });
      await first.close();

      const second = await open();
      try {
        expect(await deliverDueWebhooks({ store: second, clock, kek: KEK, postWebhook: loopbackPost })).to.deep.equal({ delivered: 1, retried: 0, failed: 0, stale: 0 });
        const got = listener.received.at(-1)!;
        expect(JSON.parse(got.body).data).to.deep.equal({ applicationId: 'restart' });
        expect(verifies(endpoint.secret, got)).to.equal(true);
      } finally {
        await second.close();
        if (dataDir) await rm(dataDir, { recursive: true, force: true });
      }
    });
  });
}
