/**
 * No test touches the network (DESIGN.md §7). `fetch`, `http(s).request` and raw sockets to anything but loopback are
 * refused and recorded, so a test can also assert that a request made the server attempt *no* outbound call at all.
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

export const outboundAttempts: string[] = [];

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]', '']);

function isLoopback(host: string | undefined | null): boolean {
  if (!host) return true;
  return LOOPBACK.has(host) || host.startsWith('127.');
}

function refuse(what: string): Error {
  outboundAttempts.push(what);
  return new Error(`network access refused in tests: ${what}`);
}

export function installNetworkGuard(): void {
  const originalFetch = globalThis.fetch;
  globalThis.fetch = (async (input: unknown, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : String((input as Request).url);
    // Loopback is this machine: tests talk to servers they started themselves.
    if (isLoopback(new URL(url).hostname)) return originalFetch(input as Parameters<typeof fetch>[0], init);
    throw refuse(`fetch ${url}`);
  }) as typeof fetch;

  for (const mod of [http, https] as const) {
    const original = mod.request;
    const guarded = function (this: unknown, ...args: unknown[]) {
      const first = args[0] as string | URL | http.RequestOptions;
      const host =
        typeof first === 'string' ? new URL(first).hostname : first instanceof URL ? first.hostname : (first.hostname ?? first.host);
      if (!isLoopback(host as string)) throw refuse(`${mod === https ? 'https' : 'http'} ${String(host)}`);
      return (original as (...a: unknown[]) => http.ClientRequest).apply(this, args);
    };
    (mod as { request: unknown }).request = guarded;
  }

  const originalConnect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const first = args[0] as { host?: string; path?: string } | number | string;
    const host = typeof first === 'object' && first !== null ? first.host : typeof args[1] === 'string' ? args[1] : undefined;
    const isIpc = typeof first === 'object' && first !== null && typeof first.path === 'string';
    if (!isIpc && !isLoopback(host)) throw refuse(`socket ${String(host)}`);
    return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
}
