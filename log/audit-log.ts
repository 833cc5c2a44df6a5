/**
 * The auditor (issue 4 §6), sharing no state with the server: it downloads every entry of a log over HTTP, recomputes
 * the tree (log/merkle.ts), checks the signed checkpoint against a pinned key, checks that the log it saw last time is
 * a prefix of this one (a rewrite or a fork shows as a different root for the old size), and that every status change
 * refers to a credential whose issuance was logged before it. Faults are results, each with a stable code; the caller
 * decides what to save and how to exit.
 */
import { canonicalJson } from '../core/canonical-json.ts';
import { ed25519Verify } from '../crypto/ed25519-raw.ts';
import { decodeBase64, encodeBase64 } from './base64.ts';
import { parseVerifierKey, verifyCheckpoint, type Checkpoint, type VerifierKey } from './checkpoint.ts';
import { decodeLogEntry, type CredentialLogEvent, type LogEvent, type LogEventType } from './log-entry.ts';
import { equalBytes, leafHash, rootFromLeafHashes, verifyConsistency } from './merkle.ts';

export type AuditFaultCode =
  | 'UNREACHABLE'
  | 'BAD_RESPONSE'
  | 'BAD_KEY'
  | 'KEY_CHANGED'
  | 'BAD_CHECKPOINT'
  | 'BAD_PREVIOUS_CHECKPOINT'
  | 'MISSING_ENTRIES'
  | 'MALFORMED_ENTRY'
  | 'EVENT_MISMATCH'
  | 'ROOT_MISMATCH'
  | 'ROLLBACK'
  | 'FORK'
  | 'INCONSISTENT_PROOF'
  | 'DUPLICATE_ISSUANCE'
  | 'DUPLICATE_STATUS_ENTRY'
  | 'ORPHAN_STATUS_CHANGE'
  | 'STATUS_ENTRY_MISMATCH'
  | 'IMPOSSIBLE_STATUS_CHANGE';

export interface AuditFault {
  code: AuditFaultCode;
  detail: string;
  /** The entry concerned, when there is one. */
  index?: number;
}

/** What the auditor needs of `fetch`: global fetch fits, and so does a small loopback client in tests. */
export type AuditFetch = (url: string) => Promise<{ status: number; text(): Promise<string> }>;

export interface AuditOptions {
  /** The server's base URL (`https://academy.example`); the log lives under `/log`. */
  baseUrl: string;
  fetch?: AuditFetch;
  /** The verifier key to trust. Absent: the one the server serves is trusted on first use (and reported as such). */
  verifierKey?: string;
  /** The signed checkpoint this auditor verified last time, to detect a rewrite or fork since. */
  previousCheckpoint?: string;
  /** Entries per request (the server caps pages at 1000). */
  pageSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface AuditReport {
  ok: boolean;
  faults: AuditFault[];
  /** The key used; `pinnedNow` when it was taken from the server (trust on first use). */
  verifierKey?: string;
  pinnedNow: boolean;
  /** The verified checkpoint (signed note) and what it says. */
  checkpoint?: string;
  origin?: string;
  size: number;
  rootHash?: string;
  previousSize?: number;
  /** Entries by type, among the first `size`. */
  counts: Partial<Record<LogEventType, number>>;
}

const MAX_FAULTS_PER_CODE = 20;

export async function auditLog(options: AuditOptions): Promise<AuditReport> {
  const { baseUrl, fetch: get = globalThis.fetch as AuditFetch, pageSize = 1000, onProgress } = options;
  const base = baseUrl.replace(/\/+$/, '');
  const faults: AuditFault[] = [];
  const perCode = new Map<AuditFaultCode, number>();
  const fault = (code: AuditFaultCode, detail: string, index?: number) => {
    const n = (perCode.get(code) ?? 0) + 1;
    perCode.set(code, n);
    if (n <= MAX_FAULTS_PER_CODE) faults.push(index === undefined ? { code, detail } : { code, detail, index });
    else if (n === MAX_FAULTS_PER_CODE + 1) faults.push({ code, detail: `more ${code} faults not listed` });
  };
  const report: AuditReport = { ok: false, faults, pinnedNow: false, size: 0, counts: {} };
  const finish = () => ({ ...report, ok: faults.length === 0 });

  const fetchText = async (path: string): Promise<string | null> => {
    let response;
    try {
      response = await get(base + path);
    } catch (error) {
      fault('UNREACHABLE', `GET ${path}: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
    const text = await response.text();
    if (response.status !== 200) {
      fault('BAD_RESPONSE', `GET ${path} answered ${response.status}: ${text.slice(0, 200)}`);
      return null;
    }
    return text;
  };
  const fetchJson = async (path: string): Promise<unknown> => {
    const text = await fetchText(path);
    if (text === null) return null;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      fault('BAD_RESPONSE', `GET ${path} is not JSON.`);
      return null;
    }
  };

  // 1. The key: pinned, or trusted on first use.
  const served = await fetchText('/log/key');
  const keyText = options.verifierKey ?? served?.trim();
  if (keyText === undefined) return finish();
  let key: VerifierKey;
  try {
    key = parseVerifierKey(keyText);
  } catch (error) {
    fault('BAD_KEY', `The verifier key is not a C2SP Ed25519 verifier key: ${(error as Error).message}`);
    return finish();
  }
  report.verifierKey = keyText;
  report.pinnedNow = options.verifierKey === undefined;
  if (options.verifierKey !== undefined && served != null && served.trim() !== options.verifierKey) {
    fault('KEY_CHANGED', `The server now serves the key ${served.trim()}, not the pinned one.`);
  }

  // 2. The checkpoint, signed by that key for its own origin.
  const note = await fetchText('/log/checkpoint');
  if (note === null) return finish();
  const verified = verifyCheckpoint(note, key, ed25519Verify, { origin: key.name });
  if (!verified.verified) {
    fault('BAD_CHECKPOINT', `${verified.problem}: ${verified.detail}`);
    return finish();
  }
  const checkpoint = verified.checkpoint;
  Object.assign(report, {
    checkpoint: note,
    origin: checkpoint.origin,
    size: checkpoint.size,
    rootHash: encodeBase64(checkpoint.rootHash),
  });

  let previous: Checkpoint | null = null;
  if (options.previousCheckpoint !== undefined) {
    const old = verifyCheckpoint(options.previousCheckpoint, key, ed25519Verify, { origin: key.name });
    if (old.verified) previous = old.checkpoint;
    else fault('BAD_PREVIOUS_CHECKPOINT', `The saved checkpoint does not verify with this key: ${old.problem}.`);
  }
  if (previous) report.previousSize = previous.size;

  // 3. Every entry of the checkpoint's tree, checked one by one.
  const hashes: Uint8Array[] = [];
  const events: (LogEvent | null)[] = [];
  onProgress?.(0, checkpoint.size);
  while (hashes.length < checkpoint.size) {
    const start = hashes.length;
    const end = Math.min(start + pageSize, checkpoint.size);
    const page = (await fetchJson(`/log/entries?start=${start}&end=${end}`)) as { entries?: unknown } | null;
    const entries = Array.isArray(page?.entries) ? (page.entries as unknown[]) : [];
    if (entries.length === 0) {
      fault('MISSING_ENTRIES', `The server has no entries from ${start} on, but its checkpoint covers ${checkpoint.size}.`, start);
      return finish();
    }
    for (const item of entries.slice(0, end - start)) {
      const index = hashes.length;
      const served = item as { index?: unknown; leaf?: unknown; event?: unknown };
      const leaf = typeof served.leaf === 'string' ? decodeBase64(served.leaf) : null;
      if (served.index !== index || leaf === null) {
        fault('MISSING_ENTRIES', `Expected entry ${index}, got ${JSON.stringify(served.index)} (or a leaf that is not base64).`, index);
        return finish();
      }
      hashes.push(leafHash(leaf));
      let event: LogEvent | null = null;
      try {
        event = decodeLogEntry(leaf);
      } catch (error) {
        fault('MALFORMED_ENTRY', `Entry ${index} is not a canonical log event: ${(error as Error).message}`, index);
      }
      events.push(event);
      if (event && !sameJson(served.event, event)) {
        fault('EVENT_MISMATCH', `The decoded event served with entry ${index} is not what its leaf says.`, index);
      }
    }
    onProgress?.(hashes.length, checkpoint.size);
  }

  // 4. The recomputed root is the signed one.
  const root = rootFromLeafHashes(hashes);
  if (!equalBytes(root, checkpoint.rootHash)) {
    fault('ROOT_MISMATCH', `The ${checkpoint.size} entries hash to ${encodeBase64(root)}, not to the signed root.`);
  }

  // 5. The log seen last time is a prefix of this one: same root for the old size, and the server proves it.
  if (previous) {
    if (previous.size > checkpoint.size) {
      fault('ROLLBACK', `The log had ${previous.size} entries at the last audit and now has ${checkpoint.size}.`);
    } else {
      const oldRoot = rootFromLeafHashes(hashes.slice(0, previous.size));
      if (!equalBytes(oldRoot, previous.rootHash)) {
        fault('FORK', `The first ${previous.size} entries no longer hash to the root of the checkpoint saved last time: the log was rewritten or forked.`);
      }
      const body = (await fetchJson(`/log/proofs/consistency?from=${previous.size}&to=${checkpoint.size}`)) as { proof?: unknown } | null;
      const proof = Array.isArray(body?.proof) ? body.proof.map((p) => (typeof p === 'string' ? decodeBase64(p) : null)) : null;
      if (!proof || proof.some((p) => p === null) ||
          !verifyConsistency(previous.size, checkpoint.size, proof as Uint8Array[], previous.rootHash, checkpoint.rootHash)) {
        fault('INCONSISTENT_PROOF', `The server's consistency proof from ${previous.size} to ${checkpoint.size} does not verify.`);
      }
    }
  }

  // 6. What the entries say: every status change follows the logged issuance of its credential.
  checkEvents(events, fault, report.counts);
  return finish();
}

function checkEvents(
  events: readonly (LogEvent | null)[],
  fault: (code: AuditFaultCode, detail: string, index?: number) => void,
  counts: Partial<Record<LogEventType, number>>,
): void {
  interface Credential {
    issuance: CredentialLogEvent;
    revoked: boolean;
    suspended: boolean;
    suspension?: string;
  }
  const byDigest = new Map<string, Credential>();
  const statusEntries = new Map<string, number>();
  events.forEach((event, index) => {
    if (!event) return;
    counts[event.type] = (counts[event.type] ?? 0) + 1;
    if (!('credentialDigest' in event)) return;
    const at = event.statusList === undefined ? null : `${event.statusList}#${event.statusIndex}`;
    if (event.type === 'issuance') {
      if (byDigest.has(event.credentialDigest)) {
        fault('DUPLICATE_ISSUANCE', `Credential ${event.credentialDigest} is issued twice.`, index);
        return;
      }
      byDigest.set(event.credentialDigest, { issuance: event, revoked: false, suspended: false });
      if (at !== null) {
        const owner = statusEntries.get(at);
        if (owner !== undefined) fault('DUPLICATE_STATUS_ENTRY', `Status entry ${at} was given already at entry ${owner}.`, index);
        else statusEntries.set(at, index);
      }
      return;
    }
    const credential = byDigest.get(event.credentialDigest);
    if (!credential) {
      fault('ORPHAN_STATUS_CHANGE', `A ${event.type} of ${event.credentialDigest}, whose issuance is not logged before it.`, index);
      return;
    }
    if (credential.issuance.issuer !== event.issuer) {
      fault('STATUS_ENTRY_MISMATCH', `A ${event.type} by ${event.issuer} of a credential issued by ${credential.issuance.issuer}.`, index);
    }
    if (event.type === 'revocation') {
      // The issuance records the credential's revocation entry: a revocation must flip that very bit.
      const issued = credential.issuance.statusList === undefined ? null : `${credential.issuance.statusList}#${credential.issuance.statusIndex}`;
      if (issued !== null && issued !== at) {
        fault('STATUS_ENTRY_MISMATCH', `Revocation at ${at} of a credential whose revocation entry is ${issued}.`, index);
      }
      if (credential.revoked) fault('IMPOSSIBLE_STATUS_CHANGE', `Credential ${event.credentialDigest} is revoked twice.`, index);
      credential.revoked = true;
      return;
    }
    // Suspension entries are not in the issuance leaf; they must at least stay the same for one credential.
    credential.suspension ??= at ?? undefined;
    if (credential.suspension !== at) {
      fault('STATUS_ENTRY_MISMATCH', `A ${event.type} at ${at}; this credential's suspension entry was ${credential.suspension}.`, index);
    }
    if (event.type === 'suspension' ? credential.suspended : !credential.suspended) {
      fault('IMPOSSIBLE_STATUS_CHANGE', `A ${event.type} of ${event.credentialDigest}, which is ${credential.suspended ? 'suspended' : 'not suspended'} already.`, index);
    }
    credential.suspended = event.type === 'suspension';
  });
}

function sameJson(a: unknown, b: unknown): boolean {
  try {
    return canonicalJson(a) === canonicalJson(b);
  } catch {
    return false;
  }
}
