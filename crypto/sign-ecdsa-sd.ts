/**
 * ecdsa-sd-2023 (W3C Data Integrity ECDSA Cryptosuites v1.0 §3.4): the issuer's base proof, for the holder only, and
 * the holder's derived (disclosure) proof, which reveals the mandatory statements plus the ones the holder selects.
 * Canonicalization is the library's (di-sd-primitives: jsonld.js with HMAC'd blank-node labels); the fast path does not
 * apply. Pointers are RFC 6901 JSON Pointers into the credential. Callers' documents are never mutated.
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { createDiscloseCryptosuite, createSignCryptosuite } from '@digitalbazaar/ecdsa-sd-2023-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { systemClock } from '../core/clock.ts';
import { ProoflineError, ValidationError } from '../core/errors.ts';
import { mapJsonLdError } from './jsonld-errors.ts';
import { issueWithCryptosuite, type DocumentLoader } from './sign-data-integrity.ts';
import type { UnlockedKey } from './unlocked-key.ts';

export const ECDSA_SD_2023 = 'ecdsa-sd-2023';

/** Multibase-base64url proofValue prefixes: CBOR tag header 0xd9 0x5d 0x00 (base) or 0xd9 0x5d 0x01 (derived). */
const BASE_PREFIX = 'u2V0A';
const DERIVED_PREFIX = 'u2V0B';

export interface SignEcdsaSdOptions {
  key: UnlockedKey;
  /** Statements every derived proof must reveal; pointers the credential does not hold are left out. */
  mandatoryPointers: readonly string[];
  documentLoader: DocumentLoader;
  /** Proof `created` (and a VC 1.1 `issuanceDate` when there is none): the injected clock's time. */
  created?: Date;
}

/** A copy of `credential` with an ecdsa-sd-2023 base proof (proofPurpose assertionMethod, P-256). */
export async function signEcdsaSd(
  credential: object,
  { key, mandatoryPointers, documentLoader, created = systemClock() }: SignEcdsaSdOptions,
): Promise<Record<string, unknown>> {
  if (key.algorithm !== 'P-256') throw new ProoflineError('KEY_UNAVAILABLE', `${ECDSA_SD_2023} needs a P-256 key; ${key.id} is ${key.algorithm}.`);
  return issueWithCryptosuite(credential, {
    key,
    documentLoader,
    created,
    cryptosuite: (document) =>
      createSignCryptosuite({ mandatoryPointers: mandatoryPointers.filter((pointer) => resolvePointer(document, pointer).found && !throughBareId(document, pointer)) }),
  });
}

/**
 * The holder's derived credential: mandatory statements plus `selectivePointers` (with the ids and types along each
 * pointer's path), under a disclosure proof. Throws ValidationError when `credential` holds no ecdsa-sd-2023 base proof.
 */
export async function deriveEcdsaSd(
  credential: object,
  { selectivePointers, documentLoader }: { selectivePointers: readonly string[]; documentLoader: DocumentLoader },
): Promise<Record<string, unknown>> {
  if (!hasEcdsaSdBaseProof(credential)) throw new ValidationError(`The credential has no ${ECDSA_SD_2023} base proof to derive from.`);
  const suite = new DataIntegrityProof({ cryptosuite: createDiscloseCryptosuite({ selectivePointers: [...selectivePointers] }) });
  try {
    return await vc.derive({
      verifiableCredential: structuredClone(credential),
      suite,
      documentLoader: documentLoader as (url: string) => Promise<object>,
    });
  } catch (error) {
    const mapped = mapJsonLdError(error);
    if (mapped instanceof ProoflineError) throw mapped;
    // The library's selection errors (a pointer its compacted view cannot follow, nothing selected) are plain Errors.
    throw new ValidationError(`The claims to disclose cannot be selected: ${error instanceof Error ? error.message : String(error)}`, [], error);
  }
}

/**
 * Every top-level claim but `@context` and `proof`: derived with these, a credential discloses everything it holds.
 * The holder checks a base proof this way (the spec defines no base-proof verification: §3.4 verifies derived proofs).
 */
export function fullDisclosurePointers(credential: object): string[] {
  return Object.keys(credential)
    .filter((k) => k !== '@context' && k !== 'proof')
    .map((k) => `/${escapePointerToken(k)}`);
}

/**
 * What a holder checks in place of a credential it keeps: for JSON text holding an ecdsa-sd-2023 base proof, the full
 * disclosure derived from it (any verifier can check that, and it fails exactly when the base proof is bad); anything
 * else is returned unchanged. A derivation that fails (tampered base proof, bad pointers) also returns `secured`, so
 * the verifier reports the base proof as it is.
 */
export async function holderCheckable(secured: string, { documentLoader }: { documentLoader: DocumentLoader }): Promise<string | Record<string, unknown>> {
  let credential: unknown;
  try {
    credential = JSON.parse(secured);
  } catch {
    return secured;
  }
  if (typeof credential !== 'object' || credential === null || Array.isArray(credential) || !hasEcdsaSdBaseProof(credential)) return secured;
  try {
    return await deriveEcdsaSd(credential, { selectivePointers: fullDisclosurePointers(credential), documentLoader });
  } catch {
    return secured;
  }
}

function proofsOf(document: object): Record<string, unknown>[] {
  const proof = (document as { proof?: unknown }).proof;
  const list = proof === undefined ? [] : Array.isArray(proof) ? proof : [proof];
  return list.filter((p): p is Record<string, unknown> => typeof p === 'object' && p !== null && !Array.isArray(p));
}

export function isEcdsaSdProof(proof: Record<string, unknown>): boolean {
  return proof.type === 'DataIntegrityProof' && proof.cryptosuite === ECDSA_SD_2023;
}

/** A base proof's proofValue (header 0xd9 0x5d 0x00), which only its holder should ever see. */
export function isEcdsaSdBaseProofValue(proofValue: unknown): boolean {
  return typeof proofValue === 'string' && proofValue.startsWith(BASE_PREFIX);
}

export function isEcdsaSdDerivedProofValue(proofValue: unknown): boolean {
  return typeof proofValue === 'string' && proofValue.startsWith(DERIVED_PREFIX);
}

export function hasEcdsaSdBaseProof(document: object): boolean {
  return proofsOf(document).some((p) => isEcdsaSdProof(p) && isEcdsaSdBaseProofValue(p.proofValue));
}

/** RFC 6901 JSON Pointer resolution (`found` false when any step is missing). */
export function resolvePointer(document: unknown, pointer: string): { found: boolean; value?: unknown } {
  if (pointer === '') return { found: true, value: document };
  if (!pointer.startsWith('/')) return { found: false };
  let current: unknown = document;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      if (!/^(0|[1-9][0-9]*)$/.test(token) || Number(token) >= current.length) return { found: false };
      current = current[Number(token)];
    } else if (typeof current === 'object' && current !== null && Object.hasOwn(current, token)) {
      current = (current as Record<string, unknown>)[token];
    } else {
      return { found: false };
    }
  }
  return { found: true, value: current };
}

/**
 * True when `pointer` steps into an object holding nothing but `id`: JSON-LD compacts such a node to its IRI string,
 * so the library's selection (over the compacted document) cannot follow the pointer. Its id is revealed anyway by the
 * statement that names the node, when that statement is disclosed.
 */
function throughBareId(document: unknown, pointer: string): boolean {
  const tokens = pointer.split('/').slice(1);
  for (let i = 1; i < tokens.length; i += 1) {
    const { value } = resolvePointer(document, `/${tokens.slice(0, i).join('/')}`);
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).every((k) => k === 'id')) return true;
  }
  return false;
}

function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
