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
  const at = (pointer: string, detail: string) => problems.push({ pointer: base + pointer, detail });
  if (!isJsonObject(credential)) {
    at('', 'must be a JSON object');
    return problems;
  }
  const version = dataModelVersion(credential);
  if (version === null) at('/@context', `must be an array whose first item is "${CREDENTIALS_V2_CONTEXT}" (or "${CREDENTIALS_V1_CONTEXT}")`);
  if (!Array.isArray(credential['@context']) && typeof credential['@context'] !== 'string') at('/@context', 'is required');

  if ('id' in credential && !isUrl(credential.id)) at('/id', 'must be a single URL');
  const types = typeof credential.type === 'string' ? [credential.type] : Array.isArray(credential.type) ? credential.type : null;
  if (!types) at('/type', 'is required');
  else if (!types.includes('VerifiableCredential')) at('/type', 'must include "VerifiableCredential"');
  else if (types.some((t) => typeof t !== 'string')) at('/type', 'must be strings');

  const issuer = credential.issuer;
  if (issuer === undefined) at('/issuer', 'is required');
  else if (isJsonObject(issuer)) {
    if (!isUrl(issuer.id)) at('/issuer/id', 'must be a URL');
  } else if (!isUrl(issuer)) at('/issuer', 'must be a URL or an object with an id URL');

  const subjects = credential.credentialSubject;
  if (subjects === undefined) at('/credentialSubject', 'is required');
  else {
    const list = Array.isArray(subjects) ? subjects : [subjects];
    if (list.length === 0) at('/credentialSubject', 'must not be empty');
    list.forEach((subject, i) => {
      const p = Array.isArray(subjects) ? `/credentialSubject/${i}` : '/credentialSubject';
      if (!isJsonObject(subject)) return at(p, 'must be an object');
      // An empty object makes no claim; `{id}` alone is accepted, as the W3C VC 2.0 suite expects (credential-ok.json).
      if (Object.keys(subject).length === 0) at(p, 'must make at least one claim');
      if ('id' in subject && !isUrl(subject.id)) at(`${p}/id`, 'must be a single URL');
    });
  }

  if (version === 2) {
    for (const name of ['validFrom', 'validUntil'] as const) {
      if (name in credential && !isDateTime(credential[name])) at(`/${name}`, 'must be an XML Schema dateTimeStamp');
    }
    if (isDateTime(credential.validFrom) && isDateTime(credential.validUntil) && Date.parse(credential.validUntil) < Date.parse(credential.validFrom)) {
      at('/validUntil', 'must not be before validFrom');
    }
  } else if (version === 1) {
    if (!isDateTime(credential.issuanceDate)) at('/issuanceDate', 'is required and must be an XML Schema dateTime');
    if ('expirationDate' in credential && !isDateTime(credential.expirationDate)) at('/expirationDate', 'must be an XML Schema dateTime');
  }

  checkTypedObjects(credential, 'credentialStatus', { idMustBeUrl: true }, at);
  checkTypedObjects(credential, 'credentialSchema', { idRequired: true, idMustBeUrl: true }, at);
  for (const name of ['evidence', 'refreshService', 'termsOfUse', 'proof']) checkTypedObjects(credential, name, {}, at);
  return problems;
}

function checkTypedObjects(
  credential: JsonObject,
  name: string,
  rules: { idRequired?: boolean; idMustBeUrl?: boolean },
  at: (pointer: string, detail: string) => void,
): void {
  const value = credential[name];
  if (value === undefined) return;
  const list = Array.isArray(value) ? value : [value];
  list.forEach((item, i) => {
    const p = Array.isArray(value) ? `/${name}/${i}` : `/${name}`;
    if (!isJsonObject(item)) return at(p, 'must be an object');
    if (item.type === undefined) at(`${p}/type`, 'is required');
    if (rules.idRequired && item.id === undefined) at(`${p}/id`, 'is required');
    if (item.id !== undefined && rules.idMustBeUrl && !isUrl(item.id)) at(`${p}/id`, 'must be a single URL');
  });
}
