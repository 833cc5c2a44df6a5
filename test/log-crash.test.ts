/**
 * Crash safety of the log on the PostgreSQL server (issue 4): two server processes append concurrently, one is killed
 * with SIGKILL in the middle of a burst of awards and restarted; the log stays gap-free with one root per size, the
 * audit passes, and the number of entries equals the number of credentials plus status changes.
 */
import os from 'node:os';
import { expect } from 'chai';
import request from 'supertest';
import { loadKek } from '../crypto/kek.ts';
import { auditLog } from '../log/audit-log.ts';
import { createTransparencyLog } from '../log/create-transparency-log.ts';
import { logOrigin } from '../log/log-key.ts';
import { leafHash, rootFromLeafHashes, equalBytes } from '../log/merkle.ts';
import { awardBody } from './awards.http.test.ts';
import { openIsolatedStore, type IsolatedStore } from './helpers/isolated-store.ts';
import { loopbackFetch } from './helpers/loopback-fetch.ts';
import { bearer, TEST_KEK, TEST_PUBLIC_URL } from './helpers/platform.ts';
import { startServerProcess, type ServerProcess } from './helpers/server-process.ts';
import { uniqueId } from './helpers/store.ts';

(process.env.DATABASE_URL ? describe : describe.skip)('transparency log across crashes (postgres)', function () {
  this.timeout(60_000);
  let iso: IsolatedStore;
  const processes: ServerProcess[] = [];

  before(async () => {
    iso = await openIsolatedStore('postgres');
  });
  after(async () => {
    await Promise.all(processes.map((p) => p.kill('SIGKILL')));
    await iso?.dispose();
  });

  it('survives SIGKILL mid-burst with two processes appending: gap-free, audited, one entry per credential and change', async () => {
    const env = { DATABASE_URL: iso.databaseUrl! };
    // One after the other: on a fresh database, two processes starting at once race to insert the configured admin
    // token (http/tokens.ts ensureAdminToken checks, then inserts) and one exits with CONFLICT.
    const a = await startServerProcess(env);
    processes.push(a);
    const b = await startServerProcess(env);
    processes.push(b);

    // A burst from 12 concurrent clients, alternating between the processes; A is killed after 30 responses.
    const total = 120;
    let next = 0;
    let done = 0;
    let aAlive = true;
    let failed = 0;
    const worker = async () => {
      while (next < total) {
        const i = next++;
        const target = i % 2 === 0 && aAlive ? a : b;
        try {
          await request(target.url).post('/awards').set(...bearer()).set('Idempotency-Key', uniqueId('crash')).send(awardBody()).expect(201);
        } catch {
          failed++; // in flight to A when it died: issued or not, never half
        }
        if (++done === 30) {
          aAlive = false;
          await a.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 12 }, worker));
    expect(aAlive).to.equal(false);
    expect(done).to.equal(total);

    // Restart A; it appends after whatever the dead process committed, and records a revocation.
    const restarted = await startServerProcess(env);
    processes.push(restarted);
    const last = await request(restarted.url).post('/awards').set(...bearer()).send(awardBody()).expect(201);
    await request(restarted.url)
      .post('/credentials/status')
      .set(...bearer())
      .send({ credentialId: last.body.credentialId, credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose: 'revocation', status: true }] })
      .expect(200);

    // A checkpoint of the whole log, signed from this process with the same stored key (a third checkpointer).
    const log = createTransparencyLog({
      store: iso.store,
      kek: loadKek({ kek: TEST_KEK, dataDir: os.tmpdir() }),
      origin: logOrigin(TEST_PUBLIC_URL),
    });
    const checkpoint = await log.checkpointNow();

    const [stats] = await iso.sql<{ n: number; max: number; credentials: number; revoked: number; keys: number }>(
      `select (select count(*)::int from log_entries) as n, (select max(idx)::int from log_entries) as max,
              (select count(*)::int from credentials) as credentials,
              (select count(*)::int from credentials where revoked_at is not null) as revoked,
              (select count(*)::int from keys where purpose <> 'log') as keys`,
    );
    expect(stats!.n, 'gap-free').to.equal(stats!.max + 1);
    expect(stats!.n).to.equal(stats!.credentials + stats!.revoked + stats!.keys);
    expect(stats!.credentials).to.be.at.least(total - failed + 1);
    expect(checkpoint.size).to.equal(stats!.n);

    const report = await auditLog({ baseUrl: restarted.url, fetch: loopbackFetch, verifierKey: (await log.logKey()).verifierKey });
    expect(report.faults, JSON.stringify(report.faults)).to.deep.equal([]);
    expect(report.size).to.equal(stats!.n);
    expect(report.counts.revocation).to.equal(1);

    // One root per size: every checkpoint any process signed is the root of the entries up to its size.
    const entries = await iso.store.log.entries(0, stats!.n);
    const hashes = entries.map((e) => leafHash(e.leaf));
    const checkpoints = await iso.sql<{ size: string; root: Uint8Array }>('select size, root from log_checkpoints order by size');
    expect(checkpoints.length).to.be.greaterThan(0);
    for (const c of checkpoints) {
      expect(equalBytes(new Uint8Array(c.root), rootFromLeafHashes(hashes.slice(0, Number(c.size)))), `checkpoint ${c.size}`).to.equal(true);
    }
  });
});
