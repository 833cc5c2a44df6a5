/**
 * Verifies a credential's exact bytes with the platform verifier and derives what the wallet keeps beside them: the
 * status it shows and the fields it filters on. The bytes are never rewritten.
 */
import { isJsonObject, type JsonObject } from '../core/open-badges.ts';
import type { WalletCredentialRecord, WalletCredentialStatus } from '../core/ports.ts';
import { sha256Hex } from '../crypto/digest.ts';
import { holderCheckable } from '../crypto/sign-ecdsa-sd.ts';
import { verifyCredential, type VerificationResult } from '../verifier/index.ts';
import type { WalletDeps } from './wallet-deps.ts';

export type WalletCheck = Pick<
  WalletCredentialRecord,
  'format' | 'credentialId' | 'issuer' | 'achievementId' | 'name' | 'skills' | 'validUntil' | 'status' | 'verification' | 'checkedAt'
>;

/** Status problems a genuine credential can have; any other problem means it could not be verified. */
const STATUS_CODES: readonly string[] = ['REVOKED', 'SUSPENDED', 'EXPIRED'];

/**
 * Null when `secured` is not a credential at all (neither a JSON object nor a compact JWS). With `deps.logReceipt`, a
 * credential this server issued also gets its transparency-log receipt (`verification.logReceipt`: index, leaf and,
 * once a checkpoint covers it, the inclusion proof); `previousReceipt` is kept when the log cannot answer now.
 */
export async function checkWalletCredential(
  deps: Pick<WalletDeps, 'clock' | 'documentLoader' | 'verification' | 'logReceipt'>,
  secured: string,
  previousReceipt?: unknown,
): Promise<WalletCheck | null> {
  const now = deps.clock();
  const [result, logReceipt] = await Promise.all([
    // An ecdsa-sd-2023 base proof is checked through its full disclosure: verifiers accept derived proofs only.
    holderCheckable(secured, deps).then((checked) => verifyCredential(checked, { ...deps.verification, now, documentLoader: deps.documentLoader })),
    deps.logReceipt ? deps.logReceipt(sha256Hex(secured)).catch(() => previousReceipt ?? null) : null,
  ]);
  const { credential, ...rest } = result;
  if (!credential || !result.format) return null;
  const verification = logReceipt ? { ...rest, logReceipt } : rest;
  const subject = firstSubject(credential);
  const achievement = subject && isJsonObject(subject.achievement) ? subject.achievement : null;
  return {
    format: result.format,
    credentialId: result.credentialId,
    issuer: result.issuer,
    achievementId: achievement && typeof achievement.id === 'string' ? achievement.id : null,
    name: stringOr(credential.name) ?? stringOr(achievement?.name),
    skills: [...new Set(result.skills.map((s) => s.id))],
    validUntil: dateOf(credential.validUntil ?? credential.expirationDate),
    status: statusOf(result),
    verification: verification as unknown as Record<string, unknown>,
    checkedAt: now,
  };
}

export function statusOf(result: Pick<VerificationResult, 'verified' | 'problemDetails'>): WalletCredentialStatus {
  if (result.verified) return 'verified';
  const codes = result.problemDetails.map((p) => p.code);
  if (codes.length === 0 || codes.some((c) => !STATUS_CODES.includes(c))) return 'unverified';
  if (codes.includes('REVOKED')) return 'revoked';
  if (codes.includes('SUSPENDED')) return 'suspended';
  return 'expired';
}

function firstSubject(credential: JsonObject): JsonObject | null {
  const subject = Array.isArray(credential.credentialSubject) ? credential.credentialSubject[0] : credential.credentialSubject;
  return isJsonObject(subject) ? subject : null;
}

function stringOr(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function dateOf(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
