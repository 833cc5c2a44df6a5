/**
 * Wallet list benchmark (issue #5, Performance): latency of `GET /wallet/credentials` with 1,000 credentials in one
 * wallet, without and with filters, on embedded PGlite and, when DATABASE_URL is set, on that PostgreSQL server. Beside
 * it, measured in the same run: `GET /healthz` (the HTTP floor: express, helmet, logging, one keep-alive round trip)
 * and the raw repository query the route wraps (`store.walletCredentials.list`), so the table shows what the database
 * costs and what the route adds on top (holder authentication, the summary mapping, JSON of 1,000 rows).
 *
 * The 1,000 credentials are seeded straight into the repository: one real Academy award, received through the wallet,
 * copied with fresh ids and digests and spread over 5 achievements, 4 skills and 3 statuses (so filters select 10 to
 * 50 % of the rows). Each copy keeps the award's bytes and verification result, like a real row.
 */
import os from 'node:os';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { WalletCredentialRecord, WalletCredentialStatus } from '../core/ports.ts';
import type { Platform } from '../server.ts';
import { BENCH_ADMIN_TOKEN, openBenchPlatform, scratchDatabase } from './bench-platform.ts';
import { measure, printTable, type Rate } from './measure.ts';

const ADMIN = BENCH_ADMIN_TOKEN;
const PASSWORD = 'bench password 0123456789';
export const WALLET_SIZE = 1000;
const ACHIEVEMENTS = ['ach-a', 'ach-b', 'ach-c', 'ach-d', 'ach-e'].map((slug) => `https://bench.test/achievements/${slug}`);
const SKILLS = ['structured-output', 'few-shot-design', 'context-grounding', 'agent-planning'].map((s) => `https://bench.test/skills/${s}`);


async function call(baseUrl: string, route: string, init: RequestInit = {}): Promise<Record<string, unknown>> {
  const res = await fetch(`${baseUrl}${route}`, { ...init, headers: { 'Content-Type': 'application/json', ...(init.headers as Record<string, string>) } });
  const body = (await res.json()) as Record<string, unknown>;
  if (res.status >= 300) throw new Error(`${route}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** A holder with WALLET_SIZE credentials; returns what the bench calls. */
async function seedWallet(platform: Platform, baseUrl: string): Promise<{ holderId: string; accessToken: string }> {
  const email = `bench-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;
  const account = await call(baseUrl, '/wallet/accounts', { method: 'POST', body: JSON.stringify({ email, password: PASSWORD }) });
  const { accessToken } = (await call(baseUrl, '/wallet/sessions', { method: 'POST', body: JSON.stringify({ email, password: PASSWORD }) })) as { accessToken: string };
  const holderId = account.id as string;
  const auth = { Authorization: `Bearer ${accessToken}` };
  await call(baseUrl, '/awards', {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN}` },
    body: JSON.stringify({ achievement: 'prompt-engineering-foundation', recipient: { did: account.did }, result: { score: 88, rubricLevel: 'proficient' } }),
  });
  const { added } = (await call(baseUrl, '/wallet/credentials/sync', { method: 'POST', headers: auth })) as { added: { id: string }[] };
  const template = (await platform.store.walletCredentials.get(holderId, added[0]!.id))!;
  const statuses: WalletCredentialStatus[] = ['verified', 'verified', 'verified', 'verified', 'verified', 'verified', 'verified', 'verified', 'revoked', 'expired'];
  const start = template.addedAt.getTime();
  for (let i = 1; i < WALLET_SIZE; i++) {
    const copy: WalletCredentialRecord = {
      ...template,
      id: globalThis.crypto.randomUUID(),
      digest: createHash('sha256').update(`${template.digest}/${i}`).digest('hex'),
      achievementId: ACHIEVEMENTS[i % ACHIEVEMENTS.length]!,
      skills: [SKILLS[i % SKILLS.length]!, SKILLS[(i + 1) % SKILLS.length]!],
      status: statuses[i % statuses.length]!,
      validUntil: i % 3 === 0 ? new Date(start + (i - WALLET_SIZE / 2) * 86_400_000) : null,
      addedAt: new Date(start - i * 1000),
    };
    await platform.store.walletCredentials.insert(copy);
  }
  return { holderId, accessToken };
}

async function listen(app: Platform['app']): Promise<{ url: string; server: Server }> {
  const server = app.listen(0, '127.0.0.1');
  // The repository rows run in this process between HTTP rows: an idle keep-alive socket must outlive them, or the
  // client reuses one the server is closing (ECONNRESET).
  server.keepAliveTimeout = 120_000;
  await new Promise((resolve) => server.once('listening', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function benchStore(label: string, databaseUrl: string | undefined): Promise<{ rate: Rate; reference?: Rate }[]> {
  const { platform, cleanup } = await openBenchPlatform(databaseUrl);
  const { url, server } = await listen(platform.app);
  try {
    const seeding = process.hrtime.bigint();
    const { holderId, accessToken } = await seedWallet(platform, url);
    console.log(`${label}: ${WALLET_SIZE} credentials seeded in ${(Number(process.hrtime.bigint() - seeding) / 1e6).toFixed(0)} ms`);
    const auth = { Authorization: `Bearer ${accessToken}` };
    const get = (route: string, expected?: number) => async () => {
      // /healthz is public: a holder token there would be checked as an API token, and refused.
      const res = await fetch(`${url}${route}`, route === '/healthz' ? {} : { headers: auth });
      const body = (await res.json()) as { credentials?: unknown[] };
      if (res.status !== 200 || (expected !== undefined && body.credentials?.length !== expected)) throw new Error(`${route}: ${res.status}, ${body.credentials?.length} rows`);
    };
    const options = { rounds: 5, perRound: 20, warmup: 5 };
    const healthz = await measure(`GET /healthz, ${label} [reference: HTTP floor]`, get('/healthz'), { rounds: 5, perRound: 200, warmup: 50 });
    const repository = await measure(`store.walletCredentials.list (${WALLET_SIZE} rows), ${label} [reference: the query]`, () => platform.store.walletCredentials.listSummaries(holderId), options);
    const rows: { rate: Rate; reference?: Rate }[] = [{ rate: healthz }, { rate: repository }];
    const routes: [string, string, number][] = [
      ['no filter', '', WALLET_SIZE],
      ['status=revoked', '?status=revoked', WALLET_SIZE / 10],
      ['achievement=', `?achievement=${encodeURIComponent(ACHIEVEMENTS[1]!)}`, WALLET_SIZE / ACHIEVEMENTS.length],
      ['skill=', `?skill=${encodeURIComponent(SKILLS[2]!)}`, WALLET_SIZE / 2],
    ];
    for (const [name, query, count] of routes) {
      rows.push({ rate: await measure(`GET /wallet/credentials ${name} (${count} rows), ${label}`, get(`/wallet/credentials${query}`, count), options), reference: repository });
    }
    if (databaseUrl) {
      // Where the time goes: the same query over a plain pg connection, all columns (what the repository reads: the
      // kept bytes and the verification jsonb, ~7 KB a row) against only the columns the list shows (~0.3 KB a row).
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      const order = 'from wallet_credentials where holder_id = $1 order by added_at desc, id desc';
      const summary = 'id, source, format, credential_id, issuer, achievement_id, name, skills, valid_until, status, checked_at, added_at';
      rows.push({ rate: await measure(`pg: select * (${WALLET_SIZE} rows), ${label}`, () => client.query(`select * ${order}`, [holderId]), options), reference: repository });
      rows.push({ rate: await measure(`pg: select summary columns only (${WALLET_SIZE} rows), ${label}`, () => client.query(`select ${summary} ${order}`, [holderId]), options), reference: repository });
      await client.end();
    }
    rows.push({
      rate: await measure(`store.walletCredentials.list status=revoked, ${label}`, () => platform.store.walletCredentials.listSummaries(holderId, { status: 'revoked' }), options),
      reference: repository,
    });
    return rows;
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await platform.close();
    cleanup();
  }
}

export async function runWalletBench(): Promise<void> {
  const rows = await benchStore('PGlite', undefined);
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    // A database of its own (keys sealed under this bench's KEK, no other rows), dropped afterwards.
    const scratch = await scratchDatabase(databaseUrl, 'proofline_wallet_bench');
    try {
      rows.push(...(await benchStore('PostgreSQL', scratch.url)));
    } finally {
      await scratch.drop();
    }
  }
  console.log(`\nWallet list, ${WALLET_SIZE} credentials in one wallet (node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''})`);
  console.log('"vs ref" = throughput relative to the raw repository query of the same store (100% = the route adds nothing)');
  printTable(rows);
  if (!databaseUrl) console.log('(set DATABASE_URL to measure on a PostgreSQL server too)');
}

