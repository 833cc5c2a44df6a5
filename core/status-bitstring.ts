/**
 * Bitstring Status List encoding (W3C Bitstring Status List v1.0 §4.1): index 0 is the left-most bit of the first
 * byte; the bitstring is GZIP-compressed and multibase base64url-encoded (prefix `u`, no padding). Shared by the
 * issuer, which writes lists, and the verifier, which reads bits.
 */
import { gunzipSync, gzipSync } from 'node:zlib';

/** Herd privacy: the spec's minimum list size (§6.1), 16 KiB of bits. */
export const MIN_STATUS_LIST_LENGTH = 131_072;

/** Decompressed lists larger than this (a GZIP bomb in an attacker's list) are refused: 134 million entries. */
export const MAX_STATUS_LIST_BYTES = 16 * 1024 * 1024;

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
  return new Uint8Array(gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'), { maxOutputLength: MAX_STATUS_LIST_BYTES }));
}

/**
 * StatusList2021 (W3C CCG VC Status List 2021 §2.1, the predecessor Bitstring Status List replaced, see its "Relation
 * to StatusList2021"): the same GZIP bitstring, but base64-encoded without a multibase prefix. Implementations wrote
 * both alphabets, so either is read.
 */
export function decodeStatusList2021Bitstring(encodedList: string): Uint8Array {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(encodedList)) throw new RangeError('encodedList must be base64');
  return new Uint8Array(gunzipSync(Buffer.from(encodedList, 'base64'), { maxOutputLength: MAX_STATUS_LIST_BYTES }));
}

/** StatusList2021's encoding of a bitstring (tests and other issuers' fixtures): GZIP, base64url, no prefix. */
export function encodeStatusList2021Bitstring(length: number, setIndices: Iterable<number>): string {
  return encodeBitstring(length, setIndices).slice(1);
}

export function isBitSet(bits: Uint8Array, index: number): boolean {
  const byte = bits[index >> 3];
  if (byte === undefined) throw new RangeError(`index ${index} out of range`);
  return (byte & (0x80 >> (index & 7))) !== 0;
}
