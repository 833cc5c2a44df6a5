/**
 * Builds a Store on a drizzle handle. The same repositories serve the root store and every transaction; what differs
 * is how a call reaches the database (`gate`) and what `transaction`/`lock` mean there.
 */
import { sql } from 'drizzle-orm';
import { OverloadedError, ProoflineError } from '../core/errors.ts';
import type { Store } from '../core/ports.ts';
import { createAchievementRepository } from './achievement-repository.ts';
import { createApplicationRepository } from './application-repository.ts';
import { createChallengeRepository } from './challenge-repository.ts';
import { createCredentialRepository } from './credential-repository.ts';
import { createEvidenceRepository } from './evidence-repository.ts';
import { createEmployerRepository } from './employer-repository.ts';
import type { Db } from './db.ts';
import { createIssuerRepository } from './issuer-repository.ts';
import { createHolderEmailRepository } from './holder-email-repository.ts';
import { createHolderKeyRepository } from './holder-key-repository.ts';
import { createHolderRepository } from './holder-repository.ts';
import { createHolderSessionRepository } from './holder-session-repository.ts';
import { createSignInFailureRepository } from './sign-in-failure-repository.ts';
import { createKeyRepository } from './key-repository.ts';
import { createLogRepository } from './log-repository.ts';
import { createOpeningRepository } from './opening-repository.ts';
import { createOrganisationApiKeyRepository } from './organisation-api-key-repository.ts';
import { createOrganisationRepository } from './organisation-repository.ts';
import { createOrganisationVerificationRepository } from './organisation-verification-repository.ts';
import { createRevealRepository } from './reveal-repository.ts';
import { createSettingsRepository } from './settings-repository.ts';
import { createStatusListRepository } from './status-list-repository.ts';
import { isDatabaseError, sqlStateOf, toStorageError } from './storage-error.ts';
import { createTokenRepository } from './token-repository.ts';
import { createTrustedIssuerRepository } from './trusted-issuer-repository.ts';
import { createWebhookRepository } from './webhook-repository.ts';
import { createWalletCredentialRepository } from './wallet-credential-repository.ts';
import { createWalletShareRepository } from './wallet-share-repository.ts';

export interface StoreBackend {
  kind: Store['kind'];
  db: Db;
  /** How a root-level operation (one statement, or a whole transaction) reaches the database. */
  gate<T>(operation: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

type Gate = <T>(operation: () => Promise<T>) => Promise<T>;

/** Wraps every method so it runs through `gate` and fails only with core errors. */
function guard<R extends object>(repository: R, gate: Gate): R {
  const guarded: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(repository)) {
    guarded[name] = (...args: unknown[]) =>
      gate(() => (method as (...a: unknown[]) => Promise<unknown>)(...args)).catch((error: unknown) => {
        throw toStorageError(error);
      });
  }
  return guarded as R;
}

function bindStore(backend: StoreBackend, db: Db, inTransaction: boolean): Store {
  const gate: Gate = inTransaction ? (operation) => operation() : backend.gate;
  return {
    kind: backend.kind,
    issuers: guard(createIssuerRepository(db), gate),
    keys: guard(createKeyRepository(db), gate),
    achievements: guard(createAchievementRepository(db), gate),
    credentials: guard(createCredentialRepository(db), gate),
    statusLists: guard(createStatusListRepository(db), gate),
    tokens: guard(createTokenRepository(db), gate),
    settings: guard(createSettingsRepository(db), gate),
    log: guard(createLogRepository(db), gate),
    challenges: guard(createChallengeRepository(db), gate),
    trustedIssuers: guard(createTrustedIssuerRepository(db), gate),
    holders: guard(createHolderRepository(db), gate),
    holderKeys: guard(createHolderKeyRepository(db), gate),
    holderSessions: guard(createHolderSessionRepository(db), gate),
    signInFailures: guard(createSignInFailureRepository(db), gate),
    walletCredentials: guard(createWalletCredentialRepository(db), gate),
    walletShares: guard(createWalletShareRepository(db), gate),
    holderEmails: guard(createHolderEmailRepository(db), gate),
    organisations: guard(createOrganisationRepository(db), gate),
    openings: guard(createOpeningRepository(db), gate),
    applications: guard(createApplicationRepository(db), gate),
    evidence: guard(createEvidenceRepository(db), gate),
    webhooks: guard(createWebhookRepository(db), gate),
    employers: guard(createEmployerRepository(db), gate),
    organisationApiKeys: guard(createOrganisationApiKeyRepository(db), gate),
    organisationVerifications: guard(createOrganisationVerificationRepository(db), gate),
    reveals: guard(createRevealRepository(db), gate),
    async transaction(fn) {
      // Nested: drizzle opens a savepoint on the same connection, so the outer transaction is reused.
      const run = () => db.transaction((tx) => fn(bindStore(backend, tx, true)));
      try {
        return await gate(run);
      } catch (error) {
        // The callback's own errors pass through untouched; only BEGIN/COMMIT/SAVEPOINT failures are translated.
        throw isDatabaseError(error) ? toStorageError(error) : error;
      }
    },
    async lock(key, options = {}) {
      if (!inTransaction) {
        const message = 'lock() holds until the transaction ends: call it on a transaction store.';
        throw new ProoflineError('INTERNAL', message);
      }
      const { timeoutMs } = options;
      try {
        // lock_timeout bounds the wait for heavyweight locks, advisory ones included; SET LOCAL ends with the transaction.
        if (timeoutMs !== undefined) await db.execute(sql`select set_config('lock_timeout', ${`${Math.max(1, Math.ceil(timeoutMs))}ms`}, true)`);
        await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
        if (timeoutMs !== undefined) await db.execute(sql`set local lock_timeout to default`);
      } catch (error) {
        // 55P03 lock_not_available: the wait exceeded lock_timeout.
        if (timeoutMs !== undefined && sqlStateOf(error) === '55P03') {
          throw new OverloadedError(`Busy: waited more than ${timeoutMs} ms for "${key}".`, 1);
        }
        throw toStorageError(error);
      }
    },
    close: inTransaction
      ? () => Promise.reject(new ProoflineError('INTERNAL', 'close() belongs to the store, not to a transaction.'))
      : () => backend.close(),
  };
}

export function createStore(backend: StoreBackend): Store {
  return bindStore(backend, backend.db, false);
}
