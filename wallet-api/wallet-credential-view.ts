import { isJsonObject, type JsonObject } from '../core/open-badges.ts';
import type { WalletCredentialRecord, WalletCredentialSummaryRecord } from '../core/ports.ts';

/** A kept credential as the list shows it. */
export interface WalletCredentialSummary {
  id: string;
  source: WalletCredentialRecord['source'];
  format: WalletCredentialRecord['format'];
  credentialId: string | null;
  issuer: string | null;
  achievementId: string | null;
  name: string | null;
  skills: string[];
  validUntil: string | null;
  status: WalletCredentialRecord['status'];
  /** True only when the last check verified it: an imported credential that failed is kept but never shown as valid. */
  verified: boolean;
  checkedAt: string;
  addedAt: string;
}

/** One credential in full: the summary, the credential as kept, and the last verification result. */
export interface WalletCredentialDetail extends WalletCredentialSummary {
  /** Data Integrity: the JSON object parsed from the kept bytes; vc+jwt: the compact JWS itself. */
  verifiableCredential: unknown;
  verification: Record<string, unknown>;
}

export function toSummary(record: WalletCredentialSummaryRecord): WalletCredentialSummary {
  return {
    id: record.id,
    source: record.source,
    format: record.format,
    credentialId: record.credentialId,
    issuer: record.issuer,
    achievementId: record.achievementId,
    name: record.name,
    skills: record.skills,
    validUntil: record.validUntil?.toISOString() ?? null,
    status: record.status,
    verified: record.status === 'verified',
    checkedAt: record.checkedAt.toISOString(),
    addedAt: record.addedAt.toISOString(),
  };
}

export function credentialOf(record: Pick<WalletCredentialRecord, 'format' | 'secured'>): unknown {
  return record.format === 'vc+jwt' ? record.secured : (JSON.parse(record.secured) as unknown);
}

/**
 * The claims of a kept credential as JSON: the document itself, or a JWT's payload (`jwt`, e.g. for `sub`) and the
 * credential in it (the payload for VC-JOSE-COSE, its `vc` claim for a VC 1.1 JWT). Null when unreadable. Kept
 * credentials were verified at import; this only reads them.
 */
export function credentialClaims(record: Pick<WalletCredentialRecord, 'format' | 'secured'>): { credential: JsonObject; jwt: JsonObject | null } | null {
  try {
    if (record.format !== 'vc+jwt') {
      const parsed: unknown = JSON.parse(record.secured);
      return isJsonObject(parsed) ? { credential: parsed, jwt: null } : null;
    }
    const payload: unknown = JSON.parse(Buffer.from(record.secured.split('.')[1] ?? '', 'base64url').toString('utf8'));
    if (!isJsonObject(payload)) return null;
    return { credential: isJsonObject(payload.vc) ? payload.vc : payload, jwt: payload };
  } catch {
    return null;
  }
}

export function toDetail(record: WalletCredentialRecord): WalletCredentialDetail {
  return { ...toSummary(record), verifiableCredential: credentialOf(record), verification: record.verification };
}
