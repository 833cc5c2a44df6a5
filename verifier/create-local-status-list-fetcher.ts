/**
 * A FetchStatusList for this server's own lists: URLs under `<publicUrl>/status-lists/` are read through `load`
 * (the issuer's getStatusListCredential); every other URL is refused, not fetched. Remote lists will come through the
 * guarded HTTP client (issue 3, DID resolution / SSRF guard).
 */
import type { FetchStatusList } from './check-status.ts';

export function createLocalStatusListFetcher({
  publicUrl,
  load,
}: {
  publicUrl: string;
  load: (listId: string) => Promise<object>;
}): FetchStatusList {
  const prefix = `${publicUrl.replace(/\/+$/, '')}/status-lists/`;
  return async (url) => {
    const id = url.startsWith(prefix) ? url.slice(prefix.length) : '';
    if (!/^[A-Za-z0-9._-]{1,128}$/.test(id)) throw new Error(`${url} is not a status list of this server; remote status lists are not fetched.`);
    return load(id);
  };
}
