/**
 * verifyCandidate: a candidate's presentation, through verifier/ (the only way credentials reach a score). The
 * presentation itself must verify (proof, challenge, domain, holder binding); credentials inside that do not verify
 * are dropped rather than failing the whole application, and only verified ones are branded.
 *
 * Re-checks after applying read status afresh through marketplace/recheck-applications.ts.
 */
import { toVerifiedCredential, type VerifiedCredential } from '../core/verified-credential.ts';
import { verifyPresentation, type VerificationProblem, type VerificationResult, type VerifyPresentationOptions } from '../verifier/index.ts';
import { unusableReasons } from './stored-evidence.ts';

export interface CandidateCredential {
  /** The credential as presented (object, vc+jwt string or envelope): what a re-check verifies again. */
  secured: unknown;
  verified: VerifiedCredential;
  /** The verifier's full result (status entries and dates for the stored evidence). */
  result: VerificationResult;
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
    if (verified && reasons.length === 0) credentials.push({ secured: entries[index], verified, result: credentialResult });
    else rejected.push({ index, credentialId: credentialResult.credentialId, reasons });
  });
  return { accepted: true, holder: result.holder, credentials, rejected, warnings: result.warnings };
}
