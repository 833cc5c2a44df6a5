/**
 * VerifiedCredential: a credential that `verifier/` verified (DESIGN.md §3 rule 6). The brand is a module-private
 * symbol, so the only way to get one is `toVerifiedCredential` on a verifier result whose `verified` is true; the
 * marketplace's scoring accepts nothing else, so an unverified claim cannot reach a score without a visible cast.
 *
 * The input is typed structurally (core/ imports no role): verifier/index.ts `VerificationResult` fits it.
 */
import type { SkillLevel } from './open-badges.ts';

declare const verifiedBrand: unique symbol;

export interface VerifiedSkill {
  /** The skill URI (without a `/levels/<level>` suffix). */
  id: string;
  level?: SkillLevel;
  framework?: string;
  name: string;
  achievementId?: string;
  issuer?: string;
  validFrom?: string;
}

/** The parts of a verifier result the brand is made from. */
export interface VerifierResultLike {
  verified: boolean;
  credentialId: string | null;
  issuer: string | null;
  trusted: boolean;
  status: { revoked: boolean | null; suspended: boolean | null };
  skills: readonly VerifiedSkill[];
}

export interface VerifiedCredential {
  readonly [verifiedBrand]: true;
  readonly credentialId: string | null;
  readonly issuer: string | null;
  /** The verifier's trust registry said yes (issuer trust is a separate check from the proof). */
  readonly trusted: boolean;
  readonly revoked: boolean;
  readonly suspended: boolean;
  readonly skills: readonly Readonly<VerifiedSkill>[];
  /** When the verifier checked it (ISO 8601). */
  readonly checkedAt: string;
}

/** A branded copy of a verified result; null for anything the verifier did not verify. */
export function toVerifiedCredential(result: VerifierResultLike, checkedAt: Date): VerifiedCredential | null {
  if (result.verified !== true) return null;
  const credential = {
    credentialId: result.credentialId,
    issuer: result.issuer,
    trusted: result.trusted === true,
    revoked: result.status.revoked === true,
    suspended: result.status.suspended === true,
    skills: result.skills.map((s) => Object.freeze({ ...s })),
    checkedAt: checkedAt.toISOString(),
  };
  return Object.freeze(credential) as unknown as VerifiedCredential;
}

/** Verified, trusted, neither revoked nor suspended: what the marketplace may count. */
export function isUsableCredential(credential: VerifiedCredential): boolean {
  return credential.trusted && !credential.revoked && !credential.suspended;
}
