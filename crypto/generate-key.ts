import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import type { KeyAlgorithm } from '../core/keys.ts';

export interface GeneratedKey {
  publicKeyMultibase: string;
  /**
   * The secret as Proofline stores it (encrypted, see unlocked-key.ts `sealSecretKey`): the UTF-8 bytes of the
   * Multikey `secretKeyMultibase` (`z3u2...` Ed25519, `z42t...` P-256). Self-describing, and exactly what the Multikey
   * libraries import, so it round-trips with no codec of our own.
   */
  secretKey: Uint8Array;
}

/** A fresh Ed25519 or P-256 Multikey pair. `seed` (32 bytes, Ed25519 only) makes it deterministic, for tests. */
export async function generateKey(algorithm: KeyAlgorithm, { seed }: { seed?: Uint8Array } = {}): Promise<GeneratedKey> {
  let keyPair;
  if (algorithm === 'Ed25519') {
    keyPair = await Ed25519Multikey.generate(seed ? { seed } : {});
  } else if (algorithm === 'P-256') {
    if (seed) throw new TypeError('A seed is supported for Ed25519 keys only.');
    keyPair = await EcdsaMultikey.generate({ curve: 'P-256' });
  } else {
    throw new TypeError(`Unsupported key algorithm "${String(algorithm)}".`);
  }
  const { publicKeyMultibase, secretKeyMultibase } = await keyPair.export({ publicKey: true, secretKey: true });
  if (!secretKeyMultibase) throw new Error('The Multikey library exported no secret key.');
  return { publicKeyMultibase, secretKey: new TextEncoder().encode(secretKeyMultibase) };
}
