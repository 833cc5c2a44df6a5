/**
 * C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): the note text of a signed tree head.
 *
 *     <origin>\n<tree size, decimal>\n<base64 root hash>\n[<extension line>\n...]
 *
 * The signed-note functions are re-exported so a checkpoint's whole life (format, sign, verify, parse) is one import.
 */
import { LogFormatError } from './log-format-error.ts';
import { decodeBase64, encodeBase64 } from './base64.ts';
import { HASH_SIZE } from './merkle.ts';
import { verifyNote, type NoteProblem, type VerifierKey, type VerifyFunction } from './signed-note.ts';

export {
  formatVerifierKey,
  noteKeyId,
  parseNote,
  parseVerifierKey,
  signNote,
  verifyNote,
  type Note,
  type NoteProblem,
  type NoteSignature,
  type NoteSigner,
  type NoteVerification,
  type SignFunction,
  type VerifierKey,
  type VerifyFunction,
} from './signed-note.ts';

export interface Checkpoint {
  /** Unique log identity; the log's key name should be the same (tlog-checkpoint §Signatures). */
  origin: string;
  size: number;
  rootHash: Uint8Array;
  /** Opaque, non-empty lines; not recommended (monitors cannot audit them). */
  extensions?: string[];
}

export type CheckpointVerification =
  | { verified: true; checkpoint: Checkpoint; note: string }
  | { verified: false; problem: NoteProblem | 'MALFORMED_CHECKPOINT' | 'ORIGIN_MISMATCH'; detail: string };

/** The note text of a checkpoint, to be signed with `signNote`. */
export function formatCheckpoint({ origin, size, rootHash, extensions = [] }: Checkpoint): string {
  if (!isLine(origin)) throw new LogFormatError('CHECKPOINT', 'The origin is a non-empty line, no control characters.');
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new LogFormatError('CHECKPOINT', 'The tree size is a non-negative integer.');
  }
  if (!(rootHash instanceof Uint8Array) || rootHash.length !== HASH_SIZE) {
    throw new LogFormatError('CHECKPOINT', `The root hash has ${HASH_SIZE} bytes.`);
  }
  for (const line of extensions) {
    if (!isLine(line)) throw new LogFormatError('CHECKPOINT', 'An extension line is non-empty, no control characters.');
  }
  return [origin, String(size), encodeBase64(rootHash), ...extensions].map((line) => `${line}\n`).join('');
}

/** Parses a checkpoint note text (not a signed note: verify that first, or use `verifyCheckpoint`). */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new LogFormatError('CHECKPOINT', 'A checkpoint ends with a newline.');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3 || !lines.every(isLine)) {
    throw new LogFormatError('CHECKPOINT', 'A checkpoint has at least three non-empty lines: origin, size, root hash.');
  }
  const [origin, sizeLine, rootLine, ...extensions] = lines as [string, string, string, ...string[]];
  // Decimal, no leading zeroes unless the tree is empty.
  const size = /^(?:0|[1-9][0-9]*)$/.test(sizeLine) ? Number(sizeLine) : NaN;
  if (!Number.isSafeInteger(size)) throw new LogFormatError('CHECKPOINT', `"${sizeLine}" is not a tree size.`);
  const rootHash = decodeBase64(rootLine);
  if (rootHash === null || rootHash.length !== HASH_SIZE) {
    throw new LogFormatError('CHECKPOINT', `The root hash is not base64 of ${HASH_SIZE} bytes.`);
  }
  return extensions.length > 0 ? { origin, size, rootHash, extensions } : { origin, size, rootHash };
}

/**
 * Verifies a signed checkpoint with the log's key and parses it. When `origin` is given, the checkpoint must carry it
 * (a note signed by the right key for another log is not this log's checkpoint).
 */
export function verifyCheckpoint(
  note: string | Uint8Array,
  key: VerifierKey | string,
  verify: VerifyFunction,
  { origin }: { origin?: string } = {},
): CheckpointVerification {
  const result = verifyNote(note, key, verify);
  if (!result.verified) return result;
  let checkpoint: Checkpoint;
  try {
    checkpoint = parseCheckpoint(result.text);
  } catch (error) {
    if (!(error instanceof LogFormatError)) throw error;
    return { verified: false, problem: 'MALFORMED_CHECKPOINT', detail: error.message };
  }
  if (origin !== undefined && checkpoint.origin !== origin) {
    return { verified: false, problem: 'ORIGIN_MISMATCH', detail: `The checkpoint is for "${checkpoint.origin}".` };
  }
  return { verified: true, checkpoint, note: typeof note === 'string' ? note : new TextDecoder().decode(note) };
}

function isLine(line: string): boolean {
  // eslint-disable-next-line no-control-regex
  return typeof line === 'string' && line.length > 0 && !/[\u0000-\u001f]/.test(line);
}
