/**
 * Marketplace benchmark (issue 6, performance; docs/decisions/0011):
 *
 * (a) Ranking 100,000 applications for one opening from stored evidence, on the PostgreSQL server (DATABASE_URL) and
 *     on PGlite (PROOFLINE_BENCH_PGLITE=off skips it). Seeded with set-based SQL (evidence rows generated in the
 *     database, skill rows derived from them the way storage/ derives them); the seed time is reported apart. Each
 *     ranking is timed beside references measured in the same run on the same rows: a plain count, the full read of the
 *     rows ranking reads, and the pure explained scorer (scoreMatch) over the same evidence held in memory.
 * (b) POST /match under load (autocannon, in-process server on 127.0.0.1) beside POST /credentials/verify of the same
 *     credential in the same run.
 */
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import autocannon from 'autocannon';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import request from 'supertest';
import { loadConfig } from '../config/load-config.ts';
import { systemClock } from '../core/clock.ts';
import type { OpeningRecord, Requirement } from '../core/marketplace-ports.ts';
import type { Store } from '../core/ports.ts';
import type { VerifiedCredential } from '../core/verified-credential.ts';
import { createApp } from '../http/create-app.ts';
import { createLogger } from '../http/logger.ts';
import { createToken } from '../http/tokens.ts';
import { evaluateApplications, rankOpening } from '../marketplace/evaluate-applications.ts';
import type { MarketplaceDeps } from '../marketplace/marketplace-deps.ts';
import { scoreMatch } from '../marketplace/score-match.ts';
import { planRanking } from '../marketplace/score-skill-rows.ts';
import { createSkillDirectory } from '../marketplace/skill-directory.ts';
import { fromEvidenceRecord } from '../marketplace/stored-evidence.ts';
import { openPlatform, readStarterCatalog } from '../server.ts';
import { createStore } from '../storage/create-store.ts';
import { migratePgliteDatabase } from '../storage/migrate.ts';
import { openStore } from '../storage/open-store.ts';
import { createSerialQueue } from '../storage/serial-queue.ts';
import { createHolder } from '../test/helpers/holder.ts';
import { createLocalStatusListFetcher, trustedIssuersFromStore } from '../verifier/index.ts';
import { verifierRoutes } from '../verifier/routes.ts';
import { credentialSchemaUrl } from '../issuer/issuer-deps.ts';
import { findIssuerByDid } from '../issuer/find-issuer.ts';
import { openBadgeCredentialSchema } from '../issuer/open-badge-credential-schema.ts';
import { getStatusListCredential } from '../issuer/status-list-credential.ts';
import { measure, type Rate } from './measure.ts';

const APPLICATIONS = Number(process.env.PROOFLINE_BENCH_APPLICATIONS ?? 100_000);
const CREDENTIALS_PER_APPLICATION = 3;
const RANKINGS = Number(process.env.PROOFLINE_BENCH_RANKINGS ?? 7);
const ISSUER = 'did:web:academy.bench';
const PUBLIC_URL = 'http://bench.test';
const ADMIN = 'bench-admin-token-0123456789abcdef';

interface RawDb {
  store: Store;
  query(text: string, params?: unknown[]): Promise<unknown[]>;
  close(): Promise<void>;
}

async function openPostgres(databaseUrl: string): Promise<RawDb> {
  const store = await openStore({ databaseUrl, dataDir: ':memory:', poolSize: 10 });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  return {
    store,
    query: async (text, params = []) => (await pool.query(text, params)).rows,
    close: async () => {
      await store.close();
      await pool.end();
    },
  };
}

async function openPglite(): Promise<RawDb> {
  const client = await PGlite.create();
  await migratePgliteDatabase(client);
  const queue = createSerialQueue();
  const store = createStore({ kind: 'pglite', db: drizzlePglite(client), gate: queue.run, close: async () => client.close() });
  return { store, query: async (text, params = []) => (await queue.run(() => client.query(text, params))).rows, close: () => store.close() };
}

/** One opening like examples/jobs.json: required and preferred skills over two areas, some with a recency limit. */
function benchRequirements(skill: (slug: string) => string): Requirement[] {
  return [
    { skill: skill('ai-assisted-sql'), minLevel: 'practitioner', required: true, weight: 3 },
    { skill: skill('data-cleaning'), minLevel: 'practitioner', required: true, weight: 2, maxAgeMonths: 24 },
    { skill: skill('analysis-verification'), minLevel: 'foundation', required: false, weight: 2 },
    { skill: skill('responsible-ai'), minLevel: 'foundation', required: true, weight: 2, maxAgeMonths: 36 },
    { skill: skill('structured-output'), minLevel: 'expert', required: false, weight: 1 },
  ];
}

/** Seeds `count` applications with 3 credentials each (an area's skills at one level), all in the database. */
async function seed(db: RawDb, openingId: string, count: number, areas: string[][]): Promise<number> {
  const started = performance.now();
  await db.query(
    `insert into applications (id, opening_id, holder, credentials, verification, flagged, flags, submitted_at, checked_at)
     select $1 || '-' || g, $1, 'did:key:bench' || g, '[]'::jsonb, '{}'::jsonb, false, '{}', now(), now() from generate_series(1, $2) g`,
    [openingId, count],
  );
  await db.query(
    `with c as (
       select g, p, floor(random() * $3)::int + 1 as area,
              (array['foundation', 'practitioner', 'expert'])[floor(random() * 3)::int + 1] as lvl,
              to_char((now() - random() * interval '1400 days') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as vf,
              random() < 0.02 as revoked
       from generate_series(1, $2) g, generate_series(0, ${CREDENTIALS_PER_APPLICATION - 1}) p)
     insert into application_evidence (application_id, position, opening_id, credential_id, digest, verified, issuer, trusted, revoked, suspended,
                                       valid_from, valid_until, skills, status_entries, problems, checked_at)
     select $1 || '-' || g, p, $1, 'urn:uuid:bench-' || g || '-' || p, md5(g || '-' || p), true, $4, true, revoked, false, vf, null,
            (select jsonb_agg(jsonb_build_object('id', s, 'level', lvl, 'name', s, 'validFrom', vf)) from jsonb_array_elements_text(($5::jsonb) -> (area - 1)) s),
            jsonb_build_array(jsonb_build_object('url', 'https://academy.bench/status-lists/1', 'index', g * 3 + p, 'purpose', 'revocation')),
            case when revoked then '{REVOKED}'::text[] else '{}'::text[] end, now()
     from c`,
    [openingId, count, areas.length, ISSUER, JSON.stringify(areas)],
  );
  // Derived as storage/evidence-repository.ts derives them (core evidenceSkillRows), set-based.
  await db.query(
    `insert into application_skills (opening_id, application_id, position, skill, level, issuer, valid_from_ms, valid_until_ms, usable)
     select e.opening_id, e.application_id, e.position, s ->> 'id',
            case coalesce(s ->> 'level', 'foundation') when 'foundation' then 0 when 'practitioner' then 1 else 2 end,
            coalesce(e.issuer, s ->> 'issuer'), (extract(epoch from (s ->> 'validFrom')::timestamptz) * 1000)::bigint, null,
            cardinality(e.problems) = 0
     from application_evidence e, jsonb_array_elements(e.skills) s where e.opening_id = $1 and e.verified`,
    [openingId],
  );
  // As autovacuum would: statistics, and the visibility map index-only scans rely on.
  for (const table of ['applications', 'application_evidence', 'application_skills']) await db.query(`vacuum analyze ${table}`);
  return performance.now() - started;
}

async function rankingBench(kind: string, db: RawDb, lines: string[]): Promise<void> {
  const catalog = readStarterCatalog();
  const skills = createSkillDirectory(catalog.framework);
  const skill = (slug: string) => `${catalog.framework.id}/skills/${slug}`;
  // Five areas, each its own skill and its sub-skills (as an Academy award aligns them).
  const areaIds = catalog.framework.skills.filter((s) => s.parent === null);
  const areas = areaIds.map((area) => [area.id, ...catalog.framework.skills.filter((s) => s.parent === area.slug).map((s) => s.id)]);
  const run = Math.random().toString(36).slice(2, 8);
  const organisationId = `bench-org-${run}`;
  const openingId = `bench-${run}`;
  await db.store.organisations.create({ id: organisationId, slug: organisationId, name: 'Bench', kind: 'company', createdAt: new Date() });
  const opening: OpeningRecord = {
    id: openingId,
    organisationId,
    title: 'Analyst',
    description: 'Bench',
    location: 'Remote',
    remote: 'remote',
    employmentType: null,
    requirements: benchRequirements(skill),
    acceptedIssuers: [],
    status: 'open',
    createdAt: new Date(),
  };
  await db.store.openings.create(opening);
  const seedMs = await seed(db, openingId, APPLICATIONS, areas);
  const [{ n }] = (await db.query('select count(*)::int as n from application_skills where opening_id = $1', [openingId])) as [{ n: number }];

  const deps = { store: db.store, skills } as Pick<MarketplaceDeps, 'store' | 'skills'>;
  const now = new Date();
  const plan = planRanking(opening.requirements, { now, skills });
  let ranked = 0;
  let readRows = 0;
  const options = { rounds: RANKINGS, perRound: 1, warmup: 1 };
  const count = await measure('count(*) of the opening\'s skill rows [reference]', () => db.query('select count(*) from application_skills where opening_id = $1', [openingId]), options);
  const read = await measure('read of the skill rows ranking aggregates, into node (no scoring) [reference]', async () => {
    readRows = (await db.store.evidence.rankingRows(openingId, plan.relevantSkills, now)).length;
  }, options);
  const rank = await measure('rank all applications (best levels per requirement in SQL + score + sort)', async () => {
    ranked = (await rankOpening(deps, opening, now)).length;
  }, options);
  const page = await measure('GET /jobs/{id}/matches service: rank + explain the top 100', () => evaluateApplications({ ...deps, clock: () => now, publicUrl: PUBLIC_URL } as MarketplaceDeps, openingId, { limit: 100 }), options);

  // The explained pure scorer over the same evidence, already in memory (what ranking would cost without the row scorer).
  const ids = (await db.store.evidence.listApplications(openingId)).map((a) => a.id);
  const evidence = [];
  for (let i = 0; i < ids.length; i += 10_000) evidence.push(...(await db.store.evidence.listByApplications(ids.slice(i, i + 10_000))));
  const byApplication = new Map<string, VerifiedCredential[]>();
  for (const record of evidence) {
    const credential = fromEvidenceRecord(record, now);
    if (!credential) continue;
    const list = byApplication.get(record.applicationId) ?? [];
    list.push(credential);
    byApplication.set(record.applicationId, list);
  }
  const pure = await measure('scoreMatch (explained) over the same evidence in memory [reference]', async () => {
    for (const credentials of byApplication.values()) scoreMatch(opening.requirements, credentials, { now, skills });
  }, { rounds: 3, perRound: 1, warmup: 0 });

  const row = (rate: Rate, reference?: Rate) =>
    `  ${rate.name.padEnd(70)} median ${rate.p50.toFixed(0).padStart(6)} ms  p99 ${rate.p99.toFixed(0).padStart(6)} ms${reference ? `  ${(rate.p50 / reference.p50).toFixed(2)}x ${reference === count ? 'count' : reference === read ? 'read' : 'scoreMatch'}` : ''}`;
  lines.push(
    `\nRanking ${ranked.toLocaleString('en')} applications for one opening (${kind}; ${(APPLICATIONS * CREDENTIALS_PER_APPLICATION).toLocaleString('en')} credentials, ` +
      `${n.toLocaleString('en')} skill rows, ${readRows.toLocaleString('en')} read for ${plan.relevantSkills.length} relevant skills; seed ${(seedMs / 1000).toFixed(1)} s; ${RANKINGS} rankings)`,
    row(count),
    row(read),
    row(rank, read),
    row(page, read),
    row(pure),
    `  ranking vs the pure explained scorer alone (no I/O): ${(rank.p50 / pure.p50).toFixed(2)}x; target < 1000 ms: ${rank.p99 < 1000 ? 'met' : 'NOT met'} (p99 ${rank.p99.toFixed(0)} ms)`,
  );
  if (process.env.PROOFLINE_BENCH_KEEP === 'on') lines.push(`  (rows kept: opening ${openingId})`);
  else await db.query('delete from applications where opening_id = $1', [openingId]);
}

async function httpBench(lines: string[]): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'proofline-marketplace-bench-'));
  const config = loadConfig({ PUBLIC_URL, PROOFLINE_DATA_DIR: dataDir, PROOFLINE_ADMIN_TOKEN: ADMIN, PROOFLINE_KEK: '5b'.repeat(32) });
  const platform = await openPlatform(config, { logger: createLogger({ level: 'silent' }) });
  const holder = await createHolder();
  const award = await request(platform.app)
    .post('/awards')
    .set('Authorization', `Bearer ${ADMIN}`)
    .send({ achievement: 'data-analysis-with-ai-practitioner', recipient: { did: holder.did }, result: { score: 90 }, evidence: { assessmentId: 'marketplace-bench' } })
    .expect(201);
  const credential = award.body.verifiableCredential as Record<string, unknown>;
  const presentation = await holder.signPresentation([credential], { challenge: 'bench-nonce', domain: 'board.bench' });
  const token = (await createToken(platform.store, { label: 'bench', scopes: ['match'], now: new Date() })).token;
  const catalog = readStarterCatalog();
  const matchBody = JSON.stringify({
    requirements: benchRequirements((slug) => `${catalog.framework.id}/skills/${slug}`),
    verifiablePresentation: presentation,
    options: { challenge: 'bench-nonce', domain: 'board.bench' },
  });
  const verifyApp = createApp({
    store: platform.store,
    logger: createLogger({ level: 'silent' }),
    publicUrl: PUBLIC_URL,
    // As the verify bench: the per-client limit off (autocannon is one client).
    routes: verifierRoutes({
      clock: systemClock,
      documentLoader: platform.issuerDeps.documentLoader,
      // All the checks /match's verification runs: status (our list, locally), trust, schema.
      fetchStatusList: createLocalStatusListFetcher({ publicUrl: PUBLIC_URL, load: (id) => getStatusListCredential(platform.issuerDeps, id) }),
      trustedIssuers: trustedIssuersFromStore(platform.store, { ownIssuers: async (did) => (await findIssuerByDid(platform.store, did)) !== null }),
      loadSchema: async (id) => (id === credentialSchemaUrl(PUBLIC_URL) ? openBadgeCredentialSchema(PUBLIC_URL) : null),
      rateLimit: false,
    }),
  });
  const listen = async (app: { listen(port: number, host: string): Server }) => {
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  };
  const main = await listen(platform.app);
  const verify = await listen(verifyApp);
  const targets: { name: string; url: string; body: string; headers: Record<string, string> }[] = [
    { name: 'POST /credentials/verify (same credential) [reference]', url: `${verify.base}/credentials/verify`, body: JSON.stringify({ verifiableCredential: credential }), headers: {} },
    { name: 'POST /match (presentation + credential + score + signed receipt)', url: `${main.base}/match`, body: matchBody, headers: { authorization: `Bearer ${token}` } },
  ];
  const results: { name: string; rps: number; p50: number; p99: number; ok: number; bad: number }[] = [];
  for (const target of targets) {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...target.headers };
    const probe = await fetch(target.url, { method: 'POST', headers, body: target.body });
    if (probe.status !== 200) throw new Error(`${target.name} answered ${probe.status}: ${await probe.text()}`);
    const result = await autocannon({ url: target.url, method: 'POST', headers, body: target.body, connections: 10, duration: 5 });
    results.push({ name: target.name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, ok: result['2xx'], bad: result.non2xx + result.errors });
  }
  const reference = results[0]!;
  lines.push(`\nHTTP under load (autocannon, 10 connections, 5 s each, in-process server on 127.0.0.1, PGlite)`);
  for (const r of results) {
    lines.push(
      `  ${r.name.padEnd(70)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  (${r.ok} ok, ${r.bad} not)` +
        (r === reference ? '' : `  ${(r.rps / reference.rps).toFixed(2)}x the reference throughput`),
    );
  }
  await new Promise((resolve) => main.server.close(resolve));
  await new Promise((resolve) => verify.server.close(resolve));
  await platform.close();
  rmSync(dataDir, { recursive: true, force: true });
}

export async function runMarketplaceBench(): Promise<void> {
  const lines: string[] = [];
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const db = await openPostgres(databaseUrl);
    try {
      await rankingBench('PostgreSQL server', db, lines);
    } finally {
      await db.close();
    }
  } else lines.push('\nRanking on the PostgreSQL server skipped: DATABASE_URL is not set.');
  if (process.env.PROOFLINE_BENCH_PGLITE !== 'off') {
    const db = await openPglite();
    try {
      await rankingBench('PGlite, in memory', db, lines);
    } finally {
      await db.close();
    }
  }
  await httpBench(lines);
  console.log(`\nMarketplace (node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''})`);
  for (const line of lines) console.log(line);
}
