/**
 * The key-encryption key (DESIGN.md §5): from PROOFLINE_KEK (64 hex digits or base64/base64url of 32 bytes), else a
 * generated 32-byte file `<dataDir>/kek`, mode 0600, in a 0700 directory. Config parsing stays in config/; this
 * receives the raw value.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../core/errors.ts';

const KEK_BYTES = 32;

export function loadKek({ kek, dataDir }: { kek?: string | undefined; dataDir: string }): Uint8Array {
  if (kek !== undefined && kek !== '') return parseKek(kek.trim());
  return readOrCreateKekFile(path.join(dataDir, 'kek'), dataDir);
}

function parseKek(value: string): Uint8Array {
  if (/^[0-9a-fA-F]{64}$/.test(value)) return new Uint8Array(Buffer.from(value, 'hex'));
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) {
    const bytes = Buffer.from(value, 'base64');
    if (bytes.length === KEK_BYTES) return new Uint8Array(bytes);
  }
  throw new ConfigError('PROOFLINE_KEK must be 32 bytes: 64 hex digits, or base64 / base64url (43-44 characters).', [
    { detail: 'PROOFLINE_KEK: not 64 hex digits nor base64 of 32 bytes' },
  ]);
}

function readOrCreateKekFile(file: string, dataDir: string): Uint8Array {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const existing = readKekFile(file);
  if (existing) return existing;
  // Write aside, then hard-link into place: atomic, and a concurrent process that won the race keeps its key.
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, randomBytes(KEK_BYTES), { mode: 0o600, flag: 'wx' });
  chmodSync(temp, 0o600);
  try {
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temp);
  }
  const created = readKekFile(file);
  if (!created) throw new ConfigError(`The key-encryption key file ${file} could not be created.`);
  return created;
}

function readKekFile(file: string): Uint8Array | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (bytes.length !== KEK_BYTES) {
    throw new ConfigError(`The key-encryption key file ${file} must hold exactly 32 bytes (it holds ${bytes.length}).`);
  }
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
    throw new ConfigError(`The key-encryption key file ${file} is readable by other users: chmod 600 it.`);
  }
  return new Uint8Array(bytes);
}
