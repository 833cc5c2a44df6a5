/**
 * signInWithPassword: the password check with lockout that every account kind shares (holders in wallet-api/,
 * employers in marketplace/). The account store and the password verifier come in as arguments, so this stays pure
 * of crypto and storage (DESIGN.md §3 rule 1). A wrong email and a wrong password get the same answer after the same
 * hash work; after `maxFailures` failures the account is locked for `lockoutSeconds`, and even the right password is
 * refused (AccountLockedError) without being checked. An email without an account is counted and locked the same way
 * (in `failures`, under `failureKey(email)`), so a lockout does not tell whether the account exists.
 */
import { AccountLockedError } from './account-locked-error.ts';
import { addSeconds } from './clock.ts';
import { UnauthenticatedError } from './errors.ts';
import { normalizeEmail } from './normalize-email.ts';
import type { SignInFailureRepository } from './ports.ts';

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
  /** Failure counts of emails without an account, and the key each is kept under (not the address: a hash of it). */
  failures: Pick<SignInFailureRepository, 'get' | 'recordFailure'>;
  failureKey: (normalizedEmail: string) => string;
  maxFailures?: number;
  lockoutSeconds?: number;
}

export async function signInWithPassword<A extends PasswordAccount>(
  accounts: PasswordAccounts<A>,
  { email, password }: { email: string; password: string },
  { now, verifyPassword, unmatchableHash, failures, failureKey, maxFailures = MAX_FAILED_SIGN_INS, lockoutSeconds = LOCKOUT_SECONDS }: SignInWithPasswordOptions,
): Promise<A> {
  const normalized = normalizeEmail(email);
  const key = failureKey(normalized);
  // Both looked up whatever the answer, so an unknown email costs the same reads as a known one.
  const [account, unknownEmail] = await Promise.all([accounts.getByEmail(normalized), failures.get(key)]);
  const lockedUntil = account ? account.lockedUntil : (unknownEmail?.lockedUntil ?? null);
  if (lockedUntil && lockedUntil.getTime() > now.getTime()) {
    throw new AccountLockedError(Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
  }
  const matches = await verifyPassword(password, account?.passwordHash ?? unmatchableHash);
  const wrong = new UnauthenticatedError('The email or the password is wrong.');
  const lock = { now, maxFailures, lockUntil: addSeconds(now, lockoutSeconds) };
  if (!account) {
    const updated = await failures.recordFailure(key, lock);
    if (updated.lockedUntil && updated.lockedUntil.getTime() > now.getTime()) throw new AccountLockedError(lockoutSeconds);
    throw wrong;
  }
  if (!matches) {
    const updated = await accounts.recordFailedSignIn(account.id, lock);
    if (updated.lockedUntil && updated.lockedUntil.getTime() > now.getTime()) throw new AccountLockedError(lockoutSeconds);
    throw wrong;
  }
  if (account.failedSignIns > 0 || account.lockedUntil) await accounts.clearFailedSignIns(account.id);
  return account;
}
