import { UnauthenticatedError } from '../core/errors.ts';
import { hashSessionToken, startSession, type SessionTokens } from './start-session.ts';
import type { WalletDeps } from './wallet-deps.ts';

/**
 * Exchanges a refresh token for a new pair (rotation): the old pair stops working. A refresh token used a second time
 * means it leaked (or a client replayed it): the whole session family is revoked, the legitimate holder signs in again
 * (OAuth 2.0 Security BCP, RFC 9700 §4.14.2).
 */
export async function refreshSession(deps: WalletDeps, refreshToken: string): Promise<SessionTokens> {
  const now = deps.clock();
  const result = await deps.store.transaction(async (tx) => {
    const rotation = await tx.holderSessions.rotate(hashSessionToken(refreshToken), now);
    if (!rotation.rotated) return rotation;
    return { rotated: true as const, tokens: await startSession(deps, tx, rotation.session.holderId, rotation.session.familyId) };
  });
  if (result.rotated) return result.tokens;
  if (result.reason === 'reused' && result.session) {
    await deps.store.holderSessions.revokeFamily(result.session.familyId, now);
    throw new UnauthenticatedError('This refresh token was used already: the session has been revoked; sign in again.');
  }
  throw new UnauthenticatedError('The refresh token is unknown, expired or revoked.');
}
