import type { WalletCredentialRecord } from '../core/ports.ts';

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

export function toSummary(record: WalletCredentialRecord): WalletCredentialSummary {
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

export function toDetail(record: WalletCredentialRecord): WalletCredentialDetail {
  return { ...toSummary(record), verifiableCredential: credentialOf(record), verification: record.verification };
}
