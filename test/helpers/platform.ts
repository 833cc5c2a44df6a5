/**
 * A real platform for HTTP tests: the real app on the shared test stores (PGlite, and PostgreSQL when DATABASE_URL is
 * set), with every log line captured so tests can assert what was (not) logged.
 */
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../config/load-config.ts';
import { createLogger } from '../../http/logger.ts';
import { openPlatform, type Platform } from '../../server.ts';
import { createDocumentLoader } from '../../contexts/document-loader.ts';
import { credentialSchemaUrl } from '../../issuer/issuer-deps.ts';
import { didDocumentFor } from '../../issuer/issuer-documents.ts';
import { openBadgeCredentialSchema } from '../../issuer/open-badge-credential-schema.ts';
import { getStatusListCredential } from '../../issuer/status-list-credential.ts';
import { createLocalStatusListFetcher, type VerifyCredentialOptions } from '../../verifier/index.ts';
import { testStores, type StoreName } from './store.ts';

export const TEST_PUBLIC_URL = 'http://academy.test';
export const ADMIN_TOKEN = 'test-admin-token-4f1d0b9e2c7a4e8f9d3b';
/** Fixed so a persistent test database stays readable across runs; never a production key. */
export const TEST_KEK = '7f'.repeat(32);

export interface TestPlatform extends Platform {
  logLines: string[];
  storeName: StoreName;
}

const platforms = new Map<StoreName, Promise<TestPlatform>>();

export function testConfig(env: Record<string, string> = {}) {
  return loadConfig({
    PUBLIC_URL: TEST_PUBLIC_URL,
    PROOFLINE_DATA_DIR: path.join(os.tmpdir(), 'proofline-test-data'),
    PROOFLINE_ADMIN_TOKEN: ADMIN_TOKEN,
    PROOFLINE_KEK: TEST_KEK,
    LOG_LEVEL: 'info',
    // The suite signs many accounts in from one address; test/auth-rate-limit.http.test.ts checks the limit itself.
    PROOFLINE_AUTH_RATE_LIMIT: '100000',
    ...env,
  });
}

/** One `describe` per store kind, with the platform of that store (opened once per run). */
export function forEachPlatform(title: string, fn: (get: () => TestPlatform) => void): void {
  for (const testStore of testStores()) {
    describe(`${title} (${testStore.name})`, function () {
      let platform: TestPlatform | undefined;
      before(async function () {
        this.timeout(120_000);
        let pending = platforms.get(testStore.name);
        if (!pending) {
          pending = (async () => {
            const logLines: string[] = [];
            const logger = createLogger({ level: 'info', destination: { write: (line: string) => void logLines.push(line) } });
            const store = await testStore.open();
            const opened = await openPlatform(testConfig(), { store, logger });
            return Object.assign(opened, { logLines, storeName: testStore.name });
          })();
          platforms.set(testStore.name, pending);
        }
        platform = await pending;
      });
      fn(() => {
        if (!platform) throw new Error('the platform is opened in a before() hook');
        return platform;
      });
    });
  }
}

export function bearer(token = ADMIN_TOKEN): [string, string] {
  return ['Authorization', `Bearer ${token}`];
}

/**
 * Verifier options that know this platform's own issuers only (no network, no cache): its did:web documents, status
 * lists read from the store at each check, and its credential schema. Tests add trust, clock and the like.
 */
export function ownIssuerVerification(platform: Platform): Required<Pick<VerifyCredentialOptions, 'documentLoader' | 'resolveDid' | 'fetchStatusList' | 'loadSchema'>> {
  const { store, issuerDeps } = platform;
  return {
    documentLoader: createDocumentLoader(),
    resolveDid: async (did) => {
      const issuer = await store.issuers.getByDid(did);
      return issuer && issuer.didMethod === 'web' ? didDocumentFor(store, issuer) : null;
    },
    fetchStatusList: createLocalStatusListFetcher({ publicUrl: TEST_PUBLIC_URL, load: (id) => getStatusListCredential(issuerDeps, id) }),
    loadSchema: async (id) => (id === credentialSchemaUrl(TEST_PUBLIC_URL) ? openBadgeCredentialSchema(TEST_PUBLIC_URL) : null),
  };
}
