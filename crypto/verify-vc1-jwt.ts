/**
 * VC Data Model 1.1 JWT credentials (VC 1.1 §6.3.1: a JWT whose `vc` claim is the credential; `iss`, `sub`, `nbf`,
 * `exp`, `jti` carry issuer, subject, validity and id), as Microsoft Entra Verified ID and others issue them, checked
 * with did-jwt-vc / did-jwt. The signer must be a verification method of the `iss` DID with the assertionMethod
 * relationship (did-jwt resolves `iss` through the caller's resolver). Algorithms are allow-listed before did-jwt sees
 * the token: `none`, HMAC and RSA never reach it. Dates are the caller's check: did-jwt's own clock checks are off and
 * the normalised credential carries `issuanceDate`/`expirationDate` from `nbf`/`exp`.
 */
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { verifyCredential as didJwtVerifyCredential, verifyPresentation as didJwtVerifyPresentation } from 'did-jwt-vc';
import type { DIDDocument, DIDResolutionResult } from 'did-resolver';
import { protectedHeaderOf } from './jws-header.ts';

/** The JWS algorithms a VC 1.1 JWT may use (did-jwt's signature algorithms for Ed25519, P-256 and secp256k1). */
export const VC1_JWT_ALGORITHMS: readonly string[] = ['EdDSA', 'Ed25519', 'ES256', 'ES256K'];
/** `typ` values of a VC 1.1 JWT (absent is allowed too); `vc+jwt` is VC-JOSE-COSE (crypto/verify-vc-jwt.ts). */
const VC1_TYP = new Set(['JWT', 'jwt', 'application/jwt']);

export class Vc1JwtError extends Error {
  readonly problem: 'PARSING_ERROR' | 'ALGORITHM_NOT_ALLOWED' | 'SIGNATURE_INVALID' | 'RESOLUTION_FAILED';
  constructor(problem: Vc1JwtError['problem'], message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'Vc1JwtError';
    this.problem = problem;
  }
}

/** Whether `jwt` looks like a VC 1.1 JWT credential: a JSON `vc` object in the payload and no VC-JOSE-COSE `typ`. */
export function isVc1Jwt(jwt: string): boolean {
  return hasVc1Claim(jwt, 'vc');
}

/** Whether the JWT's payload holds `claim` as a JSON object, its `typ` (if any) being a plain JWT's. */
function hasVc1Claim(jwt: string, claim: 'vc' | 'vp'): boolean {
  try {
    const header = protectedHeaderOf(jwt);
    if (header.typ !== undefined && !VC1_TYP.has(header.typ)) return false;
    const value = decodeJwt(jwt)[claim];
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}

export interface VerifiedVc1Jwt {
  /** The credential: the `vc` claim with `iss`→issuer, `sub`→credentialSubject.id, `nbf`/`exp`→issuanceDate/expirationDate, `jti`→id. */
  credential: Record<string, unknown>;
  /** The JWT's `iss` (the DID whose key signed). */
  iss: string;
  /** The issuer the `vc` claim names itself, when it does (must equal `iss`). */
  claimedIssuer: string | undefined;
  /** The DID URL of the verification method that signed. */
  signer: string;
}

/**
 * Verifies the JWT's signature with a key of its `iss` DID, resolved by `resolveDid` (which throws for a DID it does
 * not resolve). Throws Vc1JwtError; never returns an unverified credential.
 */
export async function verifyVc1Jwt(jwt: string, resolveDid: ResolveDidDocument): Promise<VerifiedVc1Jwt> {
  const claims = readVc1Jwt(jwt);
  const resolver = resolverFor(resolveDid);
  let verified;
  try {
    verified = await didJwtVerifyCredential(jwt, resolver, {
      proofPurpose: 'assertionMethod',
      // Dates, audience and the data model are the verifier's checks (reported by name there).
      policies: { issuanceDate: false, expirationDate: false, iat: false, nbf: false, exp: false, aud: false, format: false },
    });
  } catch (error) {
    throw classify(error, 'VC 1.1 JWT');
  }
  const { proof: _proof, ...credential } = verified.verifiableCredential as unknown as Record<string, unknown>;
  const vc = claims.vc as Record<string, unknown>;
  const claimed = typeof vc.issuer === 'string' ? vc.issuer : vc.issuer && typeof vc.issuer === 'object' ? (vc.issuer as { id?: unknown }).id : undefined;
  return { credential, iss: claims.iss, claimedIssuer: typeof claimed === 'string' ? claimed : undefined, signer: verified.signer.id };
}

/** A DID document by DID; throws for a DID that must not or cannot be resolved. */
export type ResolveDidDocument = (did: string) => Promise<Record<string, unknown>>;

/** The claims of a VC 1.1 JWT whose `alg` is on the allow-list and whose `iss` is a DID (nothing verified yet). */
function readVc1Jwt(jwt: string): ReturnType<typeof decodeJwt> & { iss: string } {
  let header;
  let claims;
  try {
    header = decodeProtectedHeader(jwt);
    claims = decodeJwt(jwt);
  } catch (error) {
    throw new Vc1JwtError('PARSING_ERROR', 'Not a JWT with a JSON header and payload.', error);
  }
  if (typeof header.alg !== 'string' || !VC1_JWT_ALGORITHMS.includes(header.alg)) {
    throw new Vc1JwtError('ALGORITHM_NOT_ALLOWED', `alg ${JSON.stringify(header.alg ?? null)} is not accepted (${VC1_JWT_ALGORITHMS.join(', ')}).`);
  }
  if (typeof claims.iss !== 'string' || !claims.iss.startsWith('did:')) throw new Vc1JwtError('PARSING_ERROR', 'The JWT has no `iss` DID.');
  return claims as ReturnType<typeof decodeJwt> & { iss: string };
}

/** did-jwt's resolver interface over ours: a DID we cannot resolve is did-jwt's `notFound`. */
function resolverFor(resolveDid: ResolveDidDocument): Parameters<typeof didJwtVerifyCredential>[1] {
  const resolver = {
    resolve: async (didUrl: string): Promise<DIDResolutionResult> => {
      const did = didUrl.split(/[#?]/)[0] as string;
      try {
        return { didDocument: forDidJwt(await resolveDid(did)), didDocumentMetadata: {}, didResolutionMetadata: { contentType: 'application/did+ld+json' } };
      } catch (error) {
        return { didDocument: null, didDocumentMetadata: {}, didResolutionMetadata: { error: 'notFound', message: error instanceof Error ? error.message : String(error) } };
      }
    },
  };
  return resolver as unknown as Parameters<typeof didJwtVerifyCredential>[1];
}

function classify(error: unknown, what: string): Vc1JwtError {
  const message = error instanceof Error ? error.message : String(error);
  // did-jwt's errors carry a stable prefix (`resolver_error:`, `invalid_jwt:`...); no other code is exposed.
  const problem = message.startsWith('resolver_error') ? 'RESOLUTION_FAILED' : message.startsWith('invalid_jwt') ? 'PARSING_ERROR' : 'SIGNATURE_INVALID';
  return new Vc1JwtError(problem, `The ${what} does not verify: ${message}`, error);
}

/** Whether `jwt` looks like a VC 1.1 JWT presentation: a JSON `vp` object in the payload and no VC-JOSE-COSE `typ`. */
export function isVp1Jwt(jwt: string): boolean {
  return hasVc1Claim(jwt, 'vp');
}

export interface VerifiedVp1Jwt {
  /** The `vp` claim as signed (embedded credentials untouched: JWT strings or objects), `holder` defaulting to `iss`. */
  presentation: Record<string, unknown>;
  /** The JWT's `iss`: the holder DID whose `authentication` key signed. */
  iss: string;
  /** The signed `nonce` (the verifier's challenge) and `aud` (its domain), as in the JWT. */
  nonce: unknown;
  aud: unknown;
  exp: number | undefined;
  nbf: number | undefined;
  /** The DID URL of the verification method that signed. */
  signer: string;
}

/**
 * A VC 1.1 JWT presentation (VC 1.1 §6.3.1: `vp` claim, `iss` = holder, `nonce` = challenge, `aud` = domain), as
 * Microsoft Entra Verified ID wallets and did-jwt-vc make them: the signature must be by an `authentication` key of the
 * `iss` DID. Challenge, domain and dates are the caller's checks (reported by name). Throws Vc1JwtError.
 */
export async function verifyVp1Jwt(jwt: string, resolveDid: ResolveDidDocument): Promise<VerifiedVp1Jwt> {
  const claims = readVc1Jwt(jwt);
  let verified;
  try {
    verified = await didJwtVerifyPresentation(jwt, resolverFor(resolveDid), {
      proofPurpose: 'authentication',
      policies: { issuanceDate: false, expirationDate: false, iat: false, nbf: false, exp: false, aud: false, format: false },
    });
  } catch (error) {
    throw classify(error, 'VC 1.1 JWT presentation');
  }
  const vp = claims.vp as Record<string, unknown>;
  return {
    presentation: { ...vp, holder: vp.holder ?? claims.iss },
    iss: claims.iss,
    nonce: claims.nonce,
    aud: claims.aud,
    exp: typeof claims.exp === 'number' ? claims.exp : undefined,
    nbf: typeof claims.nbf === 'number' ? claims.nbf : undefined,
    signer: verified.signer.id,
  };
}

/** did-jwt knows `JsonWebKey2020`, not the newer `JsonWebKey` type did:jwk documents use: the same key either way. */
function forDidJwt(document: Record<string, unknown>): DIDDocument {
  const methods = Array.isArray(document.verificationMethod) ? document.verificationMethod : [];
  return {
    ...document,
    verificationMethod: methods.map((m: Record<string, unknown>) => (m.type === 'JsonWebKey' ? { ...m, type: 'JsonWebKey2020' } : m)),
  } as unknown as DIDDocument;
}
