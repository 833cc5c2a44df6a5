/**
 * AES-256-GCM envelopes for secret keys at rest (DESIGN.md §5): `v1.<base64url iv>.<base64url ciphertext||tag>`.
 * The AAD binds an envelope to what it protects (e.g. the key id), so an envelope cannot be moved to another record.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ConfigError, ProoflineError } from '../core/errors.ts';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

function assertKek(kek: Uint8Array): void {
  if (!(kek instanceof Uint8Array) || kek.length !== 32) {
    throw new ConfigError('The key-encryption key must be 32 bytes (AES-256).');
  }
}

export function encryptSecret(kek: Uint8Array, plaintext: Uint8Array, aad: string): string {
  assertKek(kek);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', kek, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const sealed = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}.${iv.toString('base64url')}.${sealed.toString('base64url')}`;
}

/** Throws ProoflineError('KEY_UNAVAILABLE') on a wrong KEK, a wrong AAD, or any change to the envelope. */
export function decryptSecret(kek: Uint8Array, envelope: string, aad: string): Uint8Array {
  assertKek(kek);
  const parts = typeof envelope === 'string' ? envelope.split('.') : [];
  const [version, ivText, sealedText] = parts;
  const unavailable = (cause?: unknown) =>
    new ProoflineError('KEY_UNAVAILABLE', 'The secret key cannot be decrypted: wrong key-encryption key or altered data.', {
      cause,
    });
  if (parts.length !== 3 || version !== VERSION || !ivText || !sealedText) throw unavailable();
  const iv = Buffer.from(ivText, 'base64url');
  const sealed = Buffer.from(sealedText, 'base64url');
  if (iv.length !== IV_BYTES || sealed.length < TAG_BYTES) throw unavailable();
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    const plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
    return new Uint8Array(plain.buffer, plain.byteOffset, plain.byteLength);
  } catch (error) {
    throw unavailable(error);
  }
}
