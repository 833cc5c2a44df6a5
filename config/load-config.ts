/**
 * The one place that reads the environment (DESIGN.md §6). Parsed and validated once; the result is frozen.
 */
import path from 'node:path';
import { deepFreeze } from '../core/deep-freeze.ts';
import { ConfigError, type ErrorDetail } from '../core/errors.ts';
import type { DidMethod } from '../core/ports.ts';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  readonly server: { readonly port: number; readonly host: string; readonly publicUrl: string };
  readonly tls: { readonly certFile: string; readonly keyFile: string } | null;
  readonly storage: { readonly dataDir: string; readonly databaseUrl: string | null };
  /** authRateLimitPerMinute: sign-up, sign-in and refresh requests per client and minute (holders and employers). */
  readonly security: { readonly adminToken: string | null; readonly kek: string | null; readonly authRateLimitPerMinute: number };
  readonly issuer: { readonly didMethod: DidMethod };
  /** RDFC-1.0 canonicalization: 'fast' (bundled-context fast path, falls back to jsonld.js) or 'jsonld' only. */
  readonly canonize: 'fast' | 'jsonld';
  /** Outgoing mail (email-address proofs): an SMTP URL, 'log' (development: messages go to the log) or null (no mail), and the From header. */
  readonly mail: { readonly smtpUrl: string | null; readonly from: string };
  readonly logLevel: LogLevel;
}

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const problems: ErrorDetail[] = [];
  const value = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };

  const port = parsePort(value('PORT') ?? '3000', problems);
  const host = value('HOST') ?? '127.0.0.1';
  const publicUrl = parsePublicUrl(value('PUBLIC_URL') ?? `http://localhost:${port}`, problems);

  const certFile = value('TLS_CERT_FILE');
  const keyFile = value('TLS_KEY_FILE');
  if ((certFile === undefined) !== (keyFile === undefined)) {
    problems.push({ pointer: '/TLS_CERT_FILE', detail: 'TLS_CERT_FILE and TLS_KEY_FILE must be set together' });
  }

  const didMethodRaw = value('PROOFLINE_DID_METHOD');
  let didMethod: DidMethod = publicUrl.startsWith('https://') ? 'web' : 'key';
  if (didMethodRaw !== undefined) {
    if (didMethodRaw !== 'web' && didMethodRaw !== 'key') {
      problems.push({ pointer: '/PROOFLINE_DID_METHOD', detail: 'must be "web" or "key"' });
    } else {
      didMethod = didMethodRaw;
    }
  }

  const fastCanonize = value('PROOFLINE_FAST_CANONIZE') ?? 'on';
  if (fastCanonize !== 'on' && fastCanonize !== 'off') {
    problems.push({ pointer: '/PROOFLINE_FAST_CANONIZE', detail: 'must be "on" or "off"' });
  }

  const logLevel = (value('LOG_LEVEL') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push({ pointer: '/LOG_LEVEL', detail: `must be one of ${LOG_LEVELS.join(', ')}` });
  }

  const adminToken = value('PROOFLINE_ADMIN_TOKEN') ?? null;
  if (adminToken !== null && adminToken.length < 24) {
    problems.push({ pointer: '/PROOFLINE_ADMIN_TOKEN', detail: 'must be at least 24 characters' });
  }

  const authRateLimit = Number(value('PROOFLINE_AUTH_RATE_LIMIT') ?? '60');
  if (!Number.isInteger(authRateLimit) || authRateLimit < 1) {
    problems.push({ pointer: '/PROOFLINE_AUTH_RATE_LIMIT', detail: 'must be a positive integer (requests per client and minute)' });
  }

  const smtpUrl = value('PROOFLINE_SMTP_URL') ?? null;
  if (smtpUrl !== null && smtpUrl !== 'log' && !/^smtps?:\/\/[^/\s]+/.test(smtpUrl)) {
    problems.push({ pointer: '/PROOFLINE_SMTP_URL', detail: 'must be an smtp:// or smtps:// URL, or "log" (development: mail is written to the log)' });
  }
  const mailFrom = value('PROOFLINE_MAIL_FROM') ?? `Proofline <no-reply@${hostOf(publicUrl)}>`;

  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration: ${problems.map((p) => `${p.pointer?.slice(1)} ${p.detail}`).join('; ')}`, problems);
  }

  return deepFreeze({
    server: { port, host, publicUrl },
    tls: certFile && keyFile ? { certFile, keyFile } : null,
    storage: { dataDir: path.resolve(value('PROOFLINE_DATA_DIR') ?? './.proofline'), databaseUrl: value('DATABASE_URL') ?? null },
    security: { adminToken, kek: value('PROOFLINE_KEK') ?? null, authRateLimitPerMinute: authRateLimit },
    issuer: { didMethod },
    canonize: fastCanonize === 'off' ? 'jsonld' : 'fast',
    mail: { smtpUrl, from: mailFrom },
    logLevel,
  });
}

function parsePort(raw: string, problems: ErrorDetail[]): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push({ pointer: '/PORT', detail: 'must be an integer from 0 to 65535' });
    return 0;
  }
  return port;
}

function parsePublicUrl(raw: string, problems: ErrorDetail[]): string {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
    if (url.search || url.hash) throw new Error('query');
    return url.href.replace(/\/$/, '');
  } catch {
    problems.push({ pointer: '/PUBLIC_URL', detail: 'must be an absolute http(s) URL without query or fragment' });
    return raw;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return 'localhost';
  }
}

