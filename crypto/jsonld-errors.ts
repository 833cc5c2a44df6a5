/**
 * Maps what jsonld.js and the digitalbazaar suites throw to Proofline's errors, by `name`, `details` and class (never
 * by message): a loader refusal stays an UnsupportedContextError, safe-mode events become JsonLdSafeModeError.
 */
import { JsonLdSafeModeError, ProoflineError, UnsupportedContextError, ValidationError } from '../core/errors.ts';

interface JsonLdErrorLike {
  name: string;
  details?: {
    code?: string;
    url?: string;
    cause?: unknown;
    event?: { code?: string; level?: string; details?: Record<string, unknown> };
  };
  cause?: unknown;
}

function isJsonLdError(error: unknown): error is JsonLdErrorLike {
  return error instanceof Error && error.name.startsWith('jsonld.');
}

/** Our own error somewhere in the cause chain (jsonld wraps loader failures in `details.cause`). */
function findProoflineError(error: unknown, depth = 0): ProoflineError | null {
  if (error instanceof ProoflineError) return error;
  if (depth > 8 || !(error instanceof Error)) return null;
  const { details, cause } = error as JsonLdErrorLike;
  return findProoflineError(details?.cause, depth + 1) ?? findProoflineError(cause, depth + 1);
}

/** Returns the error to throw in place of `error` (the original one when it is not a JSON-LD problem). */
export function mapJsonLdError(error: unknown): unknown {
  const ours = findProoflineError(error);
  if (ours) return ours;
  if (!isJsonLdError(error)) return error;
  const { name, details } = error;
  if (name === 'jsonld.ValidationError' && details?.event) {
    const { code, details: eventDetails = {} } = details.event;
    const subject = ['term', 'property', 'expandedProperty', 'type', 'id', 'value']
      .filter((field) => eventDetails[field] !== undefined)
      .map((field) => `${field} ${JSON.stringify(eventDetails[field])}`)
      .join(', ');
    return new JsonLdSafeModeError(
      `JSON-LD safe mode refused the document: ${code ?? 'unsafe construct'}${subject ? ` (${subject})` : ''}.`,
      [{ detail: `${code ?? 'unknown'}${subject ? `: ${subject}` : ''}` }],
      error,
    );
  }
  if (name === 'jsonld.InvalidUrl' && typeof details?.url === 'string') {
    return new UnsupportedContextError(details.url, error);
  }
  return new ValidationError(
    'The document is not valid JSON-LD.',
    [{ detail: `${name}${details?.code ? `: ${details.code}` : ''}` }],
    error,
  );
}
