/** The proof formats the issuer offers, as chosen by a request's `options`. */
import type { KeyAlgorithm } from '../core/keys.ts';
import type { CredentialFormat } from '../core/ports.ts';

export type Cryptosuite = 'eddsa-rdfc-2022' | 'ecdsa-rdfc-2019' | 'ecdsa-sd-2023';

/**
 * ecdsa-sd-2023: what every derived credential reveals (docs/decisions/0010). A verifier always sees who issued it,
 * when it is valid, where its status is, whom it is about (holder binding) and which achievement it attests; the rest
 * (result, evidence, names, the email identity hash, the schema reference) the holder discloses or not. Pointers the
 * credential does not hold are skipped.
 */
export const MANDATORY_POINTERS: readonly string[] = [
  '/id',
  '/type',
  '/issuer',
  '/validFrom',
  '/validUntil',
  '/issuanceDate',
  '/expirationDate',
  '/credentialStatus',
  '/credentialSubject/id',
  '/credentialSubject/type',
  '/credentialSubject/achievement/id',
  '/credentialSubject/achievement/type',
];
export type JwtAlgorithm = 'EdDSA' | 'ES256';

export type SigningFormat = { kind: 'di'; cryptosuite: Cryptosuite } | { kind: 'vc+jwt'; alg: JwtAlgorithm };

export interface FormatOptions {
  /** `di` (Data Integrity, default) or `vc+jwt` (VC-JOSE-COSE). */
  format?: 'di' | 'vc+jwt';
  cryptosuite?: Cryptosuite;
  alg?: JwtAlgorithm;
}

export const DEFAULT_FORMAT: SigningFormat = { kind: 'di', cryptosuite: 'eddsa-rdfc-2022' };

export function signingFormatFrom(options: FormatOptions | undefined): SigningFormat {
  if (options?.format === 'vc+jwt') return { kind: 'vc+jwt', alg: options.alg ?? 'EdDSA' };
  return { kind: 'di', cryptosuite: options?.cryptosuite ?? 'eddsa-rdfc-2022' };
}

export function algorithmFor(format: SigningFormat): KeyAlgorithm {
  if (format.kind === 'di') return format.cryptosuite === 'eddsa-rdfc-2022' ? 'Ed25519' : 'P-256';
  return format.alg === 'ES256' ? 'P-256' : 'Ed25519';
}

export function recordFormat(format: SigningFormat): CredentialFormat {
  return format.kind === 'di' ? format.cryptosuite : 'vc+jwt';
}
