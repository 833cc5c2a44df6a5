/**
 * GET /status-lists/{id}: the BitstringStatusListCredential (Bitstring Status List §2.2), signed by the issuer's
 * status key. Signed once per list version and kept, so readers do not pay a signature per request.
 */
import { NotFoundError } from '../core/errors.ts';
import { CREDENTIALS_V2_CONTEXT, type JsonObject } from '../core/open-badges.ts';
import { toDateTimeString } from '../core/clock.ts';
import { signDataIntegrity } from '../crypto/sign-data-integrity.ts';
import type { IssuerDeps } from './issuer-deps.ts';
import { statusListUrl } from './issuer-deps.ts';
import { controllerOf, signingKey } from './signing-keys.ts';
import { encodeBitstring } from '../core/status-bitstring.ts';

export async function getStatusListCredential(deps: IssuerDeps, listId: string): Promise<JsonObject> {
  const list = await deps.store.statusLists.get(listId);
  if (!list) throw new NotFoundError(`No status list "${listId}".`);
  if (list.signed && list.signedVersion === list.version) return JSON.parse(list.signed) as JsonObject;

  const issuer = await deps.store.issuers.getById(list.issuerId);
  if (!issuer) throw new NotFoundError(`No status list "${listId}".`);
  const version = list.version;
  const indices = await deps.store.statusLists.setIndices(listId);
  const key = await signingKey(deps.store, deps.kek, issuer, 'status', 'Ed25519');
  const url = statusListUrl(deps.publicUrl, listId);
  const now = deps.clock();
  const credential = {
    '@context': [CREDENTIALS_V2_CONTEXT],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: controllerOf(key.id),
    validFrom: toDateTimeString(now),
    credentialSubject: {
      id: `${url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: list.purpose,
      encodedList: encodeBitstring(list.length, indices),
    },
  };
  const signed = (await signDataIntegrity(credential, {
    key,
    cryptosuite: 'eddsa-rdfc-2022',
    documentLoader: deps.documentLoader,
    ...(deps.canonize ? { canonize: deps.canonize } : {}),
    created: now,
  })) as JsonObject;
  await deps.store.statusLists.saveSigned(listId, version, JSON.stringify(signed));
  return signed;
}
