/**
 * The log role's public face for other roles (DESIGN.md §3: cross-role calls go through the role folder's index.ts):
 * the pure functions a verifier or a wallet needs to check a receipt offline (signed checkpoints, RFC 9162 inclusion,
 * leaf decoding) and the receipt's shape. Only re-exports; nothing here touches storage.
 */
export { decodeBase64, encodeBase64 } from './base64.ts';
export { parseCheckpoint, parseVerifierKey, verifyCheckpoint } from './checkpoint.ts';
export type { Checkpoint, CheckpointVerification, NoteProblem, VerifierKey, VerifyFunction } from './checkpoint.ts';
export { decodeLogEntry } from './log-entry.ts';
export type { CredentialLogEvent, LogEvent, LogEventType } from './log-entry.ts';
export { LogFormatError } from './log-format-error.ts';
export { leafHash, rootFromInclusionProof, verifyConsistency, verifyInclusion } from './merkle.ts';
export type { LogReceipt } from './create-transparency-log.ts';
