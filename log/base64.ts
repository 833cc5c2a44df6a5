/**
 * Standard base64 (RFC 4648 §4) for the log's text formats. Decoding is strict: `Buffer.from(text, 'base64')` skips
 * characters it does not know and accepts missing padding, so one value could have several spellings; a signed note
 * or a proof must have exactly one.
 */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** The bytes of canonical standard base64 `text`, or null when it is not exactly that. */
export function decodeBase64(text: string): Uint8Array | null {
  if (!BASE64.test(text)) return null;
  const bytes = new Uint8Array(Buffer.from(text, 'base64'));
  // Non-zero bits after the last byte (`AB==` vs `AA==`) would decode to the same bytes: refuse them.
  return encodeBase64(bytes) === text ? bytes : null;
}
