/**
 * Stored evidence (docs/decisions/0011-marketplace-evidence-rechecks-webhooks.md): what the verifier said about one
 * credential of an application, kept so ranking reads rows instead of re-verifying signatures.
 *
 * DESIGN.md §3 rule 6 holds at both ends: `toEvidenceRecord` takes the verifier's result and makes a record only from
 * it (the skills of a `VerifiedCredential`, or none when it did not verify), and `fromEvidenceRecord` re-brands a
 * stored record as the `VerifiedCredential` it was made from. Nothing else writes these rows.
 */
import type { CredentialEvidenceRecord, StatusEntryRef } from '../core/marketplace-evidence-ports.ts';
import { isJsonObject, typesOf, type JsonObject } from '../core/open-badges.ts';
import { isUsableCredential, toVerifiedCredential, type VerifiedCredential } from '../core/verified-credential.ts';
import type { VerificationResult } from '../verifier/index.ts';
import { securedDigest } from './match-receipt.ts';

/** REVOKED / SUSPENDED / UNTRUSTED_ISSUER for a verified credential that does not count; [] when it does. */
export function unusableReasons(credential: VerifiedCredential): string[] {
  if (isUsableCredential(credential)) return [];
  return [...(credential.trusted ? [] : ['UNTRUSTED_ISSUER']), ...(credential.revoked ? ['REVOKED'] : []), ...(credential.suspended ? ['SUSPENDED'] : [])];
}

/** The Bitstring Status List (and StatusList2021) entries a credential names (what a status change is matched against). */
export function statusEntriesOf(credential: JsonObject | null): StatusEntryRef[] {
  if (!credential || credential.credentialStatus === undefined) return [];
  const entries = [credential.credentialStatus].flat();
  return entries.flatMap((entry) => {
    if (!isJsonObject(entry) || !typesOf(entry).some((type) => type === 'BitstringStatusListEntry' || type === 'StatusList2021Entry')) return [];
    const { statusListCredential: url, statusListIndex, statusPurpose: purpose } = entry;
    const index = typeof statusListIndex === 'string' ? Number(statusListIndex) : Number.NaN;
    if (typeof url !== 'string' || typeof purpose !== 'string' || !Number.isSafeInteger(index) || index < 0 || index > 2 ** 31 - 1) return [];
    return [{ url, index, purpose }];
  });
}

export function toEvidenceRecord(input: {
  applicationId: string;
  openingId: string;
  position: number;
  /** The credential as presented (what the digest covers). */
  secured: unknown;
  /** verifyCredential's result for it, checked at `checkedAt`. */
  result: VerificationResult;
  checkedAt: Date;
}): CredentialEvidenceRecord {
  const { result, checkedAt } = input;
  const verified = toVerifiedCredential(result, checkedAt);
  const credential = result.credential;
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    applicationId: input.applicationId,
    openingId: input.openingId,
    position: input.position,
    credentialId: result.credentialId,
    digest: securedDigest(input.secured),
    verified: verified !== null,
    issuer: result.issuer,
    trusted: verified?.trusted ?? false,
    revoked: verified?.revoked ?? false,
    suspended: verified?.suspended ?? false,
    validFrom: text(credential?.validFrom) ?? text(credential?.issuanceDate),
    validUntil: text(credential?.validUntil) ?? text(credential?.expirationDate),
    skills: verified ? verified.skills.map((s) => ({ ...s })) : [],
    statusEntries: statusEntriesOf(credential),
    problems: verified ? unusableReasons(verified) : [...new Set(result.problemDetails.map((p) => p.code))],
    checkedAt,
  };
}

/** The VerifiedCredential a record was made from; null when the last check did not verify it or it expired by `now`. */
export function fromEvidenceRecord(record: CredentialEvidenceRecord, now: Date): VerifiedCredential | null {
  if (!record.verified || isExpired(record, now)) return null;
  return toVerifiedCredential(
    {
      verified: true,
      credentialId: record.credentialId,
      issuer: record.issuer,
      trusted: record.trusted,
      status: { revoked: record.revoked, suspended: record.suspended },
      skills: record.skills,
    },
    record.checkedAt,
  );
}

/** Past its validUntil: the evidence stops counting without a re-check (ranking's SQL filter says the same). */
export function isExpired(record: Pick<CredentialEvidenceRecord, 'validUntil'>, now: Date): boolean {
  const until = record.validUntil === null ? Number.NaN : Date.parse(record.validUntil);
  return !Number.isNaN(until) && until <= now.getTime();
}

/** The application's flags from its evidence: one line per credential that does not count now. */
export function flagsOf(records: readonly CredentialEvidenceRecord[], now: Date): string[] {
  return records
    .map((r) => ({ position: r.position, problems: isExpired(r, now) && r.problems.length === 0 ? ['EXPIRED'] : r.problems }))
    .filter((r) => r.problems.length > 0)
    .sort((a, b) => a.position - b.position)
    .map((r) => `credential ${r.position}: ${r.problems.join(', ')}`);
}
