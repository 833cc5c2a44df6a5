/**
 * A holder's Data Integrity presentation proof (eddsa-rdfc-2022, proofPurpose `authentication`, with the verifier's
 * challenge and domain) through @digitalbazaar/vc `signPresentation`. The caller's presentation is never mutated.
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { systemClock } from '../core/clock.ts';
import { ProoflineError } from '../core/errors.ts';
import { withFastCanonize } from './fast-canonize.ts';
import { mapJsonLdError } from './jsonld-errors.ts';
import type { CanonizeMode, DocumentLoader } from './sign-data-integrity.ts';
import type { UnlockedKey } from './unlocked-key.ts';

export interface SignPresentationOptions {
  key: UnlockedKey;
  challenge: string;
  domain?: string;
  documentLoader: DocumentLoader;
  /** Proof `created`: pass the injected clock's time. */
  created?: Date;
  /** 'fast' (default): the bundled-context fast path, falling back to jsonld.js; 'jsonld': jsonld.js only. */
  canonize?: CanonizeMode;
}

const CRYPTOSUITES: Record<CanonizeMode, object> = { fast: withFastCanonize(eddsaRdfc2022), jsonld: eddsaRdfc2022 };

export async function signPresentation(
  presentation: object,
  { key, challenge, domain, documentLoader, created = systemClock(), canonize = 'fast' }: SignPresentationOptions,
): Promise<Record<string, unknown>> {
  if (key.algorithm !== 'Ed25519') {
    throw new ProoflineError('KEY_UNAVAILABLE', `eddsa-rdfc-2022 needs an Ed25519 key; ${key.id} is ${key.algorithm}.`);
  }
  const suite = new DataIntegrityProof({ signer: key.signer(), date: created, cryptosuite: CRYPTOSUITES[canonize] });
  try {
    return await vc.signPresentation({
      presentation: structuredClone(presentation),
      suite,
      challenge,
      ...(domain !== undefined ? { domain } : {}),
      documentLoader: documentLoader as (url: string) => Promise<object>,
    });
  } catch (error) {
    throw mapJsonLdError(error);
  }
}
