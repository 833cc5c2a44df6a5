/**
 * Child process of test/hot-path-closures.test.ts: awards an eddsa-rdfc-2022 and a vc+jwt credential on an embedded
 * platform, verifies each with all checks as the server does (status lists kept, schema, trust) and a presentation
 * path's helpers, and prints how many functions were named during the steady-state verifications (after a warm-up
 * that fills the caches), by place. Run with test/helpers/count-function-naming.mjs preloaded before tsx.
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
import { createLocalStatusListFetcher, trustedIssuersFromStore, verifyCredential, type VerifyCredentialOptions } from '../../verifier/index.ts';
import { ADMIN_TOKEN, TEST_PUBLIC_URL, testConfig } from './platform.ts';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'proofline-naming-'));
const platform = await openPlatform(testConfig({ PROOFLINE_DATA_DIR: dataDir }), { logger: createLogger({ level: 'silent' }) });
try {
  const award = async (options?: object) =>
    (
      await request(platform.app)
        .post('/awards')
        .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
        .send({
          achievement: 'prompt-engineering-foundation',
          recipient: { did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' },
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
  const counts = globalThis as unknown as { __countFunctionNaming: boolean; __functionNamingCounts: Map<string, number> };
  const report: Record<string, Record<string, number>> = {};
  for (const [name, credential] of Object.entries(credentials)) {
    for (let i = 0; i < 20; i++) if (!(await verifyCredential(credential, options)).verified) throw new Error(`${name} did not verify`);
    counts.__functionNamingCounts.clear();
    counts.__countFunctionNaming = true;
    for (let i = 0; i < 10; i++) await verifyCredential(credential, options);
    counts.__countFunctionNaming = false;
    report[name] = Object.fromEntries(counts.__functionNamingCounts);
  }
  console.log(JSON.stringify(report));
} finally {
  await platform.close();
  rmSync(dataDir, { recursive: true, force: true });
}
