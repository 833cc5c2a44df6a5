/**
 * The leaf of the transparency log: one event, as RFC 8785 canonical JSON (UTF-8). Only the fields below, each in a
 * fixed shape, so nothing personal can slip in (no names, emails or subject DIDs: a credential is named by the
 * SHA-256 of its secured form). Same event, same bytes, same leaf hash, in any implementation.
 */
import canonicalizeModule from 'canonicalize';
import { ValidationError, type ErrorDetail } from '../core/errors.ts';
import { LogFormatError } from './log-format-error.ts';

export const CREDENTIAL_EVENT_TYPES = ['issuance', 'revocation', 'suspension', 'unsuspension'] as const;
export const KEY_EVENT_TYPES = ['key-added', 'key-rotated', 'key-retired'] as const;
export type CredentialEventType = (typeof CREDENTIAL_EVENT_TYPES)[number];
export type KeyEventType = (typeof KEY_EVENT_TYPES)[number];
export type LogEventType = CredentialEventType | KeyEventType;

interface LogEventBase {
  /** UTC instant, `2026-01-01T00:00:00Z` or with milliseconds `2026-01-01T00:00:00.000Z`. */
  time: string;
  /** The issuer's DID. */
  issuer: string;
  /**
   * Verification method id (DID URL with a fragment) of the key the event is about: the key that secured the
   * credential, or the key added, rotated to or retired.
   */
  keyId: string;
}

export interface CredentialLogEvent extends LogEventBase {
  type: CredentialEventType;
  /** Lowercase hex SHA-256 of the secured credential as issued (`CredentialRecord.digest`). */
  credentialDigest: string;
  /** Status list id and index: required for status changes, optional (both or neither) for an issuance. */
  statusList?: string;
  statusIndex?: number;
}

/** Key events name no credential: no digest, no status entry. */
export interface KeyLogEvent extends LogEventBase {
  type: KeyEventType;
}

export type LogEvent = CredentialLogEvent | KeyLogEvent;

const ALL_TYPES: readonly LogEventType[] = [...CREDENTIAL_EVENT_TYPES, ...KEY_EVENT_TYPES];
const MAX_ID_LENGTH = 2048;
const ID_CHAR = String.raw`(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})`;
// DID Core §3.1: did:<method>:<method-specific-id>, the id being colon-separated segments, the last non-empty.
const DID = String.raw`did:[a-z0-9]+:(?:${ID_CHAR}*:)*${ID_CHAR}+`;
const DID_PATTERN = new RegExp(`^${DID}$`);
// A DID URL with a fragment (RFC 3986 §3.5 characters), how verification methods are named.
const KEY_ID_PATTERN = new RegExp(String.raw`^${DID}#(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})+$`);
const TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/;
const DIGEST_PATTERN = /^[0-9a-f]{64}$/;
// An opaque list id or its URL: visible ASCII, no spaces.
const STATUS_LIST_PATTERN = /^[\x21-\x7e]+$/;

const encoder = new TextEncoder();
// canonicalize@2 is CommonJS typed as an ES default export (so TypeScript sees a namespace), @4 is ESM: at run time the
// default import is the function in both, and this reads it in both.
const canonicalize = ((canonicalizeModule as unknown as { default?: unknown }).default ?? canonicalizeModule) as (
  input: unknown,
) => string | undefined;

/** Validates `event` strictly and returns its leaf bytes. Throws ValidationError (with JSON pointers) otherwise. */
export function encodeLogEntry(event: LogEvent): Uint8Array {
  const problems = checkLogEvent(event);
  if (problems.length > 0) throw new ValidationError('Not a valid log event.', problems);
  return encoder.encode(canonicalize(event)!);
}

/**
 * Reads leaf bytes back into the event. They must be exactly what `encodeLogEntry` writes (UTF-8, canonical JSON, a
 * valid event): anything else is not one of our leaves, and throws LogFormatError.
 */
export function decodeLogEntry(bytes: Uint8Array): LogEvent {
  let value: unknown;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    value = JSON.parse(text);
  } catch (cause) {
    throw new LogFormatError('LOG_ENTRY', 'A log entry is UTF-8 JSON.', { cause });
  }
  const problems = checkLogEvent(value);
  if (problems.length > 0) throw new LogFormatError('LOG_ENTRY', 'Not a valid log event.', { details: problems });
  if (canonicalize(value) !== text) {
    throw new LogFormatError('LOG_ENTRY', 'A log entry is RFC 8785 canonical JSON, with no duplicate members.');
  }
  return value as LogEvent;
}

/** Every problem of `value` as a log event, each with its JSON pointer; empty when it is one. */
export function checkLogEvent(value: unknown): ErrorDetail[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ pointer: '', detail: 'a log event is a JSON object' }];
  }
  const event = value as Record<string, unknown>;
  const problems: ErrorDetail[] = [];
  // RFC 6901: '~' and '/' in a member name are escaped in its pointer.
  const problem = (field: string, detail: string) =>
    problems.push({ pointer: `/${field.replace(/~/g, '~0').replace(/\//g, '~1')}`, detail });

  const type = event.type;
  const isCredentialEvent = (CREDENTIAL_EVENT_TYPES as readonly unknown[]).includes(type);
  const isKeyEvent = (KEY_EVENT_TYPES as readonly unknown[]).includes(type);
  if (!isCredentialEvent && !isKeyEvent) problem('type', `one of ${ALL_TYPES.join(', ')}`);

  const allowed = new Set(['type', 'time', 'issuer', 'keyId']);
  if (!isKeyEvent) for (const field of ['credentialDigest', 'statusList', 'statusIndex']) allowed.add(field);
  for (const field of Object.keys(event)) {
    // An undefined member is not written (as in JSON.stringify), so it is no extra member.
    if (event[field] !== undefined && !allowed.has(field)) {
      problem(field, isKeyEvent ? `not a member of a ${String(type)} event` : 'not a member of a log event');
    }
  }

  if (!isTime(event.time)) problem('time', 'a UTC date-time such as 2026-01-01T00:00:00Z');
  if (!isId(event.issuer, DID_PATTERN)) problem('issuer', 'a DID');
  if (!isId(event.keyId, KEY_ID_PATTERN)) problem('keyId', 'a verification method id (DID URL with a fragment)');
  if (isKeyEvent) return problems;

  if (typeof event.credentialDigest !== 'string' || !DIGEST_PATTERN.test(event.credentialDigest)) {
    problem('credentialDigest', 'the lowercase hex SHA-256 of the secured credential');
  }
  const hasList = event.statusList !== undefined;
  const hasIndex = event.statusIndex !== undefined;
  if (hasList && !isId(event.statusList, STATUS_LIST_PATTERN)) problem('statusList', 'a status list id or URL');
  if (hasIndex && !(Number.isSafeInteger(event.statusIndex) && (event.statusIndex as number) >= 0)) {
    problem('statusIndex', 'a non-negative integer');
  }
  if (type !== 'issuance' && isCredentialEvent) {
    if (!hasList) problem('statusList', `required for a ${String(type)} event`);
    if (!hasIndex) problem('statusIndex', `required for a ${String(type)} event`);
  } else if (hasList !== hasIndex) {
    problem(hasList ? 'statusIndex' : 'statusList', 'statusList and statusIndex come together');
  }
  return problems;
}

function isId(value: unknown, pattern: RegExp): boolean {
  return typeof value === 'string' && value.length <= MAX_ID_LENGTH && pattern.test(value);
}

function isTime(value: unknown): boolean {
  if (typeof value !== 'string' || !TIME_PATTERN.test(value)) return false;
  const date = new Date(value);
  // Rejects dates that do not exist (2026-02-30) and 24:00 or leap seconds, which Date would roll over.
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 19) === value.slice(0, 19);
}
