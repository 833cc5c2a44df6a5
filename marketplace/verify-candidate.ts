/**
 * verifyCandidate: a candidate's presentation, through verifier/ (the only way credentials reach a score). The
 * presentation itself must verify (proof, challenge, domain, holder binding); credentials inside that do not verify
 * are dropped rather than failing the whole application, and only verified ones are branded.
 *
 * recheckCredentials: the stored credentials of an application, verified again now (status is read afresh), so a
 * credential revoked after applying stops counting at the next evaluation.
 */
import { isJsonObject } from '../core/open-badges.ts';
import { isUsableCredential, toVerifiedCredential, type VerifiedCredential } from '../core/verified-credential.ts';
import { verifyCredential, verifyPresentation, type VerificationProblem, type VerifyCredentialOptions, type VerifyPresentationOptions } from '../verifier/index.ts';

export interface CandidateCredential {
  /** The credential as presented (object, vc+jwt string or envelope): what a re-check verifies again. */
  secured: unknown;
  verified: VerifiedCredential;
}

export interface RejectedCredential {
  index: number;
  credentialId: string | null;
  /** Problem codes, or UNTRUSTED_ISSUER / REVOKED / SUSPENDED when verified but not usable. */
  reasons: string[];
}

export type CandidateVerification =
  | { accepted: false; problemDetails: VerificationProblem[] }
  | { accepted: true; holder: string; credentials: CandidateCredential[]; rejected: RejectedCredential[]; warnings: VerificationProblem[] };

export async function verifyCandidate(presentation: object | string, options: VerifyPresentationOptions & { now: Date }): Promise<CandidateVerification> {
  const result = await verifyPresentation(presentation, options);
  // A credential that fails is dropped below; any other problem (proof, challenge, domain, holder binding) refuses.
  const blocking = result.problemDetails.filter((p) => p.code !== 'CREDENTIAL_NOT_VERIFIED');
  if (blocking.length > 0 || result.holder === null || result.presentation === null) {
    return { accepted: false, problemDetails: blocking.length > 0 ? blocking : result.problemDetails };
  }
  const entries = result.presentation.verifiableCredential === undefined ? [] : [result.presentation.verifiableCredential].flat();
  const credentials: CandidateCredential[] = [];
  const rejected: RejectedCredential[] = [];
  result.credentials.forEach((credentialResult, index) => {
    const verified = toVerifiedCredential(credentialResult, options.now);
    const reasons = verified ? unusableReasons(verified) : credentialResult.problemDetails.map((p) => p.code);
    if (verified && reasons.length === 0) credentials.push({ secured: entries[index], verified });
    else rejected.push({ index, credentialId: credentialResult.credentialId, reasons });
  });
  return { accepted: true, holder: result.holder, credentials, rejected, warnings: result.warnings };
}

export interface RecheckResult {
  credentials: VerifiedCredential[];
  /** The secured form of each of `credentials`, same positions (what a match receipt digests). */
  secured: unknown[];
  /** One line per credential that no longer counts, e.g. "credential 1: REVOKED". */
  flags: string[];
}

export async function recheckCredentials(secured: readonly unknown[], options: VerifyCredentialOptions & { now: Date }): Promise<RecheckResult> {
  const credentials: VerifiedCredential[] = [];
  const usable: unknown[] = [];
  const flags: string[] = [];
  for (const [index, entry] of secured.entries()) {
    const input = isJsonObject(entry) || typeof entry === 'string' ? entry : {};
    const result = await verifyCredential(input, options);
    const verified = toVerifiedCredential(result, options.now);
    const reasons = verified ? unusableReasons(verified) : result.problemDetails.map((p) => p.code);
    if (verified && reasons.length === 0) {
      credentials.push(verified);
      usable.push(entry);
    } else flags.push(`credential ${index}: ${reasons.join(', ')}`);
  }
  return { credentials, secured: usable, flags };
}

function unusableReasons(credential: VerifiedCredential): string[] {
  if (isUsableCredential(credential)) return [];
  return [...(credential.trusted ? [] : ['UNTRUSTED_ISSUER']), ...(credential.revoked ? ['REVOKED'] : []), ...(credential.suspended ? ['SUSPENDED'] : [])];
}
