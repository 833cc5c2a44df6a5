/**
 * Child process of test/hot-path-closures.test.ts: awards an eddsa-rdfc-2022 and a vc+jwt credential on an embedded
 * platform, verifies each with all checks as the server does (status lists kept, schema, trust) and a Data Integrity
 * presentation of the first (challenge and domain checked), and prints how many functions were named during the
 * steady-state verifications (after a warm-up that fills the caches), by place. Run with
 * test/helpers/count-function-naming.mjs preloaded before tsx.
 */
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import request from 'supertest';
import { createLogger } from '../../http/logger.ts';
import { credentialSchemaUrl } from '../../issuer/issuer-deps.ts';
import { findIssuerByDid } from '../../issuer/find-issuer.ts';
import { openBadgeCredentialSchema } from '../../issuer/open-badge-credential-schema.ts';
import { getStatusListCredential } from '../../issuer/status-list-credential.ts';
import { openPlatform } from '../../server.ts';
import { createLocalStatusListFetcher, trustedIssuersFromStore, verifyCredential, verifyPresentation, type VerifyCredentialOptions } from '../../verifier/index.ts';
import { createHolder } from './holder.ts';
import { ADMIN_TOKEN, TEST_PUBLIC_URL, testConfig } from './platform.ts';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'proofline-naming-'));
const platform = await openPlatform(testConfig({ PROOFLINE_DATA_DIR: dataDir }), { logger: createLogger({ level: 'silent' }) });
try {
  const holder = await createHolder();
  const award = async (options?: object) =>
    (
      await request(platform.app)
        .post('/awards')
        .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
        .send({
          achievement: 'prompt-engineering-foundation',
          recipient: { did: holder.did },
          result: { score: 91 },
          evidence: { assessmentId: `naming-${JSON.stringify(options ?? {})}` },
          ...(options ? { options } : {}),
        })
        .expect(201)
    ).body.verifiableCredential as object | string;
  const schema = openBadgeCredentialSchema(TEST_PUBLIC_URL);
  const options: VerifyCredentialOptions = {
    fetchStatusList: createLocalStatusListFetcher({ publicUrl: TEST_PUBLIC_URL, load: (id) => getStatusListCredential(platform.issuerDeps, id), cacheTtlMs: 60_000 }),
    trustedIssuers: trustedIssuersFromStore(platform.store, { ownIssuers: async (did) => (await findIssuerByDid(platform.store, did)) !== null }),
    loadSchema: async (id) => (id === credentialSchemaUrl(TEST_PUBLIC_URL) ? schema : null),
  };
  const credentials = { 'eddsa-rdfc-2022': await award(), 'vc+jwt': await award({ format: 'vc+jwt' }) };
  const challenge = 'a-challenge-of-this-test-0123456789';
  const presentation = await holder.signPresentation([credentials['eddsa-rdfc-2022'] as object], { challenge, domain: 'jobs.example' });
  const operations: Record<string, () => Promise<{ verified: boolean }>> = {
    'eddsa-rdfc-2022': () => verifyCredential(credentials['eddsa-rdfc-2022'], options),
    'vc+jwt': () => verifyCredential(credentials['vc+jwt'], options),
    // The challenge is checked but not consumed (no consumeChallenge), so the same presentation verifies again.
    presentation: () => verifyPresentation(presentation, { ...options, challenge, domain: 'jobs.example' }),
  };
  const counts = globalThis as unknown as { __countFunctionNaming: boolean; __functionNamingCounts: Map<string, number> };
  const report: Record<string, Record<string, number>> = {};
  for (const [name, verify] of Object.entries(operations)) {
    for (let i = 0; i < 20; i++) if (!(await verify()).verified) throw new Error(`${name} did not verify`);
    counts.__functionNamingCounts.clear();
    counts.__countFunctionNaming = true;
    for (let i = 0; i < 10; i++) await verify();
    counts.__countFunctionNaming = false;
    report[name] = Object.fromEntries(counts.__functionNamingCounts);
  }
  console.log(JSON.stringify(report));
} finally {
  await platform.close();
  rmSync(dataDir, { recursive: true, force: true });
}
