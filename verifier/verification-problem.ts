/**
 * What a failed (or doubtful) check says, as an RFC 9457 problem detail (VC 2.0 §7.1 "Problem Details"). `type` is the
 * spec's URI where one exists (VC Data Model 2.0, Bitstring Status List §3.5), ours otherwise; `code` is a frozen name
 * a caller can branch on; `check` names the check that produced it.
 */
export type CheckName =
  | 'context'
  | 'data-model'
  | 'proof'
  | 'issuer-binding'
  | 'validity'
  | 'status'
  | 'schema'
  | 'trust'
  // Presentations: the proof's challenge and domain, the challenge's single use, holder binding, the credentials inside.
  | 'challenge'
  | 'domain'
  | 'holder-binding'
  | 'credentials'
  // The issuer's transparency log: a receipt proves the credential's issuance is logged.
  | 'log-inclusion';

export type VerificationProblemCode =
  | 'PARSING_ERROR'
  | 'MALFORMED_VALUE_ERROR'
  | 'UNSUPPORTED_CONTEXT'
  | 'PROOF_MISSING'
  | 'UNSUPPORTED_PROOF'
  | 'PROOF_VERIFICATION_ERROR'
  | 'ISSUER_BINDING_ERROR'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'REVOKED'
  | 'SUSPENDED'
  | 'STATUS_UNAVAILABLE'
  | 'STATUS_VERIFICATION_ERROR'
  | 'STATUS_LIST_LENGTH_ERROR'
  | 'STATUS_NOT_CHECKED'
  | 'STATUS_ISSUER_MISMATCH'
  | 'SCHEMA_INVALID'
  | 'SCHEMA_NOT_CHECKED'
  | 'UNTRUSTED_ISSUER'
  | 'TRUST_NOT_CHECKED'
  | 'CHALLENGE_MISMATCH'
  | 'CHALLENGE_UNKNOWN'
  | 'CHALLENGE_REUSED'
  | 'CHALLENGE_EXPIRED'
  | 'CHALLENGE_NOT_CHECKED'
  | 'DOMAIN_MISMATCH'
  | 'HOLDER_BINDING_ERROR'
  | 'CREDENTIAL_NOT_VERIFIED'
  | 'LOG_INCLUSION_MISSING'
  | 'LOG_INCLUSION_INVALID';

export interface VerificationProblem {
  type: string;
  title: string;
  detail: string;
  code: VerificationProblemCode;
  check: CheckName;
}

const VC = 'https://www.w3.org/TR/vc-data-model#';
const STATUS = 'https://www.w3.org/ns/credentials/status-list#';
const OURS = 'https://proofline.dev/problems/verify#';
/** VC Data Integrity §2.1 "Processing Errors". */
const SECURITY = 'https://w3id.org/security#';

const TABLE: Record<VerificationProblemCode, { type: string; title: string }> = {
  PARSING_ERROR: { type: `${VC}PARSING_ERROR`, title: 'The credential could not be parsed' },
  MALFORMED_VALUE_ERROR: { type: `${VC}MALFORMED_VALUE_ERROR`, title: 'A value of the credential is malformed' },
  UNSUPPORTED_CONTEXT: { type: `${OURS}UNSUPPORTED_CONTEXT`, title: 'Unexpected or unknown JSON-LD context' },
  PROOF_MISSING: { type: `${VC}CRYPTOGRAPHIC_SECURITY_ERROR`, title: 'The credential carries no proof' },
  UNSUPPORTED_PROOF: { type: `${VC}CRYPTOGRAPHIC_SECURITY_ERROR`, title: 'Unsupported proof type or cryptosuite' },
  PROOF_VERIFICATION_ERROR: { type: `${VC}CRYPTOGRAPHIC_SECURITY_ERROR`, title: 'The proof does not verify' },
  ISSUER_BINDING_ERROR: { type: `${VC}CRYPTOGRAPHIC_SECURITY_ERROR`, title: 'The issuer did not sign the credential' },
  EXPIRED: { type: `${VC}RANGE_ERROR`, title: 'The credential has expired' },
  NOT_YET_VALID: { type: `${VC}RANGE_ERROR`, title: 'The credential is not valid yet' },
  REVOKED: { type: `${OURS}REVOKED`, title: 'The credential is revoked' },
  SUSPENDED: { type: `${OURS}SUSPENDED`, title: 'The credential is suspended' },
  STATUS_UNAVAILABLE: { type: `${STATUS}STATUS_RETRIEVAL_ERROR`, title: 'The credential\'s status could not be retrieved' },
  STATUS_VERIFICATION_ERROR: { type: `${STATUS}STATUS_VERIFICATION_ERROR`, title: 'The status list or status entry is invalid' },
  STATUS_LIST_LENGTH_ERROR: { type: `${STATUS}STATUS_LIST_LENGTH_ERROR`, title: 'The status list is too short' },
  STATUS_NOT_CHECKED: { type: `${OURS}STATUS_NOT_CHECKED`, title: 'Status was not checked' },
  STATUS_ISSUER_MISMATCH: { type: `${OURS}STATUS_ISSUER_MISMATCH`, title: 'The status list has another issuer' },
  SCHEMA_INVALID: { type: `${OURS}SCHEMA_INVALID`, title: 'The credential does not match its credentialSchema' },
  SCHEMA_NOT_CHECKED: { type: `${OURS}SCHEMA_NOT_CHECKED`, title: 'A credentialSchema was not checked' },
  UNTRUSTED_ISSUER: { type: `${OURS}UNTRUSTED_ISSUER`, title: 'The issuer is not trusted for this credential' },
  TRUST_NOT_CHECKED: { type: `${OURS}TRUST_NOT_CHECKED`, title: 'No trusted-issuer registry was consulted' },
  CHALLENGE_MISMATCH: { type: `${SECURITY}INVALID_CHALLENGE_ERROR`, title: 'The presentation does not carry the expected challenge' },
  CHALLENGE_UNKNOWN: { type: `${SECURITY}INVALID_CHALLENGE_ERROR`, title: 'The challenge was not issued by this verifier' },
  CHALLENGE_REUSED: { type: `${SECURITY}INVALID_CHALLENGE_ERROR`, title: 'The challenge has been used already' },
  CHALLENGE_EXPIRED: { type: `${SECURITY}INVALID_CHALLENGE_ERROR`, title: 'The challenge has expired' },
  CHALLENGE_NOT_CHECKED: { type: `${OURS}CHALLENGE_NOT_CHECKED`, title: 'No challenge was checked: the presentation could be a replay' },
  DOMAIN_MISMATCH: { type: `${SECURITY}INVALID_DOMAIN_ERROR`, title: 'The presentation is for another domain' },
  HOLDER_BINDING_ERROR: { type: `${OURS}HOLDER_BINDING_ERROR`, title: 'The presenter is not the subject of a credential' },
  CREDENTIAL_NOT_VERIFIED: { type: `${OURS}CREDENTIAL_NOT_VERIFIED`, title: 'A credential in the presentation does not verify' },
  LOG_INCLUSION_MISSING: { type: `${OURS}LOG_INCLUSION_MISSING`, title: 'No proof that the credential is in the issuer\'s transparency log' },
  LOG_INCLUSION_INVALID: { type: `${OURS}LOG_INCLUSION_INVALID`, title: 'The transparency-log receipt does not prove this credential\'s issuance' },
};

export function verificationProblem(code: VerificationProblemCode, check: CheckName, detail: string): VerificationProblem {
  const { type, title } = TABLE[code];
  return { type, title, detail, code, check };
}

/**
 * A failed check added to a verification result, and the result's final verdict: module-level helpers shared by the
 * credential and presentation verifiers rather than closures made per verification (tsx names each closure bound to
 * a name with Object.defineProperty, a visible cost on the hot path).
 */
export function failCheck(result: { problemDetails: VerificationProblem[] }, code: VerificationProblemCode, check: CheckName, detail: string): void {
  result.problemDetails.push(verificationProblem(code, check, detail));
}

export function settle<T extends { verified: boolean; problemDetails: readonly VerificationProblem[] }>(result: T): T {
  result.verified = result.problemDetails.length === 0;
  return result;
}
