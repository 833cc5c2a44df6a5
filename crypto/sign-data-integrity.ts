/**
 * Data Integrity proofs (eddsa-rdfc-2022, ecdsa-rdfc-2019) through @digitalbazaar/vc `issue`, for VC 1.1 and 2.0.
 * The caller's credential is never mutated: it is cloned once, and the clone gets the proof.
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { systemClock, toDateTimeString } from '../core/clock.ts';
import { ProoflineError, ValidationError } from '../core/errors.ts';
import type { KeyAlgorithm } from '../core/keys.ts';
import { withFastCanonize } from './fast-canonize.ts';
import { mapJsonLdError } from './jsonld-errors.ts';
import type { UnlockedKey } from './unlocked-key.ts';

export type DataIntegrityCryptosuite = 'eddsa-rdfc-2022' | 'ecdsa-rdfc-2019';

/** A jsonld.js document loader, e.g. contexts/document-loader.ts `createDocumentLoader()`. */
export type DocumentLoader = (url: string) => Promise<{ contextUrl: string | null; documentUrl: string; document: unknown }>;

export interface SignDataIntegrityOptions {
  key: UnlockedKey;
  cryptosuite: DataIntegrityCryptosuite;
  documentLoader: DocumentLoader;
  /** Proof `created`, and `issuanceDate` of a VC 1.1 credential that has none. Pass the injected clock's time. */
  created?: Date;
  proofPurpose?: 'assertionMethod';
  /**
   * 'fast' (default): canonicalize through the bundled-context fast path (crypto/fast-canonize.ts), which falls back to
   * jsonld.js for any document it declines; 'jsonld': jsonld.js only (the reference, and the safety valve that
   * `PROOFLINE_FAST_CANONIZE=off` selects through config/).
   */
  canonize?: CanonizeMode;
}

export type CanonizeMode = 'fast' | 'jsonld';

const SUITES: Record<DataIntegrityCryptosuite, { cryptosuite: Record<CanonizeMode, object>; algorithm: KeyAlgorithm }> = {
  'eddsa-rdfc-2022': { cryptosuite: { jsonld: eddsaRdfc2022, fast: withFastCanonize(eddsaRdfc2022) }, algorithm: 'Ed25519' },
  'ecdsa-rdfc-2019': { cryptosuite: { jsonld: ecdsaRdfc2019, fast: withFastCanonize(ecdsaRdfc2019) }, algorithm: 'P-256' },
};

const CREDENTIALS_V1 = 'https://www.w3.org/2018/credentials/v1';

/**
 * Adds a DataIntegrityProof to a copy of `credential`. Throws UnsupportedContextError (a context the loader does not
 * hold), JsonLdSafeModeError (undefined term or other unsafe JSON-LD), ValidationError (data-model checks of
 * @digitalbazaar/vc), ProoflineError('KEY_UNAVAILABLE') when the key does not fit the cryptosuite.
 */
export async function signDataIntegrity(
  credential: object,
  { key, cryptosuite, documentLoader, created = systemClock(), proofPurpose = 'assertionMethod', canonize = 'fast' }: SignDataIntegrityOptions,
): Promise<Record<string, unknown>> {
  const suiteInfo = SUITES[cryptosuite];
  if (!suiteInfo) throw new TypeError(`Unsupported cryptosuite "${String(cryptosuite)}".`);
  if (suiteInfo.algorithm !== key.algorithm) {
    throw new ProoflineError('KEY_UNAVAILABLE', `${cryptosuite} needs a ${suiteInfo.algorithm} key; ${key.id} is ${key.algorithm}.`);
  }
  if (proofPurpose !== 'assertionMethod') throw new TypeError(`Unsupported proof purpose "${String(proofPurpose)}".`);

  const suiteCryptosuite = suiteInfo.cryptosuite[canonize];
  if (!suiteCryptosuite) throw new TypeError(`Unsupported canonize mode "${String(canonize)}".`);
  return issueWithCryptosuite(credential, { key, documentLoader, created, cryptosuite: () => suiteCryptosuite });
}

/**
 * What every Data Integrity signature of a credential does around its cryptosuite (this file's and ecdsa-sd-2023's):
 * a copy of the credential, a VC 1.1 `issuanceDate` from the injected clock when there is none, the VC data-model
 * checks (ValidationError), then `vc.issue` with a DataIntegrityProof (JSON-LD errors mapped to ours). `cryptosuite`
 * receives the checked copy (ecdsa-sd-2023 picks its mandatory pointers from it).
 */
export async function issueWithCryptosuite(
  credential: object,
  { key, documentLoader, created, cryptosuite }: { key: UnlockedKey; documentLoader: DocumentLoader; created: Date; cryptosuite: (document: Record<string, unknown>) => object },
): Promise<Record<string, unknown>> {
  const document = structuredClone(credential) as Record<string, unknown>;
  // vc.issue would stamp a VC 1.1 credential with the wall clock; use the caller's time instead (DESIGN.md §3.7).
  if (firstContext(document) === CREDENTIALS_V1 && document.issuanceDate === undefined) {
    document.issuanceDate = toDateTimeString(created);
  }
  try {
    vc._checkCredential({ credential: document, now: created, mode: 'issue' });
  } catch (error) {
    // Plain Errors from the VC data-model checks (missing issuer, bad dates...): the credential is invalid.
    throw new ValidationError('The credential does not satisfy the VC data model.', [{ detail: messageOf(error) }], error);
  }
  const suite = new DataIntegrityProof({ signer: key.signer(), date: created, cryptosuite: cryptosuite(document) });
  try {
    return await vc.issue({
      credential: document,
      suite,
      purpose: new vc.CredentialIssuancePurpose(),
      documentLoader: documentLoader as (url: string) => Promise<object>,
      now: created,
    });
  } catch (error) {
    throw mapJsonLdError(error);
  }
}

function firstContext(document: Record<string, unknown>): unknown {
  const context = document['@context'];
  return Array.isArray(context) ? context[0] : context;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
