/**
 * The auditor against a real server on 127.0.0.1 (its own database, so rows can be tampered with): it passes on an
 * honest log, and fails when a stored entry is edited, deleted or reordered, when a checkpoint is replaced, and when
 * the checkpoint it saved last time is not a prefix of the served log (a fork or a rollback).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { expect } from 'chai';
import request from 'supertest';
import { auditCommand, runAudit, stateFile, type AuditState } from '../cli/audit.ts';
import { createLogger } from '../http/logger.ts';
import { auditLog, type AuditFaultCode } from '../log/audit-log.ts';
import { formatCheckpoint, signNote } from '../log/checkpoint.ts';
import { openPlatform, type Platform } from '../server.ts';
import { awardBody } from './awards.http.test.ts';
import { openIsolatedStore, type IsolatedStore } from './helpers/isolated-store.ts';
import { loopbackFetch } from './helpers/loopback-fetch.ts';
import { bearer, testConfig } from './helpers/platform.ts';
import { testStores, uniqueId } from './helpers/store.ts';

function capture(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({ write: (chunk, _enc, done) => ((text += String(chunk)), done()) });
  return { stream, text: () => text };
}

for (const { name } of testStores()) {
  describe(`proofline audit (${name})`, function () {
    this.timeout(60_000);
    let iso: IsolatedStore;
    let platform: Platform;
    let server: Server;
    let baseUrl = '';
    let stateDir = '';

    const codes = async (options: { previousCheckpoint?: string } = {}) => {
      const report = await auditLog({ baseUrl, fetch: loopbackFetch, verifierKey: (await platform.log.logKey()).verifierKey, ...options });
      return report.faults.map((f) => f.code);
    };
    const audit = async () => {
      const out = capture();
      const code = await runAudit({ baseUrl, stateDir, fetch: loopbackFetch, out: out.stream, progress: false });
      return { code, output: out.text() };
    };
    const award = async () =>
      (await request(server).post('/awards').set(...bearer()).set('Idempotency-Key', uniqueId('audit')).send(awardBody()).expect(201)).body as {
        credentialId: string;
        digest: string;
      };
    const setStatus = (credentialId: string, statusPurpose: 'revocation' | 'suspension', status: boolean) =>
      request(server)
        .post('/credentials/status')
        .set(...bearer())
        .send({ credentialId, credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose, status }] })
        .expect(200);
    /** Runs `tamper`, checks the audit fails with `expected`, then undoes it and checks the audit passes again. */
    const expectDetected = async (expected: AuditFaultCode, tamper: () => Promise<unknown>, undo: () => Promise<unknown>) => {
      try {
        await tamper();
        const found = await codes();
        expect(found, JSON.stringify(found)).to.include(expected);
        expect((await audit()).code).to.equal(1);
      } finally {
        await undo();
      }
      expect(await codes()).to.deep.equal([]);
    };

    before(async function () {
      this.timeout(120_000);
      iso = await openIsolatedStore(name);
      platform = await openPlatform(testConfig(), { store: iso.store, logger: createLogger({ level: 'silent' }) });
      server = createServer(platform.app);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      stateDir = await mkdtemp(path.join(os.tmpdir(), 'proofline-audit-'));
      const issued = [];
      for (let i = 0; i < 6; i++) issued.push(await award());
      await setStatus(issued[0]!.credentialId, 'revocation', true);
      await setStatus(issued[1]!.credentialId, 'suspension', true);
      await setStatus(issued[1]!.credentialId, 'suspension', false);
      await platform.log.checkpointNow();
    });
    after(async () => {
      await new Promise((resolve) => server?.close(resolve));
      await platform?.close();
      await iso?.dispose();
      if (stateDir) await rm(stateDir, { recursive: true, force: true });
    });

    it('passes on an honest log, pins the key, and passes again once the log grew', async () => {
      const first = await audit();
      expect(first.code, first.output).to.equal(0);
      expect(first.output).to.include('pinned now').and.to.include('6 issuance, 1 revocation, 1 suspension, 1 unsuspension');
      const saved = JSON.parse(await readFile(stateFile(stateDir, baseUrl), 'utf8')) as AuditState;
      expect(saved.verifierKey).to.equal((await platform.log.logKey()).verifierKey);
      // Exactly one entry per credential, per status change and per issuer key added.
      const [entries] = await iso.sql<{ n: number }>('select count(*)::int as n from log_entries');
      const [keys] = await iso.sql<{ n: number }>("select count(*)::int as n from keys where purpose <> 'log'");
      expect(entries?.n).to.equal((await iso.store.credentials.count()) + 3 + keys!.n);

      await award();
      await setStatus((await award()).credentialId, 'revocation', true);
      await platform.log.checkpointNow();
      const second = await audit();
      expect(second.code, second.output).to.equal(0);
      expect(second.output).to.include(`previous   size ${entries!.n}`).and.not.to.include('pinned now');
    });

    it('fails when a stored leaf is edited', async () => {
      const [row] = await iso.sql<{ leaf: Uint8Array }>('select leaf from log_entries where idx = 2');
      const edited = Buffer.from(new TextDecoder().decode(row!.leaf).replace(/"time":"2/, '"time":"1'));
      await expectDetected(
        'ROOT_MISMATCH',
        () => iso.sql('update log_entries set leaf = $1 where idx = 2', [edited]),
        () => iso.sql('update log_entries set leaf = $1 where idx = 2', [Buffer.from(row!.leaf)]),
      );
    });

    it('fails when a stored entry is deleted, or two are swapped', async () => {
      const rows = await iso.sql<{ idx: number; leaf: Uint8Array; leaf_hash: Uint8Array; credential_digest: string | null; created_at: Date }>(
        'select * from log_entries where idx in (3, 4) order by idx',
      );
      const [three, four] = rows as [(typeof rows)[0], (typeof rows)[0]];
      const restore = async () => {
        await iso.sql('delete from log_entries where idx in (3, 4)');
        for (const r of [three, four]) {
          await iso.sql('insert into log_entries values ($1, $2, $3, $4, $5)', [r.idx, Buffer.from(r.leaf), Buffer.from(r.leaf_hash), r.credential_digest, r.created_at]);
        }
      };
      await expectDetected('MISSING_ENTRIES', () => iso.sql('delete from log_entries where idx = 3'), restore);
      await expectDetected(
        'ROOT_MISMATCH',
        async () => {
          await iso.sql('delete from log_entries where idx in (3, 4)');
          await iso.sql('insert into log_entries values (3, $1, $2, null, now()), (4, $3, $4, null, now())', [
            Buffer.from(four.leaf), Buffer.from(four.leaf_hash), Buffer.from(three.leaf), Buffer.from(three.leaf_hash),
          ]);
        },
        restore,
      );
    });

    it('fails when the served checkpoint is replaced by one the log key did not sign', async () => {
      const [latest] = await iso.sql<{ size: number; note: string }>('select size, note from log_checkpoints order by size desc limit 1');
      const lines = latest!.note.split('\n');
      lines[1] = String(Number(lines[1]) - 1); // the same signature over another size
      await expectDetected(
        'BAD_CHECKPOINT',
        () => iso.sql('update log_checkpoints set note = $1 where size = $2', [lines.join('\n'), latest!.size]),
        () => iso.sql('update log_checkpoints set note = $1 where size = $2', [latest!.note, latest!.size]),
      );
    });

    it('fails on a fork: the checkpoint saved last time, validly signed, is not a prefix of the served log', async () => {
      const { signer } = await platform.log.logKey();
      const forged = async (size: number, rootHash: Uint8Array) => signNote(formatCheckpoint({ origin: platform.log.origin, size, rootHash }), signer);
      const fork = await codes({ previousCheckpoint: await forged(4, new Uint8Array(32).fill(7)) });
      expect(fork).to.include('FORK').and.to.include('INCONSISTENT_PROOF');
      const rollback = await codes({ previousCheckpoint: await forged(1_000_000, new Uint8Array(32)) });
      expect(rollback).to.include('ROLLBACK');

      // Through the CLI: the saved state holds the forked checkpoint; the audit fails and the state is left as it was.
      const file = stateFile(stateDir, baseUrl);
      const state = JSON.parse(await readFile(file, 'utf8')) as AuditState;
      const forkedState = { ...state, checkpoint: await forged(4, new Uint8Array(32).fill(7)) };
      await writeFile(file, JSON.stringify(forkedState));
      const result = await audit();
      expect(result.code).to.equal(1);
      expect(result.output).to.include('FORK');
      expect(JSON.parse(await readFile(file, 'utf8'))).to.deep.equal(forkedState);
      await writeFile(file, JSON.stringify(state));
      expect((await audit()).code).to.equal(0);
    });

    it('is a commander command: proofline audit <base-url> [--state-dir] [--key]', () => {
      const command = auditCommand();
      expect(command.name()).to.equal('audit');
      expect(command.options.map((o) => o.long)).to.include.members(['--state-dir', '--key']);
    });
  });
}
