/**
 * Email addresses a holder proves: a one-time code goes to the address (through the injected Mailer); the holder sends
 * it back. Awards the Academy addressed to a proven address then sync into the wallet (sync-credentials.ts).
 *
 * Codes: 8 digits, kept only as SHA-256, valid 15 minutes. At most 5 codes are compared per address and holder until an
 * hour after the last code expired (a new code does not reset the count inside that hour), each attempt counted
 * atomically before the comparison; a new code is sent at most once a minute per address. With the per-client route
 * limits this bounds guessing to about 5 tries per 75 minutes and account, against 10^8 codes, and mail to an address.
 */
import { NotFoundError, ProoflineError, RateLimitedError, ValidationError } from '../core/errors.ts';
import type { HolderEmailRecord } from '../core/holder-email-ports.ts';
import { normalizeEmail } from '../core/normalize-email.ts';
import { addSeconds } from '../core/clock.ts';
import { sha256Hex } from '../crypto/digest.ts';
import { syncCredentials } from './sync-credentials.ts';
import type { WalletCredentialSummary } from './wallet-credential-view.ts';
import type { WalletDeps } from './wallet-deps.ts';

export const EMAIL_CODE_TTL_SECONDS = 15 * 60;
export const MAX_EMAIL_CODE_ATTEMPTS = 5;
export const MAX_EMAILS_PER_HOLDER = 10;
/** How long after the last code expired the attempt count is kept. */
export const EMAIL_ATTEMPTS_WINDOW_SECONDS = 60 * 60;
/** Shortest time between two codes to one address. */
export const EMAIL_RESEND_SECONDS = 60;

export interface HolderEmail {
  id: string;
  email: string;
  proven: boolean;
  provenAt: string | null;
  /** While a proof is pending: when its code stops working. */
  codeExpiresAt: string | null;
}

export function toHolderEmail(row: HolderEmailRecord): HolderEmail {
  return {
    id: row.id,
    email: row.email,
    proven: row.provenAt !== null,
    provenAt: row.provenAt?.toISOString() ?? null,
    codeExpiresAt: row.provenAt === null ? (row.codeExpiresAt?.toISOString() ?? null) : null,
  };
}

/** Sends a fresh code to `email` (an address already proven by this holder is returned as is, nothing sent). */
export async function requestEmailProof(deps: WalletDeps, holderId: string, rawEmail: string): Promise<HolderEmail> {
  if (!deps.mailer) throw new ProoflineError('MAIL_UNAVAILABLE', 'This server sends no mail (PROOFLINE_SMTP_URL is not set), so addresses cannot be proven.');
  const email = normalizeEmail(rawEmail);
  const existing = await deps.store.holderEmails.getByEmail(holderId, email);
  if (existing?.provenAt) return toHolderEmail(existing);
  if (!existing && (await deps.store.holderEmails.listByHolder(holderId)).length >= MAX_EMAILS_PER_HOLDER) {
    throw new ValidationError(`A wallet holds at most ${MAX_EMAILS_PER_HOLDER} email addresses; delete one first.`, [{ pointer: '/email', detail: 'too many addresses' }]);
  }
  const now = deps.clock();
  // The attempt count survives new codes until an hour after the last code expired.
  const lastExpiry = existing?.codeExpiresAt?.getTime() ?? null;
  const attemptsKept = lastExpiry !== null && now.getTime() < lastExpiry + EMAIL_ATTEMPTS_WINDOW_SECONDS * 1000;
  const failedAttempts = attemptsKept ? existing!.failedAttempts : 0;
  if (lastExpiry !== null) {
    const sentAt = lastExpiry - EMAIL_CODE_TTL_SECONDS * 1000;
    const resendAt = sentAt + EMAIL_RESEND_SECONDS * 1000;
    if (now.getTime() < resendAt) throw new RateLimitedError('A code was just sent to this address; wait before asking again.', (resendAt - now.getTime()) / 1000);
    if (failedAttempts >= MAX_EMAIL_CODE_ATTEMPTS) {
      throw new RateLimitedError('Too many wrong codes for this address; ask again later.', (lastExpiry + EMAIL_ATTEMPTS_WINDOW_SECONDS * 1000 - now.getTime()) / 1000);
    }
  }
  const id = existing?.id ?? deps.newId();
  const code = oneTimeCode(deps.randomBytes);
  const row = await deps.store.holderEmails.startProof({ id, holderId, email, codeHash: codeHash(id, code), codeExpiresAt: addSeconds(now, EMAIL_CODE_TTL_SECONDS), createdAt: now, failedAttempts });
  await deps.mailer.send({
    to: email,
    subject: `Your Proofline code: ${code}`,
    text: `Enter ${code} in your Proofline wallet to prove this address is yours. It works for ${EMAIL_CODE_TTL_SECONDS / 60} minutes.\n\nIf you did not ask for it, ignore this message.`,
  });
  return toHolderEmail(row);
}

/** Checks the code; once proven, the awards addressed to the address are pulled into the wallet. */
export async function confirmEmailProof(
  deps: WalletDeps,
  holderId: string,
  id: string,
  code: string,
): Promise<{ email: HolderEmail; added: WalletCredentialSummary[] }> {
  const row = await deps.store.holderEmails.get(holderId, id);
  if (!row) throw new NotFoundError(`No email address ${id} in this wallet.`);
  if (row.provenAt) return { email: toHolderEmail(row), added: [] };
  const refuse = (detail: string) => new ValidationError('The code was not accepted.', [{ pointer: '/code', detail }]);
  if (row.codeHash === null || row.codeExpiresAt === null || row.codeExpiresAt <= deps.clock()) throw refuse('expired: request a new code');
  // Counted before comparing, in one conditional UPDATE: concurrent tries cannot exceed the limit.
  if (!(await deps.store.holderEmails.takeAttempt(row.id, MAX_EMAIL_CODE_ATTEMPTS))) throw refuse('too many wrong codes: request a new code later');
  if (codeHash(row.id, code.trim()) !== row.codeHash) {
    throw refuse(row.failedAttempts + 1 >= MAX_EMAIL_CODE_ATTEMPTS ? 'wrong code; no tries left: request a new code later' : 'wrong code');
  }
  const proven = await deps.store.holderEmails.markProven(row.id, deps.clock());
  const { added } = await syncCredentials(deps, holderId);
  return { email: toHolderEmail(proven), added };
}

export async function listHolderEmails(deps: WalletDeps, holderId: string): Promise<HolderEmail[]> {
  return (await deps.store.holderEmails.listByHolder(holderId)).map(toHolderEmail);
}

/** Forgets the address (credentials already in the wallet stay). */
export async function deleteHolderEmail(deps: WalletDeps, holderId: string, id: string): Promise<void> {
  if (!(await deps.store.holderEmails.delete(holderId, id))) throw new NotFoundError(`No email address ${id} in this wallet.`);
}

function codeHash(id: string, code: string): string {
  return sha256Hex(`${id}|${code}`);
}

/** 8 uniformly random digits (rejection sampling over 32-bit values). */
function oneTimeCode(randomBytes: WalletDeps['randomBytes']): string {
  const limit = Math.floor(0x1_0000_0000 / 100_000_000) * 100_000_000;
  for (;;) {
    const b = randomBytes(4);
    const n = ((b[0]! << 24) >>> 0) + (b[1]! << 16) + (b[2]! << 8) + b[3]!;
    if (n < limit) return String(n % 100_000_000).padStart(8, '0');
  }
}
