/**
 * Bitstring Status List (W3C, §3.2 "Validate Algorithm"): for each `BitstringStatusListEntry`, fetch the list
 * credential through the injected fetcher, verify *its* proof with this verifier, then read the bit ourselves (a
 * library's `verified: true` says nothing about the bit). A set revocation bit fails as REVOKED, a suspension bit as
 * SUSPENDED; a list that cannot be fetched or verified fails too: an unknown status is never "valid".
 *
 * `StatusList2021Entry` (VC 1.1, W3C CCG VC Status List 2021) is read the same way: its list is a
 * `StatusList2021Credential` whose subject is a `StatusList2021` with a base64 GZIP bitstring (no multibase prefix).
 * Its JSON-LD context (https://w3id.org/vc/status-list/2021/v1) is bundled, so lists and credentials may be
 * JWT-secured (VC 1.1 `vc` claim) or Data Integrity (Ed25519Signature2020, eddsa-rdfc-2022...): the list is verified
 * by `verifyStatusList` like any credential, context rules included (verify-credential.ts).
 */
import { MIN_STATUS_LIST_LENGTH, decodeBitstring, decodeStatusList2021Bitstring, isBitSet } from '../core/status-bitstring.ts';
import { LruCache } from '../core/lru-cache.ts';
import { isJsonObject, issuerIdOf, typesOf, type JsonObject } from '../core/open-badges.ts';
import { sha256Hex } from '../crypto/digest.ts';
import { GuardedFetchError } from './guarded-fetch.ts';
import { verificationProblem, type VerificationProblem, type VerificationProblemCode } from './verification-problem.ts';

/**
 * Returns the status list credential at `url` (a JSON object, or a compact JWS for JWT-secured lists), or throws /
 * rejects (unknown URL, remote URL not allowed, not found). A fetcher holding the list already may return it directly,
 * without a promise: checkStatus then reads it without waiting a turn.
 */
export type FetchStatusList = (url: string) => Promise<object | string> | object | string;

/** Whether `value` is a promise (a `then` method: JSON never holds functions). */
function isPromiseLike<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

export interface CredentialStatusResult {
  /** null when unknown (no list could be read). */
  revoked: boolean | null;
  suspended: boolean | null;
}

export interface StatusListVerification {
  verified: boolean;
  problemDetails: VerificationProblem[];
  credential?: JsonObject | null;
}

export interface CheckStatusOptions {
  fetchStatusList?: FetchStatusList;
  /**
   * Verifies a status list credential (proof, dates; no status of its own) and returns it as verified (for a JWT, the
   * credential inside; absent for a JSON list, which is then the credential itself).
   */
  verifyStatusList: (list: JsonObject | string, url: string) => StatusListVerification | Promise<StatusListVerification>;
}

/** The two status entry types and what their lists look like. */
const STATUS_KINDS = {
  // The BitstringStatusList subject type is not insisted on (it never was); StatusList2021's is.
  BitstringStatusListEntry: { list: 'BitstringStatusListCredential', subject: null, decode: decodeBitstring },
  StatusList2021Entry: { list: 'StatusList2021Credential', subject: 'StatusList2021', decode: decodeStatusList2021Bitstring },
} as const;
type StatusKind = keyof typeof STATUS_KINDS;
const STATUS_KIND_NAMES = Object.keys(STATUS_KINDS) as StatusKind[];

/** The status entry type among ours, if any. */
function kindOf(entry: JsonObject): StatusKind | undefined {
  const types = typesOf(entry);
  for (const kind of STATUS_KIND_NAMES) if (types.includes(kind)) return kind;
  return undefined;
}

/**
 * Decoded bitstrings by SHA-256 of their encoded text (a pure function of it: no TTL needed): every credential on a
 * list shares one GZIP inflation until the issuer changes the list. Bounded in bytes, not only in entries: only lists
 * up to 512 KiB decoded (4 Mi entries; the spec's minimum is 16 KiB) are kept, so at most 32 MiB, whatever lists
 * strangers sign and serve. Larger lists are decoded each time. Callers only read the bytes.
 */
const DECODED_LIMIT = 64;
const MAX_KEPT_DECODED_BYTES = 512 * 1024;
const decoded = new LruCache<string, Uint8Array>(DECODED_LIMIT);

/** Bytes of decoded bitstrings kept now (for tests of the bound). */
export function keptDecodedStatusListBytes(): number {
  let total = 0;
  for (const bits of decoded.values()) total += bits.byteLength;
  return total;
}

/** The same, by list subject, for frozen lists (a kept list is read again and again): no hashing of its text. */
const decodedBySubject = new WeakMap<object, { kind: StatusKind; bits: Uint8Array }>();

function decodeSubjectOnce(kind: StatusKind, subject: JsonObject & { encodedList: string }): Uint8Array {
  const known = decodedBySubject.get(subject);
  if (known?.kind === kind) return known.bits;
  const bits = decodeOnce(kind, subject.encodedList);
  if (Object.isFrozen(subject) && bits.byteLength <= MAX_KEPT_DECODED_BYTES) decodedBySubject.set(subject, { kind, bits });
  return bits;
}

function decodeOnce(kind: StatusKind, encodedList: string): Uint8Array {
  const key = `${kind}:${sha256Hex(encodedList)}`;
  let bits = decoded.get(key);
  if (!bits) {
    bits = STATUS_KINDS[kind].decode(encodedList);
    if (bits.byteLength <= MAX_KEPT_DECODED_BYTES) decoded.set(key, bits);
  }
  return bits;
}

export async function checkStatus(
  credential: JsonObject,
  { fetchStatusList, verifyStatusList }: CheckStatusOptions,
): Promise<{ problems: VerificationProblem[]; warnings: VerificationProblem[]; status: CredentialStatusResult }> {
  const problems: VerificationProblem[] = [];
  const warnings: VerificationProblem[] = [];
  const status: CredentialStatusResult = { revoked: false, suspended: false };
  const entries = credential.credentialStatus === undefined ? [] : Array.isArray(credential.credentialStatus) ? credential.credentialStatus : [credential.credentialStatus];
  const lists = new Map<string, ReturnType<FetchStatusList>>();

  for (const entry of entries) {
    const kind = isJsonObject(entry) ? kindOf(entry) : undefined;
    if (!isJsonObject(entry) || kind === undefined) {
      fail(problems, 'STATUS_UNAVAILABLE', `Status entries of type ${JSON.stringify(isJsonObject(entry) ? entry.type : entry)} are not supported.`);
      markUnknown(status, isJsonObject(entry) ? entry.statusPurpose : undefined);
      continue;
    }
    const purpose = entry.statusPurpose;
    const url = entry.statusListCredential;
    const indexText = entry.statusListIndex;
    if (typeof purpose !== 'string' || typeof url !== 'string' || typeof indexText !== 'string' || !/^(0|[1-9][0-9]{0,9})$/.test(indexText)) {
      fail(problems, 'STATUS_VERIFICATION_ERROR', `A ${kind} needs statusPurpose, statusListCredential and a decimal statusListIndex.`);
      markUnknown(status, purpose);
      continue;
    }
    if (entry.statusSize !== undefined && entry.statusSize !== 1) {
      fail(problems, 'STATUS_UNAVAILABLE', `Status entries with statusSize ${JSON.stringify(entry.statusSize)} (status messages) are not supported.`);
      markUnknown(status, purpose);
      continue;
    }
    let fetchedList: JsonObject | string;
    try {
      if (!fetchStatusList) throw new Error('no status list fetcher');
      let pending = lists.get(url);
      if (pending === undefined) {
        pending = fetchStatusList(url);
        lists.set(url, pending);
      }
      const fetched = isPromiseLike(pending) ? await pending : pending;
      if (!isJsonObject(fetched) && typeof fetched !== 'string') throw new Error('not a JSON object or a JWT');
      fetchedList = fetched;
    } catch (error) {
      const reason = error instanceof GuardedFetchError ? ` (${error.code})` : '';
      fail(problems, 'STATUS_UNAVAILABLE', `The status list ${url} could not be retrieved${reason}.`);
      markUnknown(status, purpose);
      continue;
    }
    const verifying = verifyStatusList(fetchedList, url);
    const verified = isPromiseLike(verifying) ? await verifying : verifying;
    const list = verified.credential ?? (isJsonObject(fetchedList) ? fetchedList : null);
    if (!verified.verified || !list) {
      fail(problems, 'STATUS_VERIFICATION_ERROR', `The status list ${url} does not verify: ${verified.problemDetails.map((p) => p.code).join(', ')}.`);
      markUnknown(status, purpose);
      continue;
    }
    const subject = list.credentialSubject;
    const expected = STATUS_KINDS[kind];
    if (!typesOf(list).includes(expected.list) || !isJsonObject(subject) || (expected.subject !== null && !typesOf(subject).includes(expected.subject)) || typeof subject.encodedList !== 'string') {
      fail(problems, 'STATUS_VERIFICATION_ERROR', `${url} is not a ${expected.list}${expected.subject ? ` (with a ${expected.subject} subject)` : ''}.`);
      markUnknown(status, purpose);
      continue;
    }
    const listPurpose = subject.statusPurpose;
    if (Array.isArray(listPurpose) ? !listPurpose.includes(purpose) : listPurpose !== purpose) {
      fail(problems, 'STATUS_VERIFICATION_ERROR', `The status list ${url} is for ${JSON.stringify(subject.statusPurpose)}, not ${purpose}.`);
      markUnknown(status, purpose);
      continue;
    }
    if (issuerIdOf(list) !== issuerIdOf(credential)) {
      warnings.push(verificationProblem('STATUS_ISSUER_MISMATCH', 'status', `The status list is issued by ${String(issuerIdOf(list))}.`));
    }
    let bits: Uint8Array;
    try {
      bits = decodeSubjectOnce(kind, subject as JsonObject & { encodedList: string });
    } catch {
      fail(problems, 'STATUS_VERIFICATION_ERROR', `The encodedList of ${url} does not decode.`);
      markUnknown(status, purpose);
      continue;
    }
    const index = Number(indexText);
    if (bits.length * 8 < MIN_STATUS_LIST_LENGTH) {
      fail(problems, 'STATUS_LIST_LENGTH_ERROR', `The status list ${url} holds ${bits.length * 8} entries; at least ${MIN_STATUS_LIST_LENGTH} are required.`);
      markUnknown(status, purpose);
      continue;
    }
    if (index >= bits.length * 8) {
      fail(problems, 'STATUS_VERIFICATION_ERROR', `statusListIndex ${index} is outside the list (${bits.length * 8} entries).`);
      markUnknown(status, purpose);
      continue;
    }
    if (!isBitSet(bits, index)) continue;
    if (purpose === 'revocation') {
      status.revoked = true;
      fail(problems, 'REVOKED', 'The issuer has revoked this credential.');
    } else if (purpose === 'suspension') {
      status.suspended = true;
      fail(problems, 'SUSPENDED', 'The issuer has suspended this credential.');
    } else {
      warnings.push(verificationProblem('STATUS_NOT_CHECKED', 'status', `The ${purpose} status bit is set; its meaning is not interpreted.`));
    }
  }
  return { problems, warnings, status };
}

/** A failed status check (module-level: this runs on every verification). */
function fail(problems: VerificationProblem[], code: VerificationProblemCode, detail: string): void {
  problems.push(verificationProblem(code, 'status', detail));
}

function markUnknown(status: CredentialStatusResult, purpose: unknown): void {
  if (purpose === 'revocation') status.revoked = null;
  else if (purpose === 'suspension') status.suspended = null;
  else {
    status.revoked = null;
    status.suspended = null;
  }
}
