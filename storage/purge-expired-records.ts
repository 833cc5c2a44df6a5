/**
 * Housekeeping: records whose only purpose ended with their expiry are deleted once they are `graceMs` past it
 * (default one day, so a late retry is still told "expired" rather than "unknown" for a while):
 * - presentation challenges (VC-API): a deleted challenge is unknown and can never be consumed, so single use holds;
 * - holder sessions whose refresh token expired (access tokens expire before it): no token of theirs is usable;
 * - employer sessions that expired;
 * - failed sign-in counts of emails without an account, untouched and unlocked for that long.
 * Each is one DELETE by expiry. Wallet shares and their access records are the holder's own history and are kept.
 */
import type { Store } from '../core/ports.ts';

export const DEFAULT_PURGE_GRACE_MS = 24 * 60 * 60_000;

export interface PurgeSummary {
  challenges: number;
  holderSessions: number;
  employerSessions: number;
  signInFailures: number;
}

export async function purgeExpiredRecords(store: Pick<Store, 'challenges' | 'holderSessions' | 'employers' | 'signInFailures'>, { now, graceMs = DEFAULT_PURGE_GRACE_MS }: { now: Date; graceMs?: number }): Promise<PurgeSummary> {
  const before = new Date(now.getTime() - graceMs);
  return {
    challenges: await store.challenges.purgeExpired(before),
    holderSessions: await store.holderSessions.purgeExpired(before),
    employerSessions: await store.employers.purgeExpiredSessions(before),
    signInFailures: await store.signInFailures.purgeBefore(before),
  };
}
