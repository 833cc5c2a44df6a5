/**
 * A VerifiablePresentation of credentials the holder keeps, signed by the holder's did:key for a verifier's challenge
 * and domain: Data Integrity (eddsa-rdfc-2022, proofPurpose authentication) or VC-JOSE-COSE `vp+jwt`. The credentials
 * are named by id or found by a DCQL query. An ecdsa-sd-2023 credential is never presented with its base proof: the
 * wallet derives a disclosure proof revealing the mandatory claims plus the pointers the holder chose (`disclose`, or
 * the claims a DCQL query asked for; with neither, every claim). Returned to the holder, who sends it on.
 */
import { ValidationError, type ErrorDetail } from '../core/errors.ts';
import { CREDENTIALS_V2_CONTEXT, isJsonObject } from '../core/open-badges.ts';
import type { HolderKeyRecord, WalletCredentialRecord } from '../core/ports.ts';
import { deriveEcdsaSd, fullDisclosurePointers, hasEcdsaSdBaseProof, resolvePointer } from '../crypto/sign-ecdsa-sd.ts';
import { signPresentation } from '../crypto/sign-presentation.ts';
import { signVpJwt } from '../crypto/sign-vp-jwt.ts';
import { unlockKey } from '../crypto/unlocked-key.ts';
import { getWalletCredential } from './get-wallet-credential.ts';
import { resolveDcqlQuery } from './resolve-dcql-query.ts';
import { credentialClaims, credentialOf } from './wallet-credential-view.ts';
import type { WalletDeps } from './wallet-deps.ts';

export interface CreatePresentationRequest {
  challenge: string;
  domain?: string;
  /** 'di' (default) or 'vp+jwt'. */
  format?: 'di' | 'vp+jwt';
  /** The credentials to present, by wallet id; or `dcqlQuery`. */
  credentialIds?: string[];
  /** A DCQL query (OpenID4VP 1.0 §6) the wallet answers with matching verified credentials. */
  dcqlQuery?: Record<string, unknown>;
  /** Per wallet credential id (ecdsa-sd-2023 only): JSON Pointers to disclose beyond the mandatory claims. */
  disclose?: Record<string, string[]>;
}

export async function createPresentation(deps: WalletDeps, holderId: string, request: CreatePresentationRequest): Promise<Record<string, unknown> | string> {
  const { credentialIds, dcqlQuery, disclose = {} } = request;
  if ((credentialIds === undefined) === (dcqlQuery === undefined)) {
    throw new ValidationError('Name the credentials either by credentialIds or by a dcqlQuery (one of the two).', [
      { pointer: '/credentialIds', detail: 'give exactly one of credentialIds and dcqlQuery' },
    ]);
  }
  // Checked against the request before any lookup: naming an id here reveals nothing about other wallets.
  const named = new Set(credentialIds ?? []);
  const strays = Object.keys(disclose).filter((id) => credentialIds !== undefined && !named.has(id));
  if (strays.length > 0) {
    throw new ValidationError('disclose names credentials that are not presented.', strays.map((id) => ({ pointer: `/disclose/${escapeToken(id)}`, detail: 'not in credentialIds' })));
  }

  let chosen: { record: WalletCredentialRecord; pointers: string[] | null }[];
  if (credentialIds !== undefined) {
    chosen = [];
    // Every id is looked up in this holder's wallet first: another holder's id is a 404 like an unknown one.
    for (const id of named) chosen.push({ record: await getWalletCredential(deps.store, holderId, id), pointers: disclose[id] ?? null });
    const unverified = chosen.flatMap(({ record }, i) => (record.status === 'unverified' ? [{ pointer: `/credentialIds/${i}`, detail: 'did not verify: it is never presented' }] : []));
    if (unverified.length > 0) throw new ValidationError('A credential that did not verify cannot be presented.', unverified);
  } else {
    const selections = await resolveDcqlQuery(deps, holderId, dcqlQuery);
    const strayIds = Object.keys(disclose).filter((id) => !selections.some((s) => s.record.id === id));
    if (strayIds.length > 0) {
      throw new ValidationError('disclose names credentials the DCQL query did not select.', strayIds.map((id) => ({ pointer: `/disclose/${escapeToken(id)}`, detail: 'not selected by the query' })));
    }
    chosen = selections.map((s) => ({ record: s.record, pointers: disclose[s.record.id] ?? s.pointers }));
  }

  const embedded = await Promise.all(chosen.map(({ record, pointers }) => embedFor(deps, record, pointers, disclose[record.id] !== undefined)));
  const records = chosen.map((c) => c.record);
  return request.format === 'vp+jwt' ? signHolderVpJwt(deps, holderId, records, request, embedded) : signHolderPresentation(deps, holderId, records, request, embedded);
}

/**
 * The credential as presented. ecdsa-sd-2023: derived with `pointers` (all claims when null). Explicit `disclose`
 * pointers must exist in the credential, and only an ecdsa-sd-2023 credential takes them (422 otherwise).
 */
async function embedFor(deps: WalletDeps, record: WalletCredentialRecord, pointers: string[] | null, explicit: boolean): Promise<unknown> {
  const credential = record.format === 'vc+jwt' ? null : (JSON.parse(record.secured) as Record<string, unknown>);
  const selective = credential !== null && hasEcdsaSdBaseProof(credential);
  const at = `/disclose/${escapeToken(record.id)}`;
  if (explicit && !selective) {
    throw new ValidationError('Only an ecdsa-sd-2023 credential can disclose chosen claims; present this one whole.', [
      { pointer: at, detail: 'not an ecdsa-sd-2023 credential' },
    ]);
  }
  if (!selective) return embed(record);
  if (explicit) {
    const missing: ErrorDetail[] = (pointers ?? []).flatMap((p, i) => (resolvePointer(credential, p).found ? [] : [{ pointer: `${at}/${i}`, detail: `${p} is not in the credential` }]));
    if (missing.length > 0) throw new ValidationError('A pointer to disclose names no claim of the credential.', missing);
  }
  return deriveEcdsaSd(credential, { selectivePointers: pointers ?? fullDisclosurePointers(credential), documentLoader: deps.documentLoader });
}

/**
 * Signs a Data Integrity presentation of `records` (the holder's, checked by the caller) with the key chosen for their
 * subjects. Without `embedded`, every credential goes whole (an ecdsa-sd-2023 one as its full disclosure: a base proof
 * never leaves the wallet, share links included).
 */
export async function signHolderPresentation(
  deps: WalletDeps,
  holderId: string,
  records: WalletCredentialRecord[],
  request: { challenge: string; domain?: string | undefined },
  embedded?: unknown[],
): Promise<Record<string, unknown>> {
  embedded ??= await Promise.all(records.map((r) => embedFor(deps, r, null, false)));
  const { key, presentation } = await holderPresentation(deps, holderId, records, embedded);
  return signPresentation(presentation, {
    key,
    challenge: request.challenge,
    ...(request.domain !== undefined ? { domain: request.domain } : {}),
    documentLoader: deps.documentLoader,
    created: deps.clock(),
    ...(deps.canonize ? { canonize: deps.canonize } : {}),
  });
}

/** The same presentation as a vp+jwt (VC-JOSE-COSE §3.2.1): `nonce` = challenge, `aud` = domain. */
export async function signHolderVpJwt(
  deps: WalletDeps,
  holderId: string,
  records: WalletCredentialRecord[],
  request: { challenge: string; domain?: string | undefined },
  embedded?: unknown[],
): Promise<string> {
  embedded ??= await Promise.all(records.map((r) => embedFor(deps, r, null, false)));
  const { key, presentation } = await holderPresentation(deps, holderId, records, embedded);
  return signVpJwt(presentation, { key, challenge: request.challenge, ...(request.domain !== undefined ? { domain: request.domain } : {}), now: deps.clock() });
}

async function holderPresentation(deps: WalletDeps, holderId: string, records: WalletCredentialRecord[], embedded: unknown[]) {
  const chosen = chooseKey(await deps.store.holderKeys.listByHolder(holderId), records);
  const key = await unlockKey(
    { id: chosen.id, algorithm: chosen.algorithm, publicKeyMultibase: chosen.publicKeyMultibase, encryptedSecretKey: chosen.encryptedSecretKey },
    deps.kek,
  );
  const presentation = {
    '@context': [CREDENTIALS_V2_CONTEXT],
    type: ['VerifiablePresentation'],
    id: `urn:uuid:${deps.newId()}`,
    holder: chosen.did,
    verifiableCredential: embedded,
  };
  return { key, presentation };
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
  const claims = credentialClaims(record);
  if (!claims) return new Set();
  const { credential, jwt } = claims;
  const subjects = Array.isArray(credential.credentialSubject) ? credential.credentialSubject : [credential.credentialSubject];
  const ids = subjects.flatMap((s) => (isJsonObject(s) && typeof s.id === 'string' ? [s.id] : []));
  if (typeof jwt?.sub === 'string') ids.push(jwt.sub);
  return new Set(ids);
}

function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
