/**
 * The VC Data Model rules a JSON check can decide before any JSON-LD processing (VC 2.0 §4, VC 1.1 §4): required
 * properties, identifiers that must be URLs, typed sub-objects, dateTime syntax. JSON-LD safe mode catches the rest
 * (undefined terms and types). Returns problems named by JSON Pointer; an empty list means the shape is fine.
 */
import type { ErrorDetail } from './errors.ts';
import { CREDENTIALS_V1_CONTEXT, CREDENTIALS_V2_CONTEXT, isJsonObject, type JsonObject } from './open-badges.ts';

// VC 2.0 §4.6 (dateTimeStamp) regular expression.
const DATE_TIME =
  /^-?([1-9][0-9]{3,}|0[0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?|(24:00:00(\.0+)?))(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))$/;
const URL_LIKE = /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]+$/;

export function isUrl(value: unknown): value is string {
  return typeof value === 'string' && URL_LIKE.test(value);
}

const isString = (value: unknown): value is string => typeof value === 'string';

export function isDateTime(value: unknown): value is string {
  return typeof value === 'string' && DATE_TIME.test(value);
}

export function dataModelVersion(document: JsonObject): 1 | 2 | null {
  const context = document['@context'];
  const first = Array.isArray(context) ? context[0] : context;
  if (first === CREDENTIALS_V2_CONTEXT) return 2;
  if (first === CREDENTIALS_V1_CONTEXT) return 1;
  return null;
}

export function checkCredentialShape(credential: unknown, base = ''): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (!isJsonObject(credential)) {
    add(problems, base, '', 'must be a JSON object');
    return problems;
  }
  const version = dataModelVersion(credential);
  if (version === null) add(problems, base, '/@context', `must be an array whose first item is "${CREDENTIALS_V2_CONTEXT}" (or "${CREDENTIALS_V1_CONTEXT}")`);
  if (!Array.isArray(credential['@context']) && typeof credential['@context'] !== 'string') add(problems, base, '/@context', 'is required');

  if ('id' in credential && !isUrl(credential.id)) add(problems, base, '/id', 'must be a single URL');
  const types = typeof credential.type === 'string' ? [credential.type] : Array.isArray(credential.type) ? credential.type : null;
  if (!types) add(problems, base, '/type', 'is required');
  else if (!types.includes('VerifiableCredential')) add(problems, base, '/type', 'must include "VerifiableCredential"');
  else if (!types.every(isString)) add(problems, base, '/type', 'must be strings');

  const issuer = credential.issuer;
  if (issuer === undefined) add(problems, base, '/issuer', 'is required');
  else if (isJsonObject(issuer)) {
    if (!isUrl(issuer.id)) add(problems, base, '/issuer/id', 'must be a URL');
  } else if (!isUrl(issuer)) add(problems, base, '/issuer', 'must be a URL or an object with an id URL');

  const subjects = credential.credentialSubject;
  if (subjects === undefined) add(problems, base, '/credentialSubject', 'is required');
  else {
    const list = Array.isArray(subjects) ? subjects : [subjects];
    if (list.length === 0) add(problems, base, '/credentialSubject', 'must not be empty');
    for (let i = 0; i < list.length; i++) {
      const subject: unknown = list[i];
      const p = Array.isArray(subjects) ? `/credentialSubject/${i}` : '/credentialSubject';
      if (!isJsonObject(subject)) {
        add(problems, base, p, 'must be an object');
        continue;
      }
      // An empty object makes no claim; `{id}` alone is accepted, as the W3C VC 2.0 suite expects (credential-ok.json).
      if (Object.keys(subject).length === 0) add(problems, base, p, 'must make at least one claim');
      if ('id' in subject && !isUrl(subject.id)) add(problems, base, `${p}/id`, 'must be a single URL');
    }
  }

  if (version === 2) {
    for (const name of ['validFrom', 'validUntil'] as const) {
      if (name in credential && !isDateTime(credential[name])) add(problems, base, `/${name}`, 'must be an XML Schema dateTimeStamp');
    }
    if (isDateTime(credential.validFrom) && isDateTime(credential.validUntil) && Date.parse(credential.validUntil) < Date.parse(credential.validFrom)) {
      add(problems, base, '/validUntil', 'must not be before validFrom');
    }
  } else if (version === 1) {
    if (!isDateTime(credential.issuanceDate)) add(problems, base, '/issuanceDate', 'is required and must be an XML Schema dateTime');
    if ('expirationDate' in credential && !isDateTime(credential.expirationDate)) add(problems, base, '/expirationDate', 'must be an XML Schema dateTime');
  }

  checkTypedObjects(credential, 'credentialStatus', { idMustBeUrl: true }, problems, base);
  checkTypedObjects(credential, 'credentialSchema', { idRequired: true, idMustBeUrl: true }, problems, base);
  for (const name of ['evidence', 'refreshService', 'termsOfUse', 'proof']) checkTypedObjects(credential, name, {}, problems, base);
  return problems;
}

function checkTypedObjects(credential: JsonObject, name: string, rules: { idRequired?: boolean; idMustBeUrl?: boolean }, problems: ErrorDetail[], base: string): void {
  const value = credential[name];
  if (value === undefined) return;
  const list = Array.isArray(value) ? value : [value];
  for (let i = 0; i < list.length; i++) {
    const item: unknown = list[i];
    const p = Array.isArray(value) ? `/${name}/${i}` : `/${name}`;
    if (!isJsonObject(item)) {
      add(problems, base, p, 'must be an object');
      continue;
    }
    if (item.type === undefined) add(problems, base, `${p}/type`, 'is required');
    if (rules.idRequired && item.id === undefined) add(problems, base, `${p}/id`, 'is required');
    if (item.id !== undefined && rules.idMustBeUrl && !isUrl(item.id)) add(problems, base, `${p}/id`, 'must be a single URL');
  }
}

/** A problem at `pointer` (below `base`). Module-level: the checks run on every verification, without closures. */
function add(problems: ErrorDetail[], base: string, pointer: string, detail: string): void {
  problems.push({ pointer: base + pointer, detail });
}
