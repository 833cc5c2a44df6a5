/**
 * The crypto a password sign-in needs (core/sign-in-with-password.ts takes it as arguments): scrypt verification, the
 * hash no password matches, and the key failed sign-ins of an email without an account are counted under, the account
 * kind and the SHA-256 of the normalised address, so the store never holds the addresses people tried.
 */
import type { SignInFailureRepository } from '../core/ports.ts';
import type { SignInWithPasswordOptions } from '../core/sign-in-with-password.ts';
import { sha256Hex } from './digest.ts';
import { UNMATCHABLE_PASSWORD_HASH, verifyPassword } from './password-hash.ts';

export function signInFailureKey(kind: 'holder' | 'employer', normalizedEmail: string): string {
  return `${kind}:${sha256Hex(normalizedEmail)}`;
}

/** The options of a sign-in at `now` for accounts of `kind`, failures of unknown emails counted in `failures`. */
export function passwordSignInOptions(kind: 'holder' | 'employer', failures: SignInFailureRepository, now: Date): SignInWithPasswordOptions {
  return { now, verifyPassword, unmatchableHash: UNMATCHABLE_PASSWORD_HASH, failures, failureKey: (email) => signInFailureKey(kind, email) };
}
