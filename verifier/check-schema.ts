/**
 * `credentialSchema` (VC JSON Schema: JsonSchema; the older JsonSchemaValidator2018 and Open Badges'
 * 1EdTechJsonSchemaValidator2019): the credential is validated by ajv against each schema the injected `loadSchema`
 * holds or, when it holds none (or there is no loader), the verifier's bundled one (`bundledSchema`: the Open Badges
 * 3.0 AchievementCredential and EndorsementCredential schemas under 1EdTech's ids, Proofline's transcription of the
 * spec's data model, decision 0001). JSON Schema 2020-12, 2019-09 or draft-07, by `$schema`. Schemas are never
 * fetched: a schema held by neither is reported as a warning, not a failure (validation is the issuer's extra
 * promise, not a proof). An injected loader wins over the bundled schema with the same id.
 */
import { Ajv, type AnySchema, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { isJsonObject, type JsonObject } from '../core/open-badges.ts';
import { bundledSchema } from './bundled-schemas.ts';
import { verificationProblem, type VerificationProblem } from './verification-problem.ts';

/** The JSON Schema at `id`, or null when it is not held locally. */
export type LoadSchema = (id: string) => Promise<object | null>;

const addFormats = addFormatsModule as unknown as <T>(ajv: T) => T;
const options = { allErrors: true, strict: false, validateSchema: true } as const;
const engines = {
  2020: addFormats(new Ajv2020(options)),
  2019: addFormats(new Ajv2019(options)),
  7: addFormats(new Ajv(options)),
};
/** Compiled validators by schema text (a loader may build a fresh object per call); bounded. */
const compiled = new Map<string, ValidateFunction>();
const keyOf = new WeakMap<object, Map<string, string>>();
const COMPILED_LIMIT = 100;
const SCHEMA_TYPES = new Set(['JsonSchema', 'JsonSchemaValidator2018', '1EdTechJsonSchemaValidator2019']);

export async function checkSchema(
  credential: JsonObject,
  { loadSchema }: { loadSchema?: LoadSchema },
): Promise<{ problems: VerificationProblem[]; warnings: VerificationProblem[] }> {
  const problems: VerificationProblem[] = [];
  const warnings: VerificationProblem[] = [];
  const value = credential.credentialSchema;
  const entries = value === undefined ? [] : Array.isArray(value) ? value : [value];
  for (const entry of entries) {
    if (!isJsonObject(entry) || typeof entry.id !== 'string') continue; // the data-model check reports these
    if (typeof entry.type !== 'string' || !SCHEMA_TYPES.has(entry.type)) {
      warnings.push(verificationProblem('SCHEMA_NOT_CHECKED', 'schema', `credentialSchema type ${JSON.stringify(entry.type)} is not supported.`));
      continue;
    }
    const schema = (await loadSchema?.(entry.id).catch(() => null)) ?? bundledSchema(entry.id);
    if (!schema) {
      warnings.push(verificationProblem('SCHEMA_NOT_CHECKED', 'schema', `The schema ${entry.id} is not held here; it is never fetched.`));
      continue;
    }
    // A loader that returns the same object each time (server.ts does) skips serialising the schema for the cache key.
    let key = keyOf.get(schema)?.get(entry.type);
    if (key === undefined) {
      key = `${entry.type}\n${JSON.stringify(schema)}`;
      keyOf.set(schema, (keyOf.get(schema) ?? new Map<string, string>()).set(entry.type, key));
    }
    let validate = compiled.get(key);
    if (!validate) {
      try {
        // Without $id: ajv refuses a second schema under an id it holds, and the id is the loader's business.
        const { $id: _id, ...anonymous } = schema as Record<string, unknown>;
        validate = engineFor(schema, entry.type).compile(anonymous as AnySchema);
      } catch {
        problems.push(verificationProblem('SCHEMA_INVALID', 'schema', `The schema ${entry.id} is not a valid JSON Schema.`));
        continue;
      }
      if (compiled.size >= COMPILED_LIMIT) compiled.delete(compiled.keys().next().value as string);
      compiled.set(key, validate);
    }
    if (!validate(credential)) {
      const errors = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
      problems.push(verificationProblem('SCHEMA_INVALID', 'schema', `The credential does not match ${entry.id}: ${errors.join('; ')}.`));
    }
  }
  return { problems, warnings };
}

/**
 * The dialect: the schema's `$schema` when it names one; otherwise the credentialSchema type's own
 * (1EdTechJsonSchemaValidator2019: 2019-09, as the Open Badges 3.0 schemas; JsonSchema: 2020-12, VC JSON Schema §3.1;
 * JsonSchemaValidator2018: draft-07).
 */
function engineFor(schema: object, type: string): { compile(schema: AnySchema): ValidateFunction } {
  const dialect = (schema as { $schema?: unknown }).$schema;
  if (typeof dialect === 'string' && dialect.includes('2020-12')) return engines[2020];
  if (typeof dialect === 'string' && dialect.includes('2019-09')) return engines[2019];
  if (typeof dialect === 'string' && dialect.includes('draft-07')) return engines[7];
  if (type === '1EdTechJsonSchemaValidator2019') return engines[2019];
  if (type === 'JsonSchema') return engines[2020];
  return engines[7];
}
