/** What the wallet's services receive: storage, the KEK, clock, randomness and the verifier's options, all injected. */
import type { Clock, RandomBytes } from '../core/clock.ts';
import type { Mailer } from '../core/mailer.ts';
import type { Store } from '../core/ports.ts';
import type { DocumentLoader } from '../contexts/document-loader.ts';
import type { LogInclusionReceipt, VerifyCredentialOptions } from '../verifier/index.ts';

/**
 * How the wallet verifies what it keeps: the platform verifier's own resolvers (this server's did:web documents and
 * status lists, other issuers' through the guarded client) and schemas. The trusted-issuer registry is deliberately
 * absent: trust is the relying party's decision, not a property of a credential the learner holds.
 */
export type WalletVerification = Pick<VerifyCredentialOptions, 'resolveDid' | 'fetchStatusList' | 'loadSchema'>;

export interface WalletDeps {
  store: Store;
  /** Key-encryption key for holders' secret keys at rest (32 bytes). */
  kek: Uint8Array;
  clock: Clock;
  newId: () => string;
  /** Token randomness (default in server.ts: the CSPRNG). */
  randomBytes: RandomBytes;
  documentLoader: DocumentLoader;
  verification: WalletVerification;
  /**
   * This server's transparency-log receipt for a credential digest (log.receipt), null when the log has no issuance of
   * it (another issuer's credential). Kept in the credential's `verification.logReceipt`, refreshed on recheck.
   */
  logReceipt?: (credentialDigest: string) => Promise<LogInclusionReceipt | null>;
  /** This server's public URL: share links are `{publicUrl}/shared/{token}` (relative without it). */
  publicUrl?: string;
  /** Sends the one-time codes that prove a holder's email address (prove-email.ts); without it, no address can be proven. */
  mailer?: Mailer;
  /** 'jsonld' turns the canonicalization fast path off for presentation proofs. */
  canonize?: 'fast' | 'jsonld';
}

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;
