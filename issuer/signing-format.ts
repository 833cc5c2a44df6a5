/** The proof formats the issuer offers, as chosen by a request's `options`. */
import type { KeyAlgorithm } from '../core/keys.ts';
import type { CredentialFormat } from '../core/ports.ts';

export type Cryptosuite = 'eddsa-rdfc-2022' | 'ecdsa-rdfc-2019';
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
  if (format.kind === 'di') return format.cryptosuite === 'ecdsa-rdfc-2019' ? 'P-256' : 'Ed25519';
  return format.alg === 'ES256' ? 'P-256' : 'Ed25519';
}

export function recordFormat(format: SigningFormat): CredentialFormat {
  return format.kind === 'di' ? format.cryptosuite : 'vc+jwt';
}
