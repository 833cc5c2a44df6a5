/** Issuer DID documents and did:web naming (pure). */
import { ValidationError } from '../core/errors.ts';

const DID_V1 = 'https://www.w3.org/ns/did/v1';
const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1';

export interface DidDocumentKey {
  /** Absolute DID URL of the verification method: `<did>#<fragment>`. */
  id: string;
  publicKeyMultibase: string;
  status: 'active' | 'retired';
}

export interface DidDocument {
  '@context': [typeof DID_V1, typeof MULTIKEY_V1];
  id: string;
  verificationMethod: Array<{ id: string; type: 'Multikey'; controller: string; publicKeyMultibase: string }>;
  assertionMethod: string[];
}

/**
 * Every key, active or retired, is a verification method and an assertion method: credentials signed before a
 * rotation keep verifying; which key signs is the issuer's business, not the document's. No `authentication`: these
 * keys only assert.
 */
export function buildDidDocument(did: string, keys: readonly DidDocumentKey[]): DidDocument {
  for (const key of keys) {
    if (!key.id.startsWith(`${did}#`) || key.id.length === did.length + 1) {
      throw new ValidationError(`Key id "${key.id}" is not a fragment of ${did}.`);
    }
  }
  return {
    '@context': [DID_V1, MULTIKEY_V1],
    id: did,
    verificationMethod: keys.map(({ id, publicKeyMultibase }) => ({ id, type: 'Multikey', controller: did, publicKeyMultibase })),
    assertionMethod: keys.map(({ id }) => id),
  };
}

/**
 * did:web for a public URL (did:web spec §3.2): host lowercased, port as `%3A`, then the URL's path segments and
 * `path`'s, colon-joined. `https://example.com:8443` + `issuers/acme` → `did:web:example.com%3A8443:issuers:acme`.
 */
export function didWebFromUrl(publicUrl: string, path?: string): string {
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch (error) {
    throw new ValidationError(`"${publicUrl}" is not a URL.`, [], error);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ValidationError(`"${publicUrl}" is not an http(s) URL.`);
  const segments = [...url.pathname.split('/'), ...(path ?? '').split('/')]
    .filter((segment) => segment !== '')
    .map((segment) => encodeURIComponent(safeDecode(segment, publicUrl)));
  const host = url.port ? `${url.hostname}%3A${url.port}` : url.hostname;
  return ['did:web', host, ...segments].join(':');
}

/** Where a did:web document lives: `/.well-known/did.json` for a bare host, else `<path>/did.json` (always https). */
export function didWebDocumentUrl(did: string): string {
  const parts = did.split(':');
  if (parts.length < 3 || parts[0] !== 'did' || parts[1] !== 'web' || did.includes('#') || did.includes('?')) {
    throw new ValidationError(`"${did}" is not a did:web DID.`);
  }
  const [host = '', ...segments] = parts.slice(2).map((part) => safeDecode(part, did));
  if (host === '' || segments.some((segment) => segment === '' || segment.includes('/') || segment === '..' || segment === '.')) {
    throw new ValidationError(`"${did}" is not a valid did:web DID.`);
  }
  let url: URL;
  try {
    url = new URL(`https://${host}/`);
  } catch (error) {
    throw new ValidationError(`"${did}" names no valid host.`, [], error);
  }
  if (url.pathname !== '/' || url.username || url.password) throw new ValidationError(`"${did}" names no valid host.`);
  const path = segments.length === 0 ? '.well-known' : segments.map(encodeURIComponent).join('/');
  return `${url.origin}/${path}/did.json`;
}

function safeDecode(text: string, whole: string): string {
  try {
    return decodeURIComponent(text);
  } catch (error) {
    throw new ValidationError(`"${whole}" has a malformed percent-encoding.`, [], error);
  }
}
