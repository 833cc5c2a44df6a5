/**
 * The issuer's entry point for other roles (dependency-cruiser: roles import each other only through index.ts).
 *
 * signStatement: the platform states something under an issuer's own DID, e.g. the marketplace's match receipts.
 * A VC 2.0 Data Integrity credential (eddsa-rdfc-2022) signed with the issuer's active Ed25519 assertion key; no
 * status entries and nothing stored: a statement is a signed record of a fact at a time, not an award to revoke.
 */
import { toDateTimeString } from '../core/clock.ts';
import type { JsonObject } from '../core/open-badges.ts';
import type { IssuerRecord } from '../core/ports.ts';
import { signDataIntegrity } from '../crypto/sign-data-integrity.ts';
import type { IssuerDeps } from './issuer-deps.ts';
import { signingKey } from './signing-keys.ts';

/**
 * Signs `credential` (not mutated) as `issuer`: `issuer` is set to the signing key's DID, `id` (urn:uuid) and
 * `validFrom` (the injected clock) are added when absent.
 */
export async function signStatement(
  deps: Pick<IssuerDeps, 'store' | 'kek' | 'clock' | 'newId' | 'documentLoader' | 'canonize'>,
  issuer: IssuerRecord,
  credential: JsonObject,
): Promise<JsonObject> {
  const key = await signingKey(deps.store, deps.kek, issuer, 'assertion', 'Ed25519');
  const now = deps.clock();
  const unsigned: JsonObject = {
    ...credential,
    id: credential.id ?? `urn:uuid:${deps.newId()}`,
    issuer: key.controller,
    validFrom: credential.validFrom ?? toDateTimeString(now),
  };
  return (await signDataIntegrity(unsigned, {
    key,
    cryptosuite: 'eddsa-rdfc-2022',
    documentLoader: deps.documentLoader,
    ...(deps.canonize ? { canonize: deps.canonize } : {}),
    created: now,
  })) as JsonObject;
}
