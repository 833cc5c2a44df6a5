import { addSeconds } from '../core/clock.ts';
import type { HolderSessionRecord, Store } from '../core/ports.ts';
import { sha256Hex } from '../crypto/digest.ts';
import { ACCESS_TOKEN_TTL_SECONDS, REFRESH_TOKEN_TTL_SECONDS, type WalletDeps } from './wallet-deps.ts';

/** What sign-in and refresh answer (RFC 6749 §5.1 names). The tokens are shown once; only their hashes are stored. */
export interface SessionTokens {
  tokenType: 'Bearer';
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
}

export function hashSessionToken(token: string): string {
  return sha256Hex(token);
}

/** A new access/refresh pair in `familyId` (a fresh family on sign-in, the same one on refresh). */
export async function startSession(deps: Pick<WalletDeps, 'clock' | 'newId' | 'randomBytes'>, store: Store, holderId: string, familyId: string): Promise<SessionTokens> {
  const now = deps.clock();
  const token = (prefix: string) => `${prefix}${Buffer.from(deps.randomBytes(32)).toString('base64url')}`;
  const accessToken = token('pla_');
  const refreshToken = token('plr_');
  const session: HolderSessionRecord = {
    id: deps.newId(),
    familyId,
    holderId,
    accessHash: hashSessionToken(accessToken),
    accessExpiresAt: addSeconds(now, ACCESS_TOKEN_TTL_SECONDS),
    refreshHash: hashSessionToken(refreshToken),
    refreshExpiresAt: addSeconds(now, REFRESH_TOKEN_TTL_SECONDS),
    createdAt: now,
    rotatedAt: null,
    revokedAt: null,
  };
  await store.holderSessions.insert(session);
  return { tokenType: 'Bearer', accessToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS, refreshToken, refreshExpiresIn: REFRESH_TOKEN_TTL_SECONDS };
}
