/**
 * Checks one `Ed25519Signature2020` proof (W3C VC Data Integrity EdDSA §B, the legacy suite many Open Badges 3.0
 * credentials use) through @digitalbazaar/ed25519-signature-2020: the signature over hash(canonical proof options) ||
 * hash(canonical document), RDFC-1.0 through jsonld.js in safe mode. Only the signature, like
 * crypto/verify-data-integrity.ts: proof purpose, issuer binding and proof sets are the verifier's rules.
 * The suite imports the verification method with Ed25519Multikey, so Multikey (did:key) and Ed25519VerificationKey2020
 * methods both work.
 */
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { mapJsonLdError } from './jsonld-errors.ts';
import type { DocumentLoader } from './sign-data-integrity.ts';

export const ED25519_SIGNATURE_2020 = 'Ed25519Signature2020';

export interface VerifyEd25519Signature2020Options {
  /** The secured document without `proof`. */
  document: object;
  /** The proof: `type: Ed25519Signature2020`, a multibase (base58btc) `proofValue`. */
  proof: Record<string, unknown>;
  /** Resolves contexts and the proof's verification method (a DID URL). */
  documentLoader: DocumentLoader;
}

export type Ed25519Signature2020Result =
  | { verified: true; verificationMethod: Record<string, unknown> }
  | { verified: false; error: unknown };

/** Never throws for a bad proof: `{verified: false, error}`. */
export async function verifyEd25519Signature2020({ document, proof, documentLoader }: VerifyEd25519Signature2020Options): Promise<Ed25519Signature2020Result> {
  if (proof.type !== ED25519_SIGNATURE_2020) return { verified: false, error: new TypeError(`Not an ${ED25519_SIGNATURE_2020} proof.`) };
  const suite = new Ed25519Signature2020();
  try {
    const result = await suite.verifyProof({ proof, document, documentLoader });
    if (result.verified && result.verificationMethod) return { verified: true, verificationMethod: result.verificationMethod };
    return { verified: false, error: mapJsonLdError(result.error) };
  } catch (error) {
    return { verified: false, error: mapJsonLdError(error) };
  }
}
