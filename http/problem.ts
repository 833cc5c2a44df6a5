/**
 * The one table from error codes to RFC 9457 problem details. The internal cause stays off the wire; it is logged
 * under the request id.
 */
import type { ErrorCode, ErrorDetail } from '../core/errors.ts';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  requestId?: string;
  errors?: ErrorDetail[];
  [extension: string]: unknown;
}

export const PROBLEM_TYPE_BASE = 'https://proofline.dev/problems/';

const TABLE: Record<ErrorCode, { status: number; title: string }> = {
  MALFORMED_REQUEST: { status: 400, title: 'Malformed request' },
  VALIDATION_FAILED: { status: 422, title: 'The request did not validate' },
  UNSUPPORTED_CONTEXT: { status: 422, title: 'Unsupported JSON-LD context' },
  JSONLD_SAFE_MODE: { status: 422, title: 'JSON-LD safe mode rejected the document' },
  UNSUPPORTED_FORMAT: { status: 422, title: 'Unsupported format' },
  UNAUTHENTICATED: { status: 401, title: 'Authentication required' },
  FORBIDDEN: { status: 403, title: 'Not allowed' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  CONFLICT: { status: 409, title: 'Conflict' },
  GONE: { status: 410, title: 'Gone' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'Idempotency key reused with a different request' },
  UNKNOWN_ISSUER: { status: 422, title: 'Unknown issuer' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  MAIL_UNAVAILABLE: { status: 503, title: 'This server sends no mail' },
  OVERLOADED: { status: 503, title: 'Overloaded, retry later' },
  STATUS_LIST_FULL: { status: 503, title: 'No status list has room' },
  CONFIG_INVALID: { status: 500, title: 'Server misconfigured' },
  KEY_UNAVAILABLE: { status: 500, title: 'Signing key unavailable' },
  INTERNAL: { status: 500, title: 'Internal error' },
};

export function statusForCode(code: ErrorCode): number {
  return TABLE[code].status;
}

export function problemFor(
  code: ErrorCode,
  detail: string,
  extra: { errors?: ErrorDetail[]; instance?: string; requestId?: string } = {},
): ProblemDetails {
  const { status, title } = TABLE[code];
  const problem: ProblemDetails = {
    type: PROBLEM_TYPE_BASE + code.toLowerCase().replaceAll('_', '-'),
    title,
    status,
    // A 5xx says nothing internal.
    detail: status >= 500 && code !== 'OVERLOADED' && code !== 'STATUS_LIST_FULL' && code !== 'MAIL_UNAVAILABLE' ? title : detail,
    code,
  };
  if (extra.instance) problem.instance = extra.instance;
  if (extra.requestId) problem.requestId = extra.requestId;
  if (extra.errors && extra.errors.length > 0) problem.errors = extra.errors;
  return problem;
}
