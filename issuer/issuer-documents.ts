/** Public documents about an issuer: its DID document and its OB 3.0 Profile. Never a private key. */
import { NotFoundError } from '../core/errors.ts';
import type { JsonObject } from '../core/open-badges.ts';
import { CREDENTIALS_V2_CONTEXT, OB_V3P0_CONTEXT } from '../core/open-badges.ts';
import type { IssuerRecord, Store } from '../core/ports.ts';
import { buildDidDocument } from '../crypto/did-document.ts';
import { didsOf } from './find-issuer.ts';

export async function didDocumentFor(store: Store, issuer: IssuerRecord): Promise<JsonObject> {
  if (issuer.didMethod !== 'web') throw new NotFoundError(`Issuer "${issuer.slug}" uses did:key; its DID documents need no hosting.`);
  const keys = await store.keys.listByIssuer(issuer.id);
  return buildDidDocument(
    issuer.did,
    keys.filter((k) => k.purpose !== 'log').map((k) => ({ id: k.id, publicKeyMultibase: k.publicKeyMultibase, status: k.status })),
  ) as unknown as JsonObject;
}

/** The issuer as an Open Badges 3.0 `Profile` whose `id` is its DID. */
export function issuerProfile(issuer: IssuerRecord, publicUrl: string): JsonObject {
  return {
    '@context': [CREDENTIALS_V2_CONTEXT, OB_V3P0_CONTEXT],
    id: issuer.did,
    type: ['Profile'],
    name: issuer.name,
    url: typeof issuer.profile.url === 'string' ? issuer.profile.url : publicUrl,
    ...pick(issuer.profile, ['description', 'email', 'image']),
  };
}

/** What GET /issuers lists: where the issuer lives on this server, every DID it signs as, and its Profile. */
export async function issuerSummary(store: Store, issuer: IssuerRecord, publicUrl: string): Promise<JsonObject> {
  return {
    slug: issuer.slug,
    name: issuer.name,
    did: issuer.did,
    dids: await didsOf(store, issuer),
    didMethod: issuer.didMethod,
    didDocument: issuer.didMethod === 'web' ? publicUrl + didDocumentPath(issuer.slug) : null,
    profile: issuerProfile(issuer, publicUrl),
  };
}

export function didDocumentPath(slug: string): string {
  return slug === 'academy' ? '/.well-known/did.json' : `/issuers/${slug}/did.json`;
}

function pick(source: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]]));
}
