/**
 * verifyCredential: any credential, from anyone, offline. Data Integrity (eddsa-rdfc-2022, ecdsa-rdfc-2019 P-256 /
 * P-384, Ed25519Signature2020; proof sets and chains), VC-JOSE-COSE `vc+jwt` (compact, or as a VC 2.0
 * EnvelopedVerifiableCredential) and VC 1.1 JWTs (`vc` claim). SD-JWT and COSE are declined as UNSUPPORTED_PROOF.
 * Each check is reported by name; an invalid credential is a `verified: false` result, never an exception.
 *
 * Checks, in order: context (every context bundled, the expected one for the credential type, before any
 * canonicalization) → data-model → proof (+ issuer-binding unless the conformance profile) → validity → status (only
 * when the proof holds: no fetch is driven by a forged credential) → schema → trust. Skills are extracted for the
 * marketplace.
 */
import { systemClock } from '../core/clock.ts';
import { checkCredentialShape, isUrl } from '../core/check-credential-shape.ts';
import { ProoflineError } from '../core/errors.ts';
import { isJsonObject, issuerIdOf, typesOf, contextsOf, type JsonObject } from '../core/open-badges.ts';
import type { TrustScope } from '../core/ports.ts';
import { assertKnownContexts } from '../contexts/assert-known-contexts.ts';
import { bundledDocumentLoader, type DocumentLoader } from '../contexts/document-loader.ts';
import { STATUS_LIST_2021_V1 } from '../contexts/urls.ts';
import { sha256Hex } from '../crypto/digest.ts';
import type { Canonize } from '../crypto/verify-data-integrity.ts';
import { isCompactJws } from '../crypto/verify-vc-jwt.ts';
import { isVc1Jwt, Vc1JwtError, verifyVc1Jwt } from '../crypto/verify-vc1-jwt.ts';
import { checkLogInclusion, type LogInclusionReceipt } from './check-log-inclusion.ts';
import { checkSchema, type LoadSchema } from './check-schema.ts';
import { checkStatus, type CheckStatusOptions, type CredentialStatusResult, type FetchStatusList } from './check-status.ts';
import { checkValidity } from './check-validity.ts';
import { didResolverFor, type DidResolver, type ResolveDid } from './create-did-resolver.ts';
import { extractSkills, type Skill } from './extract-skills.ts';
import { failCheck, settle, verificationProblem, type CheckName, type VerificationProblem } from './verification-problem.ts';
import { verifyProofSet } from './verify-proof-set.ts';
import { DEFAULT_STATUS_LIST_CACHE_TTL_SECONDS, verifyStatusListCached } from './status-list-cache.ts';
import { unsupportedSecuring } from './unsupported-securing.ts';
import { verifyJwtProof, type ResolveKey } from './verify-jwt-proof.ts';

export type VerificationProfile = 'default' | 'conformance';

/**
 * Whether an issuer is trusted, and optionally for what: a list of achievement types and skill URIs (exact), or a
 * TrustScope (achievement types, skill URI prefixes). No scope: trusted for anything.
 */
export type TrustedIssuers = (issuerId: string) => Promise<{ trusted: boolean; scope?: readonly string[] | TrustScope | null }>;

export interface VerifyCredentialOptions {
  /** The time to check validity against (default: the system clock). */
  now?: Date;
  /** JSON-LD contexts; default: the bundled contexts only (contexts/document-loader.ts). Never fetches. */
  documentLoader?: DocumentLoader;
  /** DIDs other than did:key, e.g. this server's did:web documents; null for a DID it does not know. */
  resolveDid?: ResolveDid;
  /** vc+jwt / vp+jwt keys whose `kid` is not a DID URL (e.g. a JWK thumbprint); see verify-jwt-proof.ts. */
  resolveKey?: ResolveKey;
  /** Read Bitstring Status Lists (default true). When false, `status` is unknown and a warning says so. */
  checkStatus?: boolean;
  /** Returns a status list credential by URL; throw for URLs that must not be read. Without it, status is unavailable. */
  fetchStatusList?: FetchStatusList;
  /**
   * How long a status list credential that verified stays verified, by URL and content hash (default 300 s; 0: verify
   * every time). Never past the list's validUntil. See status-list-cache.ts.
   */
  statusListCacheTtlSeconds?: number;
  /** Trusted-issuer registry; without it `trusted` is false and a warning says no registry was consulted. */
  trustedIssuers?: TrustedIssuers;
  /** JSON Schemas named by `credentialSchema`, held locally. */
  loadSchema?: LoadSchema;
  /** 'default' requires the issuer to control a proof's key; 'conformance' (W3C test vectors) does not. */
  profile?: VerificationProfile;
  /** Allowance for clock differences on validFrom / validUntil (default 300 s). */
  clockSkewSeconds?: number;
  /** RDFC-1.0 canonicalization for Data Integrity proofs (default: the cryptosuite's). */
  canonize?: Canonize;
  /**
   * Require a transparency-log receipt (verifier/check-log-inclusion.ts): `receiptFor` finds the one the wallet kept
   * for this credential, named by its digest (SHA-256 of the compact JWS, or of the credential's JSON text as issued);
   * it must prove the issuance is in the log whose C2SP verifier key is `logKey`. Checked only when the proof holds.
   */
  requireLogInclusion?: {
    logKey: string;
    receiptFor: (credential: JsonObject, digest: string) => Promise<LogInclusionReceipt | null>;
  };
}

/** `vc+jwt`: any JWT-secured credential, VC-JOSE-COSE or a VC 1.1 JWT (`vc` claim; `credential` is then normalised). */
export type CredentialFormat = 'data-integrity' | 'vc+jwt';

export interface VerificationResult {
  verified: boolean;
  /** The checks that ran, by name. */
  checks: CheckName[];
  /** Problems that do not fail verification (e.g. a schema not held locally). */
  warnings: VerificationProblem[];
  /** Why verification failed; empty when verified. */
  problemDetails: VerificationProblem[];
  format: CredentialFormat | null;
  credentialId: string | null;
  issuer: string | null;
  trusted: boolean;
  status: CredentialStatusResult;
  skills: Skill[];
  /** The credential as parsed (the JWS payload for vc+jwt); null when it could not be parsed. */
  credential: JsonObject | null;
}

const OB_CONTEXT = /^https:\/\/purl\.imsglobal\.org\/spec\/ob\/v3p0\/context-3\.0\.[0-9]+\.json$/;
/** Credential types whose terms only the Open Badges 3.0 context defines: without it they would be read as something else. */
const OB_TYPES = ['OpenBadgeCredential', 'AchievementCredential', 'EndorsementCredential'];

export async function verifyCredential(input: object | string, options: VerifyCredentialOptions = {}): Promise<VerificationResult> {
  const {
    now = systemClock(),
    documentLoader = bundledDocumentLoader,
    resolveDid,
    checkStatus: shouldCheckStatus = true,
    fetchStatusList,
    trustedIssuers,
    loadSchema,
    profile = 'default',
    clockSkewSeconds = 300,
    canonize,
  } = options;
  const dids = didResolverFor(resolveDid);
  const result: VerificationResult = {
    verified: false,
    checks: [],
    warnings: [],
    problemDetails: [],
    format: null,
    credentialId: null,
    issuer: null,
    trusted: false,
    status: { revoked: null, suspended: null },
    skills: [],
    credential: null,
  };

  // Parse: a JSON object (Data Integrity), a compact JWS, or a VC 2.0 envelope around one.
  let parsed = parseInput(input);
  if (isJsonObject(parsed) && typesOf(parsed).includes('EnvelopedVerifiableCredential') && typeof parsed.id === 'string') {
    const match = /^data:application\/vc\+jwt,(.+)$/.exec(parsed.id);
    if (match) parsed = match[1] as string;
    else if (unsupportedSecuring(parsed.id)) parsed = parsed.id;
  }
  const unsupported = typeof parsed === 'string' ? unsupportedSecuring(parsed) : null;
  if (unsupported) {
    failCheck(result, 'UNSUPPORTED_PROOF', 'proof', `${unsupported} credentials are not supported (VC-JOSE-COSE: vc+jwt only).`);
    return settle(result);
  }
  let jwt: string | null = null;
  let credential: JsonObject;
  if (typeof parsed === 'string') {
    if (!isCompactJws(parsed)) {
      failCheck(result, 'PARSING_ERROR', 'data-model', 'The credential is neither a JSON object nor a compact JWS (vc+jwt).');
      return settle(result);
    }
    jwt = parsed;
    if (isVc1Jwt(jwt)) {
      result.format = 'vc+jwt';
      result.checks.push('proof');
      try {
        const verified = await verifyVc1Jwt(jwt, (did) => dids.resolve(did));
        credential = verified.credential;
        // did-jwt only accepts a key of the `iss` DID: the binding holds unless the `vc` claim names another issuer.
        if (verified.claimedIssuer !== undefined && verified.claimedIssuer !== verified.iss) {
          failCheck(result, 'ISSUER_BINDING_ERROR', 'issuer-binding', `The JWT iss ${verified.iss} is not the credential's issuer ${verified.claimedIssuer}.`);
        } else if (profile === 'default') result.checks.push('issuer-binding');
      } catch (error) {
        if (!(error instanceof Vc1JwtError)) throw error;
        failCheck(result, error.problem === 'PARSING_ERROR' ? 'PARSING_ERROR' : 'PROOF_VERIFICATION_ERROR', error.problem === 'PARSING_ERROR' ? 'data-model' : 'proof', error.message);
        return settle(result);
      }
      result.credential = credential;
    } else {
      result.format = 'vc+jwt';
      result.checks.push('proof');
      const verified = await verifyJwtProof(jwt, { dids, ...(options.resolveKey ? { resolveKey: options.resolveKey } : {}) });
      if (!verified.ok) {
        result.problemDetails.push(...verified.problems);
        return settle(result);
      }
      credential = verified.payload;
      if ('vc' in credential || 'vp' in credential) {
        // VC-JOSE-COSE §3.1.1: the payload is the credential; `vc`/`vp` claims belong to VC 1.1 JWTs (typ JWT).
        failCheck(result, 'MALFORMED_VALUE_ERROR', 'data-model', 'A vc+jwt must carry the credential itself: `vc` and `vp` claims are not allowed.');
        return settle(result);
      }
      result.credential = credential;
      bindJwtIssuer(credential, verified, profile, result);
    }
  } else if (isJsonObject(parsed)) {
    credential = parsed;
    result.format = 'data-integrity';
    result.credential = credential;
  } else {
    failCheck(result, 'PARSING_ERROR', 'data-model', 'The credential must be a JSON object or a vc+jwt string.');
    return settle(result);
  }
  result.credentialId = typeof credential.id === 'string' ? credential.id : null;
  result.issuer = issuerIdOf(credential) ?? null;

  // Context, before any JSON-LD processing: bundled contexts only, and the one the credential type needs.
  result.checks.push('context');
  const contextProblem = checkContexts(credential, jwt === null);
  if (contextProblem) {
    result.problemDetails.push(contextProblem);
    return settle(result);
  }
  result.checks.push('data-model');
  const shape = checkCredentialShape(credential);
  if (shape.length > 0) {
    for (const p of shape.slice(0, 10)) failCheck(result, 'MALFORMED_VALUE_ERROR', 'data-model', `${p.pointer || '/'} ${p.detail}`);
    return settle(result);
  }

  if (!jwt) {
    result.checks.push('proof');
    const proofs = await verifyProofSet(credential, { documentLoader, dids, now, ...(canonize ? { canonize } : {}) });
    result.problemDetails.push(...proofs.problems);
    if (profile === 'default' && proofs.problems.length === 0) {
      result.checks.push('issuer-binding');
      if (!result.issuer || !proofs.signers.includes(result.issuer)) {
        failCheck(result, 'ISSUER_BINDING_ERROR', 'issuer-binding', `No proof is made with a key of the issuer ${String(result.issuer)} (signed by ${proofs.signers.join(', ')}).`);
      }
    }
  }
  const proofHolds = result.problemDetails.length === 0;

  result.checks.push('validity');
  result.problemDetails.push(...checkValidity(credential, { now, clockSkewSeconds }));

  if (!shouldCheckStatus) {
    result.warnings.push(verificationProblem('STATUS_NOT_CHECKED', 'status', 'Status checking was turned off by the caller.'));
  } else if (proofHolds) {
    result.checks.push('status');
    const status = await checkStatus(credential, { fetchStatusList, verifyStatusList: statusListVerifier(options, now, documentLoader) });
    result.status = status.status;
    result.problemDetails.push(...status.problems);
    result.warnings.push(...status.warnings);
  }

  if (options.requireLogInclusion && proofHolds) {
    result.checks.push('log-inclusion');
    const { logKey, receiptFor } = options.requireLogInclusion;
    const digest = sha256Hex(jwt ?? JSON.stringify(credential));
    result.problemDetails.push(...checkLogInclusion({ credentialDigest: digest, receipt: await receiptFor(credential, digest), logKey }).problems);
  }

  result.checks.push('schema');
  const schema = await checkSchema(credential, loadSchema ? { loadSchema } : {});
  result.problemDetails.push(...schema.problems);
  result.warnings.push(...schema.warnings);

  result.skills = extractSkills(credential);
  if (!trustedIssuers) {
    result.warnings.push(verificationProblem('TRUST_NOT_CHECKED', 'trust', 'No trusted-issuer registry was consulted.'));
  } else if (result.issuer) {
    result.checks.push('trust');
    const { trusted, scope } = await trustedIssuers(result.issuer);
    const outOfScope = trusted && scope ? outsideScope(result.skills, credential, scope) : [];
    result.trusted = trusted && outOfScope.length === 0;
    if (!trusted) failCheck(result, 'UNTRUSTED_ISSUER', 'trust', `${result.issuer} is not a trusted issuer.`);
    else if (outOfScope.length > 0) failCheck(result, 'UNTRUSTED_ISSUER', 'trust', `${result.issuer} is not trusted to attest ${outOfScope.join(', ')}.`);
  }
  return settle(result);
}

/**
 * Verifies a status list credential as a credential (proof, dates; not its own status, schema or trust), kept
 * verified for a while by URL and content (status-list-cache.ts). Built here rather than inline: tsx names every
 * closure bound to a name, a cost on each verification.
 */
function statusListVerifier(options: VerifyCredentialOptions, now: Date, documentLoader: DocumentLoader): CheckStatusOptions['verifyStatusList'] {
  const { profile = 'default', clockSkewSeconds = 300, canonize, resolveDid } = options;
  const cacheOptions = {
    now,
    ttlSeconds: options.statusListCacheTtlSeconds ?? DEFAULT_STATUS_LIST_CACHE_TTL_SECONDS,
    scope: `${profile}\n${clockSkewSeconds}\n${canonize ? 'canonize' : ''}`,
    ...(resolveDid ? { resolver: resolveDid } : {}),
  };
  return (list, url) =>
    verifyStatusListCached(list, url, cacheOptions, (unverified) =>
      verifyCredential(unverified, { ...options, now, documentLoader, checkStatus: false, trustedIssuers: undefined, loadSchema: undefined, requireLogInclusion: undefined }),
    );
}

function parseInput(input: unknown): unknown {
  if (typeof input !== 'string') return input;
  const text = input.trim();
  if (!text.startsWith('{')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Every context bundled, and the context each type needs; `jsonLd`: Data Integrity (signed as JSON-LD, not as bytes). */
function checkContexts(credential: JsonObject, jsonLd: boolean): VerificationProblem | null {
  try {
    assertKnownContexts(credential);
  } catch (error) {
    if (error instanceof ProoflineError && error.code === 'UNSUPPORTED_CONTEXT') return verificationProblem('UNSUPPORTED_CONTEXT', 'context', error.message);
    if (error instanceof ProoflineError) return verificationProblem('MALFORMED_VALUE_ERROR', 'context', error.message);
    throw error;
  }
  const types = typesOf(credential);
  const contexts = contextsOf(credential);
  const obType = OB_TYPES.find((t) => types.includes(t));
  if (obType && !contexts.some((c) => typeof c === 'string' && OB_CONTEXT.test(c))) {
    return verificationProblem('UNSUPPORTED_CONTEXT', 'context', `An ${obType} needs an Open Badges 3.0 context (https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.x.json).`);
  }
  // Data Integrity signs the JSON-LD reading: StatusList2021 terms without their context would be signed as other IRIs
  // (VC 2.0's issuer-dependent @vocab) or not at all. A JWT signs bytes, so VC 1.1 JWTs may omit it.
  const sl2021Type = jsonLd ? statusList2021TypeOf(credential, types) : null;
  if (sl2021Type && !contexts.includes(STATUS_LIST_2021_V1)) {
    return verificationProblem('UNSUPPORTED_CONTEXT', 'context', `A Data Integrity credential with a ${sl2021Type} needs the StatusList2021 context (${STATUS_LIST_2021_V1}).`);
  }
  return null;
}

/** The StatusList2021 type a credential uses (as its own type, or its status entries'), or null. */
function statusList2021TypeOf(credential: JsonObject, types: readonly string[]): string | null {
  if (types.includes('StatusList2021Credential')) return 'StatusList2021Credential';
  const status = credential.credentialStatus;
  const entries = Array.isArray(status) ? status : [status];
  return entries.some((entry) => isJsonObject(entry) && typesOf(entry).includes('StatusList2021Entry')) ? 'StatusList2021Entry' : null;
}

/** VC-JOSE-COSE: the header `iss` (when present) names the credential's issuer; by default the key is the issuer's. */
function bindJwtIssuer(
  credential: JsonObject,
  verified: { controller: string; iss: string | undefined },
  profile: VerificationProfile,
  result: VerificationResult,
): void {
  const issuer = issuerIdOf(credential);
  if (verified.iss !== undefined && verified.iss !== issuer) {
    failCheck(result, 'ISSUER_BINDING_ERROR', 'issuer-binding', `The JWS iss ${verified.iss} is not the credential's issuer ${String(issuer)}.`);
  }
  if (profile === 'default') {
    result.checks.push('issuer-binding');
    if (!issuer || !isUrl(issuer) || verified.controller !== issuer) {
      failCheck(result, 'ISSUER_BINDING_ERROR', 'issuer-binding', `The signing key belongs to ${verified.controller}, not to the issuer ${String(issuer)}.`);
    }
  }
}

function outsideScope(skills: Skill[], credential: JsonObject, scope: readonly string[] | TrustScope): string[] {
  const list = isTrustScopeList(scope);
  // A list names types and skill URIs exactly; a TrustScope names types and skill URI prefixes (absent: any).
  const typeAllowed = (type: string) => (list ? scope.includes(type) : scope.achievementTypes === undefined || scope.achievementTypes.includes(type));
  const skillAllowed = (id: string) => (list ? scope.includes(id) : scope.skillPrefixes !== undefined && scope.skillPrefixes.some((prefix) => id.startsWith(prefix)));
  const out = new Set<string>();
  for (const skill of skills) {
    const byType = skill.achievementType !== undefined && (list || scope.achievementTypes !== undefined) && typeAllowed(skill.achievementType);
    const unrestricted = !list && scope.achievementTypes === undefined && scope.skillPrefixes === undefined;
    if (!unrestricted && !skillAllowed(skill.id) && !byType) out.add(skill.id);
  }
  if (skills.length === 0) {
    const subject = credential.credentialSubject;
    const achievementType = isJsonObject(subject) && isJsonObject(subject.achievement) ? subject.achievement.achievementType : undefined;
    if (typeof achievementType === 'string' && !typeAllowed(achievementType)) out.add(achievementType);
  }
  return [...out];
}

function isTrustScopeList(scope: readonly string[] | TrustScope): scope is readonly string[] {
  return Array.isArray(scope);
}

export type { DidResolver };
