/**
 * Ed25519 on raw bytes with node:crypto, for signatures that are not Data Integrity proofs (the transparency log's
 * signed notes). A secret key is the 32-byte seed, or the 64-byte seed || public key that Multikey libraries hold.
 */
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { ValidationError } from '../core/errors.ts';
import { decodePublicKeyMultibase } from './multibase.ts';

// DER prefixes of PKCS#8 / SPKI Ed25519 keys (RFC 8410): prefix || 32 raw bytes.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** A reusable node KeyObject for an Ed25519 secret key (import once, sign many times). */
export function ed25519PrivateKey(secretKey: Uint8Array): KeyObject {
  if (!(secretKey instanceof Uint8Array) || (secretKey.length !== 32 && secretKey.length !== 64)) {
    throw new ValidationError('An Ed25519 secret key is a 32-byte seed (or 64 bytes: seed || public key).');
  }
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, secretKey.subarray(0, 32)]), format: 'der', type: 'pkcs8' });
}

export function ed25519PublicKey(publicKeyRaw: Uint8Array): KeyObject {
  if (!(publicKeyRaw instanceof Uint8Array) || publicKeyRaw.length !== 32) {
    throw new ValidationError('A raw Ed25519 public key is 32 bytes.');
  }
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKeyRaw]), format: 'der', type: 'spki' });
}

/** Raw public key bytes of an Ed25519 KeyObject (public or private). */
export function ed25519RawPublicKey(key: KeyObject): Uint8Array {
  const der = createPublicKey(key).export({ format: 'der', type: 'spki' });
  return new Uint8Array(der.subarray(SPKI_PREFIX.length));
}

export function ed25519Sign(secretKey: Uint8Array | KeyObject, message: Uint8Array): Uint8Array {
  const key = secretKey instanceof Uint8Array ? ed25519PrivateKey(secretKey) : secretKey;
  return new Uint8Array(sign(null, message, key));
}

/** False for a bad signature or a malformed key/signature; never throws on attacker-supplied bytes. */
export function ed25519Verify(publicKeyRaw: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (!(signature instanceof Uint8Array) || signature.length !== 64) return false;
  try {
    return verify(null, message, ed25519PublicKey(publicKeyRaw), signature);
  } catch {
    return false;
  }
}

/** The raw key inside a Multikey `publicKeyMultibase`: 32 bytes for Ed25519, the 33-byte compressed point for P-256. */
export function rawPublicKeyFromMultibase(publicKeyMultibase: string): Uint8Array {
  return decodePublicKeyMultibase(publicKeyMultibase).raw;
}
