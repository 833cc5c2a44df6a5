/**
 * The verify fast path for Data Integrity proofs (issue 7, item 3): the same computation as @digitalbazaar's
 * DataIntegrityProof `verifyProof` with the eddsa-rdfc-2022 / ecdsa-rdfc-2019 cryptosuites, minus their per-call costs.
 * The verification key is imported once per verification method (by the libraries themselves, so exactly the methods
 * they accept are accepted) and kept as a node:crypto KeyObject in a bounded LRU; hashing and the signature check go
 * straight to node:crypto; canonicalization is the caller's `canonize` (the bundled-context fast path).
 *
 * It only ever answers "verified": any failure, doubt or exception returns null, and the caller then runs the library
 * path, whose result (and error message) is the answer. So the fast path can make verification faster, never more
 * lenient nor differently strict: it accepts a proof only when every check the library makes holds.
 */
import { KeyObject, createHash, verify } from 'node:crypto';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { LruCache } from '../core/lru-cache.ts';
import { ed25519PublicKey } from './ed25519-raw.ts';
import { base58btcDecode } from './multibase.ts';
import type { DocumentLoader } from './sign-data-integrity.ts';

export type FastVerifiableCryptosuite = 'eddsa-rdfc-2022' | 'ecdsa-rdfc-2019';

/** RDFC-1.0 canonical N-Quads, as the cryptosuites' `canonize` (options: documentLoader, safe, base...). */
export type ProofCanonize = (document: object, options: { documentLoader: DocumentLoader } & Record<string, unknown>) => Promise<string>;

/** A verification method's key, imported once. `digest`: the hash of the verify data (and of RDFC-1.0). */
export interface VerificationKey {
  readonly algorithm: 'Ed25519' | 'P-256' | 'P-384';
  readonly key: KeyObject;
  readonly digest: 'sha256' | 'sha384';
}

/** Imported keys by cryptosuite and verification method (its id and key material: the whole method as JSON). */
export const VERIFICATION_KEY_CACHE_LIMIT = 1024;
const verificationKeys = new LruCache<string, VerificationKey>(VERIFICATION_KEY_CACHE_LIMIT);

/** How the fast path fared since the process started (or `resetFastVerifyStats`), for benchmarks and tests. */
export const fastVerifyStats = { verified: 0, deferred: 0, keyImports: 0 };

export function clearVerificationKeyCache(): void {
  verificationKeys.clear();
}

export function verificationKeyCacheSize(): number {
  return verificationKeys.size;
}

/**
 * The method's key as the cryptosuite's `createVerifier` imports it (Ed25519Multikey.from / EcdsaMultikey.from, then
 * `verifier()`), as a node KeyObject; null when the library would not import it or its algorithm is not the suite's.
 */
export async function verificationKeyFor(cryptosuite: FastVerifiableCryptosuite, method: unknown): Promise<VerificationKey | null> {
  if (method === null || typeof method !== 'object' || Array.isArray(method)) return null;
  let cacheKey: string;
  try {
    cacheKey = `${cryptosuite}\n${JSON.stringify(method)}`;
  } catch {
    return null;
  }
  const hit = verificationKeys.get(cacheKey);
  if (hit) return hit;
  let imported: VerificationKey | null;
  try {
    imported = await importVerificationKey(cryptosuite, method as Parameters<typeof Ed25519Multikey.from>[0]);
  } catch {
    return null;
  }
  if (imported) {
    fastVerifyStats.keyImports += 1;
    verificationKeys.set(cacheKey, imported);
  }
  return imported;
}

async function importVerificationKey(
  cryptosuite: FastVerifiableCryptosuite,
  method: Parameters<typeof Ed25519Multikey.from>[0],
): Promise<VerificationKey | null> {
  if (cryptosuite === 'eddsa-rdfc-2022') {
    const pair = await Ed25519Multikey.from(method);
    // requiredAlgorithm 'Ed25519'; verifier() throws when the pair has no public key, as in createVerifier.
    if (pair.verifier().algorithm !== 'Ed25519') return null;
    return { algorithm: 'Ed25519', key: ed25519PublicKey(pair.publicKey), digest: 'sha256' };
  }
  const pair = await EcdsaMultikey.from(method);
  const algorithm = pair.verifier().algorithm;
  // requiredAlgorithm ['P-256', 'P-384']; the verify data is hashed with SHA-256 for P-256, SHA-384 otherwise.
  if (algorithm === 'P-256') return { algorithm, key: KeyObject.from(pair.publicKey), digest: 'sha256' };
  if (algorithm === 'P-384') return { algorithm, key: KeyObject.from(pair.publicKey), digest: 'sha384' };
  return null;
}

const DATA_INTEGRITY_CONTEXT_V2 = 'https://w3id.org/security/data-integrity/v2';
const VC_2_0_CONTEXT = 'https://www.w3.org/ns/credentials/v2';

/**
 * @digitalbazaar/data-integrity `util.XMLDateTimeRegExp` as it evaluates: unanchored, and its `\.` is a `.` in a JS
 * string, so the fraction is any character followed by digits. Copied as is: `created` and `expires` pass here exactly
 * when they pass there.
 */
const XML_DATE_TIME = new RegExp(
  '-?([1-9][0-9]{3,}|0[0-9]{3})' +
    '-(0[1-9]|1[0-2])' +
    '-(0[1-9]|[12][0-9]|3[01])' +
    'T(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](.[0-9]+)?|(24:00:00(.0+)?))' +
    '(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?',
);

/**
 * The proof options DataIntegrityProof canonicalizes (`canonizeProof`): the document's `@context` (unless the proof
 * has its own), the proof without `proofValue`, and the Data Integrity v2 context appended unless it or the VC 2.0
 * context is already there (`ensureSuiteContext`).
 */
export function proofConfiguration(document: Record<string, unknown>, proof: Record<string, unknown>): Record<string, unknown> {
  const config: Record<string, unknown> = { '@context': document['@context'], ...proof };
  const context = config['@context'];
  if (!contextIncludes(context, DATA_INTEGRITY_CONTEXT_V2) && !contextIncludes(context, VC_2_0_CONTEXT)) {
    const existing = context || [];
    config['@context'] = Array.isArray(existing) ? [...existing, DATA_INTEGRITY_CONTEXT_V2] : [existing, DATA_INTEGRITY_CONTEXT_V2];
  }
  delete config.proofValue;
  return config;
}

function contextIncludes(context: unknown, url: string): boolean {
  return context === url || (Array.isArray(context) && context.includes(url));
}

export interface FastVerifyProofOptions {
  cryptosuite: FastVerifiableCryptosuite;
  document: Record<string, unknown>;
  proof: Record<string, unknown>;
  documentLoader: DocumentLoader;
  /** Canonicalizes the document (the suite's canonize or the fast path, as the library path would). */
  canonize: ProofCanonize;
  /** Canonicalizes the proof options; default `canonize`. */
  canonizeProofOptions?: ProofCanonize;
}

/**
 * The verification method when the proof verifies exactly as DataIntegrityProof `verifyProof` would verify it; null
 * otherwise (never throws): the caller then asks the library, for its verdict and its error.
 */
export async function fastVerifyProof(options: FastVerifyProofOptions): Promise<Record<string, unknown> | null> {
  try {
    const method = await verifiedMethod(options);
    if (method) fastVerifyStats.verified += 1;
    else fastVerifyStats.deferred += 1;
    return method;
  } catch {
    fastVerifyStats.deferred += 1;
    return null;
  }
}

async function verifiedMethod({
  cryptosuite,
  document,
  proof,
  documentLoader,
  canonize,
  canonizeProofOptions = canonize,
}: FastVerifyProofOptions): Promise<Record<string, unknown> | null> {
  // getVerificationMethod: the method's URL (or the id of an embedded one), loaded through the document loader.
  let methodId = proof.verificationMethod;
  if (methodId !== null && typeof methodId === 'object') methodId = (methodId as { id?: unknown }).id;
  if (typeof methodId !== 'string' || methodId === '') return null;
  const loaded = (await documentLoader(methodId)) as { document?: unknown } | null | undefined;
  if (!loaded) return null;
  const method = typeof loaded.document === 'string' ? (JSON.parse(loaded.document) as unknown) : loaded.document;
  const key = await verificationKeyFor(cryptosuite, method);
  if (!key) return null;

  // verifySignature: a base58-btc multibase proofValue (base64url ones are left to the library).
  const { proofValue } = proof;
  if (typeof proofValue !== 'string' || proofValue[0] !== 'z') return null;
  const signature = base58btcDecode(proofValue.slice(1));

  // createVerifyData: hash(canonical proof options) || hash(canonical document), with the suite's options.
  const c14n =
    cryptosuite === 'eddsa-rdfc-2022'
      ? { document: { documentLoader, base: null, safe: true }, proof: { documentLoader, safe: true, base: null, skipExpansion: false } }
      : ((shared) => ({ document: shared, proof: shared }))({
          documentLoader,
          safe: true,
          base: null,
          skipExpansion: false,
          messageDigestAlgorithm: key.digest === 'sha256' ? 'SHA-256' : 'SHA-384',
        });
  const [proofNquads, documentNquads] = await Promise.all([
    canonizeProofOptions(proofConfiguration(document, proof), c14n.proof),
    canonize(document, c14n.document),
  ]);
  const data = Buffer.concat([
    createHash(key.digest).update(proofNquads).digest(),
    createHash(key.digest).update(documentNquads).digest(),
  ]);
  const valid =
    key.algorithm === 'Ed25519'
      ? verify(null, data, key.key, signature)
      : verify(key.digest, data, { key: key.key, dsaEncoding: 'ieee-p1363' }, signature);
  if (!valid) return null;

  // The checks verifyProof makes after the signature.
  if (proof.created !== undefined && !XML_DATE_TIME.test(String(proof.created))) return null;
  if (proof.expires !== undefined && !XML_DATE_TIME.test(String(proof.expires))) return null;
  return method as Record<string, unknown>;
}
