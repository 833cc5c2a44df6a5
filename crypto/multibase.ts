/**
 * Multibase base58-btc and the Multikey headers we use (Multikey §2.2.1, multicodec table): a tiny local codec so
 * that sync helpers need no async library import.
 */
import type { KeyAlgorithm } from '../core/keys.ts';
import { ValidationError } from '../core/errors.ts';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

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

/** Base58 digit of each ASCII code (255: not a base58-btc character). */
const DIGITS = new Uint8Array(128).fill(255);
for (let i = 0; i < ALPHABET.length; i++) DIGITS[ALPHABET.charCodeAt(i)] = i;

/** Decodes into one preallocated buffer (big-endian, as Bitcoin's DecodeBase58): a proofValue on every verify. */
export function base58btcDecode(text: string): Uint8Array {
  let zeros = 0;
  while (zeros < text.length && text[zeros] === '1') zeros++;
  // log(58) / log(256) ≈ 0.733: bytes enough for the digits after the leading '1's.
  const size = Math.floor(((text.length - zeros) * 733) / 1000) + 1;
  const buffer = new Uint8Array(size);
  let length = 0;
  for (let i = zeros; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let carry = code < 128 ? DIGITS[code]! : 255;
    if (carry === 255) throw new ValidationError(`"${String.fromCodePoint(text.codePointAt(i)!)}" is not a base58-btc character.`);
    let j = 0;
    for (let k = size - 1; (carry !== 0 || j < length) && k >= 0; k--, j++) {
      carry += 58 * buffer[k]!;
      buffer[k] = carry & 0xff;
      carry >>>= 8;
    }
    length = j;
  }
  let start = size - length;
  while (start < size && buffer[start] === 0) start++;
  const out = new Uint8Array(zeros + size - start);
  out.set(buffer.subarray(start), zeros);
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
