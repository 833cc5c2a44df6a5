import { MalformedRequestError, UnsupportedContextError } from '../core/errors.ts';
import { isBundledContext } from './document-loader.ts';

/**
 * Throws UnsupportedContextError for the first `@context` URL that is not bundled, anywhere in the document (top
 * level, nested objects, scoped contexts inside embedded context definitions). Run before canonicalization, so an
 * unexpected context is refused up front rather than half-way through jsonld.js (DESIGN.md §5).
 */
export function assertKnownContexts(document: unknown): void {
  walk(document, 0);
}

const MAX_DEPTH = 64;

function walk(node: unknown, depth: number): void {
  if (depth > MAX_DEPTH) throw new MalformedRequestError('The document nests too deeply.');
  if (Array.isArray(node)) {
    for (const item of node) walk(item, depth + 1);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (key === '@context') assertContextValue(value, depth + 1);
    else walk(value, depth + 1);
  }
}

/** A context value: a URL, null, an embedded definition, or an array of those. */
function assertContextValue(value: unknown, depth: number): void {
  if (depth > MAX_DEPTH) throw new MalformedRequestError('The document nests too deeply.');
  if (typeof value === 'string') {
    if (!isBundledContext(value)) throw new UnsupportedContextError(value);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) assertContextValue(item, depth + 1);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  // An embedded definition: `@import` names a context URL, and term definitions may carry scoped `@context`s.
  for (const [key, definition] of Object.entries(value)) {
    if (key === '@import' && typeof definition === 'string') assertContextValue(definition, depth + 1);
    else if (definition !== null && typeof definition === 'object') walk(definition, depth + 1);
  }
}
