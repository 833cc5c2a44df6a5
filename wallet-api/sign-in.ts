import { signInWithPassword } from '../core/sign-in-with-password.ts';
import { passwordSignInOptions } from '../crypto/password-sign-in.ts';
import { startSession, type SessionTokens } from './start-session.ts';
import type { WalletDeps } from './wallet-deps.ts';

/**
 * Email and password → a new session family, with the lockout policy every account kind shares
 * (core/sign-in-with-password.ts): the same answer after the same scrypt work for a wrong email or password; locked
 * for 15 minutes after 5 failures (AccountLockedError), even for the right password, and an email without an account
 * likewise.
 */
export async function signIn(deps: WalletDeps, credentials: { email: string; password: string }): Promise<SessionTokens> {
  const holder = await signInWithPassword(deps.store.holders, credentials, passwordSignInOptions('holder', deps.store.signInFailures, deps.clock()));
  return startSession(deps, deps.store, holder.id, deps.newId());
}
