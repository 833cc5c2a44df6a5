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

/**
 * Every value below the root sits at its parent's depth + 1; a value deeper than MAX_DEPTH is refused. Containers are
 * walked without Object.entries (an array per member: most of this walk's time on a vc+jwt verification).
 */
function walk(node: unknown, depth: number): void {
  if (depth > MAX_DEPTH) throw new MalformedRequestError('The document nests too deeply.');
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const item: unknown = node[i];
      if (item !== null && typeof item === 'object') walk(item, depth + 1);
      else if (depth >= MAX_DEPTH) throw new MalformedRequestError('The document nests too deeply.');
    }
    return;
  }
  const record = node as Record<string, unknown>;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    const value = record[key];
    if (key === '@context') assertContextValue(value, depth + 1);
    else if (value !== null && typeof value === 'object') walk(value, depth + 1);
    else if (depth >= MAX_DEPTH) throw new MalformedRequestError('The document nests too deeply.');
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
