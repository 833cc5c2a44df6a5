/**
 * Share links through HTTP (PGlite, and PostgreSQL when DATABASE_URL is set): a holder shares credentials, a viewer
 * opens the public link and the served credentials verify; views are counted and every access recorded; maxViews,
 * expiry (a moved clock), revocation and audience are enforced; another holder can neither list nor revoke.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import request from 'supertest';
import type { Clock } from '../core/clock.ts';
import { sha256Hex } from '../crypto/digest.ts';
import { createApp } from '../http/create-app.ts';
import { walletRoutes } from '../wallet-api/routes.ts';
import { awardBody } from './awards.http.test.ts';
import { bearer, forEachPlatform, TEST_PUBLIC_URL } from './helpers/platform.ts';
import { uniqueId } from './helpers/store.ts';

const PASSWORD = 'correct horse battery staple';
const DAY = 24 * 60 * 60;

interface Holder {
  did: string;
  auth: [string, string];
}

interface ShareView {
  id: string;
  status: string;
  views: number;
  maxViews: number | null;
  credentialIds: string[];
  accesses: { accessedAt: string; audience: string | null; userAgentHash: string | null; outcome: string }[];
}

forEachPlatform('wallet share links', (platform) => {
  const app = () => platform().app;
  /** The public route on a clock that tests move (the holder routes stay on the platform's real clock). */
  let offsetMs = 0;
  const clock: Clock = () => new Date(Date.now() + offsetMs);
  let movedApp: ReturnType<typeof createApp>;
  before(() => {
    const { store, logger, issuerDeps } = platform();
    const routes = walletRoutes({
      store,
      kek: issuerDeps.kek,
      clock,
      newId: randomUUID,
      randomBytes: (n) => globalThis.crypto.getRandomValues(new Uint8Array(n)),
      documentLoader: issuerDeps.documentLoader,
      verification: { resolveDid: async () => null, loadSchema: async () => null },
      rateLimit: false,
    });
    movedApp = createApp({ store, logger, publicUrl: TEST_PUBLIC_URL, routes });
  });
  afterEach(() => {
    offsetMs = 0;
  });

  async function newHolder(): Promise<Holder> {
    const email = `${uniqueId('sharer')}@example.com`;
    const created = await request(app()).post('/wallet/accounts').send({ email, password: PASSWORD }).expect(201);
    const tokens = (await request(app()).post('/wallet/sessions').send({ email, password: PASSWORD }).expect(200)).body as { accessToken: string };
    return { did: created.body.did as string, auth: ['Authorization', `Bearer ${tokens.accessToken}`] };
  }
  /** Two Academy awards to the holder, synced into the wallet. */
  async function holderWithCredentials(count = 2): Promise<Holder & { ids: string[]; issued: Record<string, unknown>[] }> {
    const holder = await newHolder();
    const issued: Record<string, unknown>[] = [];
    for (let i = 0; i < count; i += 1) {
      const res = await request(app()).post('/awards').set(...bearer()).send(awardBody({ recipient: { did: holder.did } })).expect(201);
      issued.push(res.body.verifiableCredential as Record<string, unknown>);
    }
    const added = (await request(app()).post('/wallet/credentials/sync').set(...holder.auth).expect(200)).body.added as { id: string }[];
    expect(added).to.have.length(count);
    return { ...holder, ids: added.map((a) => a.id), issued };
  }
  const share = (holder: Holder, body: Record<string, unknown>) => request(app()).post('/wallet/shares').set(...holder.auth).send(body);
  const shares = async (holder: Holder): Promise<ShareView[]> => (await request(app()).get('/wallet/shares').set(...holder.auth).expect(200)).body.shares;
  const pathOf = (url: string) => url.slice(TEST_PUBLIC_URL.length);

  it('serves a holder-signed presentation whose credentials verify; counts and records each view', async () => {
    const holder = await holderWithCredentials();
    const created = await share(holder, { credentialIds: holder.ids, expiresInSeconds: 7 * DAY }).expect(201);
    expect(created.headers['cache-control']).to.equal('no-store');
    const { id, url, token } = created.body as { id: string; url: string; token: string };
    expect(url).to.equal(`${TEST_PUBLIC_URL}/shared/${token}`);
    expect(token).to.match(/^pls_[A-Za-z0-9_-]{22}$/); // 16 random bytes
    // Only the hash is stored.
    const row = await platform().store.walletShares.getByTokenHash(sha256Hex(token));
    expect(row).to.include({ id, views: 0 });
    expect(JSON.stringify(row)).not.to.include(token);

    const userAgent = 'Mozilla/5.0 (recruiter test)';
    const served = await request(app()).get(pathOf(url)).set('User-Agent', userAgent).expect(200);
    expect(served.headers['cache-control']).to.equal('no-store');
    const vp = served.body.verifiablePresentation;
    expect(vp.holder).to.equal(holder.did);
    expect(vp.proof).to.include({ proofPurpose: 'authentication', cryptosuite: 'eddsa-rdfc-2022', challenge: `urn:proofline:share:${id}` });
    expect(vp.proof.verificationMethod).to.match(new RegExp(`^${holder.did}#`));
    expect(vp.verifiableCredential).to.deep.equal(holder.issued);
    for (const credential of vp.verifiableCredential) {
      const verified = await request(app()).post('/credentials/verify').send({ verifiableCredential: credential });
      expect(verified.status, JSON.stringify(verified.body)).to.equal(200);
      expect(verified.body.verified).to.equal(true);
    }
    await request(app()).get(pathOf(url)).expect(200);

    const [listed] = await shares(holder);
    expect(listed).to.include({ id, status: 'active', views: 2, maxViews: null });
    expect(listed!.credentialIds).to.deep.equal(holder.ids);
    expect(listed!.accesses.map((a) => a.outcome)).to.deep.equal(['served', 'served']);
    expect(listed!.accesses[0]!.userAgentHash).to.equal(sha256Hex(userAgent));
    expect(JSON.stringify(listed)).not.to.include('recruiter');
    expect(JSON.stringify(listed)).not.to.include(token);
    expect(Date.parse(listed!.accesses[0]!.accessedAt)).to.be.closeTo(Date.now(), 60_000);
  });

  it('answers 404 for an unknown token', async () => {
    await request(app()).get('/shared/pls_nope').expect(404);
    await request(app()).get(`/shared/pls_${'A'.repeat(22)}`).expect(404);
  });

  it('enforces maxViews atomically: of concurrent viewers of the last views, only that many are served', async () => {
    const holder = await holderWithCredentials(1);
    const { url } = (await share(holder, { credentialIds: holder.ids, expiresInSeconds: DAY, maxViews: 2 }).expect(201)).body;
    const results = await Promise.all(Array.from({ length: 5 }, () => request(app()).get(pathOf(url))));
    expect(results.map((r) => r.status).sort()).to.deep.equal([200, 200, 410, 410, 410]);
    const gone = await request(app()).get(pathOf(url)).expect(410);
    expect(gone.body.code).to.equal('GONE');
    const [listed] = await shares(holder);
    expect(listed).to.include({ status: 'exhausted', views: 2 });
    expect(listed!.accesses.filter((a) => a.outcome === 'served')).to.have.length(2);
    expect(listed!.accesses.filter((a) => a.outcome === 'exhausted')).to.have.length(4);
  });

  it('stops serving when the link expires (clock moved past it)', async () => {
    const holder = await holderWithCredentials(1);
    const { url } = (await share(holder, { credentialIds: holder.ids, expiresInSeconds: 60 }).expect(201)).body;
    offsetMs = 30_000;
    await request(movedApp).get(pathOf(url)).expect(200);
    offsetMs = 61_000;
    await request(movedApp).get(pathOf(url)).expect(410);
    const [listed] = await shares(holder);
    expect(listed!.views).to.equal(1);
    expect(listed!.accesses.map((a) => a.outcome)).to.deep.equal(['served', 'expired']);
    // More than 30 days is refused.
    await share(holder, { credentialIds: holder.ids, expiresInSeconds: 30 * DAY + 1 }).expect(422);
    await share(holder, { credentialIds: holder.ids, expiresInSeconds: 30 * DAY }).expect(201);
  });

  it('revokes: the link answers 410 from then on; revoking again is harmless', async () => {
    const holder = await holderWithCredentials(1);
    const { id, url } = (await share(holder, { credentialIds: holder.ids, expiresInSeconds: DAY }).expect(201)).body;
    await request(app()).get(pathOf(url)).expect(200);
    await request(app()).delete(`/wallet/shares/${id}`).set(...holder.auth).expect(204);
    await request(app()).get(pathOf(url)).expect(410);
    await request(app()).delete(`/wallet/shares/${id}`).set(...holder.auth).expect(204);
    const [listed] = await shares(holder);
    expect(listed).to.include({ status: 'revoked', views: 1 });
    expect(listed!.accesses.map((a) => a.outcome)).to.deep.equal(['served', 'revoked']);
  });

  it('serves an audience-bound link only to a viewer giving that audience, with domain = audience', async () => {
    const holder = await holderWithCredentials(1);
    const { url } = (await share(holder, { credentialIds: holder.ids, expiresInSeconds: DAY, audience: 'jobs.example' }).expect(201)).body;
    await request(app()).get(pathOf(url)).expect(403);
    await request(app()).get(`${pathOf(url)}?audience=other.example`).expect(403);
    const served = await request(app()).get(`${pathOf(url)}?audience=jobs.example`).expect(200);
    expect(served.body.verifiablePresentation.proof.domain).to.equal('jobs.example');
    const [listed] = await shares(holder);
    expect(listed!.views).to.equal(1);
    expect(listed!.accesses.map((a) => [a.outcome, a.audience])).to.deep.equal([
      ['wrong-audience', null],
      ['wrong-audience', 'other.example'],
      ['served', 'jobs.example'],
    ]);
  });

  it('stops serving when a shared credential is deleted from the wallet', async () => {
    const holder = await holderWithCredentials(1);
    const { url } = (await share(holder, { credentialIds: holder.ids, expiresInSeconds: DAY }).expect(201)).body;
    await request(app()).delete(`/wallet/credentials/${holder.ids[0]}`).set(...holder.auth).expect(204);
    await request(app()).get(pathOf(url)).expect(410);
  });

  it('isolates holders: another holder cannot share, list or revoke A\'s links', async () => {
    const a = await holderWithCredentials(1);
    const b = await newHolder();
    const { id, url } = (await share(a, { credentialIds: a.ids, expiresInSeconds: DAY }).expect(201)).body;
    await share(b, { credentialIds: a.ids, expiresInSeconds: DAY }).expect(404);
    expect(await shares(b)).to.deep.equal([]);
    await request(app()).delete(`/wallet/shares/${id}`).set(...b.auth).expect(404);
    await request(app()).get(pathOf(url)).expect(200);
    expect((await shares(a)).map((s) => s.id)).to.deep.equal([id]);
    // Holder routes need a holder token.
    await request(app()).get('/wallet/shares').expect(401);
    await request(app()).post('/wallet/shares').send({ credentialIds: a.ids, expiresInSeconds: DAY }).expect(401);
    await request(app()).delete(`/wallet/shares/${id}`).set(...bearer()).expect(401);
  });
});
