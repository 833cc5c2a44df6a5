/**
 * Turns driver errors into core errors. Messages never carry SQL or parameters (drizzle's own error message quotes
 * both, and parameters may hold key envelopes); the cause keeps only the PostgreSQL code, constraint and message.
 */
import { DrizzleQueryError } from 'drizzle-orm';
import { ConflictError, NotFoundError, ProoflineError, isProoflineError } from '../core/errors.ts';

interface PgErrorFields {
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** The PostgreSQL error under drizzle's DrizzleQueryError wrapper, if any. */
function pgErrorOf(error: unknown): PgErrorFields | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const fields = current as PgErrorFields;
    if (typeof fields.code === 'string' && /^[0-9A-Z]{5}$/.test(fields.code)) return fields;
    current = fields.cause;
  }
  return null;
}

/** SQLSTATE of a driver error (e.g. '23505'), or null. */
export function sqlStateOf(error: unknown): string | null {
  return (pgErrorOf(error)?.code as string | undefined) ?? null;
}

/** A failure reported by PostgreSQL or by drizzle around a query (as opposed to an error of the caller's code). */
export function isDatabaseError(error: unknown): boolean {
  return sqlStateOf(error) !== null || error instanceof DrizzleQueryError;
}

function safeCause(pg: PgErrorFields | null, error: unknown): Error {
  if (!pg) {
    // DrizzleQueryError's own message is the SQL text; what went wrong is in its cause.
    const inner = error instanceof DrizzleQueryError ? error.cause : error;
    return new Error(inner instanceof Error ? inner.message : String(inner));
  }
  const cause = new Error(String(pg.message ?? 'database error'));
  Object.assign(cause, { code: pg.code, constraint: pg.constraint, table: pg.table });
  return cause;
}

export function toStorageError(error: unknown): ProoflineError {
  if (isProoflineError(error)) return error;
  const pg = pgErrorOf(error);
  const cause = safeCause(pg, error);
  switch (pg?.code) {
    case '23505': {
      const conflict = new ConflictError('A record with the same unique value exists already.');
      return Object.assign(conflict, { cause });
    }
    case '23503': {
      const missing = new NotFoundError('A record this one refers to does not exist.');
      return Object.assign(missing, { cause });
    }
    default:
      return new ProoflineError('INTERNAL', 'The storage operation failed.', { cause });
  }
}
