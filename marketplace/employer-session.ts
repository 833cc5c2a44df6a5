/** Employer sessions: one short-lived bearer token (`ple_`), shown once, stored as SHA-256; no refresh (sign in again). */
import { addSeconds } from '../core/clock.ts';
import type { Store } from '../core/ports.ts';
import { sha256Hex } from '../crypto/digest.ts';
import type { MarketplaceDeps } from './marketplace-deps.ts';

export const EMPLOYER_SESSION_TTL_SECONDS = 60 * 60;

export interface EmployerSession {
  tokenType: 'Bearer';
  accessToken: string;
  expiresIn: number;
}

export async function startEmployerSession(deps: Pick<MarketplaceDeps, 'clock' | 'newId' | 'randomBytes'>, store: Store, employerId: string): Promise<EmployerSession> {
  const now = deps.clock();
  const accessToken = `ple_${Buffer.from(deps.randomBytes(32)).toString('base64url')}`;
  await store.employers.insertSession({ id: deps.newId(), employerId, hash: sha256Hex(accessToken), expiresAt: addSeconds(now, EMPLOYER_SESSION_TTL_SECONDS), createdAt: now, revokedAt: null });
  return { tokenType: 'Bearer', accessToken, expiresIn: EMPLOYER_SESSION_TTL_SECONDS };
}

export async function endEmployerSession(deps: Pick<MarketplaceDeps, 'clock' | 'store'>, accessToken: string): Promise<void> {
  await deps.store.employers.revokeSession(sha256Hex(accessToken), deps.clock());
}
