/**
 * Errors a request can end in. Codes are a frozen public vocabulary (SCREAMING_SNAKE); `http/problem.ts` maps each
 * code to an RFC 9457 response. Domain errors carry no HTTP status. An *invalid credential* is never an error: it is a
 * `verified: false` result.
 */
export type ErrorCode =
  | 'MALFORMED_REQUEST'
  | 'VALIDATION_FAILED'
  | 'UNSUPPORTED_CONTEXT'
  | 'JSONLD_SAFE_MODE'
  | 'UNSUPPORTED_FORMAT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'GONE'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'UNKNOWN_ISSUER'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'MAIL_UNAVAILABLE'
  | 'OVERLOADED'
  | 'STATUS_LIST_FULL'
  | 'CONFIG_INVALID'
  | 'KEY_UNAVAILABLE'
  | 'INTERNAL';

export interface ErrorDetail {
  /** JSON Pointer (RFC 6901) into the request body, when the error concerns one field. */
  pointer?: string;
  detail: string;
}

export class ProoflineError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];
  override readonly cause?: unknown;

  constructor(code: ErrorCode, message: string, options: { details?: ErrorDetail[]; cause?: unknown } = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = options.details ?? [];
    this.cause = options.cause;
  }
}

export class MalformedRequestError extends ProoflineError {
  constructor(message: string, options: { details?: ErrorDetail[]; cause?: unknown } = {}) {
    super('MALFORMED_REQUEST', message, options);
  }
}

export class ValidationError extends ProoflineError {
  constructor(message: string, details: ErrorDetail[] = [], cause?: unknown) {
    super('VALIDATION_FAILED', message, { details, cause });
  }
}

/** A JSON-LD context URL that is not bundled, or a document loader asked for a URL it does not hold. */
export class UnsupportedContextError extends ProoflineError {
  readonly url: string;
  constructor(url: string, cause?: unknown) {
    super('UNSUPPORTED_CONTEXT', `The JSON-LD context or document "${url}" is not bundled; it is never fetched.`, {
      cause,
    });
    this.url = url;
  }
}

/** jsonld.js safe mode refused the document (undefined term, relative IRI, dropped property...). */
export class JsonLdSafeModeError extends ProoflineError {
  constructor(message: string, details: ErrorDetail[] = [], cause?: unknown) {
    super('JSONLD_SAFE_MODE', message, { details, cause });
  }
}

export class UnauthenticatedError extends ProoflineError {
  constructor(message = 'A valid bearer token is required.') {
    super('UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends ProoflineError {
  constructor(message: string) {
    super('FORBIDDEN', message);
  }
}

export class NotFoundError extends ProoflineError {
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}

export class ConflictError extends ProoflineError {
  constructor(message: string, code: 'CONFLICT' | 'IDEMPOTENCY_KEY_REUSED' = 'CONFLICT') {
    super(code, message);
  }
}

/** The resource existed and is no more: an expired, revoked or used-up share link. */
export class GoneError extends ProoflineError {
  constructor(message: string) {
    super('GONE', message);
  }
}

export class UnknownIssuerError extends ProoflineError {
  constructor(issuer: string) {
    super('UNKNOWN_ISSUER', `"${issuer}" is not an issuer of this server (see GET /issuers).`, {
      details: [{ pointer: '/credential/issuer', detail: 'not one of this server\'s issuers' }],
    });
  }
}

export class OverloadedError extends ProoflineError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds = 1) {
    super('OVERLOADED', message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class ConfigError extends ProoflineError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super('CONFIG_INVALID', message, { details });
  }
}

export function isProoflineError(error: unknown): error is ProoflineError {
  return error instanceof ProoflineError;
}

/** Too many requests of one kind (429); `retryAfterSeconds` becomes the Retry-After header. */
export class RateLimitedError extends ProoflineError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super('RATE_LIMITED', message);
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}
