/**
 * Transparency log benchmark (issue 4): on embedded PGlite and, when DATABASE_URL is set, on a PostgreSQL server:
 *  (a) appends/second through the sequencer (log/append-log-entry.ts), one entry per transaction and N per
 *      transaction, beside a plain INSERT of the same leaf bytes into a scratch table in the same run (the ratio is
 *      the Merkle + sequencer + index overhead); and awards/second through the issuance path with and without the
 *      log hook, same platform, same run;
 *  (b) proof generation at LOG_BENCH_SIZE entries (default 1,000,000; PGlite: LOG_BENCH_PGLITE_SIZE, default the
 *      same, or 200,000 when DATABASE_URL is set too; 0 skips PGlite): the log is bulk-loaded (leaves and their
 *      perfect subtrees computed in memory with log/merkle.ts appendLeaf, written with a few large unnest() INSERTs),
 *      then inclusion and consistency proofs are generated through the service the HTTP routes call and each one is
 *      verified with verifyInclusion / verifyConsistency;
 *  (c) the full audit of that log with auditLog over HTTP on 127.0.0.1 (entries paged 1000 at a time).
 */
import os from 'node:os';
import path from 'node:path';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { loadConfig } from '../config/load-config.ts';
import type { Store } from '../core/ports.ts';
import { sha256Hex } from '../crypto/digest.ts';
import { ed25519Verify } from '../crypto/ed25519-raw.ts';
import { createLogger } from '../http/logger.ts';
import { awardAchievement, type AwardRequest } from '../issuer/award-achievement.ts';
import { createLogAppender, createLogBatchAppender } from '../log/append-log-entry.ts';
import { auditLog } from '../log/audit-log.ts';
import { decodeBase64 } from '../log/base64.ts';
import { verifyCheckpoint } from '../log/checkpoint.ts';
import { encodeLogEntry, type LogEvent } from '../log/log-entry.ts';
import { appendLeaf, EMPTY_EDGE, leafHash, rootFromLeafHashes, verifyConsistency, verifyInclusion, type RightEdge } from '../log/merkle.ts';
import { storedTree } from '../log/stored-tree.ts';
import { openPlatform, type Platform } from '../server.ts';
import { createStore } from '../storage/create-store.ts';
import type { Db } from '../storage/db.ts';
import { migratePgliteDatabase, migratePostgresDatabase } from '../storage/migrate.ts';
import { createSerialQueue } from '../storage/serial-queue.ts';
import { measure, printTable, type Rate } from './measure.ts';

const ADMIN = 'bench-admin-token-0123456789abcdef';
const BATCH = 32;
const CHUNK = 20_000;
const ISSUER = 'did:web:bench.test';
const KEY_ID = `${ISSUER}#key-1`;
const STATUS_LIST = 'https://bench.test/status/1';
const TIME = '2026-01-01T00:00:00Z';

type Exec = (text: string, params?: unknown[]) => Promise<unknown>;

interface BenchDb {
  kind: Store['kind'];
  /** For openPlatform: the database it should open. */
  env: Record<string, string>;
  /** A Store of our own on the database, and the drizzle handle under it (for the reference INSERTs). */
  open(): Promise<{ store: Store; db: Db; gate: <T>(op: () => Promise<T>) => Promise<T>; exec: Exec; close(): Promise<void> }>;
  drop(): Promise<void>;
}

/** Issuance leaf number i: a unique digest and status index, nothing personal, valid for the auditor. */
function event(i: number): LogEvent {
  return {
    type: 'issuance',
    time: TIME,
    issuer: ISSUER,
    keyId: KEY_ID,
    credentialDigest: sha256Hex(`bench-credential-${i}`),
    statusList: STATUS_LIST,
    statusIndex: i,
  };
}

const award = (i: number): AwardRequest => ({
  achievement: 'prompt-engineering-foundation',
  recipient: { did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' },
  result: { score: 80 + (i % 20), rubricLevel: 'proficient' },
  evidence: { assessmentId: `log-bench-${i}` },
});

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const b64 = (text: string) => {
  const bytes = decodeBase64(text);
  if (!bytes) throw new Error(`not base64: ${text}`);
  return bytes;
};

function pgliteDb(): BenchDb {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'proofline-logbench-'));
  const directory = path.join(dataDir, 'pgdata');
  mkdirSync(directory, { recursive: true });
  return {
    kind: 'pglite',
    env: { PROOFLINE_DATA_DIR: dataDir },
    async open() {
      const client = await PGlite.create(directory);
      await migratePgliteDatabase(client);
      const queue = createSerialQueue();
      const db = drizzlePglite(client) as unknown as Db;
      const close = async () => {
        await queue.drain();
        if (!client.closed) await client.close();
      };
      const store = createStore({ kind: 'pglite', db, gate: queue.run, close });
      return { store, db, gate: queue.run, exec: (text, params) => queue.run(() => client.query(text, params)), close };
    },
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

async function postgresDb(databaseUrl: string): Promise<BenchDb> {
  const name = `proofline_logbench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'proofline-logbench-'));
  return {
    kind: 'postgres',
    env: { DATABASE_URL: url.href, PROOFLINE_DATA_DIR: dataDir },
    async open() {
      const pool = new pg.Pool({ connectionString: url.href, max: 10 });
      pool.on('error', () => undefined);
      await migratePostgresDatabase(pool);
      const db = drizzlePg(pool) as unknown as Db;
      let closing: Promise<void> | undefined;
      const close = () => (closing ??= pool.end());
      const gate = <T>(op: () => Promise<T>) => op();
      const store = createStore({ kind: 'postgres', db, gate, close });
      return { store, db, gate, exec: (text, params) => pool.query(text, params), close };
    },
    async drop() {
      rmSync(dataDir, { recursive: true, force: true });
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name}`);
      await client.end();
    },
  };
}

/**
 * Writes leaves 0..size-1 (the log must be empty) and every perfect subtree they complete, CHUNK entries per INSERT,
 * exactly what `size` appends would have stored. Returns the leaf hashes (32 bytes each, concatenated).
 */
async function bulkLoad(exec: Exec, size: number): Promise<{ hashes: Buffer; seconds: number }> {
  const start = process.hrtime.bigint();
  const hashes = Buffer.alloc(size * 32);
  const createdAt = new Date().toISOString();
  let edge: RightEdge = EMPTY_EDGE;
  // Random-order inserts into the two secondary indexes dominate a load this size: drop them, build them once after
  // (the same definitions as storage/migrations/0001_log.sql).
  await exec('DROP INDEX log_entries_leaf_hash_idx');
  await exec('DROP INDEX log_entries_issuance_digest_key');
  for (let from = 0; from < size; from += CHUNK) {
    const to = Math.min(size, from + CHUNK);
    const idx: number[] = [];
    const leaves: string[] = [];
    const leafHashes: string[] = [];
    const digests: string[] = [];
    const levels: number[] = [];
    const subIdx: number[] = [];
    const subHashes: string[] = [];
    for (let i = from; i < to; i++) {
      const e = event(i) as Extract<LogEvent, { credentialDigest: string }>;
      const leaf = encodeLogEntry(e);
      const hash = leafHash(leaf);
      hashes.set(hash, i * 32);
      const appended = appendLeaf(edge, hash);
      edge = appended.edge;
      idx.push(i);
      leaves.push(Buffer.from(leaf).toString('hex'));
      leafHashes.push(Buffer.from(hash).toString('hex'));
      digests.push(e.credentialDigest);
      for (const s of appended.subtrees) {
        levels.push(s.level);
        subIdx.push(s.index);
        subHashes.push(Buffer.from(s.hash).toString('hex'));
      }
    }
    await exec(
      `INSERT INTO log_entries (idx, leaf, leaf_hash, credential_digest, created_at)
       SELECT i, decode(l, 'hex'), decode(h, 'hex'), d, $5::timestamptz FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) AS t(i, l, h, d)`,
      [idx, leaves, leafHashes, digests, createdAt],
    );
    await exec(
      `INSERT INTO log_subtrees (level, idx, hash)
       SELECT l, i, decode(h, 'hex') FROM unnest($1::int[], $2::bigint[], $3::text[]) AS t(l, i, h)`,
      [levels, subIdx, subHashes],
    );
    if (process.stderr.isTTY) process.stderr.write(`\r  bulk load ${to}/${size}`);
  }
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  await exec('CREATE INDEX log_entries_leaf_hash_idx ON log_entries USING btree (leaf_hash)');
  await exec('CREATE UNIQUE INDEX log_entries_issuance_digest_key ON log_entries USING btree (credential_digest) WHERE credential_digest IS NOT NULL');
  await exec('ANALYZE log_entries');
  await exec('ANALYZE log_subtrees');
  return { hashes, seconds: seconds(start) };
}

/**
 * Two operations measured in alternating rounds (A, B, A, B, ...), so drift in a shared machine's load hits both
 * alike; the rates are medians over rounds, latencies over all operations.
 */
async function measurePair(names: [string, string], ops: [() => Promise<unknown>, () => Promise<unknown>], { rounds = 7, perRound = 30, warmup = 10 } = {}): Promise<[Rate, Rate]> {
  const samples = ops.map(() => ({ rates: [] as number[], latencies: [] as number[] }));
  for (const op of ops) for (let i = 0; i < warmup; i++) await op();
  for (let r = 0; r < rounds; r++) {
    for (const [k, op] of ops.entries()) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < perRound; i++) {
        const t = process.hrtime.bigint();
        await op();
        samples[k]!.latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
      samples[k]!.rates.push(perRound / seconds(start));
    }
  }
  const at = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return samples.map(({ rates, latencies }, k) => {
    latencies.sort((a, b) => a - b);
    rates.sort((a, b) => a - b);
    return { name: names[k]!, perSecond: at(rates, 0.5), p50: at(latencies, 0.5), p99: at(latencies, 0.99) };
  }) as [Rate, Rate];
}

/** Rate of a batch measurement, per entry (ops/s × entries per op); p50/p99 stay per transaction. */
function perEntry(rate: Rate, n: number, name: string): Rate {
  return { ...rate, name, perSecond: rate.perSecond * n };
}

async function benchKind(bench: BenchDb, size: number): Promise<void> {
  const rows: { rate: Rate; reference?: Rate }[] = [];
  const notes: string[] = [];
  const label = bench.kind === 'postgres' ? 'PostgreSQL server' : 'PGlite (embedded)';

  // 1. Bulk load, then raw appends on top of it (the sequencer at `size` entries), beside plain INSERTs.
  const own = await bench.open();
  const loaded = await bulkLoad(own.exec, size);
  notes.push(`bulk load of ${size} leaves + subtrees (in-memory appendLeaf, unnest() INSERTs of ${CHUNK}, secondary indexes built after): ${loaded.seconds.toFixed(1)} s`);
  await own.exec('CREATE TABLE bench_leaves (idx bigint PRIMARY KEY, leaf bytea NOT NULL)');
  let next = size;
  let ref = 0;
  const append = createLogAppender({ clock: () => new Date() });
  const insertLeaf = (tx: Db) => tx.execute(sql`INSERT INTO bench_leaves (idx, leaf) VALUES (${ref++}, ${Buffer.from(encodeLogEntry(event(next + 10_000_000 + ref)))})`);
  const reference1 = await measure(`plain INSERT of the leaf, 1 per transaction [reference], ${label}`, () =>
    own.gate(() => own.db.transaction(async (tx) => void (await insertLeaf(tx as unknown as Db)))),
  );
  rows.push({ rate: reference1 });
  rows.push({
    rate: await measure(`log append (sequencer), 1 per transaction, ${label}`, () =>
      own.store.transaction((tx) => append(tx, event(next++))),
    ),
    reference: reference1,
  });
  const referenceN = perEntry(
    await measure('', () => own.gate(() => own.db.transaction(async (tx) => {
      for (let i = 0; i < BATCH; i++) await insertLeaf(tx as unknown as Db);
    })), { perRound: 20, warmup: 5 }),
    BATCH,
    `plain INSERT, ${BATCH} per transaction [reference], entries/s`,
  );
  rows.push({ rate: referenceN });
  rows.push({
    rate: perEntry(
      await measure('', () => own.store.transaction(async (tx) => {
        for (let i = 0; i < BATCH; i++) await append(tx, event(next++));
      }), { perRound: 20, warmup: 5 }),
      BATCH,
      `log append, ${BATCH} per transaction, entries/s`,
    ),
    reference: referenceN,
  });
  const appendMany = createLogBatchAppender({ clock: () => new Date() });
  rows.push({
    rate: perEntry(
      await measure('', () => own.store.transaction(async (tx) => {
        await appendMany(tx, Array.from({ length: BATCH }, () => event(next++)));
      }), { perRound: 20, warmup: 5 }),
      BATCH,
      `log appendMany (one lock, one head read), ${BATCH} per transaction, entries/s`,
    ),
    reference: referenceN,
  });
  await own.close();

  // 2. The platform on that database: awards with and without the log hook, proofs, audit.
  const config = loadConfig({ PUBLIC_URL: 'http://bench.test', PROOFLINE_ADMIN_TOKEN: ADMIN, PROOFLINE_KEK: '5a'.repeat(32), ...bench.env });
  const platform: Platform = await openPlatform(config, { logger: createLogger({ level: 'silent' }) });
  try {
    const academy = (await platform.store.issuers.getBySlug('academy'))!;
    const deps = platform.issuerDeps;
    const hooked = { ...deps, onIssued: platform.log.onIssued };
    let n = 0;
    for (const [format, options] of [['eddsa-rdfc-2022', undefined], ['vc+jwt EdDSA', { format: 'vc+jwt' as const }]] as const) {
      const body = () => ({ ...award(n++), ...(options ? { options } : {}) });
      const [without, withHook] = await measurePair(
        [`award ${format}, no log hook [reference], ${label}`, `award ${format}, with the log hook`],
        [() => awardAchievement(deps, academy, body(), null), () => awardAchievement(hooked, academy, body(), null)],
      );
      rows.push({ rate: without }, { rate: withHook, reference: without });
    }

    const started = process.hrtime.bigint();
    const checkpoint = await platform.log.checkpointNow();
    notes.push(`checkpoint of ${checkpoint.size} entries signed in ${(seconds(started) * 1000).toFixed(1)} ms`);
    const verifierKey = (await platform.log.logKey()).verifierKey;
    const verified = verifyCheckpoint(checkpoint.note, verifierKey, ed25519Verify);
    if (!verified.verified) throw new Error(`checkpoint does not verify: ${verified.detail}`);
    const root = verified.checkpoint.rootHash;
    const treeSize = checkpoint.size;

    // (b) Proofs through the service GET /log/proofs/* calls, every one verified afterwards.
    const random = (below: number) => Math.floor(Math.random() * below);
    const tree = storedTree(platform.store.log);
    // The path before the subtree cache, same run: read the entry, the latest checkpoint, then the proof's subtrees.
    const uncached = await measure(`uncached proof: entry, checkpoint, subtrees (3 round trips) [reference]`, async () => {
      const entry = (await platform.store.log.getEntry(random(treeSize)))!;
      const latest = (await platform.store.log.latestCheckpoint())!;
      await tree.inclusionProof(entry.index, latest.size);
    }, { rounds: 5, perRound: 200, warmup: 20 });
    rows.push({ rate: uncached });
    const inclusions: { index: number; leafHash: string; size: number; proof: string[] }[] = [];
    const inclusion = await measure(`inclusion proof at ${treeSize} entries (log.inclusionProof, cached), ${label}`, async () => {
      inclusions.push(await platform.log.inclusionProof({ index: random(treeSize) }));
    }, { rounds: 5, perRound: 200, warmup: 20 });
    rows.push({ rate: inclusion, reference: uncached });
    const plain: { index: number; proof: Uint8Array[] }[] = [];
    rows.push({
      rate: await measure(`  the uncached proof alone (storedTree.inclusionProof, 1 query)`, async () => {
        const index = random(treeSize);
        plain.push({ index, proof: await tree.inclusionProof(index, treeSize) });
      }, { rounds: 5, perRound: 200, warmup: 20 }),
      reference: inclusion,
    });
    const consistencies: { from: number; to: number; proof: string[] }[] = [];
    const consistency = await measure(`consistency proof to ${treeSize} (log.consistencyProof), ${label}`, async () => {
      consistencies.push(await platform.log.consistencyProof({ from: 1 + random(treeSize - 1), to: treeSize }));
    }, { rounds: 5, perRound: 200, warmup: 20 });
    rows.push({ rate: consistency });
    for (const p of plain) {
      if (p.index < size && !verifyInclusion(loaded.hashes.subarray(p.index * 32, p.index * 32 + 32), p.index, treeSize, p.proof, root)) {
        throw new Error(`inclusion proof of ${p.index} does not verify`);
      }
    }
    for (const p of inclusions) {
      const expected = p.index < size ? loaded.hashes.subarray(p.index * 32, p.index * 32 + 32) : b64(p.leafHash);
      if (!verifyInclusion(expected, p.index, p.size, p.proof.map(b64), root)) throw new Error(`inclusion proof of ${p.index} does not verify`);
    }
    for (const p of consistencies) {
      if (!verifyConsistency(p.from, p.to, p.proof.map(b64), await tree.root(p.from), root)) throw new Error(`consistency proof from ${p.from} does not verify`);
    }
    // The stored roots the consistency check used, against roots recomputed from the leaves themselves.
    for (const from of [1 + random(Math.min(size, treeSize) - 1), Math.min(size, treeSize)]) {
      const recomputed = rootFromLeafHashes(Array.from({ length: from }, (_, i) => loaded.hashes.subarray(i * 32, i * 32 + 32)));
      if (Buffer.compare(Buffer.from(recomputed), Buffer.from(await tree.root(from))) !== 0) throw new Error(`stored root of ${from} is wrong`);
    }
    notes.push(`${inclusions.length} inclusion and ${consistencies.length} consistency proofs verified against the signed root`);

    const server = platform.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const overHttp = await measure(`GET /log/proofs/inclusion over HTTP at ${treeSize}`, async () => {
        const res = await fetch(`${baseUrl}/log/proofs/inclusion?index=${random(treeSize)}`);
        if (res.status !== 200) throw new Error(`inclusion proof: ${res.status}`);
        await res.arrayBuffer();
      }, { rounds: 5, perRound: 100, warmup: 20 });
      rows.push({ rate: overHttp, reference: inclusion });

      // (c) The full audit, as `proofline audit` runs it.
      const auditStart = process.hrtime.bigint();
      const report = await auditLog({ baseUrl, verifierKey });
      const auditSeconds = seconds(auditStart);
      if (!report.ok) throw new Error(`audit failed: ${JSON.stringify(report.faults.slice(0, 5))}`);
      notes.push(`full audit over HTTP of ${report.size} entries: ${auditSeconds.toFixed(1)} s, ${(report.size / auditSeconds).toFixed(0)} entries/s (OK, root matches)`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  } finally {
    await platform.close();
  }
  console.log(`\nTransparency log, ${label}, ${size} bulk-loaded entries`);
  printTable(rows);
  for (const note of notes) console.log(`  ${note}`);
  console.log(`  proof generation median: inclusion ${rows.find((r) => r.rate.name.startsWith('inclusion'))!.rate.p50.toFixed(3)} ms, consistency ${rows.find((r) => r.rate.name.startsWith('consistency'))!.rate.p50.toFixed(3)} ms (target < 1 ms)`);
}

export async function runLogBench(): Promise<void> {
  const size = Number(process.env.LOG_BENCH_SIZE ?? 1_000_000);
  // A million entries on PGlite take about 7 minutes on 2 cores (load 100 s, audit 150 s): beside a PostgreSQL run,
  // PGlite gets a smaller log by default so the whole bench stays near 10 minutes.
  const pgliteSize = Number(process.env.LOG_BENCH_PGLITE_SIZE ?? (process.env.DATABASE_URL ? Math.min(size, 200_000) : size));
  if (!Number.isSafeInteger(size) || size < 2 || !Number.isSafeInteger(pgliteSize) || (pgliteSize < 2 && pgliteSize !== 0)) {
    throw new Error('LOG_BENCH_SIZE is an integer >= 2, LOG_BENCH_PGLITE_SIZE too (or 0: no PGlite run)');
  }
  console.log(`\nTransparency log (node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''})`);
  const kinds: [() => Promise<BenchDb>, number][] = [];
  if (pgliteSize > 0) kinds.push([async () => pgliteDb(), pgliteSize]);
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) kinds.push([() => postgresDb(databaseUrl), size]);
  for (const [make, n] of kinds) {
    const bench = await make();
    try {
      await benchKind(bench, n);
    } finally {
      await bench.drop();
    }
  }
  if (!databaseUrl) console.log('(set DATABASE_URL to measure on a PostgreSQL server too)');
}
