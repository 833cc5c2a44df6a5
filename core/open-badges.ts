/**
 * Open Badges 3.0 vocabulary shared by the issuer (which writes it) and the verifier / marketplace (which read it).
 * https://www.imsglobal.org/spec/ob/v3p0/
 */
export const CREDENTIALS_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const CREDENTIALS_V1_CONTEXT = 'https://www.w3.org/2018/credentials/v1';
export const STATUS_LIST_V1_CONTEXT = 'https://www.w3.org/ns/credentials/status/v1';
export const OB_V3P0_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

export const SKILL_LEVELS = ['foundation', 'practitioner', 'expert'] as const;
export type SkillLevel = (typeof SKILL_LEVELS)[number];

export function levelRank(level: SkillLevel): number {
  return SKILL_LEVELS.indexOf(level);
}

/** The OB 3.0 `Alignment` (schema.org AlignmentObject). */
export interface Alignment {
  type: ['Alignment'];
  targetName: string;
  targetUrl: string;
  targetDescription?: string;
  targetFramework?: string;
  targetCode?: string;
  targetType?: string;
}

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const NO_TYPES: readonly string[] = Object.freeze([]);

/**
 * `type` as an array, whatever shape the document used: the document's own array when every item is a string (read
 * only: no copy on the verifier's hot paths), else its strings.
 */
export function typesOf(node: unknown): readonly string[] {
  if (!isJsonObject(node)) return NO_TYPES;
  const type = node.type ?? node['@type'];
  if (typeof type === 'string') return [type];
  if (!Array.isArray(type)) return NO_TYPES;
  for (let i = 0; i < type.length; i++) {
    if (typeof type[i] !== 'string') return type.filter((t): t is string => typeof t === 'string');
  }
  return type as readonly string[];
}

/** The issuer's id whether `issuer` is a string or an object. */
export function issuerIdOf(credential: JsonObject): string | undefined {
  const issuer = credential.issuer;
  if (typeof issuer === 'string') return issuer;
  if (isJsonObject(issuer) && typeof issuer.id === 'string') return issuer.id;
  return undefined;
}

export function contextsOf(document: JsonObject): unknown[] {
  const context = document['@context'];
  return Array.isArray(context) ? context : context === undefined ? [] : [context];
}
