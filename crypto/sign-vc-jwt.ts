/**
 * VC-JOSE-COSE (W3C, §3.1.1): a credential secured as a compact JWS whose payload is the credential itself,
 * protected header `{alg, typ: 'vc+jwt', cty: 'vc', kid, iss}`.
 */
import { ECDH } from 'node:crypto';
import { CompactSign, type CompactJWSHeaderParameters, type JWK } from 'jose';
import { ValidationError } from '../core/errors.ts';
import type { KeyAlgorithm } from '../core/keys.ts';
import { decodePublicKeyMultibase } from './multibase.ts';
import type { UnlockedKey } from './unlocked-key.ts';

export const JWS_ALGORITHMS: Readonly<Record<KeyAlgorithm, 'EdDSA' | 'ES256'>> = { Ed25519: 'EdDSA', 'P-256': 'ES256' };

export interface SignVcJwtOptions {
  key: UnlockedKey;
  /** Put the credential's issuer id in the header's `iss` (default true; omitted when the issuer has no id). */
  includeIssuer?: boolean;
}

export async function signVcJwt(credential: object, { key, includeIssuer = true }: SignVcJwtOptions): Promise<string> {
  const header: CompactJWSHeaderParameters = { alg: JWS_ALGORITHMS[key.algorithm], typ: 'vc+jwt', cty: 'vc', kid: key.id };
  const iss = includeIssuer ? issuerId(credential) : undefined;
  if (iss) header.iss = iss;
  const payload = new TextEncoder().encode(JSON.stringify(credential));
  return new CompactSign(payload).setProtectedHeader(header).sign(key.privateKey);
}

function issuerId(credential: object): string | undefined {
  const issuer = (credential as { issuer?: unknown }).issuer;
  if (typeof issuer === 'string') return issuer;
  if (issuer && typeof issuer === 'object' && typeof (issuer as { id?: unknown }).id === 'string') {
    return (issuer as { id: string }).id;
  }
  return undefined;
}

/** The public JWK of a Multikey: OKP/Ed25519 or EC/P-256 (the compressed point is expanded to x and y). */
export function publicJwkFromMultibase(publicKeyMultibase: string): JWK {
  const { algorithm, raw } = decodePublicKeyMultibase(publicKeyMultibase);
  if (algorithm === 'Ed25519') {
    return { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') };
  }
  let point: Buffer;
  try {
    point = ECDH.convertKey(raw, 'prime256v1', undefined, undefined, 'uncompressed') as Buffer;
  } catch (error) {
    throw new ValidationError('publicKeyMultibase is not a point on P-256.', [], error);
  }
  return {
    kty: 'EC',
    crv: 'P-256',
    x: point.subarray(1, 33).toString('base64url'),
    y: point.subarray(33, 65).toString('base64url'),
  };
}
