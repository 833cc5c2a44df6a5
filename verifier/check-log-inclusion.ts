/**
 * Issue 4 §7, the verifier's side: does a log receipt prove that this credential's issuance is in the issuer's
 * transparency log? Offline and self-contained: the checkpoint (a C2SP signed note) must be signed by the log key the
 * caller trusts, the RFC 9162 inclusion proof must lead from the receipt's leaf to the checkpoint's root, and the leaf
 * itself must be an issuance of exactly this credential digest (and, when the caller says so, by this issuer, key and
 * status entry). A receipt without an inclusion proof (issued before the next checkpoint) is LOG_INCLUSION_MISSING,
 * like no receipt at all; anything that does not verify is LOG_INCLUSION_INVALID.
 */
import { ed25519Verify } from '../crypto/ed25519-raw.ts';
import {
  decodeBase64,
  encodeBase64,
  decodeLogEntry,
  leafHash,
  LogFormatError,
  parseVerifierKey,
  verifyCheckpoint,
  verifyInclusion,
  type Checkpoint,
  type CredentialLogEvent,
  type LogEvent,
  type VerifierKey,
} from '../log/index.ts';
import { verificationProblem, type VerificationProblem } from './verification-problem.ts';

/** What a wallet keeps for a credential (GET /log/receipts/{digest}, or `log.receipt()`): all strings standard base64. */
export interface LogInclusionReceipt {
  /** The entry's index in the log. */
  index: number;
  /** The exact leaf bytes. */
  leaf: string;
  /** SHA-256(0x00 || leaf); optional, checked when present. */
  leafHash?: string;
  /** The RFC 9162 inclusion proof in the tree of `size` entries, and the signed checkpoint of that size. */
  inclusion?: { size: number; proof: readonly string[]; checkpoint: string };
}

/** Leaf fields the caller expects besides the digest (each compared only when given). */
export interface ExpectedLeafFields {
  issuer?: string;
  keyId?: string;
  statusList?: string;
  statusIndex?: number;
}

export interface CheckLogInclusionInput {
  /** Lowercase hex SHA-256 of the secured credential as issued. */
  credentialDigest: string;
  receipt: LogInclusionReceipt | null | undefined;
  /** The log's C2SP note verifier key, `<name>+<hex key id>+<base64(0x01 || public key)>` (GET /log/key). */
  logKey: string;
  expected?: ExpectedLeafFields;
}

export type LogInclusionResult =
  | { ok: true; index: number; checkpoint: Checkpoint; event: CredentialLogEvent; problems: [] }
  | { ok: false; problems: VerificationProblem[] };

const missing = (detail: string): LogInclusionResult => ({
  ok: false,
  problems: [verificationProblem('LOG_INCLUSION_MISSING', 'log-inclusion', detail)],
});
const invalid = (detail: string): LogInclusionResult => ({
  ok: false,
  problems: [verificationProblem('LOG_INCLUSION_INVALID', 'log-inclusion', detail)],
});

export function checkLogInclusion({ credentialDigest, receipt, logKey, expected = {} }: CheckLogInclusionInput): LogInclusionResult {
  if (!receipt) return missing('No transparency-log receipt for this credential.');
  if (!receipt.inclusion) {
    return missing('The receipt has no inclusion proof yet (no checkpoint covered the entry when it was made): fetch it again.');
  }
  const { index, inclusion } = receipt;
  let key: VerifierKey;
  try {
    key = parseVerifierKey(logKey);
  } catch (error) {
    if (!(error instanceof LogFormatError)) throw error;
    return invalid(`The trusted log key is not a C2SP Ed25519 verifier key: ${error.message}`);
  }

  // 1. The checkpoint is the log's: signed by its key, for its origin, and of the proof's tree size.
  const note = typeof inclusion.checkpoint === 'string' ? inclusion.checkpoint : '';
  const verified = verifyCheckpoint(note, key, ed25519Verify, { origin: key.name });
  if (!verified.verified) return invalid(`The receipt's checkpoint does not verify with the log key (${verified.problem}): ${verified.detail}`);
  const { checkpoint } = verified;
  if (checkpoint.size !== inclusion.size) {
    return invalid(`The inclusion proof is for a tree of ${String(inclusion.size)} entries, the checkpoint for ${checkpoint.size}.`);
  }

  // 2. The leaf is in that tree, at that index.
  const leaf = typeof receipt.leaf === 'string' ? decodeBase64(receipt.leaf) : null;
  if (!leaf) return invalid('The receipt carries no leaf bytes in standard base64.');
  const hash = leafHash(leaf);
  if (receipt.leafHash !== undefined && receipt.leafHash !== encodeBase64(hash)) {
    return invalid('The receipt\'s leaf hash is not the hash of its leaf.');
  }
  const proof = Array.isArray(inclusion.proof) ? inclusion.proof.map((p) => (typeof p === 'string' ? decodeBase64(p) : null)) : [null];
  if (proof.some((p) => p === null)) return invalid('An inclusion proof element is not standard base64.');
  if (!verifyInclusion(hash, index, checkpoint.size, proof as Uint8Array[], checkpoint.rootHash)) {
    return invalid(`The inclusion proof of entry ${String(index)} does not lead to the signed root of ${checkpoint.origin} at size ${checkpoint.size}.`);
  }

  // 3. The leaf says: this credential was issued (by whom the caller expects).
  let event: LogEvent;
  try {
    event = decodeLogEntry(leaf);
  } catch (error) {
    if (!(error instanceof LogFormatError)) throw error;
    return invalid(`The logged leaf is not a log event: ${error.message}`);
  }
  if (event.type !== 'issuance') return invalid(`Entry ${index} is a ${event.type}, not an issuance.`);
  if (event.credentialDigest !== credentialDigest) {
    return invalid(`Entry ${index} logs the issuance of ${event.credentialDigest}, not of this credential (${credentialDigest}).`);
  }
  for (const field of ['issuer', 'keyId', 'statusList', 'statusIndex'] as const) {
    if (expected[field] !== undefined && event[field] !== expected[field]) {
      return invalid(`Entry ${index} has ${field} ${JSON.stringify(event[field])}, not ${JSON.stringify(expected[field])}.`);
    }
  }
  return { ok: true, index, checkpoint, event, problems: [] };
}
