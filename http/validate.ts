/**
 * Request validation with ajv. Schemas are compiled once per route at start-up. Errors name the field by JSON Pointer.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { TSchema } from '@sinclair/typebox';
import { ValidationError, type ErrorDetail } from '../core/errors.ts';

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const ajv = addFormats(new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false }));

export type Validator = (value: unknown, where: string) => void;

export function compileValidator(schema: TSchema): Validator {
  const validate: ValidateFunction = ajv.compile(schema);
  return (value, where) => {
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
