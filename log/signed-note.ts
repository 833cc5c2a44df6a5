/**
 * C2SP signed-note (https://c2sp.org/signed-note), Ed25519 signatures (type 0x01), as golang.org/x/mod/sumdb/note
 * writes them. The key is injected as plain functions: this folder never holds a private key nor imports a crypto
 * library.
 *
 *     <text ending in \n>
 *     <blank line>
 *     — <key name> base64(key ID (4 bytes, big-endian) || signature)
 */
import { sha256 } from '../crypto/digest.ts';
import { LogFormatError } from './log-format-error.ts';
import { decodeBase64, encodeBase64 } from './base64.ts';
import { equalBytes } from './merkle.ts';

/** Signature type byte of Ed25519 in the key ID and verifier key (signed-note §Signature types). */
export const ED25519_SIGNATURE_TYPE = 0x01;
const ED25519_PUBLIC_KEY_SIZE = 32;
const ED25519_SIGNATURE_SIZE = 64;
/** The spec asks verifiers to accept at least 16 signatures and to cap them; golang.org/x/mod caps at 100. */
export const MAX_NOTE_SIGNATURES = 100;

const EM_DASH = '\u2014';
const encoder = new TextEncoder();

export type SignFunction = (message: Uint8Array) => Promise<Uint8Array> | Uint8Array;
export type VerifyFunction = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean;

export interface NoteSigner {
  /** Key name: non-empty, without spaces or `+`; for a log, its checkpoint origin. */
  name: string;
  /** `noteKeyId(name, publicKey)`. */
  keyId: Uint8Array;
  /** Ed25519 over the note text (RFC 8032), e.g. a crypto/ signer bound to the log key. */
  sign: SignFunction;
}

export interface VerifierKey {
  name: string;
  keyId: Uint8Array;
  /** 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
}

export interface NoteSignature {
  name: string;
  keyId: Uint8Array;
  /** The signature bytes after the key ID. */
  signature: Uint8Array;
}

export interface Note {
  /** The signed text, final newline included, separating blank line excluded. */
  text: string;
  signatures: NoteSignature[];
}

/** Why a note was not accepted: a stable vocabulary for auditors and the verifier. */
export type NoteProblem = 'MALFORMED_NOTE' | 'UNKNOWN_KEY' | 'INVALID_SIGNATURE';

export type NoteVerification =
  | { verified: true; text: string; signatures: NoteSignature[] }
  | { verified: false; problem: NoteProblem; detail: string };

/** key ID = SHA-256(key name || 0x0A || 0x01 || 32-byte Ed25519 public key)[:4] (signed-note §Ed25519 signatures). */
export function noteKeyId(name: string, publicKey: Uint8Array): Uint8Array {
  assertKeyName(name);
  assertPublicKey(publicKey);
  const nameBytes = encoder.encode(name);
  const input = new Uint8Array(nameBytes.length + 2 + publicKey.length);
  input.set(nameBytes, 0);
  input[nameBytes.length] = 0x0a;
  input[nameBytes.length + 1] = ED25519_SIGNATURE_TYPE;
  input.set(publicKey, nameBytes.length + 2);
  return sha256(input).slice(0, 4);
}

/** `<name>+<hex key ID>+<base64(0x01 || public key)>`, what `GET /log/key` serves and note verifiers are given. */
export function formatVerifierKey(name: string, publicKey: Uint8Array): string {
  const keyId = noteKeyId(name, publicKey);
  const typed = new Uint8Array(1 + publicKey.length);
  typed[0] = ED25519_SIGNATURE_TYPE;
  typed.set(publicKey, 1);
  return `${name}+${Buffer.from(keyId).toString('hex')}+${encodeBase64(typed)}`;
}

/** Parses a verifier key and checks that its key ID is the one its name and key give. */
export function parseVerifierKey(text: string): VerifierKey {
  // The base64 part may itself contain '+': split on the first two only.
  const first = text.indexOf('+');
  const second = first < 0 ? -1 : text.indexOf('+', first + 1);
  if (second < 0) throw new LogFormatError('VERIFIER_KEY', 'A verifier key is <name>+<hex key ID>+<base64 key>.');
  const name = text.slice(0, first);
  const hex = text.slice(first + 1, second);
  const typed = decodeBase64(text.slice(second + 1));
  if (!isKeyName(name)) throw new LogFormatError('VERIFIER_KEY', 'The key name is empty or has a space or "+".');
  if (!/^[0-9a-f]{8}$/.test(hex)) throw new LogFormatError('VERIFIER_KEY', 'The key ID is not 8 lowercase hex digits.');
  if (typed === null || typed.length !== 1 + ED25519_PUBLIC_KEY_SIZE || typed[0] !== ED25519_SIGNATURE_TYPE) {
    throw new LogFormatError('VERIFIER_KEY', 'The key is not base64 of 0x01 || a 32-byte Ed25519 public key.');
  }
  const publicKey = typed.slice(1);
  const keyId = noteKeyId(name, publicKey);
  if (Buffer.from(keyId).toString('hex') !== hex) {
    throw new LogFormatError('VERIFIER_KEY', 'The key ID does not match the key name and public key.');
  }
  return { name, keyId, publicKey };
}

/** Signs `text` (a note text: valid, ending in a newline) and returns the note with one signature line. */
export async function signNote(text: string, signer: NoteSigner): Promise<string> {
  assertNoteText(text);
  assertKeyName(signer.name);
  if (signer.keyId.length !== 4) throw new TypeError('signNote: the key ID has 4 bytes');
  const signature = await signer.sign(encoder.encode(text));
  if (!(signature instanceof Uint8Array) || signature.length !== ED25519_SIGNATURE_SIZE) {
    throw new TypeError(`signNote: an Ed25519 signature has ${ED25519_SIGNATURE_SIZE} bytes`);
  }
  const blob = new Uint8Array(4 + signature.length);
  blob.set(signer.keyId, 0);
  blob.set(signature, 4);
  return `${text}\n${EM_DASH} ${signer.name} ${encodeBase64(blob)}\n`;
}

/** Splits a signed note into its text and signature lines, checking the syntax only. */
export function parseNote(input: string | Uint8Array): Note {
  const note = typeof input === 'string' ? input : decodeUtf8(input);
  if (!isWellFormed(note)) throw new LogFormatError('NOTE', 'A note is valid UTF-8.');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]/.test(note)) {
    throw new LogFormatError('NOTE', 'A note has no control characters but newline.');
  }
  if (!note.endsWith('\n')) throw new LogFormatError('NOTE', 'A note ends with a newline.');
  // The text ends at the last blank line; it may contain blank lines itself.
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new LogFormatError('NOTE', 'A note has a blank line before its signatures.');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) {
    throw new LogFormatError('NOTE', `A note has at most ${MAX_NOTE_SIGNATURES} signatures.`);
  }
  const signatures = lines.map((line) => {
    const match = /^\u2014 ([^ ]+) ([^ ]+)$/.exec(line);
    const blob = match ? decodeBase64(match[2]!) : null;
    if (!match || !isKeyName(match[1]!) || blob === null || blob.length < 5) {
      throw new LogFormatError('NOTE', 'A signature line is "— <key name> <base64(key ID || signature)>".');
    }
    return { name: match[1]!, keyId: blob.slice(0, 4), signature: blob.slice(4) };
  });
  return { text, signatures };
}

/**
 * Verifies a note against one trusted key (signed-note §Signatures): signatures of other keys are ignored, a
 * signature of this key (same name and key ID) that fails rejects the note, and at least one must verify.
 */
export function verifyNote(
  note: string | Uint8Array,
  key: VerifierKey | string,
  verify: VerifyFunction,
): NoteVerification {
  // A bad trusted key is the caller's configuration error (it throws), not a property of the note.
  const trusted = typeof key === 'string' ? parseVerifierKey(key) : key;
  let parsed: Note;
  try {
    parsed = parseNote(note);
  } catch (error) {
    if (error instanceof LogFormatError) return { verified: false, problem: 'MALFORMED_NOTE', detail: error.message };
    throw error;
  }
  const message = encoder.encode(parsed.text);
  let verified = 0;
  for (const sig of parsed.signatures) {
    if (sig.name !== trusted.name || !equalBytes(sig.keyId, trusted.keyId)) continue;
    if (sig.signature.length !== ED25519_SIGNATURE_SIZE || !verify(trusted.publicKey, message, sig.signature)) {
      const detail = `The signature of ${trusted.name} does not verify.`;
      return { verified: false, problem: 'INVALID_SIGNATURE', detail };
    }
    verified++;
  }
  if (verified === 0) {
    return { verified: false, problem: 'UNKNOWN_KEY', detail: `The note has no signature of ${trusted.name}.` };
  }
  return { verified: true, text: parsed.text, signatures: parsed.signatures };
}

function isKeyName(name: string): boolean {
  // Non-empty, no Unicode space, no '+' (signed-note §Format), and nothing a note may not contain.
  // eslint-disable-next-line no-control-regex
  return name.length > 0 && !/[\s+\u0000-\u001f]/u.test(name) && isWellFormed(name);
}

function assertKeyName(name: string): void {
  if (!isKeyName(name)) throw new LogFormatError('KEY_NAME', `"${name}" is not a note key name (empty, space or "+").`);
}

function assertPublicKey(publicKey: Uint8Array): void {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== ED25519_PUBLIC_KEY_SIZE) {
    throw new TypeError(`An Ed25519 public key has ${ED25519_PUBLIC_KEY_SIZE} bytes`);
  }
}

function assertNoteText(text: string): void {
  // eslint-disable-next-line no-control-regex
  if (!isWellFormed(text) || /[\u0000-\u0009\u000b-\u001f]/.test(text) || !text.endsWith('\n')) {
    throw new LogFormatError('NOTE', 'A note text is valid UTF-8 without control characters and ends with a newline.');
  }
}

/** No lone UTF-16 surrogate, i.e. the string has a UTF-8 encoding (String#isWellFormed is ES2024). */
function isWellFormed(text: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (cause) {
    throw new LogFormatError('NOTE', 'A note is valid UTF-8.', { cause });
  }
}
