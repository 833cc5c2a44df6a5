/**
 * createChallenge (VC-API): a single-use 128-bit challenge, base64url, stored with its expiry (and the domain it is
 * for, when the verifier names one). verifyPresentation consumes it once.
 */
import type { Clock, RandomBytes } from '../core/clock.ts';
import type { ChallengeRecord, ChallengeRepository } from '../core/ports.ts';

export const DEFAULT_CHALLENGE_TTL_SECONDS = 300;

export interface CreateChallengeOptions {
  clock: Clock;
  randomBytes: RandomBytes;
  /** Lifetime (default 5 minutes). */
  ttlSeconds?: number;
  domain?: string | null;
}

export async function createChallenge(
  challenges: ChallengeRepository,
  { clock, randomBytes, ttlSeconds = DEFAULT_CHALLENGE_TTL_SECONDS, domain = null }: CreateChallengeOptions,
): Promise<ChallengeRecord> {
  const now = clock();
  const record: ChallengeRecord = {
    challenge: Buffer.from(randomBytes(16)).toString('base64url'),
    domain,
    createdAt: now,
    expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
    consumedAt: null,
  };
  await challenges.create(record);
  return record;
}
