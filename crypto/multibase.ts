/**
 * Multibase base58-btc and the Multikey headers we use (Multikey §2.2.1, multicodec table): a tiny local codec so
 * that sync helpers need no async library import.
 */
import type { KeyAlgorithm } from '../core/keys.ts';
import { ValidationError } from '../core/errors.ts';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const INDEX = new Map([...ALPHABET].map((char, i) => [char, i]));

export function base58btcEncode(bytes: Uint8Array): string {
  const digits: number[] = [];
  for (const byte of bytes) {
    let carry = byte;
    for (let i = 0; i < digits.length; i++) {
      carry += (digits[i] as number) << 8;
      digits[i] = carry % 58;
      carry = Math.floor(carry / 58);
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = Math.floor(carry / 58);
    }
  }
  let out = '';
  for (let i = 0; i < bytes.length && bytes[i] === 0; i++) out += '1';
  for (let i = digits.length - 1; i >= 0; i--) out += ALPHABET[digits[i] as number];
  return out;
}

export function base58btcDecode(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const char of text) {
    let carry = INDEX.get(char);
    if (carry === undefined) throw new ValidationError(`"${char}" is not a base58-btc character.`);
    for (let i = 0; i < bytes.length; i++) {
      carry += (bytes[i] as number) * 58;
      bytes[i] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  let zeros = 0;
  while (zeros < text.length && text[zeros] === '1') zeros++;
  const out = new Uint8Array(zeros + bytes.length);
  for (let i = 0; i < bytes.length; i++) out[out.length - 1 - i] = bytes[i] as number;
  return out;
}

/** Varint multicodec headers and raw key lengths: ed25519-pub 0xed, p256-pub 0x1200 (compressed point). */
const PUBLIC_KEY_CODECS: ReadonlyArray<{ algorithm: KeyAlgorithm; header: readonly [number, number]; length: number }> = [
  { algorithm: 'Ed25519', header: [0xed, 0x01], length: 32 },
  { algorithm: 'P-256', header: [0x80, 0x24], length: 33 },
];

/** Splits a Multikey `publicKeyMultibase` into its algorithm and raw key (Ed25519: 32 bytes; P-256: compressed, 33). */
export function decodePublicKeyMultibase(publicKeyMultibase: string): { algorithm: KeyAlgorithm; raw: Uint8Array } {
  if (typeof publicKeyMultibase !== 'string' || !publicKeyMultibase.startsWith('z')) {
    throw new ValidationError('publicKeyMultibase must be a base58-btc multibase string ("z...").');
  }
  const bytes = base58btcDecode(publicKeyMultibase.slice(1));
  for (const { algorithm, header, length } of PUBLIC_KEY_CODECS) {
    if (bytes[0] === header[0] && bytes[1] === header[1] && bytes.length === length + 2) {
      return { algorithm, raw: bytes.slice(2) };
    }
  }
  throw new ValidationError('publicKeyMultibase is not an Ed25519 or P-256 Multikey.');
}

export function encodePublicKeyMultibase(algorithm: KeyAlgorithm, raw: Uint8Array): string {
  const codec = PUBLIC_KEY_CODECS.find((c) => c.algorithm === algorithm);
  if (!codec || raw.length !== codec.length) throw new ValidationError(`Not a raw ${algorithm} public key.`);
  const bytes = new Uint8Array(2 + raw.length);
  bytes.set(codec.header);
  bytes.set(raw, 2);
  return `z${base58btcEncode(bytes)}`;
}
