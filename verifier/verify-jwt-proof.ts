/**
 * The proof of a `vc+jwt`: the header's `kid` is a DID URL (or `#fragment` of the DID in `iss`) naming an
 * assertionMethod of its controller; the algorithm allow-list comes from that key (crypto/verify-vc-jwt.ts).
 */
import { isJsonObject, type JsonObject } from '../core/open-badges.ts';
import { publicJwkOfVerificationMethod, readVcJwtHeader, VcJwtError, verifyVcJwt } from '../crypto/verify-vc-jwt.ts';
import { DidResolutionError, hasRelationship, type DidResolver } from './create-did-resolver.ts';
import { verificationProblem, type VerificationProblem } from './verification-problem.ts';

export type JwtProofResult =
  | { ok: true; payload: JsonObject; controller: string; iss: string | undefined }
  | { ok: false; problems: VerificationProblem[] };

export interface VerifyJwtProofOptions {
  dids: DidResolver;
  /** The verification relationship the key must have (credentials: assertionMethod; presentations: authentication). */
  relationship?: 'assertionMethod' | 'authentication';
  /** Accepted `typ` values (default: vc+jwt). */
  typ?: readonly string[];
}

export async function verifyJwtProof(jwt: string, { dids, relationship = 'assertionMethod', typ }: VerifyJwtProofOptions): Promise<JwtProofResult> {
  const failure = (code: 'PARSING_ERROR' | 'PROOF_VERIFICATION_ERROR', detail: string): JwtProofResult => ({
    ok: false,
    problems: [verificationProblem(code, code === 'PARSING_ERROR' ? 'data-model' : 'proof', detail)],
  });
  try {
    const header = readVcJwtHeader(jwt);
    const iss = typeof header.iss === 'string' ? header.iss : undefined;
    const kid = typeof header.kid === 'string' ? header.kid : '';
    const methodId = kid.startsWith('#') && iss?.startsWith('did:') ? iss + kid : kid;
    if (!methodId.startsWith('did:')) return failure('PROOF_VERIFICATION_ERROR', 'The JWS header has no kid naming a DID verification method.');
    const method = await dids.dereference(methodId);
    const controller = typeof method.controller === 'string' ? method.controller : '';
    if (!hasRelationship(await dids.resolve(controller), relationship, methodId)) {
      return failure('PROOF_VERIFICATION_ERROR', `${methodId} is not an ${relationship} of its controller ${controller}.`);
    }
    const { payload } = await verifyVcJwt(jwt, await publicJwkOfVerificationMethod(method), typ ? { typ } : {});
    if (!isJsonObject(payload)) return failure('PARSING_ERROR', 'The JWS payload is not a JSON object.');
    return { ok: true, payload, controller, iss };
  } catch (error) {
    if (error instanceof VcJwtError) return failure(error.problem === 'PARSING_ERROR' ? 'PARSING_ERROR' : 'PROOF_VERIFICATION_ERROR', error.message);
    if (error instanceof DidResolutionError) return failure('PROOF_VERIFICATION_ERROR', error.message);
    throw error;
  }
}
