/**
 * A FetchStatusList for this server's own lists: URLs under `<publicUrl>/status-lists/` are read through `load`
 * (the issuer's getStatusListCredential); every other URL is refused, not fetched. Remote lists come through the
 * guarded HTTP client (createRemoteStatusListFetcher).
 *
 * `cacheTtlMs` (default 0: read the store every time) keeps each list for that long: reading a list was a store read
 * per status entry, most of a vc+jwt verification with all checks. A status change in this process must call
 * `invalidate(url)` (server.ts: from the issuer's after-commit status hook), so this process sees it at once; other
 * processes on the same database see it within the TTL, as Bitstring Status List's `ttl` lets a verifier cache a list.
 */
import { deepFreeze } from '../core/deep-freeze.ts';
import type { FetchStatusList } from './check-status.ts';

export interface LocalStatusListFetcher extends FetchStatusList {
  /** Drops the kept copy of the list at `url` (all lists without an argument). */
  invalidate(url?: string): void;
}

/** A list read from the store, kept until `expires`; `value` once the read has finished. */
interface KeptList {
  expires: number;
  list: Promise<object>;
  value?: object;
}

export function createLocalStatusListFetcher({
  publicUrl,
  load,
  cacheTtlMs = 0,
  now = Date.now,
}: {
  publicUrl: string;
  load: (listId: string) => Promise<object>;
  /** How long a list read from the store is reused, ms (default 0: never). */
  cacheTtlMs?: number;
  /** Milliseconds since the epoch, for the cache (default Date.now). */
  now?: () => number;
}): LocalStatusListFetcher {
  const prefix = `${publicUrl.replace(/\/+$/, '')}/status-lists/`;
  const kept = new Map<string, KeptList>();
  const idOf = (url: string) => {
    const id = url.startsWith(prefix) ? url.slice(prefix.length) : '';
    if (!/^[A-Za-z0-9._-]{1,128}$/.test(id)) throw new Error(`${url} is not a status list of this server; remote status lists are not fetched.`);
    return id;
  };
  // Not async: a kept list already read is returned as it is (checkStatus reads it without waiting a turn); anything
  // else, errors included, comes as a promise.
  const fetchStatusList = (url: string): Promise<object> | object => {
    // Kept lists are keyed by their URL (one per id: idOf accepts only `${prefix}${id}`): a hit costs one lookup.
    // Without a TTL nothing is ever kept, so the lookup misses.
    const time = now();
    const hit = kept.get(url);
    if (hit && hit.expires > time) return hit.value ?? hit.list;
    let id: string;
    try {
      id = idOf(url);
    } catch (error) {
      return Promise.reject(error);
    }
    if (!(cacheTtlMs > 0)) return load(id);
    // Kept lists are frozen and shared (no copy per read): nothing downstream may change a status list.
    const entry: KeptList = { expires: time + cacheTtlMs, list: load(id).then(deepFreeze) };
    kept.set(url, entry);
    // Our lists are few (one per issuer and purpose, plus full ones); still, stale entries go when the map grows.
    if (kept.size > 1_000) for (const [key, value] of kept) if (value.expires <= time) kept.delete(key);
    entry.list.then(
      (list) => {
        entry.value = list;
      },
      () => {
        if (kept.get(url) === entry) kept.delete(url);
      },
    );
    return entry.list;
  };
  return Object.assign(fetchStatusList, {
    invalidate(url?: string) {
      if (url === undefined) kept.clear();
      else kept.delete(url); // a kept URL is `${prefix}${id}` exactly (idOf), as the issuer names its lists
    },
  });
}
