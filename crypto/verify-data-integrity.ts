/**
 * Checks one Data Integrity proof (eddsa-rdfc-2022, ecdsa-rdfc-2019 with P-256 or P-384) through the digitalbazaar
 * cryptosuites: the signature over hash(canonical proof options) || hash(canonical document). Only the signature: the
 * proof purpose, the issuer binding, proof sets and chains are the caller's rules (verifier/), so this stays a thin
 * wrapper. Canonicalization is one swappable function (`canonize`): left out, proofs go through the fast path (the
 * bundled-context canonicalization and crypto/fast-verify-data-integrity.ts, with the library as the arbiter of every
 * proof the fast path does not verify); given (e.g. `defaultCanonize`, jsonld.js), they go through the libraries only.
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { createFastCanonize, type Canonize as SuiteCanonize } from './fast-canonize.ts';
import { fastVerifyProof } from './fast-verify-data-integrity.ts';
import { mapJsonLdError } from './jsonld-errors.ts';
import type { DocumentLoader } from './sign-data-integrity.ts';

export type VerifiableCryptosuite = 'eddsa-rdfc-2022' | 'ecdsa-rdfc-2019';

/** RDFC-1.0 canonical N-Quads of a JSON-LD document; `options` carry the documentLoader, `safe: true`, `base: null`. */
export type Canonize = (document: object, options: { documentLoader: DocumentLoader } & Record<string, unknown>) => Promise<string>;

const CRYPTOSUITES: Record<VerifiableCryptosuite, { canonize: Canonize }> = {
  'eddsa-rdfc-2022': eddsaRdfc2022 as unknown as { canonize: Canonize },
  'ecdsa-rdfc-2019': ecdsaRdfc2019 as unknown as { canonize: Canonize },
};

export function isVerifiableCryptosuite(name: unknown): name is VerifiableCryptosuite {
  return typeof name === 'string' && Object.hasOwn(CRYPTOSUITES, name);
}

const FAST_CANONIZE: Record<VerifiableCryptosuite, Canonize> = {
  'eddsa-rdfc-2022': createFastCanonize({ fallback: eddsaRdfc2022.canonize as unknown as SuiteCanonize }) as unknown as Canonize,
  'ecdsa-rdfc-2019': createFastCanonize({ fallback: ecdsaRdfc2019.canonize as unknown as SuiteCanonize }) as unknown as Canonize,
};

/** The cryptosuite's own canonicalization (jsonld.toRDF in safe mode, then rdf-canonize). */
export function defaultCanonize(cryptosuite: VerifiableCryptosuite): Canonize {
  return CRYPTOSUITES[cryptosuite].canonize;
}

export interface VerifyDataIntegrityProofOptions {
  /** The secured document without `proof` (or, for a chained proof, with `proof` set to the proofs it references). */
  document: object;
  /** The proof to check: `type: DataIntegrityProof` with a supported `cryptosuite`. */
  proof: Record<string, unknown>;
  /** Resolves contexts and the proof's verification method (a DID URL) to a Multikey document. */
  documentLoader: DocumentLoader;
  /**
   * Left out: the fast path (bundled-context canonicalization, cached keys, node:crypto), deferring to the library for
   * every proof it does not verify itself. Given: the libraries only, canonicalizing with this function.
   */
  canonize?: Canonize;
}

export type DataIntegrityProofResult =
  | { verified: true; verificationMethod: Record<string, unknown> }
  | { verified: false; error: unknown };

/**
 * Never throws for a bad proof: `{verified: false, error}`, where `error` is a ProoflineError when the cause is ours
 * (UnsupportedContextError, JsonLdSafeModeError...) and the library's Error otherwise (e.g. "Invalid signature.").
 */
export async function verifyDataIntegrityProof({
  document,
  proof,
  documentLoader,
  canonize,
}: VerifyDataIntegrityProofOptions): Promise<DataIntegrityProofResult> {
  const name = proof.cryptosuite;
  if (proof.type !== 'DataIntegrityProof' || !isVerifiableCryptosuite(name)) {
    return { verified: false, error: new TypeError(`Unsupported proof: ${String(proof.type)} / ${String(name)}.`) };
  }
  if (canonize === undefined) {
    // The fast path answers only "verified"; anything else is decided (and explained) by the library below.
    const method = await fastVerifyProof({ cryptosuite: name, document: document as Record<string, unknown>, proof, documentLoader, canonize: FAST_CANONIZE[name] });
    if (method) return { verified: true, verificationMethod: method };
  }
  const base = name === 'eddsa-rdfc-2022' ? eddsaRdfc2022 : ecdsaRdfc2019;
  // Default: the bundled-context fast canonicalization, which hands anything it does not cover to jsonld.js.
  const cryptosuite = { ...base, canonize: canonize ?? FAST_CANONIZE[name] };
  const suite = new DataIntegrityProof({ cryptosuite });
  const result = (await suite.verifyProof({
    proof,
    document,
    documentLoader: documentLoader as (url: string) => Promise<object>,
  })) as { verified: boolean; error?: unknown; verificationMethod?: Record<string, unknown> };
  if (result.verified && result.verificationMethod) return { verified: true, verificationMethod: result.verificationMethod };
  return { verified: false, error: mapJsonLdError(result.error) };
}
