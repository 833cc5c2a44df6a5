/**
 * The only way the server fetches a remote document (did:web DID documents and status list credentials of other
 * issuers; DESIGN.md §5, issue 3 §4). A URL named inside a credential is attacker-chosen, so:
 *
 * - https only, no credentials in the URL, no IP-literal hosts (did:web forbids them, and they are how SSRF starts);
 * - the host is resolved once with the injected `lookup` and EVERY address must be public (verifier/is-public-address);
 * - the connection goes to the vetted address itself (pinned: no second resolution can rebind the name to
 *   127.0.0.1), with SNI and certificate checking on the host name;
 * - redirects are followed only within the same origin (scheme, host, port), each hop vetted again, at most
 *   `maxRedirects`;
 * - the body is counted as it streams and the request destroyed beyond `maxBytes`; one deadline covers lookup,
 *   connection, redirects and body; the content type must be JSON and the body a JSON object (or, through
 *   `jsonOrJwt`, a JWT media type and a compact JWS: JWT-secured status lists);
 * - results are cached for `cacheTtlMs`, failures for `failureTtlMs`, concurrent requests for one URL share one fetch.
 *
 * Errors are GuardedFetchError with a stable `code`; callers branch on the code, never on the message.
 */
import dns from 'node:dns';
import https from 'node:https';
import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';
import { isJsonObject, type JsonObject } from '../core/open-badges.ts';
import { isPublicAddress } from './is-public-address.ts';

export type GuardedFetchErrorCode =
  | 'INVALID_URL'
  | 'NOT_HTTPS'
  | 'FORBIDDEN_ADDRESS'
  | 'LOOKUP_FAILED'
  | 'REDIRECT'
  | 'TOO_LARGE'
  | 'TIMEOUT'
  | 'BAD_STATUS'
  | 'NOT_JSON'
  | 'NETWORK_ERROR';

export class GuardedFetchError extends Error {
  readonly code: GuardedFetchErrorCode;
  /** The URL whose fetch failed (the redirect target when a hop failed). */
  readonly url: string;
  override readonly cause?: unknown;

  constructor(code: GuardedFetchErrorCode, url: string, message: string, cause?: unknown) {
    super(message);
    this.name = 'GuardedFetchError';
    this.code = code;
    this.url = url;
    this.cause = cause;
  }
}

/** Fetches a JSON object from a public https URL, or throws GuardedFetchError. The result is the caller's to keep. */
export interface GuardedFetch {
  (url: string): Promise<JsonObject>;
  /**
   * The same, but a compact JWS served as application/jwt or application/vc+jwt is accepted too and returned as text
   * (JWT-secured status list credentials, e.g. a VC 1.1 StatusList2021Credential). Optional for hand-made fetchers.
   */
  jsonOrJwt?: (url: string) => Promise<JsonObject | string>;
}

/** Every address of `hostname` (node:dns `lookup` with `all: true`). */
export type LookupAddresses = (hostname: string) => Promise<ReadonlyArray<{ address: string; family: number }>>;

export interface GuardedFetchOptions {
  /** Name resolution (default: node:dns lookup, all addresses). Every address it returns must be public. */
  lookup?: LookupAddresses;
  /** Response body cap in bytes (default 256 KiB). */
  maxBytes?: number;
  /** One deadline for lookup, connection, redirects and body, in ms (default 5 s). */
  timeoutMs?: number;
  /** Same-origin redirects followed (default 2); a redirect to another origin is always refused. */
  maxRedirects?: number;
  /** How long a fetched document is reused, ms (default 5 min). */
  cacheTtlMs?: number;
  /** How long a failure is remembered, ms (default 30 s): a dead host is not hammered by every verification. */
  failureTtlMs?: number;
  /** Cache size bound (default 1,000 URLs; the oldest go first). */
  maxCacheEntries?: number;
  /** Milliseconds since the epoch, for the cache (default Date.now). */
  now?: () => number;
  /**
   * FOR TESTS ONLY: addresses accepted although they are not public (e.g. `127.0.0.1`, where a test runs its https
   * server). Host names still go through `lookup`, and IP-literal hosts are still refused. Never set in production.
   */
  allowAddresses?: readonly string[];
  /** FOR TESTS ONLY: CA certificates (PEM) trusted instead of the system's, e.g. a test's self-signed certificate. */
  ca?: string | Buffer | ReadonlyArray<string | Buffer>;
}

const ACCEPT = 'application/did+ld+json, application/did+json, application/vc+ld+json, application/ld+json, application/json;q=0.9';
const ACCEPT_JWT = `${ACCEPT}, application/vc+jwt;q=0.8, application/jwt;q=0.8`;
/** JWT media types (RFC 7519 §10.3.1; VC-JOSE-COSE; the VC 1.1 era's vc-ld+jwt). */
const JWT_MEDIA_TYPE = /^application\/(?:jwt|vc\+jwt|vc-ld\+jwt)$/;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
/** application/json, any application/*+json (did+json, ld+json, vc+ld+json...), and VC 2.0's application/vc. */
const JSON_MEDIA_TYPE = /^application\/(?:[a-z0-9.!#$&^_-]+(?:\+[a-z0-9.!#$&^_-]+)*\+)?json$|^application\/vc$/;

const defaultLookup: LookupAddresses = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

export function createGuardedFetch({
  lookup = defaultLookup,
  maxBytes = 256 * 1024,
  timeoutMs = 5_000,
  maxRedirects = 2,
  cacheTtlMs = 5 * 60_000,
  failureTtlMs = 30_000,
  maxCacheEntries = 1_000,
  now = Date.now,
  allowAddresses = [],
  ca,
}: GuardedFetchOptions = {}): GuardedFetch {
  const allowed = new Set(allowAddresses);
  const cache = new Map<string, { expires: number; result: Promise<JsonObject | string> }>();

  const fetchOnce = (url: URL, signal: AbortSignal, acceptJwt: boolean): Promise<JsonObject | string | URL> =>
    new Promise((resolve, reject) => {
      const href = url.href;
      const host = hostOf(url);
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        outcome();
      };
      const fail = (error: GuardedFetchError) => settle(() => reject(error));
      const onAbort = () => {
        request?.destroy();
        fail(new GuardedFetchError('TIMEOUT', href, `${href} did not answer within ${timeoutMs} ms.`));
      };
      let request: ReturnType<typeof https.request> | undefined;
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });

      lookup(host).then(
        (addresses) => {
          if (settled) return;
          if (addresses.length === 0) return fail(new GuardedFetchError('LOOKUP_FAILED', href, `${host} has no address.`));
          const refused = addresses.filter(({ address }) => !allowed.has(address) && !isPublicAddress(address));
          if (refused.length > 0) {
            return fail(new GuardedFetchError('FORBIDDEN_ADDRESS', href, `${host} resolves to a non-public address (${refused.map((a) => a.address).join(', ')}); it is not fetched.`));
          }
          const pinned = addresses[0]!;
          request = https.request(
            {
              // Connect to the vetted address; TLS (SNI and the certificate check) still uses the name.
              host: pinned.address,
              family: pinned.family,
              port: url.port === '' ? 443 : Number(url.port),
              servername: host,
              path: `${url.pathname}${url.search}`,
              method: 'GET',
              headers: { host: url.host, accept: acceptJwt ? ACCEPT_JWT : ACCEPT, 'accept-encoding': 'identity', 'user-agent': 'proofline-verifier' },
              agent: false,
              ...(ca ? { ca: ca as string | Buffer | Array<string | Buffer> } : {}),
            },
            (response) => {
              if (settled) return void response.destroy();
              readResponse(url, response, redirectTarget(url, response), acceptJwt).then(
                (result) => settle(() => resolve(result)),
                (error: unknown) => {
                  request?.destroy();
                  fail(error instanceof GuardedFetchError ? error : new GuardedFetchError('NETWORK_ERROR', href, `${href} could not be read.`, error));
                },
              );
            },
          );
          request.on('error', (error) => fail(new GuardedFetchError('NETWORK_ERROR', href, `${href} could not be fetched: ${error.message}`, error)));
          request.end();
        },
        (error: unknown) => fail(new GuardedFetchError('LOOKUP_FAILED', href, `${host} could not be resolved.`, error)),
      );
    });

  const readResponse = async (url: URL, response: IncomingMessage, redirect: URL | null, acceptJwt: boolean): Promise<JsonObject | string | URL> => {
    const href = url.href;
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400) {
      response.resume();
      if (!redirect) throw new GuardedFetchError('REDIRECT', href, `${href} redirects to another origin (${String(response.headers.location)}); it is not followed.`);
      return redirect;
    }
    if (status < 200 || status >= 300) {
      response.resume();
      throw new GuardedFetchError('BAD_STATUS', href, `${href} answered HTTP ${status}.`);
    }
    const mediaType = (response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const jwt = acceptJwt && JWT_MEDIA_TYPE.test(mediaType);
    if (!jwt && !JSON_MEDIA_TYPE.test(mediaType)) throw new GuardedFetchError('NOT_JSON', href, `${href} is ${mediaType || 'untyped'}, not JSON.`);
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) throw new GuardedFetchError('TOO_LARGE', href, `${href} is ${declared} bytes; at most ${maxBytes} are read.`);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) throw new GuardedFetchError('TOO_LARGE', href, `${href} is larger than ${maxBytes} bytes.`);
      chunks.push(chunk);
    }
    if (jwt) {
      const text = Buffer.concat(chunks).toString('utf8').trim();
      if (!COMPACT_JWS.test(text)) throw new GuardedFetchError('NOT_JSON', href, `${href} is ${mediaType} but not a compact JWS.`);
      return text;
    }
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch (error) {
      throw new GuardedFetchError('NOT_JSON', href, `${href} is not valid JSON.`, error);
    }
    if (!isJsonObject(body)) throw new GuardedFetchError('NOT_JSON', href, `${href} is not a JSON object.`);
    return body;
  };

  const fetchDocument = async (raw: string, acceptJwt: boolean): Promise<JsonObject | string> => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      let url = vetUrl(raw);
      for (let hop = 0; ; hop++) {
        const result = await fetchOnce(url, controller.signal, acceptJwt);
        if (!(result instanceof URL)) return result;
        if (hop >= maxRedirects) throw new GuardedFetchError('REDIRECT', url.href, `${raw} redirects more than ${maxRedirects} times.`);
        url = vetUrl(result.href);
      }
    } finally {
      clearTimeout(timer);
    }
  };

  /** A same-origin redirect target, or null for a redirect that must not be followed. */
  const redirectTarget = (url: URL, response: IncomingMessage): URL | null => {
    const location = response.headers.location;
    if (!location) return null;
    try {
      const next = new URL(location, url);
      return next.origin === url.origin ? next : null;
    } catch {
      return null;
    }
  };

  const cached = async (raw: string, acceptJwt: boolean): Promise<JsonObject | string> => {
    // A JSON-only caller and a JSON-or-JWT caller send different Accept headers: separate entries.
    const key = acceptJwt ? `jwt ${raw}` : raw;
    const time = now();
    const hit = cache.get(key);
    if (hit && hit.expires > time) return structuredClone(await hit.result);
    const entry = { expires: Number.POSITIVE_INFINITY, result: fetchDocument(raw, acceptJwt) };
    cache.delete(key);
    cache.set(key, entry);
    for (const [key, value] of cache) {
      if (cache.size <= maxCacheEntries) break;
      if (value !== entry) cache.delete(key);
    }
    entry.result.then(
      () => (entry.expires = now() + cacheTtlMs),
      () => (entry.expires = now() + failureTtlMs),
    );
    return structuredClone(await entry.result);
  };
  const guardedFetch: GuardedFetch = async (raw) => {
    const document = await cached(raw, false);
    // Unreachable (JWT bodies are accepted only for jsonOrJwt), but the type says so.
    if (typeof document === 'string') throw new GuardedFetchError('NOT_JSON', raw, `${raw} is not JSON.`);
    return document;
  };
  guardedFetch.jsonOrJwt = (raw) => cached(raw, true);
  return guardedFetch;
}

/** Checks that need no network: scheme, credentials, IP literals. */
function vetUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch (error) {
    throw new GuardedFetchError('INVALID_URL', raw, `"${raw}" is not a URL.`, error);
  }
  if (url.protocol !== 'https:') throw new GuardedFetchError('NOT_HTTPS', raw, `${raw} is not https; only https documents are fetched.`);
  if (url.username !== '' || url.password !== '') throw new GuardedFetchError('INVALID_URL', raw, `${raw} carries credentials.`);
  // The WHATWG parser has already turned 0x7f.1, 2130706433 and friends into dotted quads.
  if (isIP(hostOf(url)) !== 0) throw new GuardedFetchError('FORBIDDEN_ADDRESS', raw, `${raw} names an IP address; only host names are fetched.`);
  return url;
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}
