/**
 * createGuardedPost: the one client that POSTs webhooks. The URL is the organisation's choice, so it gets the rules of
 * verifier/guarded-fetch.ts (DESIGN.md §5): https only, no credentials in the URL, no IP-literal hosts, the host
 * resolved once and EVERY address public (the verifier's `isPublicAddress`, injected by the composition root), the
 * connection pinned to the vetted address with SNI and certificate checks on the name, the default https port only,
 * no redirects (a 3xx is an answer, not a hop), one deadline covering the lookup too, and at most 64 KiB of the
 * answer read.
 *
 * `allowLoopbackHttp` is FOR TESTS ONLY (off unless set explicitly): it also accepts http://127.0.0.1 and http://[::1]
 * and connects there, so a test's own listener can receive deliveries.
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';

/** POSTs `body`; resolves with the answer's status, rejects with a WebhookPostError when no answer came. */
export type PostWebhook = (url: string, request: { headers: Record<string, string>; body: string }) => Promise<{ status: number }>;

export class WebhookPostError extends Error {
  readonly code: 'INVALID_URL' | 'NOT_HTTPS' | 'FORBIDDEN_ADDRESS' | 'FORBIDDEN_PORT' | 'LOOKUP_FAILED' | 'TIMEOUT' | 'NETWORK_ERROR';
  constructor(code: WebhookPostError['code'], message: string) {
    super(message);
    this.name = 'WebhookPostError';
    this.code = code;
  }
}

export interface GuardedPostOptions {
  isPublicAddress: (address: string) => boolean;
  lookup?: (hostname: string) => Promise<ReadonlyArray<{ address: string; family: number }>>;
  timeoutMs?: number;
  allowLoopbackHttp?: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', '::1']);
const MAX_ANSWER_BYTES = 64 * 1024;

/** Checks that need no network; the URL a webhook endpoint may be registered with. */
export function vetWebhookUrl(raw: string, { allowLoopbackHttp = false }: { allowLoopbackHttp?: boolean } = {}): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookPostError('INVALID_URL', `"${raw}" is not a URL.`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (url.username !== '' || url.password !== '') throw new WebhookPostError('INVALID_URL', 'A webhook URL carries no credentials.');
  if (allowLoopbackHttp && url.protocol === 'http:' && LOOPBACK.has(host)) return url;
  if (url.protocol !== 'https:') throw new WebhookPostError('NOT_HTTPS', 'Webhook URLs must be https.');
  if (isIP(host) !== 0) throw new WebhookPostError('FORBIDDEN_ADDRESS', 'Webhook URLs name a host, not an IP address.');
  // The default https port only (URL drops an explicit :443): no probing of other services on a public host.
  if (url.port !== '') throw new WebhookPostError('FORBIDDEN_PORT', 'Webhook URLs use the https port (443).');
  return url;
}

export function createGuardedPost({
  isPublicAddress,
  lookup = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true }),
  timeoutMs = 10_000,
  allowLoopbackHttp = false,
}: GuardedPostOptions): PostWebhook {
  return async (raw, { headers, body }) => {
    const url = vetWebhookUrl(raw, { allowLoopbackHttp });
    const host = url.hostname.replace(/^\[|\]$/g, '');
    // One deadline for the whole POST: the lookup spends from it too (a slow resolver cannot hold a worker).
    const deadline = Date.now() + timeoutMs;
    let target: { address: string; family: number };
    if (url.protocol === 'http:') target = { address: host, family: isIP(host) };
    else {
      let addresses: ReadonlyArray<{ address: string; family: number }>;
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        const timedOut = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new WebhookPostError('TIMEOUT', `${host} was not resolved within ${timeoutMs} ms.`)), timeoutMs);
        });
        addresses = await Promise.race([lookup(host), timedOut]);
      } catch (error) {
        if (error instanceof WebhookPostError) throw error;
        throw new WebhookPostError('LOOKUP_FAILED', `${host} could not be resolved.`);
      } finally {
        clearTimeout(timer);
      }
      if (addresses.length === 0) throw new WebhookPostError('LOOKUP_FAILED', `${host} has no address.`);
      if (addresses.some((a) => !isPublicAddress(a.address))) throw new WebhookPostError('FORBIDDEN_ADDRESS', `${host} resolves to a non-public address.`);
      target = addresses[0]!;
    }
    const client = url.protocol === 'http:' ? http : https;
    const remainingMs = Math.max(1, deadline - Date.now());
    return new Promise((resolve, reject) => {
      const request = client.request(
        {
          host: target.address,
          family: target.family,
          port: url.port === '' ? (url.protocol === 'http:' ? 80 : 443) : Number(url.port),
          ...(url.protocol === 'https:' ? { servername: host } : {}),
          path: `${url.pathname}${url.search}`,
          method: 'POST',
          headers: { ...headers, host: url.host, 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'proofline-webhooks' },
          agent: false,
          timeout: remainingMs,
        },
        (response) => {
          let read = 0;
          response.on('data', (chunk: Buffer) => {
            read += chunk.length;
            if (read > MAX_ANSWER_BYTES) response.destroy();
          });
          response.on('close', () => resolve({ status: response.statusCode ?? 0 }));
          response.on('error', () => resolve({ status: response.statusCode ?? 0 }));
        },
      );
      const timer = setTimeout(() => request.destroy(new WebhookPostError('TIMEOUT', `No answer within ${timeoutMs} ms.`)), remainingMs);
      request.on('close', () => clearTimeout(timer));
      request.on('error', (error) => reject(error instanceof WebhookPostError ? error : new WebhookPostError('NETWORK_ERROR', error.message)));
      request.end(body);
    });
  };
}
