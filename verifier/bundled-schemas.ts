/**
 * JSON Schemas the verifier holds without being given them: the Open Badges 3.0 AchievementCredential and
 * EndorsementCredential schemas, under 1EdTech's ids. They are Proofline's transcription of the OB 3.0 data model
 * (verifier/schemas/, decision 0001), not 1EdTech's files, and are never fetched. Read once, on first use; frozen.
 */
import { readFileSync } from 'node:fs';
import { deepFreeze } from '../core/deep-freeze.ts';

const OB_SCHEMAS = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/';

/** Schema id → file under verifier/schemas/. */
const FILES: ReadonlyMap<string, string> = new Map([
  [`${OB_SCHEMAS}ob_v3p0_achievementcredential_schema.json`, 'ob-v3p0-achievementcredential.schema.json'],
  [`${OB_SCHEMAS}ob_v3p0_endorsementcredential_schema.json`, 'ob-v3p0-endorsementcredential.schema.json'],
]);

let loaded: ReadonlyMap<string, object> | undefined;

function load(): ReadonlyMap<string, object> {
  const map = new Map<string, object>();
  for (const [id, file] of FILES) {
    const schema = JSON.parse(readFileSync(new URL(`./schemas/${file}`, import.meta.url), 'utf8')) as { $id?: unknown };
    if (schema.$id !== id) throw new Error(`verifier/schemas/${file} has $id ${String(schema.$id)}, expected ${id}.`);
    map.set(id, deepFreeze(schema));
  }
  return map;
}

/** The ids of the bundled schemas. */
export const BUNDLED_SCHEMA_IDS: readonly string[] = Object.freeze([...FILES.keys()]);

/** The bundled JSON Schema with this id (the same frozen object each call), or null. */
export function bundledSchema(id: string): object | null {
  if (!FILES.has(id)) return null;
  loaded ??= load();
  return loaded.get(id) ?? null;
}
