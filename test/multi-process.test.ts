/**
 * Several server processes on one PostgreSQL server (DESIGN.md §4): concurrent awards never share a status index,
 * none is lost, an idempotency key sent to two processes at once gives one credential; and a process killed with
 * SIGKILL in the middle of a batch, restarted and sent the batch again, leaves every award exactly once.
 */
import { expect } from 'chai';
import request from 'supertest';
import { startServerProcess, type ServerProcess } from './helpers/server-process.ts';
import { ADMIN_TOKEN } from './helpers/platform.ts';
import { testStores, uniqueId } from './helpers/store.ts';
import { awardBody } from './awards.http.test.ts';
import type { Store } from '../core/ports.ts';

const databaseUrl = process.env.DATABASE_URL;
const auth = ['Authorization', `Bearer ${ADMIN_TOKEN}`] as const;

(databaseUrl ? describe : describe.skip)('several server processes on one PostgreSQL (postgres)', function () {
  this.timeout(180_000);
  let store: Store;
  const processes: ServerProcess[] = [];

  before(async () => {
    store = await testStores().find((s) => s.name === 'postgres')!.open();
  });
  afterEach(async () => {
    await Promise.all(processes.splice(0).map((p) => p.kill('SIGKILL')));
  });

  it('issues concurrently from two processes with no duplicate status index and no lost award', async () => {
    const [a, b] = await Promise.all([startServerProcess({ DATABASE_URL: databaseUrl! }), startServerProcess({ DATABASE_URL: databaseUrl! })]);
    processes.push(a!, b!);
    const keys = Array.from({ length: 40 }, () => uniqueId('mp'));
    const shared = keys.slice(0, 10); // sent to both processes at once
    const sends = [
      ...keys.map((key, i) => ({ server: i % 2 === 0 ? a! : b!, key })),
      ...shared.map((key, i) => ({ server: i % 2 === 0 ? b! : a!, key })),
    ];
    const responses = await Promise.all(
      sends.map(({ server, key }) => request(server.url).post('/awards').set(...auth).set('Idempotency-Key', key).send(awardBody())),
    );
    for (const res of responses) expect([200, 201], res.text).to.include(res.status);
    expect(responses.filter((r) => r.status === 201)).to.have.length(keys.length);

    const byKey = new Map<string, string>();
    responses.forEach((res, i) => {
      const key = sends[i]!.key;
      const id = res.body.credentialId as string;
      if (byKey.has(key)) expect(byKey.get(key), 'one credential per key').to.equal(id);
      byKey.set(key, id);
    });
    const slots = new Set<string>();
    for (const id of new Set(byKey.values())) {
      const record = await store.credentials.getById(id);
      expect(record, `credential ${id} was lost`).to.not.equal(null);
      for (const at of [record!.revocation, record!.suspension]) {
        const slot = `${at.listId}:${at.index}`;
        expect(slots.has(slot), `duplicate status index ${slot}`).to.equal(false);
        slots.add(slot);
      }
    }
    expect(slots.size).to.equal(keys.length * 2);
  });

  it('leaves every award exactly once after a SIGKILL mid-batch and a retried batch', async () => {
    const rows = Array.from({ length: 300 }, () => ({ idempotencyKey: uniqueId('crash'), award: awardBody() }));
    const first = await startServerProcess({ DATABASE_URL: databaseUrl! });
    processes.push(first);
    const pending = request(first.url).post('/awards/batch').set(...auth).send({ awards: rows }).then(
      (res) => res.status,
      () => 'aborted',
    );
    // Kill once part of the batch is committed.
    const deadline = Date.now() + 60_000;
    while ((await countIssued(store, rows)) < 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await first.kill('SIGKILL');
    expect(await pending).to.equal('aborted');
    const partial = await countIssued(store, rows);
    expect(partial).to.be.greaterThan(0);
    expect(partial).to.be.lessThan(rows.length);

    const second = await startServerProcess({ DATABASE_URL: databaseUrl! });
    processes.push(second);
    const res = await request(second.url).post('/awards/batch').set(...auth).send({ awards: rows }).expect(200);
    expect(res.body.failed).to.equal(0);
    expect(res.body.existing).to.equal(partial);
    expect(res.body.issued).to.equal(rows.length - partial);
    expect(await countIssued(store, rows)).to.equal(rows.length);
    const ids = new Set(res.body.results.map((r: { credentialId: string }) => r.credentialId));
    expect(ids.size).to.equal(rows.length);
  });
});

async function countIssued(store: Store, rows: { idempotencyKey: string }[]): Promise<number> {
  const academy = await store.issuers.getBySlug('academy');
  if (!academy) return 0;
  let n = 0;
  for (const row of rows) if (await store.credentials.getByIdempotencyKey(academy.id, row.idempotencyKey)) n++;
  return n;
}
