/**
 * The trust registry as verifyCredential's `trustedIssuers` option: this server's own issuers are always trusted (for
 * anything); other issuers as the `trusted_issuers` table says, within their scope.
 *
 * Answers are kept for `cacheTtlMs` (default 5 s): the lookups were two database reads per verification, more than the
 * rest of a vc+jwt verification. A registry write through this process's routes (PUT/DELETE /trust/issuers) calls
 * `trustRegistryChanged()`, which drops every kept answer at once; a write by another process is seen within the TTL.
 */
import type { Store } from '../core/ports.ts';
import { LruCache } from '../core/lru-cache.ts';
import type { TrustedIssuers } from './verify-credential.ts';

export interface TrustedIssuersFromStoreOptions {
  /** Whether a DID is one of this server's issuers (server.ts passes the issuer role's lookup). */
  ownIssuers: (did: string) => Promise<boolean>;
  /** How long an answer is kept, ms (default 5,000; 0: ask the store every time). */
  cacheTtlMs?: number;
  /** Milliseconds since the epoch, for the cache (default Date.now). */
  now?: () => number;
}

export const DEFAULT_TRUST_CACHE_TTL_MS = 5_000;
const TRUST_CACHE_LIMIT = 1_000;

/** Bumped on every registry write in this process; kept answers of an older generation are not used. */
let generation = 0;

/** Drops every kept trust answer (the registry routes call it after a write). */
export function trustRegistryChanged(): void {
  generation += 1;
}

type Answer = Awaited<ReturnType<TrustedIssuers>>;

export function trustedIssuersFromStore(
  store: Pick<Store, 'trustedIssuers'>,
  { ownIssuers, cacheTtlMs = DEFAULT_TRUST_CACHE_TTL_MS, now = Date.now }: TrustedIssuersFromStoreOptions,
): TrustedIssuers {
  const lookup = async (did: string): Promise<Answer> => {
    if (await ownIssuers(did)) return { trusted: true };
    const entry = await store.trustedIssuers.get(did);
    return entry ? { trusted: true, scope: entry.scope } : { trusted: false };
  };
  if (!(cacheTtlMs > 0)) return lookup;
  const cache = new LruCache<string, { expires: number; generation: number; answer: Promise<Answer> }>(TRUST_CACHE_LIMIT);
  return async (did) => {
    const time = now();
    const hit = cache.get(did);
    if (hit && hit.generation === generation && hit.expires > time) return hit.answer;
    const entry = { expires: time + cacheTtlMs, generation, answer: lookup(did) };
    cache.set(did, entry);
    // A failed lookup is not kept.
    entry.answer.catch(() => {
      if (cache.get(did) === entry) cache.delete(did);
    });
    return entry.answer;
  };
}
