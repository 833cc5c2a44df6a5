/**
 * Checks an ecdsa-sd-2023 derived proof (W3C Data Integrity ECDSA Cryptosuites v1.0 §3.4, "Verify Derived Proof")
 * through the library's verify cryptosuite: the base signature over the proof options, the ephemeral public key and the
 * mandatory statements' hash, and one signature per disclosed non-mandatory statement. A base proof is refused: its
 * proofValue does not carry the disclosure header 0xd9 0x5d 0x01, which parseDerivedProofValue requires ("an error
 * MUST be raised ... PROOF_VERIFICATION_ERROR"); base proofs are for the holder, who derives from them.
 * Only the signature: proof purpose, controller and proof-set rules are the caller's (verifier/verify-proof-set.ts).
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { createVerifyCryptosuite } from '@digitalbazaar/ecdsa-sd-2023-cryptosuite';
import { mapJsonLdError } from './jsonld-errors.ts';
import type { DocumentLoader } from './sign-data-integrity.ts';
import { isEcdsaSdBaseProofValue, isEcdsaSdDerivedProofValue, isEcdsaSdProof } from './sign-ecdsa-sd.ts';
import type { DataIntegrityProofResult } from './verify-data-integrity.ts';

export { isEcdsaSdProof } from './sign-ecdsa-sd.ts';

/** A result, not a request error: the verifier reports it as PROOF_VERIFICATION_ERROR. */
export class EcdsaSdBaseProofError extends Error {
  constructor() {
    super('it is an ecdsa-sd-2023 base proof, which is for the holder only; a verifier accepts only a derived (disclosure) proof');
    this.name = 'EcdsaSdBaseProofError';
  }
}

const cryptosuite = createVerifyCryptosuite();

/** Never throws for a bad proof: `{verified: false, error}` (EcdsaSdBaseProofError for a base proof). */
export async function verifyEcdsaSdProof({
  document,
  proof,
  documentLoader,
}: {
  document: object;
  proof: Record<string, unknown>;
  documentLoader: DocumentLoader;
}): Promise<DataIntegrityProofResult> {
  if (!isEcdsaSdProof(proof)) return { verified: false, error: new TypeError(`Not an ecdsa-sd-2023 proof: ${String(proof.type)} / ${String(proof.cryptosuite)}.`) };
  if (isEcdsaSdBaseProofValue(proof.proofValue)) return { verified: false, error: new EcdsaSdBaseProofError() };
  if (!isEcdsaSdDerivedProofValue(proof.proofValue)) {
    return { verified: false, error: new Error('the ecdsa-sd-2023 proofValue does not start with the disclosure proof header') };
  }
  const suite = new DataIntegrityProof({ cryptosuite });
  try {
    const result = (await suite.verifyProof({ proof, document, documentLoader: documentLoader as (url: string) => Promise<object> })) as {
      verified: boolean;
      error?: unknown;
      verificationMethod?: Record<string, unknown>;
    };
    if (result.verified && result.verificationMethod) return { verified: true, verificationMethod: result.verificationMethod };
    return { verified: false, error: mapJsonLdError(result.error) };
  } catch (error) {
    return { verified: false, error: mapJsonLdError(error) };
  }
}
