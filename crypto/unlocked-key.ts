/**
 * Decrypted signing keys. A secret is decrypted and imported once per key (bounded LRU), then signs many times:
 * the node KeyObject is kept, so no signature re-parses key material.
 */
import { createPublicKey, KeyObject, sign } from 'node:crypto';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { ProoflineError } from '../core/errors.ts';
import type { KeyAlgorithm, KeyRecord } from '../core/keys.ts';
import { sha256Hex } from './digest.ts';
import { ed25519PrivateKey, ed25519RawPublicKey } from './ed25519-raw.ts';
import { decryptSecret, encryptSecret } from './key-encryption.ts';
import { decodePublicKeyMultibase } from './multibase.ts';

/** The signer interface of the digitalbazaar suites: `sign` returns the raw signature (P-256: IEEE P1363 r||s). */
export interface Signer {
  readonly id: string;
  readonly algorithm: KeyAlgorithm;
  sign(options: { data: Uint8Array }): Promise<Uint8Array>;
}

export interface Verifier {
  readonly id: string;
  readonly algorithm: string;
  verify(options: { data: Uint8Array; signature: Uint8Array }): Promise<boolean>;
}

export interface UnlockedKey {
  /** Verification method id (absolute DID URL). */
  readonly id: string;
  /** The DID part of `id`. */
  readonly controller: string;
  readonly algorithm: KeyAlgorithm;
  readonly publicKeyMultibase: string;
  /** The imported Multikey key pair (library object; holds the secret). */
  readonly keyPair: Ed25519Multikey.Ed25519MultikeyKeyPair | EcdsaMultikey.EcdsaMultikeyKeyPair;
  /** The secret as a node KeyObject, for JOSE. Never serialise it. */
  readonly privateKey: KeyObject;
  signer(): Signer;
}

export type LockedKey = Pick<KeyRecord, 'id' | 'algorithm' | 'publicKeyMultibase' | 'encryptedSecretKey'> & {
  status?: KeyRecord['status'];
};

/** AAD of a key's envelope: binds the ciphertext to the key id, so it cannot be swapped onto another record. */
function secretKeyAad(keyId: string): string {
  return `proofline:secret-key:${keyId}`;
}

/** Encrypts a secret from generateKey for `KeyRecord.encryptedSecretKey`. */
export function sealSecretKey(kek: Uint8Array, keyId: string, secretKey: Uint8Array): string {
  return encryptSecret(kek, secretKey, secretKeyAad(keyId));
}

const CACHE_LIMIT = 256;
const cache = new Map<string, Promise<UnlockedKey>>();
const kekIds = new WeakMap<Uint8Array, string>();

/**
 * Decrypts and imports a stored key. Throws ProoflineError('KEY_UNAVAILABLE') when the KEK is wrong, the envelope or
 * public key was altered, or the key is retired (only the active key signs; retired ones stay for verification).
 */
export function unlockKey(key: LockedKey, kek: Uint8Array): Promise<UnlockedKey> {
  if (key.status === 'retired') {
    return Promise.reject(new ProoflineError('KEY_UNAVAILABLE', `Key ${key.id} is retired: it verifies but no longer signs.`));
  }
  let kekId = kekIds.get(kek);
  if (!kekId) {
    kekId = sha256Hex(kek);
    kekIds.set(kek, kekId);
  }
  const cacheKey = `${kekId}\n${key.id}\n${key.publicKeyMultibase}\n${key.encryptedSecretKey}`;
  const hit = cache.get(cacheKey);
  if (hit) {
    cache.delete(cacheKey); // refresh its place in the LRU order
    cache.set(cacheKey, hit);
    return hit;
  }
  const pending = (async () => {
    const secretKey = decryptSecret(kek, key.encryptedSecretKey, secretKeyAad(key.id));
    const unlocked = await importKey({ id: key.id, publicKeyMultibase: key.publicKeyMultibase, secretKey });
    if (unlocked.algorithm !== key.algorithm) {
      throw new ProoflineError('KEY_UNAVAILABLE', `Key ${key.id} is recorded as ${key.algorithm} but holds ${unlocked.algorithm}.`);
    }
    return unlocked;
  })();
  pending.catch(() => cache.delete(cacheKey));
  cache.set(cacheKey, pending);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return pending;
}

/** Forgets every unlocked key (key rotation, tests). */
export function clearUnlockedKeyCache(): void {
  cache.clear();
}

/**
 * Imports a plaintext secret (the generateKey format: UTF-8 of `secretKeyMultibase`) without caching: for tests and
 * the W3C vectors. Checks that the secret belongs to `publicKeyMultibase`.
 */
export async function importKey({
  id,
  publicKeyMultibase,
  secretKey,
}: {
  id: string;
  publicKeyMultibase: string;
  secretKey: Uint8Array;
}): Promise<UnlockedKey> {
  const controller = id.split('#')[0] as string;
  const secretKeyMultibase = new TextDecoder().decode(secretKey);
  const mismatch = (cause?: unknown) =>
    new ProoflineError('KEY_UNAVAILABLE', `The secret of key ${id} does not import or does not match its public key.`, { cause });
  let decoded;
  try {
    decoded = decodePublicKeyMultibase(publicKeyMultibase);
  } catch (error) {
    throw mismatch(error);
  }
  const { algorithm, raw } = decoded;
  let keyPair: UnlockedKey['keyPair'];
  let privateKey: KeyObject;
  try {
    const description = { id, controller, publicKeyMultibase, secretKeyMultibase };
    if (algorithm === 'Ed25519') {
      const pair = await Ed25519Multikey.from(description);
      privateKey = ed25519PrivateKey(pair.secretKey ?? new Uint8Array());
      keyPair = pair;
    } else {
      const pair = await EcdsaMultikey.from(description);
      if (!pair.secretKey) throw new Error('no secret key');
      privateKey = KeyObject.from(pair.secretKey);
      keyPair = pair;
    }
  } catch (error) {
    throw mismatch(error);
  }
  if (!sameBytes(publicKeyOf(algorithm, privateKey), raw)) throw mismatch();
  const signer: Signer = {
    id,
    algorithm,
    sign: async ({ data }) =>
      new Uint8Array(
        algorithm === 'Ed25519'
          ? sign(null, data, privateKey)
          : sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' }),
      ),
  };
  return { id, controller, algorithm, publicKeyMultibase, keyPair, privateKey, signer: () => signer };
}

/** A verifier for a public key, as the suites expect (used by tests and by verification code). */
export async function verifierFor(publicKeyMultibase: string, id: string): Promise<Verifier> {
  const { algorithm } = decodePublicKeyMultibase(publicKeyMultibase);
  const controller = id.split('#')[0] as string;
  const pair =
    algorithm === 'Ed25519'
      ? await Ed25519Multikey.from({ id, controller, publicKeyMultibase })
      : await EcdsaMultikey.from({ id, controller, publicKeyMultibase });
  return pair.verifier();
}

/** Raw public key as Multikey encodes it: Ed25519 32 bytes; P-256 compressed point (33 bytes). */
function publicKeyOf(algorithm: KeyAlgorithm, privateKey: KeyObject): Uint8Array {
  if (algorithm === 'Ed25519') return ed25519RawPublicKey(privateKey);
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  const x = Buffer.from(jwk.x as string, 'base64url');
  const y = Buffer.from(jwk.y as string, 'base64url');
  return new Uint8Array(Buffer.concat([Buffer.from([(y[y.length - 1] as number) & 1 ? 0x03 : 0x02]), x]));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
