/**
 * A FetchStatusList for any issuer's lists (Bitstring Status List §3.2 step 3, "dereference statusListCredential"):
 * URLs on this server's origin are answered by `local` and never fetched; every other URL goes through the guarded
 * client. checkStatus verifies each list's own proof whichever way it came.
 */
import type { FetchStatusList } from './check-status.ts';
import type { GuardedFetch } from './guarded-fetch.ts';

export interface RemoteStatusListFetcherOptions {
  /** This server's own lists (createLocalStatusListFetcher). */
  local?: FetchStatusList;
  /** This server's public URL: status list URLs on its origin go to `local`. */
  publicUrl?: string;
}

export function createRemoteStatusListFetcher(guardedFetch: GuardedFetch, { local, publicUrl }: RemoteStatusListFetcherOptions = {}): FetchStatusList {
  const ownOrigin = publicUrl ? new URL(publicUrl).origin : null;
  // Own lists are answered by `local` as it answers them (a kept list without a promise). The prefix test spares parsing
  // our own canonical URLs; any other spelling of our origin is found by parsing.
  return (url) => {
    if (ownOrigin !== null && (url.startsWith(`${ownOrigin}/`) || originOf(url) === ownOrigin)) {
      if (!local) return Promise.reject(new Error(`${url} is on this server's origin, but no local status lists are configured.`));
      return local(url);
    }
    // JWT-secured lists (VC 1.1 StatusList2021Credential JWTs) are served as application/jwt or vc+jwt.
    return guardedFetch.jsonOrJwt ? guardedFetch.jsonOrJwt(url) : guardedFetch(url);
  };
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
