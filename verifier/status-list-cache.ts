/**
 * Verified status lists, kept for a while (decision 0008's open consequence): verifying a status list credential's own
 * proof dominated a full verification, and every credential of an issuer shares a handful of lists. An entry is keyed
 * by the list's URL and the SHA-256 of its JSON text, so a list the issuer changed (a revocation re-signs it) is a new
 * entry; only lists that verified are kept, for `ttlSeconds` and never past the list's own `validUntil`. An entry
 * answers only for a `now` inside [verified at, expires at), so a caller checking an earlier time verifies again.
 *
 * One bounded LRU per DID resolver (the server builds its resolver once): a list verified with one caller's DID
 * documents is never taken as verified by a caller who resolves DIDs differently. Callers without a resolver
 * (did:key and did:jwk only, pure functions of the DID) share one cache. The key also carries the profile and the clock
 * skew, the options that change how a list is verified.
 */
import { LruCache } from '../core/lru-cache.ts';
import type { JsonObject } from '../core/open-badges.ts';
import { sha256Hex } from '../crypto/digest.ts';
import type { VerificationProblem } from './verification-problem.ts';

export const STATUS_LIST_CACHE_LIMIT = 256;

/** Content hashes of frozen list objects (a kept list is read again and again): computed once per object. */
const hashes = new WeakMap<object, string>();

function contentHash(list: object | string): string {
  if (typeof list === 'string') return sha256Hex(list);
  const known = hashes.get(list);
  if (known !== undefined) return known;
  const hash = sha256Hex(JSON.stringify(list));
  if (Object.isFrozen(list)) hashes.set(list, hash); // a mutable object could change under the same identity
  return hash;
}
/**
 * The cache key last built for a frozen list object, with the scope and URL it was built for: a list kept by the
 * fetcher is asked about again and again under the same ones, and reusing the key string spares building and hashing
 * a new one each time.
 */
const keys = new WeakMap<object, { scope: string; url: string; key: string }>();

function cacheKey(list: object | string, url: string, scope: string): string {
  if (typeof list !== 'string') {
    const known = keys.get(list);
    if (known !== undefined && known.scope === scope && known.url === url) return known.key;
  }
  const key = `${scope}\n${url}\n${contentHash(list)}`;
  if (typeof list !== 'string' && Object.isFrozen(list)) keys.set(list, { scope, url, key });
  return key;
}

export const DEFAULT_STATUS_LIST_CACHE_TTL_SECONDS = 300;

interface Entry {
  verifiedAt: number;
  expiresAt: number;
  /** The list as verified (for a JWT-secured list, the credential inside). */
  credential: JsonObject;
}

const shared = new LruCache<string, Entry>(STATUS_LIST_CACHE_LIMIT);
const byResolver = new WeakMap<object, LruCache<string, Entry>>();

/** Hits and misses since the process started (tests, benchmarks). */
export const statusListCacheStats = { hits: 0, misses: 0 };

export function clearStatusListCache(): void {
  shared.clear();
}

function cacheFor(resolver: object | undefined): LruCache<string, Entry> {
  if (!resolver) return shared;
  let cache = byResolver.get(resolver);
  if (!cache) {
    cache = new LruCache<string, Entry>(STATUS_LIST_CACHE_LIMIT);
    byResolver.set(resolver, cache);
  }
  return cache;
}

export interface StatusListCacheOptions {
  now: Date;
  /** 0 turns the cache off. */
  ttlSeconds: number;
  /** What else changes how a list is verified (profile, clock skew...). */
  scope: string;
  /** The caller's DID resolver (its identity partitions the cache). */
  resolver?: object;
}

/** `credential`: the list as verified; absent for a JSON list, which is then the credential itself. */
type ListVerification = { verified: boolean; problemDetails: VerificationProblem[]; credential?: JsonObject | null };

/** A hit answers at once, without a promise: a kept list costs a verification no turn of the event loop. */
export function verifyStatusListCached(
  list: JsonObject | string,
  url: string,
  { now, ttlSeconds, scope, resolver }: StatusListCacheOptions,
  verify: (list: JsonObject | string) => Promise<ListVerification>,
): ListVerification | Promise<ListVerification> {
  if (!(ttlSeconds > 0)) return verify(list);
  const cache = cacheFor(resolver);
  const key = cacheKey(list, url, scope);
  const time = now.getTime();
  const hit = cache.get(key);
  if (hit && time >= hit.verifiedAt && time < hit.expiresAt) {
    statusListCacheStats.hits += 1;
    return { verified: true, problemDetails: [], credential: hit.credential };
  }
  statusListCacheStats.misses += 1;
  return verify(list).then((result) => {
    const credential = result.credential ?? (typeof list === 'string' ? null : list);
    if (result.verified && credential) {
      let expiresAt = time + ttlSeconds * 1000;
      // validUntil (VC 2.0) or expirationDate (VC 1.1, also a JWT's exp once normalised).
      const until = Math.min(dateOf(credential.validUntil), dateOf(credential.expirationDate));
      if (Number.isFinite(until)) expiresAt = Math.min(expiresAt, until);
      if (expiresAt > time) cache.set(key, { verifiedAt: time, expiresAt, credential });
    }
    return result;
  });
}

function dateOf(value: unknown): number {
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(time) ? Number.POSITIVE_INFINITY : time;
}
