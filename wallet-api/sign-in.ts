import { addSeconds } from '../core/clock.ts';
import { UnauthenticatedError } from '../core/errors.ts';
import { UNMATCHABLE_PASSWORD_HASH, verifyPassword } from '../crypto/password-hash.ts';
import { AccountLockedError } from './account-locked-error.ts';
import { normalizeEmail } from '../core/normalize-email.ts';
import { startSession, type SessionTokens } from './start-session.ts';
import { LOCKOUT_SECONDS, MAX_FAILED_SIGN_INS, type WalletDeps } from './wallet-deps.ts';

/**
 * Email and password → a new session family. A wrong email and a wrong password get the same answer after the same
 * scrypt work. After MAX_FAILED_SIGN_INS failures the account is locked for LOCKOUT_SECONDS: even the right password
 * is refused (AccountLockedError) and is not checked.
 */
export async function signIn(deps: WalletDeps, { email, password }: { email: string; password: string }): Promise<SessionTokens> {
  const now = deps.clock();
  const holder = await deps.store.holders.getByEmail(normalizeEmail(email));
  if (holder?.lockedUntil && holder.lockedUntil.getTime() > now.getTime()) {
    throw new AccountLockedError(Math.ceil((holder.lockedUntil.getTime() - now.getTime()) / 1000));
  }
  const matches = await verifyPassword(password, holder?.passwordHash ?? UNMATCHABLE_PASSWORD_HASH);
  const wrong = new UnauthenticatedError('The email or the password is wrong.');
  if (!holder) throw wrong;
  if (!matches) {
    const updated = await deps.store.holders.recordFailedSignIn(holder.id, { now, maxFailures: MAX_FAILED_SIGN_INS, lockUntil: addSeconds(now, LOCKOUT_SECONDS) });
    if (updated.lockedUntil && updated.lockedUntil.getTime() > now.getTime()) throw new AccountLockedError(LOCKOUT_SECONDS);
    throw wrong;
  }
  if (holder.failedSignIns > 0 || holder.lockedUntil) await deps.store.holders.clearFailedSignIns(holder.id);
  return startSession(deps, deps.store, holder.id, deps.newId());
}
