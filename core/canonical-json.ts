/** RFC 8785 JSON Canonicalization Scheme, via `canonicalize` (a CommonJS package: its default export is interop-wrapped). */
import canonicalizeModule from 'canonicalize';

const canonicalize = ((canonicalizeModule as unknown as { default?: unknown }).default ?? canonicalizeModule) as (
  input: unknown,
) => string | undefined;

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON representation');
  return text;
}
