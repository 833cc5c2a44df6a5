/**
 * A VerifiablePresentation of credentials the holder keeps, signed by the holder's did:key for a verifier's challenge
 * and domain (Data Integrity eddsa-rdfc-2022, proofPurpose authentication). Returned to the holder, who sends it on.
 */
import { ValidationError } from '../core/errors.ts';
import { CREDENTIALS_V2_CONTEXT, isJsonObject } from '../core/open-badges.ts';
import type { HolderKeyRecord, WalletCredentialRecord } from '../core/ports.ts';
import { signPresentation } from '../crypto/sign-presentation.ts';
import { unlockKey } from '../crypto/unlocked-key.ts';
import { getWalletCredential } from './get-wallet-credential.ts';
import { credentialOf } from './wallet-credential-view.ts';
import type { WalletDeps } from './wallet-deps.ts';

export interface CreatePresentationRequest {
  challenge: string;
  domain?: string;
  credentialIds: string[];
}

export async function createPresentation(deps: WalletDeps, holderId: string, request: CreatePresentationRequest): Promise<Record<string, unknown>> {
  const records: WalletCredentialRecord[] = [];
  // Every id is looked up in this holder's wallet first: another holder's id is a 404 like an unknown one.
  for (const id of new Set(request.credentialIds)) records.push(await getWalletCredential(deps.store, holderId, id));
  const unverified = records.flatMap((r, i) => (r.status === 'unverified' ? [{ pointer: `/credentialIds/${i}`, detail: 'did not verify: it is never presented' }] : []));
  if (unverified.length > 0) throw new ValidationError('A credential that did not verify cannot be presented.', unverified);
  return signHolderPresentation(deps, holderId, records, request);
}

/** Signs a presentation of `records` (the holder's, checked by the caller) with the key chosen for their subjects. */
export async function signHolderPresentation(
  deps: WalletDeps,
  holderId: string,
  records: WalletCredentialRecord[],
  request: { challenge: string; domain?: string | undefined },
): Promise<Record<string, unknown>> {
  const key = chooseKey(await deps.store.holderKeys.listByHolder(holderId), records);
  const unlocked = await unlockKey({ id: key.id, algorithm: key.algorithm, publicKeyMultibase: key.publicKeyMultibase, encryptedSecretKey: key.encryptedSecretKey }, deps.kek);
  const presentation = {
    '@context': [CREDENTIALS_V2_CONTEXT],
    type: ['VerifiablePresentation'],
    id: `urn:uuid:${deps.newId()}`,
    holder: key.did,
    verifiableCredential: records.map(embed),
  };
  return signPresentation(presentation, {
    key: unlocked,
    challenge: request.challenge,
    ...(request.domain !== undefined ? { domain: request.domain } : {}),
    documentLoader: deps.documentLoader,
    created: deps.clock(),
    ...(deps.canonize ? { canonize: deps.canonize } : {}),
  });
}

/** A vc+jwt travels inside a VC 2.0 presentation as an EnvelopedVerifiableCredential (VC-JOSE-COSE §3.2). */
function embed(record: WalletCredentialRecord): unknown {
  if (record.format !== 'vc+jwt') return credentialOf(record);
  return { '@context': [CREDENTIALS_V2_CONTEXT], type: 'EnvelopedVerifiableCredential', id: `data:application/vc+jwt,${record.secured}` };
}

/**
 * The key of the DID every chosen credential names as its subject (an earlier, retired DID included: holder binding
 * needs the presenter to be the subject); otherwise the current key.
 */
function chooseKey(keys: HolderKeyRecord[], records: WalletCredentialRecord[]): HolderKeyRecord {
  const active = keys.find((k) => k.status === 'active');
  const subjectSets = records.map(subjectsOf);
  const shared = keys.filter((k) => subjectSets.length > 0 && subjectSets.every((s) => s.has(k.did)));
  const chosen = shared.find((k) => k.status === 'active') ?? shared.at(-1) ?? active;
  if (!chosen) throw new ValidationError('This holder has no key.');
  return chosen;
}

function subjectsOf(record: WalletCredentialRecord): Set<string> {
  let credential: unknown;
  try {
    credential = record.format === 'vc+jwt' ? jwtPayload(record.secured) : JSON.parse(record.secured);
  } catch {
    return new Set();
  }
  if (!isJsonObject(credential)) return new Set();
  const vc = isJsonObject(credential.vc) ? credential.vc : credential; // VC 1.1 JWT claims carry it under `vc`
  const subjects = Array.isArray(vc.credentialSubject) ? vc.credentialSubject : [vc.credentialSubject];
  const ids = subjects.flatMap((s) => (isJsonObject(s) && typeof s.id === 'string' ? [s.id] : []));
  if (typeof credential.sub === 'string') ids.push(credential.sub);
  return new Set(ids);
}

function jwtPayload(jws: string): unknown {
  return JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8'));
}
