/**
 * DID resolution for verification, offline: did:key is computed from the key itself; other DIDs only through the
 * injected `resolveDid` (the server passes one that serves its own did:web documents from the database). Nothing is
 * fetched here; other did:web hosts are resolved through the guarded client (create-did-web-resolver.ts).
 */
import { deepFreeze } from '../core/deep-freeze.ts';
import { ProoflineError } from '../core/errors.ts';
import { LruCache } from '../core/lru-cache.ts';
import { isJsonObject, type JsonObject } from '../core/open-badges.ts';
import { resolveDidJwk } from '../crypto/did-jwk.ts';
import { resolveDidKey } from '../crypto/did-key.ts';
import { GuardedFetchError } from './guarded-fetch.ts';

/** A DID document for `did`, or null when this resolver does not know the DID. */
export type ResolveDid = (did: string) => Promise<object | null>;

/** A DID or DID URL that cannot be resolved or dereferenced: verification fails with a named reason. */
export class DidResolutionError extends ProoflineError {
  constructor(message: string, cause?: unknown) {
    super('NOT_FOUND', message, { cause });
    this.name = 'DidResolutionError';
  }
}

export interface DidResolver {
  /** The DID document of `did`. Throws DidResolutionError. */
  resolve(did: string): Promise<JsonObject>;
  /** A verification method by DID URL (`did#fragment`), with the document's `@context`. Throws DidResolutionError. */
  dereference(didUrl: string): Promise<JsonObject>;
}

export function didOf(didUrl: string): string {
  const end = didUrl.search(/[#?]/);
  return end === -1 ? didUrl : didUrl.slice(0, end);
}

/**
 * did:key documents are a pure function of the DID: each is computed once and kept (bounded LRU), deep-frozen since
 * every verification shares it. Failures are not kept.
 */
export const DID_KEY_CACHE_LIMIT = 1024;
const didKeyDocuments = new LruCache<string, unknown>(DID_KEY_CACHE_LIMIT);

async function resolveDidKeyOnce(did: string): Promise<unknown> {
  const hit = didKeyDocuments.get(did);
  if (hit !== undefined) return hit;
  const document = deepFreeze(await resolveDidKey(did));
  didKeyDocuments.set(did, document);
  return document;
}

/** The number of did:key documents kept (tests). */
export function didKeyCacheSize(): number {
  return didKeyDocuments.size;
}

const resolvers = new WeakMap<ResolveDid, DidResolver>();
let withoutResolveDid: DidResolver | undefined;

/**
 * The resolver for `resolveDid`, made once: a resolver holds no state of its own (did:key documents are kept
 * module-wide), so every verification with the same `resolveDid` can share one.
 */
export function didResolverFor(resolveDid: ResolveDid | undefined): DidResolver {
  if (!resolveDid) return (withoutResolveDid ??= createDidResolver());
  let resolver = resolvers.get(resolveDid);
  if (!resolver) {
    resolver = createDidResolver({ resolveDid });
    resolvers.set(resolveDid, resolver);
  }
  return resolver;
}

export function createDidResolver({ resolveDid }: { resolveDid?: ResolveDid } = {}): DidResolver {
  const resolve = async (did: string): Promise<JsonObject> => {
    if (!/^did:[a-z0-9]+:[^#?\s]+$/.test(did)) throw new DidResolutionError(`"${did}" is not a DID.`);
    let document: unknown;
    try {
      document = did.startsWith('did:key:') ? await resolveDidKeyOnce(did) : did.startsWith('did:jwk:') ? await resolveDidJwk(did) : await resolveDid?.(did);
    } catch (error) {
      if (error instanceof DidResolutionError) throw error;
      const reason = error instanceof GuardedFetchError ? ` (${error.code})` : '';
      throw new DidResolutionError(`${did} could not be resolved${reason}.`, error);
    }
    if (!document) throw new DidResolutionError(`${did} is not resolvable here (did:key and did:jwk always; other DIDs only through the resolveDid given).`);
    if (!isJsonObject(document) || document.id !== did) throw new DidResolutionError(`The DID document for ${did} names another subject.`);
    return document;
  };

  return {
    resolve,
    async dereference(didUrl) {
      const did = didOf(didUrl);
      const hash = didUrl.indexOf('#');
      if (hash === -1 || didUrl.includes('?')) throw new DidResolutionError(`"${didUrl}" names no verification method.`);
      const fragment = didUrl.slice(hash);
      const document = await resolve(did);
      const method = verificationMethodsOf(document).find((m) => m.id === didUrl || m.id === fragment);
      if (!method) throw new DidResolutionError(`${did} has no verification method ${fragment}.`);
      return { '@context': document['@context'], ...method, id: didUrl, controller: method.controller ?? did };
    },
  };
}

/** Verification methods declared in the document, plus those embedded in its relationships. */
function verificationMethodsOf(document: JsonObject): JsonObject[] {
  const out: JsonObject[] = [];
  for (const name of ['verificationMethod', 'assertionMethod', 'authentication']) {
    const value = document[name];
    for (const item of Array.isArray(value) ? value : []) if (isJsonObject(item) && typeof item.id === 'string') out.push(item);
  }
  return out;
}

/** Whether `methodId` is listed (by reference or embedded) under `relationship` (e.g. assertionMethod). */
export function hasRelationship(document: JsonObject, relationship: string, methodId: string): boolean {
  const value = document[relationship];
  const fragment = methodId.slice(methodId.indexOf('#'));
  return (Array.isArray(value) ? value : []).some((item) => {
    const id = typeof item === 'string' ? item : isJsonObject(item) ? item.id : undefined;
    return id === methodId || (methodId.startsWith(String(document.id) + '#') && id === fragment);
  });
}
