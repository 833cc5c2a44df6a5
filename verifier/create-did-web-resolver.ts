/**
 * did:web resolution (did:web spec §3.2 "Read"): this server's own DIDs through `ownResolver` (no network), every
 * other did:web through the guarded client. The document must name the DID it was fetched for (§2.5.2 "the id of the
 * resolved DID document MUST match the did:web DID being resolved"), else resolution fails.
 */
import { didWebDocumentUrl } from '../crypto/did-document.ts';
import { DidResolutionError, type ResolveDid } from './create-did-resolver.ts';
import type { GuardedFetch } from './guarded-fetch.ts';

export interface DidWebResolverOptions {
  /** This server's DIDs, answered locally; null for a DID it does not hold. */
  ownResolver?: ResolveDid;
  /** This server's public URL: a did:web on its origin that `ownResolver` does not know is unknown, not fetched. */
  publicUrl?: string;
}

export function createDidWebResolver(guardedFetch: GuardedFetch, { ownResolver, publicUrl }: DidWebResolverOptions = {}): ResolveDid {
  const ownOrigin = publicUrl ? new URL(publicUrl).origin : null;
  return async (did) => {
    const own = await ownResolver?.(did);
    if (own) return own;
    if (!did.startsWith('did:web:')) return null;
    const url = didWebDocumentUrl(did);
    if (ownOrigin !== null && new URL(url).origin === ownOrigin.replace(/^http:/, 'https:')) return null;
    const document = await guardedFetch(url);
    if (document.id !== did) throw new DidResolutionError(`The DID document at ${url} is for ${JSON.stringify(document.id)}, not ${did}.`);
    return document;
  };
}
