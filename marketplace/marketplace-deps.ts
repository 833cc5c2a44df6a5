/** What the marketplace services receive from the composition root (server.ts). */
import type { Clock, RandomBytes } from '../core/clock.ts';
import type { Store } from '../core/ports.ts';
import type { VerifyCredentialOptions } from '../verifier/index.ts';
import type { SignReceipt } from './match-receipt.ts';
import type { SkillDirectory } from './skill-directory.ts';

export interface MarketplaceDeps {
  store: Store;
  clock: Clock;
  newId: () => string;
  randomBytes: RandomBytes;
  /** Key-encryption key (webhook secrets are stored sealed under it). */
  kek: Uint8Array;
  publicUrl: string;
  /** Framework skills: names and hierarchy. */
  skills: SkillDirectory;
  /**
   * How credentials are verified: the same resolvers, status-list fetcher, schemas and trust registry as the verifier
   * routes (server.ts `verification`). `now` is set per call from `clock`.
   */
  verification: Omit<VerifyCredentialOptions, 'now'>;
  /** Signs match receipts as the platform's own issuer; without it, matches carry no receipt. */
  signReceipt?: SignReceipt;
  /** Challenge lifetime (default 300 s). */
  challengeTtlSeconds?: number;
  /** log2 scrypt cost for employer passwords (crypto/password-hash.ts default when absent). */
  passwordCost?: number;
  /**
   * The wallet's holder authentication (`Authorization` header → holder id), passed in by server.ts so that the
   * candidate routes (/wallet/applications, /wallet/recommendations) accept holders' access tokens without the
   * marketplace importing wallet-api/ (DESIGN.md §3). Without it, those routes are not mounted.
   */
  authenticateHolder?: (authorization: string | undefined) => Promise<{ holderId: string }>;
}
