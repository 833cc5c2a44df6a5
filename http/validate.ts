/**
 * Request validation with ajv. Schemas are compiled once per route at start-up. Errors name the field by JSON Pointer.
 * Before the schema, every request value is walked (iteratively) for what no schema says and nothing downstream can
 * take: nesting deeper than MAX_DEPTH (recursive code such as JCS canonicalisation would overflow the stack: a 500),
 * U+0000 in a string or key (PostgreSQL text and jsonb refuse it: a 500), and `__proto__` keys (dropped by any
 * copy-by-assignment, e.g. inside jsonld.js, so a signature would not cover what the credential shows).
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { TSchema } from '@sinclair/typebox';
import { MalformedRequestError, ValidationError, type ErrorDetail } from '../core/errors.ts';

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const ajv = addFormats(new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false }));

export type Validator = (value: unknown, where: string) => void;

/** Deeper than any credential or presentation we handle (an OB 3.0 credential nests about 8 levels). */
export const MAX_DEPTH = 64;

export function compileValidator(schema: TSchema): Validator {
  const validate: ValidateFunction = ajv.compile(schema);
  return (value, where) => {
    assertSafeJson(value, where);
    if (validate(value)) return;
    const details = toDetails(validate.errors ?? [], where);
    throw new ValidationError(`The ${where} is invalid: ${details.map((d) => `${d.pointer} ${d.detail}`).join('; ')}`, details);
  };
}

function toDetails(errors: ErrorObject[], where: string): ErrorDetail[] {
  const prefix = where === 'body' ? '' : `/${where}`;
  const seen = new Set<string>();
  const details: ErrorDetail[] = [];
  for (const error of errors.slice(0, 20)) {
    let pointer = prefix + error.instancePath;
    let detail = error.message ?? 'is invalid';
    if (error.keyword === 'required') pointer += `/${String(error.params.missingProperty)}`;
    if (error.keyword === 'additionalProperties') {
      pointer += `/${String(error.params.additionalProperty)}`;
      detail = 'is not allowed';
    }
    const key = `${pointer} ${detail}`;
    if (seen.has(key)) continue;
    seen.add(key);
    details.push({ pointer: pointer || '/', detail });
  }
  return details;
}

/** Iterative, so a hostile depth cannot overflow the stack here either. */
export function assertSafeJson(value: unknown, where: string): void {
  const prefix = where === 'body' ? '' : `/${where}`;
  const stack: { node: unknown; depth: number; pointer: string }[] = [{ node: value, depth: 0, pointer: '' }];
  const invalid: ErrorDetail[] = [];
  while (stack.length > 0 && invalid.length < 20) {
    const { node, depth, pointer } = stack.pop()!;
    if (typeof node === 'string') {
      if (node.includes('\u0000')) invalid.push({ pointer: prefix + pointer || '/', detail: 'must not contain U+0000' });
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    if (depth >= MAX_DEPTH) {
      throw new MalformedRequestError(`The ${where} nests deeper than ${MAX_DEPTH} levels.`, {
        details: [{ pointer: prefix + pointer || '/', detail: `nests deeper than ${MAX_DEPTH} levels` }],
      });
    }
    const entries: [string, unknown][] = Array.isArray(node) ? node.map((item, i) => [String(i), item]) : Object.entries(node);
    for (const [key, child] of entries) {
      const at = `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
      if (key === '__proto__') invalid.push({ pointer: prefix + at, detail: 'is not an allowed property name' });
      else if (key.includes('\u0000')) invalid.push({ pointer: prefix + pointer || '/', detail: 'has a property name containing U+0000' });
      else stack.push({ node: child, depth: depth + 1, pointer: at });
    }
  }
  if (invalid.length > 0) {
    throw new ValidationError(`The ${where} is invalid: ${invalid.map((d) => `${d.pointer} ${d.detail}`).join('; ')}`, invalid);
  }
}
