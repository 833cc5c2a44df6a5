/**
 * The proof of a `vc+jwt`: the header's `kid` is a DID URL (or `#fragment` of the DID in `iss`) naming an
 * assertionMethod of its controller; the algorithm allow-list comes from that key (crypto/verify-vc-jwt.ts).
 */
import { LruCache } from '../core/lru-cache.ts';
import { isJsonObject, type JsonObject } from '../core/open-badges.ts';
import { publicJwkOfVerificationMethod, readVcJwtHeader, VcJwtError, verifyVcJwt, type PublicJwk } from '../crypto/verify-vc-jwt.ts';
import { DID_KEY_CACHE_LIMIT, DidResolutionError, hasRelationship, type DidResolver } from './create-did-resolver.ts';
import { verificationProblem, type VerificationProblem } from './verification-problem.ts';

export type JwtProofResult =
  | { ok: true; payload: JsonObject; controller: string; iss: string | undefined }
  | { ok: false; problems: VerificationProblem[] };

/**
 * A key named by a JWS `kid` that is not a DID URL (e.g. a JWK thumbprint, as in the W3C VC-JOSE-COSE vectors): the
 * public JWK and its controller (the issuer or holder it belongs to), or null when unknown. The caller vouches for the
 * key, so no verification relationship is checked; issuer binding still compares the controller with the issuer.
 */
export type ResolveKey = (kid: string, header: Record<string, unknown>) => Promise<{ publicKeyJwk: Record<string, unknown>; controller: string } | null>;

export interface VerifyJwtProofOptions {
  dids: DidResolver;
  /** Keys by a `kid` that is not a DID URL; without it such a token fails. */
  resolveKey?: ResolveKey;
  /** The verification relationship the key must have (credentials: assertionMethod; presentations: authentication). */
  relationship?: 'assertionMethod' | 'authentication';
  /** Accepted `typ` values (default: vc+jwt). */
  typ?: readonly string[];
}

/**
 * did:key verification methods are a pure function of their DID URL (whatever resolver the caller has): the public JWK
 * and controller of each, its relationship checked, kept (bounded) so that a verification does not dereference the
 * DID document again. Failures are not kept.
 */
const didKeyMethods = new LruCache<string, { jwk: Readonly<PublicJwk>; controller: string }>(DID_KEY_CACHE_LIMIT);

export async function verifyJwtProof(jwt: string, { dids, resolveKey, relationship = 'assertionMethod', typ }: VerifyJwtProofOptions): Promise<JwtProofResult> {
  try {
    const header = readVcJwtHeader(jwt);
    const iss = typeof header.iss === 'string' ? header.iss : undefined;
    const kid = typeof header.kid === 'string' ? header.kid : '';
    const methodId = kid.startsWith('#') && iss?.startsWith('did:') ? iss + kid : kid;
    if (!methodId.startsWith('did:') && kid !== '' && resolveKey) {
      const key = await resolveKey(kid, { ...header } as Record<string, unknown>);
      if (!key) return failure('PROOF_VERIFICATION_ERROR', `The key ${kid} is not known here.`);
      const { payload } = await verifyVcJwt(jwt, await publicJwkOfVerificationMethod({ publicKeyJwk: key.publicKeyJwk }), { header, ...(typ ? { typ } : {}) });
      if (!isJsonObject(payload)) return failure('PARSING_ERROR', 'The JWS payload is not a JSON object.');
      return { ok: true, payload, controller: key.controller, iss };
    }
    if (!methodId.startsWith('did:')) return failure('PROOF_VERIFICATION_ERROR', 'The JWS header has no kid naming a DID verification method.');
    const cacheKey = methodId.startsWith('did:key:') ? `${relationship} ${methodId}` : null;
    let key = cacheKey === null ? undefined : didKeyMethods.get(cacheKey);
    if (!key) {
      const method = await dids.dereference(methodId);
      const controller = typeof method.controller === 'string' ? method.controller : '';
      if (!hasRelationship(await dids.resolve(controller), relationship, methodId)) {
        return failure('PROOF_VERIFICATION_ERROR', `${methodId} is not an ${relationship} of its controller ${controller}.`);
      }
      key = { jwk: Object.freeze(await publicJwkOfVerificationMethod(method)), controller };
      if (cacheKey !== null) didKeyMethods.set(cacheKey, key);
    }
    const { payload } = await verifyVcJwt(jwt, key.jwk, { header, ...(typ ? { typ } : {}) });
    if (!isJsonObject(payload)) return failure('PARSING_ERROR', 'The JWS payload is not a JSON object.');
    return { ok: true, payload, controller: key.controller, iss };
  } catch (error) {
    if (error instanceof VcJwtError) return failure(error.problem === 'PARSING_ERROR' ? 'PARSING_ERROR' : 'PROOF_VERIFICATION_ERROR', error.message);
    if (error instanceof DidResolutionError) return failure('PROOF_VERIFICATION_ERROR', error.message);
    throw error;
  }
}

/** Module-level rather than a closure per call (tsx names each closure it creates: a cost on the hot path). */
function failure(code: 'PARSING_ERROR' | 'PROOF_VERIFICATION_ERROR', detail: string): JwtProofResult {
  return { ok: false, problems: [verificationProblem(code, code === 'PARSING_ERROR' ? 'data-model' : 'proof', detail)] };
}
