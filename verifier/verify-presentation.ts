/**
 * verifyPresentation (VC-API verifyPresentation): a holder's presentation, bound to a verifier's challenge. Data
 * Integrity (eddsa-rdfc-2022 / ecdsa-rdfc-2019, proofPurpose `authentication`), VC-JOSE-COSE `vp+jwt` and VC 1.1 JWT
 * presentations (`vp` claim, typ JWT, `iss` the holder; as Microsoft Entra Verified ID and did-jwt-vc make them). For
 * both JWT forms the challenge is the `nonce` claim, the domain the `aud` claim.
 *
 * Checks, in order: context and data-model → proof → challenge and domain (the signed values equal the expected ones) →
 * the challenge's single use (consumed only once the proof holds, so a forged presentation cannot burn a challenge) →
 * holder binding → every credential inside, through verifyCredential with the same options. A forged presentation
 * drives no credential checks (and so no status fetches).
 */
import { systemClock } from '../core/clock.ts';
import { ProoflineError } from '../core/errors.ts';
import { contextsOf, CREDENTIALS_V1_CONTEXT, CREDENTIALS_V2_CONTEXT, isJsonObject, typesOf, type JsonObject } from '../core/open-badges.ts';
import type { ChallengeConsumeResult, ChallengeRefusal } from '../core/ports.ts';
import { assertKnownContexts } from '../contexts/assert-known-contexts.ts';
import { bundledDocumentLoader } from '../contexts/document-loader.ts';
import { isCompactJws, VP_TYP } from '../crypto/verify-vc-jwt.ts';
import { isVp1Jwt, Vc1JwtError, verifyVp1Jwt } from '../crypto/verify-vc1-jwt.ts';
import { didResolverFor, didOf } from './create-did-resolver.ts';
import { failCheck, settle, verificationProblem, type CheckName, type VerificationProblem, type VerificationProblemCode } from './verification-problem.ts';
import { verifyCredential, type VerificationResult, type VerifyCredentialOptions } from './verify-credential.ts';
import { unsupportedSecuring } from './unsupported-securing.ts';
import { verifyJwtProof } from './verify-jwt-proof.ts';
import { verifyProofSet } from './verify-proof-set.ts';

/** Marks a challenge used, once (the server passes `store.challenges.consume`). */
export type ConsumeChallenge = (challenge: string, options: { now: Date; domain: string | null }) => Promise<ChallengeConsumeResult>;

export interface VerifyPresentationOptions extends VerifyCredentialOptions {
  /** The challenge the presentation must be signed over; without it a warning says a replay was not ruled out. */
  challenge?: string;
  /** The domain the presentation must be signed for (DI `domain`, JWT `aud`). */
  domain?: string;
  /** Consumes `challenge` atomically once the proof holds; without it the challenge is compared but not consumed. */
  consumeChallenge?: ConsumeChallenge;
  /** Require the presenter to be a subject of each credential (default true). */
  holderBinding?: boolean;
}

export type PresentationFormat = 'data-integrity' | 'vp+jwt';

export interface PresentationVerificationResult {
  verified: boolean;
  checks: CheckName[];
  warnings: VerificationProblem[];
  problemDetails: VerificationProblem[];
  format: PresentationFormat | null;
  /** The DID that signed the presentation (its `holder` when it names one). */
  holder: string | null;
  /** One result per embedded credential, in order; empty when the presentation proof failed. */
  credentials: VerificationResult[];
  /** The presentation as parsed (the JWS payload for vp+jwt). */
  presentation: JsonObject | null;
}

const REFUSALS: Record<ChallengeRefusal, { code: VerificationProblemCode; check: CheckName; detail: string }> = {
  unknown: { code: 'CHALLENGE_UNKNOWN', check: 'challenge', detail: 'The challenge was not issued by this verifier.' },
  consumed: { code: 'CHALLENGE_REUSED', check: 'challenge', detail: 'The challenge has been used already: a presentation is accepted once.' },
  expired: { code: 'CHALLENGE_EXPIRED', check: 'challenge', detail: 'The challenge has expired; request a new one.' },
  'domain-mismatch': { code: 'DOMAIN_MISMATCH', check: 'domain', detail: 'The challenge was issued for another domain.' },
};

export async function verifyPresentation(input: object | string, options: VerifyPresentationOptions = {}): Promise<PresentationVerificationResult> {
  const { now = systemClock(), documentLoader = bundledDocumentLoader, resolveDid, canonize, challenge, domain, consumeChallenge, holderBinding = true, clockSkewSeconds = 300 } = options;
  const dids = didResolverFor(resolveDid);
  const result: PresentationVerificationResult = {
    verified: false,
    checks: [],
    warnings: [],
    problemDetails: [],
    format: null,
    holder: null,
    credentials: [],
    presentation: null,
  };

  let parsed: unknown = input;
  if (isJsonObject(parsed) && typesOf(parsed).includes('EnvelopedVerifiablePresentation') && typeof parsed.id === 'string') {
    const match = /^data:application\/vp\+jwt,(.+)$/.exec(parsed.id);
    if (match) parsed = match[1] as string;
    else if (unsupportedSecuring(parsed.id)) parsed = parsed.id;
  }
  const unsupported = typeof parsed === 'string' ? unsupportedSecuring(parsed) : null;
  if (unsupported) {
    failCheck(result, 'UNSUPPORTED_PROOF', 'proof', `${unsupported} presentations are not supported (VC-JOSE-COSE: vp+jwt only).`);
    return settle(result);
  }

  let presentation: JsonObject;
  let signers: string[];
  /** The signed challenge and domain(s). */
  let signed: { challenge: unknown; domains: unknown[] }[];
  if (typeof parsed === 'string') {
    if (!isCompactJws(parsed)) {
      failCheck(result, 'PARSING_ERROR', 'data-model', 'The presentation is neither a JSON object nor a compact JWS (vp+jwt).');
      return settle(result);
    }
    result.format = 'vp+jwt';
    result.checks.push('proof');
    let claims: { exp?: unknown; nbf?: unknown };
    if (isVp1Jwt(parsed)) {
      // VC 1.1 JWT presentation (`vp` claim, typ JWT): did-jwt-vc, the key an `authentication` method of `iss`.
      let verified;
      try {
        verified = await verifyVp1Jwt(parsed, (did) => dids.resolve(did));
      } catch (error) {
        if (!(error instanceof Vc1JwtError)) throw error;
        failCheck(result, error.problem === 'PARSING_ERROR' ? 'PARSING_ERROR' : 'PROOF_VERIFICATION_ERROR', error.problem === 'PARSING_ERROR' ? 'data-model' : 'proof', error.message);
        return settle(result);
      }
      presentation = verified.presentation;
      signers = [verified.iss];
      signed = [{ challenge: verified.nonce, domains: verified.aud === undefined ? [] : [verified.aud].flat() }];
      claims = verified;
    } else {
      const verified = await verifyJwtProof(parsed, { dids, relationship: 'authentication', typ: VP_TYP, ...(options.resolveKey ? { resolveKey: options.resolveKey } : {}) });
      if (!verified.ok) {
        result.problemDetails.push(...verified.problems);
        return settle(result);
      }
      presentation = verified.payload;
      if ('vp' in presentation && !('@context' in presentation)) {
        // VC-JOSE-COSE §3.2.1: a vp+jwt carries the presentation itself; `vp` claims belong to VC 1.1 JWTs (typ JWT).
        failCheck(result, 'UNSUPPORTED_PROOF', 'proof', 'A vp+jwt must carry the presentation itself: VC 1.1 `vp` claims come with typ JWT.');
        return settle(result);
      }
      signers = [verified.controller];
      signed = [{ challenge: presentation.nonce, domains: presentation.aud === undefined ? [] : [presentation.aud].flat() }];
      claims = presentation;
    }
    result.presentation = presentation;
    const time = now.getTime();
    const skew = clockSkewSeconds * 1000;
    if (typeof claims.exp === 'number' && claims.exp * 1000 < time - skew) failCheck(result, 'PROOF_VERIFICATION_ERROR', 'proof', 'The presentation JWT has expired (exp).');
    if (typeof claims.nbf === 'number' && claims.nbf * 1000 > time + skew) failCheck(result, 'PROOF_VERIFICATION_ERROR', 'proof', 'The presentation JWT is not valid yet (nbf).');
    if (!checkPresentationModel(presentation, result)) return settle(result);
  } else if (isJsonObject(parsed)) {
    presentation = parsed;
    result.format = 'data-integrity';
    result.presentation = presentation;
    // Before any canonicalization: bundled contexts only.
    if (!checkPresentationModel(presentation, result)) return settle(result);
    result.checks.push('proof');
    const proofs = await verifyProofSet(presentation, { documentLoader, dids, now, proofPurpose: 'authentication', ...(canonize ? { canonize } : {}) });
    result.problemDetails.push(...proofs.problems);
    signers = proofs.signers;
    const list = [presentation.proof].flat().filter(isJsonObject);
    signed = list.map((p) => ({ challenge: p.challenge, domains: p.domain === undefined ? [] : [p.domain].flat() }));
  } else {
    failCheck(result, 'PARSING_ERROR', 'data-model', 'The presentation must be a JSON object or a vp+jwt string.');
    return settle(result);
  }
  if (result.problemDetails.length > 0) return settle(result);

  // The holder: the signer, which a `holder` property must name.
  const holder = typeof presentation.holder === 'string' ? presentation.holder : isJsonObject(presentation.holder) && typeof presentation.holder.id === 'string' ? presentation.holder.id : undefined;
  result.holder = holder ?? signers[0] ?? null;
  if (holder !== undefined && !signers.includes(holder)) {
    result.checks.push('holder-binding');
    failCheck(result, 'HOLDER_BINDING_ERROR', 'holder-binding', `The presentation names holder ${holder} but is signed by ${signers.join(', ')}.`);
    return settle(result);
  }

  // Challenge and domain: every proof is signed over the expected values.
  if (challenge === undefined) {
    result.warnings.push(verificationProblem('CHALLENGE_NOT_CHECKED', 'challenge', 'No challenge was given: the presentation may be a replay.'));
  } else {
    result.checks.push('challenge');
    for (const s of signed) {
      if (s.challenge !== challenge) failCheck(result, 'CHALLENGE_MISMATCH', 'challenge', `The presentation is signed over challenge ${JSON.stringify(s.challenge ?? null)}, not the expected one.`);
    }
  }
  if (domain !== undefined) {
    result.checks.push('domain');
    for (const s of signed) {
      if (!s.domains.includes(domain)) failCheck(result, 'DOMAIN_MISMATCH', 'domain', `The presentation is signed for ${JSON.stringify(s.domains)}, not for ${JSON.stringify(domain)}.`);
    }
  }
  if (result.problemDetails.length > 0) return settle(result);
  if (challenge !== undefined && consumeChallenge) {
    const consumed = await consumeChallenge(challenge, { now, domain: domain ?? null });
    if (!consumed.consumed) {
      const refusal = REFUSALS[consumed.reason];
      failCheck(result, refusal.code, refusal.check, refusal.detail);
      return settle(result);
    }
  } else if (challenge !== undefined) {
    result.warnings.push(verificationProblem('CHALLENGE_NOT_CHECKED', 'challenge', 'The challenge was compared but not consumed: single use is the caller\'s job.'));
  }

  // The credentials inside, with the same options; then whether the presenter is their subject.
  const entries = presentation.verifiableCredential === undefined ? [] : [presentation.verifiableCredential].flat();
  result.checks.push('credentials');
  if (holderBinding) result.checks.push('holder-binding');
  for (const [i, entry] of entries.entries()) {
    // verifyCredential answers PARSING_ERROR for anything but an object or a string.
    const credentialResult = await verifyCredential(entry as object, { ...options, now, documentLoader });
    result.credentials.push(credentialResult);
    const name = `credential ${i}${credentialResult.credentialId ? ` (${credentialResult.credentialId})` : ''}`;
    if (!credentialResult.verified) {
      failCheck(result, 'CREDENTIAL_NOT_VERIFIED', 'credentials', `${name}: ${credentialResult.problemDetails.map((p) => p.code).join(', ')}.`);
    }
    if (holderBinding && credentialResult.credential) {
      const subjects = subjectIdsOf(credentialResult.credential);
      if (!subjects.some((id) => signers.includes(didOf(id)))) {
        failCheck(result, 'HOLDER_BINDING_ERROR', 'holder-binding', `${name} is about ${subjects.join(', ') || 'no identified subject'}, not about the presenter ${signers.join(', ')}.`);
      }
    }
  }
  return settle(result);
}

function checkPresentationModel(presentation: JsonObject, result: PresentationVerificationResult): boolean {
  result.checks.push('context');
  try {
    assertKnownContexts(presentation);
  } catch (error) {
    if (!(error instanceof ProoflineError)) throw error;
    failCheck(result, error.code === 'UNSUPPORTED_CONTEXT' ? 'UNSUPPORTED_CONTEXT' : 'MALFORMED_VALUE_ERROR', 'context', error.message);
    return false;
  }
  result.checks.push('data-model');
  const first = contextsOf(presentation)[0];
  if (first !== CREDENTIALS_V2_CONTEXT && first !== CREDENTIALS_V1_CONTEXT) {
    failCheck(result, 'MALFORMED_VALUE_ERROR', 'data-model', `The first @context must be ${CREDENTIALS_V2_CONTEXT} (or the VC 1.1 one).`);
    return false;
  }
  if (!typesOf(presentation).includes('VerifiablePresentation')) {
    failCheck(result, 'MALFORMED_VALUE_ERROR', 'data-model', 'The presentation\'s type must include VerifiablePresentation.');
    return false;
  }
  return true;
}

function subjectIdsOf(credential: JsonObject): string[] {
  return [credential.credentialSubject]
    .flat()
    .map((s) => (isJsonObject(s) && typeof s.id === 'string' ? s.id : null))
    .filter((id): id is string => id !== null);
}
