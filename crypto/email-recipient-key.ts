/**
 * How the credentials table finds the awards addressed to an email. The credential itself carries the OB 3.0
 * IdentityObject (identityHash = SHA-256 of the address and a per-credential salt), which cannot be looked up by
 * address; the row's `recipient` keeps this key instead: SHA-256 of the normalised address under a fixed label. It is
 * never published (not in the credential, not in the log).
 */
import { normalizeEmail } from '../core/normalize-email.ts';
import { sha256Hex } from './digest.ts';

export function emailRecipientKey(email: string): string {
  return `email:sha256:${sha256Hex(`proofline-award-recipient|${normalizeEmail(email)}`)}`;
}
