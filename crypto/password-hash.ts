/**
 * Holder passwords (wallet-api/): scrypt (RFC 7914) with a random 16-byte salt, stored as
 * `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>` (base64url), so the cost can rise later and old hashes still verify.
 * Comparison is constant-time. scrypt runs on libuv's thread pool: the event loop is not blocked.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface PasswordHashOptions {
  /** log2 of scrypt's N (CPU/memory cost); default 15 (N = 32768, 32 MiB with r = 8: about 50-100 ms). */
  log2Cost?: number;
}

const R = 8;
const P = 1;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** Bounds on parameters read back from a stored hash, so a bad row cannot make one check take minutes or gigabytes. */
const MAX_LOG2_COST = 20;
const MAX_R = 16;
const MAX_P = 4;

function derive(password: string, salt: Uint8Array, log2Cost: number, r: number, p: number): Promise<Buffer> {
  const options: ScryptOptions = { N: 2 ** log2Cost, r, p, maxmem: 256 * 2 ** log2Cost * r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string, { log2Cost = 15 }: PasswordHashOptions = {}): Promise<string> {
  if (!Number.isInteger(log2Cost) || log2Cost < 1 || log2Cost > MAX_LOG2_COST) throw new RangeError('log2Cost must be an integer in 1..20.');
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, log2Cost, R, P);
  return ['scrypt', log2Cost, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** True when `password` matches `encoded`; false for a mismatch or an encoding this module does not read. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parts = encoded.split('$');
  const [scheme, cost, r, p, saltText, keyText] = parts;
  if (parts.length !== 6 || scheme !== 'scrypt' || !saltText || !keyText) return false;
  const [log2Cost, rValue, pValue] = [Number(cost), Number(r), Number(p)];
  const inRange = (value: number, max: number) => Number.isInteger(value) && value >= 1 && value <= max;
  if (!inRange(log2Cost, MAX_LOG2_COST) || !inRange(rValue, MAX_R) || !inRange(pValue, MAX_P)) return false;
  const expected = Buffer.from(keyText, 'base64url');
  if (expected.length !== KEY_BYTES) return false;
  const actual = await derive(password, Buffer.from(saltText, 'base64url'), log2Cost, rValue, pValue);
  return timingSafeEqual(actual, expected);
}

/**
 * A well-formed hash no password matches in practice (random salt and key): checked when an email is unknown, so an
 * unknown account costs the same scrypt as a known one and timing does not tell them apart.
 */
export const UNMATCHABLE_PASSWORD_HASH = `scrypt$15$${R}$${P}$${randomBytes(SALT_BYTES).toString('base64url')}$${randomBytes(KEY_BYTES).toString('base64url')}`;
