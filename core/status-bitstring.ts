/**
 * Bitstring Status List encoding (W3C Bitstring Status List v1.0 §4.1): index 0 is the left-most bit of the first
 * byte; the bitstring is GZIP-compressed and multibase base64url-encoded (prefix `u`, no padding). Shared by the
 * issuer, which writes lists, and the verifier, which reads bits.
 */
import { gunzipSync, gzipSync } from 'node:zlib';

/** Herd privacy: the spec's minimum list size (§6.1), 16 KiB of bits. */
export const MIN_STATUS_LIST_LENGTH = 131_072;

export function encodeBitstring(length: number, setIndices: Iterable<number>): string {
  if (length % 8 !== 0) throw new RangeError('status list length must be a multiple of 8');
  const bytes = new Uint8Array(length / 8);
  for (const index of setIndices) {
    if (!Number.isInteger(index) || index < 0 || index >= length) throw new RangeError(`index ${index} out of range`);
    bytes[index >> 3]! |= 0x80 >> (index & 7);
  }
  return 'u' + Buffer.from(gzipSync(bytes)).toString('base64url');
}

export function decodeBitstring(encodedList: string): Uint8Array {
  if (!encodedList.startsWith('u')) throw new RangeError('encodedList must be multibase base64url (prefix u)');
  return new Uint8Array(gunzipSync(Buffer.from(encodedList.slice(1), 'base64url')));
}

export function isBitSet(bits: Uint8Array, index: number): boolean {
  const byte = bits[index >> 3];
  if (byte === undefined) throw new RangeError(`index ${index} out of range`);
  return (byte & (0x80 >> (index & 7))) !== 0;
}
