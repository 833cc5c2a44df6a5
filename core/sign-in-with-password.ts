/**
 * signInWithPassword: the password check with lockout that every account kind shares (holders in wallet-api/,
 * employers in marketplace/). The account store and the password verifier come in as arguments, so this stays pure
 * of crypto and storage (DESIGN.md §3 rule 1). A wrong email and a wrong password get the same answer after the same
 * hash work; after `maxFailures` failures the account is locked for `lockoutSeconds`, and even the right password is
 * refused (AccountLockedError) without being checked.
 */
import { AccountLockedError } from './account-locked-error.ts';
import { addSeconds } from './clock.ts';
import { UnauthenticatedError } from './errors.ts';
import { normalizeEmail } from './normalize-email.ts';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_SECONDS = 15 * 60;

export interface PasswordAccount {
  id: string;
  passwordHash: string;
  failedSignIns: number;
  lockedUntil: Date | null;
}

export interface PasswordAccounts<A extends PasswordAccount> {
  getByEmail(email: string): Promise<A | null>;
  recordFailedSignIn(id: string, options: { now: Date; maxFailures: number; lockUntil: Date }): Promise<Pick<PasswordAccount, 'lockedUntil'>>;
  clearFailedSignIns(id: string): Promise<void>;
}

export interface SignInWithPasswordOptions {
  now: Date;
  verifyPassword: (password: string, encoded: string) => Promise<boolean>;
  /** A well-formed hash no password matches, checked for an unknown email (crypto/password-hash.ts). */
  unmatchableHash: string;
  maxFailures?: number;
  lockoutSeconds?: number;
}

export async function signInWithPassword<A extends PasswordAccount>(
  accounts: PasswordAccounts<A>,
  { email, password }: { email: string; password: string },
  { now, verifyPassword, unmatchableHash, maxFailures = MAX_FAILED_SIGN_INS, lockoutSeconds = LOCKOUT_SECONDS }: SignInWithPasswordOptions,
): Promise<A> {
  const account = await accounts.getByEmail(normalizeEmail(email));
  if (account?.lockedUntil && account.lockedUntil.getTime() > now.getTime()) {
    throw new AccountLockedError(Math.ceil((account.lockedUntil.getTime() - now.getTime()) / 1000));
  }
  const matches = await verifyPassword(password, account?.passwordHash ?? unmatchableHash);
  const wrong = new UnauthenticatedError('The email or the password is wrong.');
  if (!account) throw wrong;
  if (!matches) {
    const updated = await accounts.recordFailedSignIn(account.id, { now, maxFailures, lockUntil: addSeconds(now, lockoutSeconds) });
    if (updated.lockedUntil && updated.lockedUntil.getTime() > now.getTime()) throw new AccountLockedError(lockoutSeconds);
    throw wrong;
  }
  if (account.failedSignIns > 0 || account.lockedUntil) await accounts.clearFailedSignIns(account.id);
  return account;
}
