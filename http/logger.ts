/** Structured logs (pino) with secrets redacted wherever they might appear. */
import { pino, type Logger, type LevelWithSilent } from 'pino';

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  '*.secretKey',
  '*.secretKeyMultibase',
  '*.privateKey',
  '*.privateKeyMultibase',
  '*.encryptedSecretKey',
  '*.kek',
  '*.token',
  '*.password',
];

export function createLogger(
  options: { level?: LevelWithSilent; destination?: NodeJS.WritableStream | { write(msg: string): void } } = {},
): Logger {
  const base = { level: options.level ?? 'info', redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
  return options.destination ? pino(base, options.destination as NodeJS.WritableStream) : pino(base);
}

export type { Logger };
