/**
 * Data Integrity proofs of a secured document: a single proof, a proof set, or proof chains (VC Data Integrity §4.3,
 * §4.5 "Verify Proof"). Every proof must verify (an unsupported proof fails, it is not skipped); a proof naming
 * `previousProof` is checked over the document together with the proofs it names, which must be present.
 * The signature math is crypto/verify-data-integrity.ts (ecdsa-sd-2023: crypto/verify-ecdsa-sd.ts, derived proofs only,
 * a base proof fails as the spec requires); the rules around it are here.
 */
import { ProoflineError } from '../core/errors.ts';
import { isDateTime } from '../core/check-credential-shape.ts';
import { isJsonObject, type JsonObject } from '../core/open-badges.ts';
import type { DocumentLoader } from '../contexts/document-loader.ts';
import { isVerifiableCryptosuite, verifyDataIntegrityProof, type Canonize } from '../crypto/verify-data-integrity.ts';
import { ED25519_SIGNATURE_2020, verifyEd25519Signature2020 } from '../crypto/verify-ed25519-signature-2020.ts';
import { isEcdsaSdProof, verifyEcdsaSdProof } from '../crypto/verify-ecdsa-sd.ts';
import { DidResolutionError, hasRelationship, type DidResolver } from './create-did-resolver.ts';
import { verificationProblem, type VerificationProblem } from './verification-problem.ts';

export interface VerifyProofSetOptions {
  documentLoader: DocumentLoader;
  dids: DidResolver;
  now: Date;
  canonize?: Canonize;
  /** The proof purpose every proof must have (credentials: assertionMethod). */
  proofPurpose?: string;
}

export interface ProofSetResult {
  problems: VerificationProblem[];
  /** Controllers (DIDs) of the verification methods of the proofs that verified. */
  signers: string[];
}

export async function verifyProofSet(document: JsonObject, options: VerifyProofSetOptions): Promise<ProofSetResult> {
  const problems: VerificationProblem[] = [];
  const { proof, ...unsecured } = document;
  const proofs = proof === undefined ? [] : Array.isArray(proof) ? proof : [proof];
  if (proofs.length === 0) {
    failProof(problems, 'PROOF_MISSING', 'The credential has no proof.');
    return { problems, signers: [] };
  }
  const byId = new Map<string, JsonObject>();
  for (const p of proofs) if (isJsonObject(p) && typeof p.id === 'string') byId.set(p.id, p);

  const signers: string[] = [];
  for (const [i, p] of proofs.entries()) {
    const at = proofs.length > 1 ? `proof ${i}` : 'the proof';
    if (!isJsonObject(p)) {
      failProof(problems, 'MALFORMED_VALUE_ERROR', `${at} is not an object.`);
      continue;
    }
    const legacy = p.type === ED25519_SIGNATURE_2020 && p.cryptosuite === undefined;
    const selective = isEcdsaSdProof(p);
    if (!legacy && !selective && (p.type !== 'DataIntegrityProof' || !isVerifiableCryptosuite(p.cryptosuite))) {
      failProof(problems, 'UNSUPPORTED_PROOF', `${at} is ${String(p.type)}${p.cryptosuite ? ` / ${String(p.cryptosuite)}` : ''}; supported: DataIntegrityProof with eddsa-rdfc-2022, ecdsa-rdfc-2019 or ecdsa-sd-2023 (derived), Ed25519Signature2020.`);
      continue;
    }
    const purpose = options.proofPurpose ?? 'assertionMethod';
    if (p.proofPurpose !== purpose) {
      failProof(problems, 'PROOF_VERIFICATION_ERROR', `${at} has proofPurpose ${JSON.stringify(p.proofPurpose ?? null)}; ${purpose} is required.`);
      continue;
    }
    if (typeof p.verificationMethod !== 'string') {
      failProof(problems, 'MALFORMED_VALUE_ERROR', `${at} has no verificationMethod URL.`);
      continue;
    }
    if (p.created !== undefined && !isDateTime(p.created)) {
      failProof(problems, 'MALFORMED_VALUE_ERROR', `${at} has a created that is not an XML Schema dateTimeStamp.`);
      continue;
    }
    if (p.expires !== undefined && (!isDateTime(p.expires) || Date.parse(p.expires) < options.now.getTime())) {
      failProof(problems, 'PROOF_VERIFICATION_ERROR', `${at} has expired or has a malformed expires.`);
      continue;
    }
    // §4.5: a chained proof covers the document with the proofs it names.
    let covered: JsonObject = unsecured;
    if (p.previousProof !== undefined) {
      const ids = typeof p.previousProof === 'string' ? [p.previousProof] : p.previousProof;
      if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id): id is string => typeof id === 'string')) {
        failProof(problems, 'MALFORMED_VALUE_ERROR', `${at} has a previousProof that is not a string or a list of strings.`);
        continue;
      }
      const previous = ids.map((id) => (id === p.id ? undefined : byId.get(id)));
      const missing = ids.filter((_, j) => previous[j] === undefined);
      if (missing.length > 0) {
        failProof(problems, 'PROOF_VERIFICATION_ERROR', `${at} names previous proofs that are not in the proof set: ${missing.join(', ')}.`);
        continue;
      }
      covered = { ...unsecured, proof: previous };
    }

    let method: JsonObject;
    try {
      method = await options.dids.dereference(p.verificationMethod);
      const controller = typeof method.controller === 'string' ? method.controller : '';
      if (!hasRelationship(await options.dids.resolve(controller), purpose, p.verificationMethod)) {
        failProof(problems, 'PROOF_VERIFICATION_ERROR', `${p.verificationMethod} is not an ${purpose} of its controller ${controller}.`);
        continue;
      }
    } catch (error) {
      if (!(error instanceof DidResolutionError)) throw error;
      failProof(problems, 'PROOF_VERIFICATION_ERROR', `${at}: ${error.message}`);
      continue;
    }

    const documentLoader = proofDocumentLoader(method, options);
    // Ed25519Signature2020 and ecdsa-sd-2023 canonicalize through jsonld.js themselves (no fast path).
    const result = selective
      ? await verifyEcdsaSdProof({ document: covered, proof: p, documentLoader })
      : legacy
      ? await verifyEd25519Signature2020({ document: covered, proof: p, documentLoader })
      : await verifyDataIntegrityProof({ document: covered, proof: p, documentLoader, ...(options.canonize ? { canonize: options.canonize } : {}) });
    if (result.verified) {
      signers.push(String(method.controller));
      continue;
    }
    const error = result.error;
    if (error instanceof ProoflineError && error.code === 'UNSUPPORTED_CONTEXT') failProof(problems, 'UNSUPPORTED_CONTEXT', error.message);
    else if (error instanceof ProoflineError && error.code === 'JSONLD_SAFE_MODE') failProof(problems, 'MALFORMED_VALUE_ERROR', error.message);
    else failProof(problems, 'PROOF_VERIFICATION_ERROR', `${at} does not verify${error instanceof Error ? `: ${error.message}` : '.'}`);
  }
  return { problems, signers };
}

/**
 * Module-level rather than closures made per verification (tsx names each closure bound to a name, a cost on the
 * hot path): a failed proof check, and the document loader a proof is verified with (its DID URLs from the resolver,
 * the method already dereferenced as it is).
 */
function failProof(problems: VerificationProblem[], code: Parameters<typeof verificationProblem>[0], detail: string): void {
  problems.push(verificationProblem(code, 'proof', detail));
}

function proofDocumentLoader(method: JsonObject, options: VerifyProofSetOptions) {
  return async (url: string) =>
    url.startsWith('did:') ? { contextUrl: null, documentUrl: url, document: method.id === url ? method : await options.dids.dereference(url) } : options.documentLoader(url);
}
