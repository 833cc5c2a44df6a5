/**
 * The key failed sign-ins of an email without an account are counted under (core/sign-in-with-password.ts): the
 * account kind and the SHA-256 of the normalised address, so the store never holds the addresses people tried.
 */
import { sha256Hex } from './digest.ts';

export function signInFailureKey(kind: 'holder' | 'employer', normalizedEmail: string): string {
  return `${kind}:${sha256Hex(normalizedEmail)}`;
}
