import { UnauthenticatedError } from '../core/errors.ts';
import type { HolderSessionRecord } from '../core/ports.ts';
import { hashSessionToken } from './start-session.ts';
import type { WalletDeps } from './wallet-deps.ts';

export interface HolderPrincipal {
  holderId: string;
  session: HolderSessionRecord;
}

/** `Authorization: Bearer <access token>` → the holder, when the token is usable now. API tokens are not accepted. */
export async function authenticateHolder(deps: Pick<WalletDeps, 'store' | 'clock'>, authorization: string | undefined): Promise<HolderPrincipal> {
  const match = /^Bearer (pla_[A-Za-z0-9_-]{43})$/.exec(authorization?.trim() ?? '');
  if (!match?.[1]) throw new UnauthenticatedError('A holder access token is required: "Authorization: Bearer <access token>".');
  const session = await deps.store.holderSessions.findByAccessHash(hashSessionToken(match[1]), deps.clock());
  if (!session) throw new UnauthenticatedError('The access token is unknown, expired or revoked.');
  return { holderId: session.holderId, session };
}
