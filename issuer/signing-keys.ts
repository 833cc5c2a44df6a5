/**
 * Finds the active key an issuer signs with and unlocks it. Key rows change only on rotation, so lookups are cached
 * for a few seconds per process; a retired key still verifies (it stays in the DID document), so a process that
 * signs with it for those seconds after a rotation issues nothing invalid.
 */
import { ProoflineError } from '../core/errors.ts';
import type { KeyAlgorithm, KeyPurpose, KeyRecord } from '../core/keys.ts';
import type { IssuerRecord, Store } from '../core/ports.ts';
import { unlockKey, type UnlockedKey } from '../crypto/unlocked-key.ts';

const TTL_MS = 5_000;
const cache = new Map<string, { key: KeyRecord; at: number }>();

export async function activeKey(store: Store, issuer: IssuerRecord, purpose: KeyPurpose, algorithm: KeyAlgorithm): Promise<KeyRecord> {
  // did:key issuers sign status lists with their Ed25519 credential key: their DID document holds one key.
  const effectivePurpose = purpose === 'status' && issuer.didMethod === 'key' ? 'assertion' : purpose;
  const cacheKey = `${issuer.id}|${effectivePurpose}|${algorithm}`;
  const hit = cache.get(cacheKey);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.key;
  const key = await store.keys.getActive(issuer.id, effectivePurpose, algorithm);
  if (!key) {
    throw new ProoflineError('KEY_UNAVAILABLE', `Issuer "${issuer.slug}" has no active ${algorithm} ${effectivePurpose} key.`);
  }
  cache.set(cacheKey, { key, at: Date.now() });
  return key;
}

export async function signingKey(
  store: Store,
  kek: Uint8Array,
  issuer: IssuerRecord,
  purpose: KeyPurpose,
  algorithm: KeyAlgorithm,
): Promise<UnlockedKey> {
  return unlockKey(await activeKey(store, issuer, purpose, algorithm), kek);
}

/** The DID a key belongs to: the part of its verification method id before `#`. */
export function controllerOf(keyId: string): string {
  const hash = keyId.indexOf('#');
  return hash === -1 ? keyId : keyId.slice(0, hash);
}

export function forgetCachedKeys(): void {
  cache.clear();
}
