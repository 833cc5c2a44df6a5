/**
 * VC-JOSE-COSE `vc+jwt` (W3C VC-JOSE-COSE §3.1.1) checked with jose: a compact JWS whose payload is the credential.
 * The algorithm comes from the key, never from the token: Ed25519 → EdDSA (or the fully-specified `Ed25519`),
 * P-256 → ES256, P-384 → ES384. `none` and every HMAC algorithm are never on the list, so a token that names them,
 * or a key of another type, is refused before any signature math (RFC 8725 §3.1).
 */
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { compactVerify, importJWK, type JWK, type ProtectedHeaderParameters } from 'jose';
import { LruCache } from '../core/lru-cache.ts';
import { protectedHeaderOf } from './jws-header.ts';

/**
 * Imported keys and Multikey → JWK conversions are pure functions of the public key: kept (bounded) so that a
 * verification does not pay a key import (about a tenth of a vc+jwt verification) each time.
 */
const KEY_CACHE_LIMIT = 1024;
type ImportedKey = Awaited<ReturnType<typeof importJWK>>;
const importedKeys = new LruCache<string, Promise<ImportedKey>>(KEY_CACHE_LIMIT);
const multikeyJwks = new LruCache<string, Readonly<JWK>>(KEY_CACHE_LIMIT);

/**
 * The imported key of a frozen JWK (the verifier keeps each did:key method's JWK frozen), found by identity: no
 * cache key to build and no promise to wait for once the import has finished.
 */
const importedByJwk = new WeakMap<object, { alg: string; key: ImportedKey }>();

function importPublicJwk(publicKey: JWK, alg: string): ImportedKey | Promise<ImportedKey> {
  const known = importedByJwk.get(publicKey);
  if (known !== undefined && known.alg === alg) return known.key;
  const cacheKey = [alg, publicKey.kty, publicKey.crv, publicKey.x, publicKey.y].join('\n');
  let pending = importedKeys.get(cacheKey);
  if (!pending) {
    pending = importJWK(publicKey, alg);
    importedKeys.set(cacheKey, pending);
    pending.catch(() => importedKeys.delete(cacheKey));
  }
  if (Object.isFrozen(publicKey)) {
    pending.then(
      (key) => importedByJwk.set(publicKey, { alg, key }),
      () => undefined,
    );
  }
  return pending;
}

/** A public key as a JWK (jose's type, named here so that code outside crypto/ needs no jose import). */
export type PublicJwk = JWK;

export type VcJwtProblem =
  /** Not a compact JWS, or its header or payload is not JSON. */
  | 'PARSING_ERROR'
  /** The header's `typ` is not `vc+jwt`. */
  | 'WRONG_TYP'
  /** The header's `alg` does not fit the key (none, HMAC, a curve swap...). */
  | 'ALGORITHM_NOT_ALLOWED'
  /** The key cannot be used (unknown key type, malformed). */
  | 'KEY_UNUSABLE'
  /** The signature does not verify, or jose refused the token (unknown `crit`...). */
  | 'SIGNATURE_INVALID';

export class VcJwtError extends Error {
  readonly problem: VcJwtProblem;
  override readonly cause?: unknown;
  constructor(problem: VcJwtProblem, message: string, cause?: unknown) {
    super(message);
    this.name = 'VcJwtError';
    this.problem = problem;
    this.cause = cause;
  }
}

/** `typ` values accepted for a credential (VC-JOSE-COSE §3.1.1; the media type form is allowed by RFC 7515 §4.1.9). */
export const VC_TYP: readonly string[] = ['vc+jwt', 'application/vc+jwt'];
/** `typ` values accepted for a presentation (VC-JOSE-COSE §3.2.1). */
export const VP_TYP: readonly string[] = ['vp+jwt', 'application/vp+jwt'];

/** Strict UTF-8 (a malformed payload is a parsing error, not replacement characters); stateless between calls. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/;

/** The last string found to be a compact JWS: one verification asks about the same token several times. */
let lastCompactJws = '';

export function isCompactJws(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  // Scanning a token of several kilobytes costs more than the rest of the format checks together.
  if (value === lastCompactJws) return true;
  if (!COMPACT_JWS.test(value)) return false;
  lastCompactJws = value;
  return true;
}

/** The protected header (frozen); throws VcJwtError('PARSING_ERROR') when it is not a JSON object. */
export function readVcJwtHeader(jwt: string): Readonly<ProtectedHeaderParameters> {
  if (!isCompactJws(jwt)) throw new VcJwtError('PARSING_ERROR', 'Not a compact JWS (three base64url parts).');
  try {
    return protectedHeaderOf(jwt);
  } catch (error) {
    throw new VcJwtError('PARSING_ERROR', 'The JWS protected header is not a base64url JSON object.', error);
  }
}

/** The JWS algorithms a public key may verify; empty for keys we do not accept. */
export function algorithmsForJwk(jwk: JWK): string[] {
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return ['EdDSA', 'Ed25519'];
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return ['ES256'];
  if (jwk.kty === 'EC' && jwk.crv === 'P-384') return ['ES384'];
  return [];
}

/**
 * The public JWK of a verification method: `publicKeyJwk` (public members only) or a Multikey `publicKeyMultibase`
 * (Ed25519, P-256, P-384). Throws VcJwtError('KEY_UNUSABLE') otherwise.
 */
export async function publicJwkOfVerificationMethod(method: Record<string, unknown>): Promise<JWK> {
  const jwk = method.publicKeyJwk;
  if (jwk && typeof jwk === 'object') {
    const { kty, crv, x, y } = jwk as JWK;
    if ((jwk as JWK).d !== undefined) throw new VcJwtError('KEY_UNUSABLE', 'A verification method must not hold a private key.');
    return y === undefined ? { kty, crv, x } : { kty, crv, x, y };
  }
  const multibase = method.publicKeyMultibase;
  if (typeof multibase === 'string') {
    const known = multikeyJwks.get(multibase);
    if (known) return { ...known };
    const jwk = await multikeyToJwk(multibase);
    if (jwk) {
      multikeyJwks.set(multibase, Object.freeze({ ...jwk }));
      return jwk;
    }
  }
  throw new VcJwtError('KEY_UNUSABLE', 'The verification method has no Ed25519, P-256 or P-384 public key.');
}

async function multikeyToJwk(multibase: string): Promise<JWK | null> {
  try {
    const description = { publicKeyMultibase: multibase };
    if (multibase.startsWith('z6Mk')) {
      return (await Ed25519Multikey.toJwk({ keyPair: await Ed25519Multikey.from(description) })) as JWK;
    }
    if (multibase.startsWith('zDna') || multibase.startsWith('z82L')) {
      return (await EcdsaMultikey.toJwk({ keyPair: await EcdsaMultikey.from(description) })) as JWK;
    }
  } catch (error) {
    throw new VcJwtError('KEY_UNUSABLE', 'The verification method\'s publicKeyMultibase does not import.', error);
  }
  return null;
}

export interface VerifiedVcJwt {
  header: ProtectedHeaderParameters;
  /** The JWS payload parsed as JSON: the credential. */
  payload: Record<string, unknown>;
}

/**
 * Verifies the signature of a `vc+jwt` (or, with `typ: VP_TYP`, a `vp+jwt`) against `publicKey`. Throws VcJwtError (never returns an unverified payload).
 * Claims such as `exp`/`nbf`/`iss` are the caller's checks: VC-JOSE-COSE payloads carry `validFrom`/`validUntil`,
 * and some producers write `iat` as a date string, which a JWT claims check would refuse.
 */
export async function verifyVcJwt(
  jwt: string,
  publicKey: JWK,
  { typ = VC_TYP, header: read }: { typ?: readonly string[]; /** readVcJwtHeader(jwt), when the caller has it already. */ header?: ProtectedHeaderParameters } = {},
): Promise<VerifiedVcJwt> {
  // A header passed in only saves a second decoding: compactVerify checks the signature over the token's own header.
  const header = read ?? readVcJwtHeader(jwt);
  if (typeof header.typ !== 'string' || !typ.includes(header.typ)) {
    throw new VcJwtError('WRONG_TYP', `The JWS typ must be "${typ[0]}" (got ${JSON.stringify(header.typ ?? null)}).`);
  }
  const algorithms = algorithmsForJwk(publicKey);
  if (algorithms.length === 0) throw new VcJwtError('KEY_UNUSABLE', `Keys of type ${publicKey.kty}/${publicKey.crv} are not accepted.`);
  if (typeof header.alg !== 'string' || !algorithms.includes(header.alg)) {
    throw new VcJwtError('ALGORITHM_NOT_ALLOWED', `alg ${JSON.stringify(header.alg ?? null)} does not fit the key (${algorithms.join(' or ')}).`);
  }
  let key;
  try {
    const imported = importPublicJwk(publicKey, header.alg);
    key = imported instanceof Promise ? await imported : imported;
  } catch (error) {
    throw new VcJwtError('KEY_UNUSABLE', 'The public key does not import.', error);
  }
  let payloadBytes: Uint8Array;
  try {
    ({ payload: payloadBytes } = await compactVerify(jwt, key, { algorithms }));
  } catch (error) {
    throw new VcJwtError('SIGNATURE_INVALID', 'The JWS signature does not verify.', error);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(UTF8.decode(payloadBytes));
  } catch (error) {
    throw new VcJwtError('PARSING_ERROR', 'The JWS payload is not JSON.', error);
  }
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new VcJwtError('PARSING_ERROR', 'The JWS payload is not a JSON object.');
  }
  return { header, payload: payload as Record<string, unknown> };
}
