/**
 * resolveDcqlQuery: the holder's answer to a DCQL query (OpenID4VP 1.0 §6), e.g. the one a marketplace opening
 * publishes (marketplace/build-dcql-query.ts). The query is parsed and validated by the `dcql` package; the matching is
 * ours, over this holder's *verified* credentials only, newest first:
 * - `format`: `ldp_vc` matches Data Integrity credentials, `jwt_vc_json` vc+jwt ones; other formats match nothing here;
 * - `meta.type_values`: one alternative whose types all appear in the credential's `type` (short names or the
 *   expanded IRIs of the VC and Open Badges vocabularies);
 * - `claims` (§6.3, §7): a path walks objects by name, arrays by index, `null` every element; with `values`, one
 *   reached value must equal one of them; `claim_sets` pick the first set whose claims all match, else all claims must;
 * - `require_cryptographic_holder_binding` (default true): a subject id must be one of the holder's DIDs;
 * - `credential_sets`: every required set needs one option whose queries all matched; without sets, every query must.
 * The claims' concrete paths become the JSON Pointers a selectively disclosable credential reveals.
 */
import { DcqlQuery } from 'dcql';
import { ValidationError, type ErrorDetail } from '../core/errors.ts';
import { isJsonObject, type JsonObject } from '../core/open-badges.ts';
import type { WalletCredentialRecord } from '../core/ports.ts';
import type { WalletDeps } from './wallet-deps.ts';
import { credentialClaims } from './wallet-credential-view.ts';

export interface DcqlSelection {
  record: WalletCredentialRecord;
  /** The credential query ids this credential answers. */
  queryIds: string[];
  /** Concrete JSON Pointers of the claims the queries asked for (what a selective disclosure reveals). */
  pointers: string[];
}

type ParsedQuery = ReturnType<typeof DcqlQuery.parse>;
type CredentialQuery = ParsedQuery['credentials'][number];
type ClaimsQuery = { id?: string; path: (string | number | null)[]; values?: unknown[] };

const EXPANDED_TYPES: Record<string, string> = {
  'https://www.w3.org/2018/credentials#VerifiableCredential': 'VerifiableCredential',
  'https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential': 'OpenBadgeCredential',
  'https://purl.imsglobal.org/spec/vc/ob/vocab.html#AchievementCredential': 'AchievementCredential',
};

export async function resolveDcqlQuery(deps: Pick<WalletDeps, 'store'>, holderId: string, input: unknown): Promise<DcqlSelection[]> {
  const query = parseQuery(input);
  const [records, keys] = await Promise.all([
    deps.store.walletCredentials.list(holderId, { status: 'verified' }),
    deps.store.holderKeys.listByHolder(holderId),
  ]);
  const holderDids = new Set(keys.map((k) => k.did));
  const candidates = records.flatMap((record) => {
    const credential = credentialClaims(record)?.credential ?? null;
    return credential ? [{ record, credential }] : [];
  });

  const matches = new Map<string, { record: WalletCredentialRecord; pointers: string[] }[]>();
  for (const cq of query.credentials) {
    const found = candidates.flatMap(({ record, credential }) => {
      const pointers = matchCredentialQuery(cq, record, credential, holderDids);
      return pointers ? [{ record, pointers }] : [];
    });
    matches.set(cq.id, cq.multiple ? found : found.slice(0, 1));
  }

  const chosen = chooseQueries(query, (id) => (matches.get(id)?.length ?? 0) > 0);
  const selections = new Map<string, DcqlSelection>();
  for (const id of chosen) {
    for (const { record, pointers } of matches.get(id) ?? []) {
      const selection = selections.get(record.id) ?? { record, queryIds: [], pointers: [] };
      selection.queryIds.push(id);
      for (const p of pointers) if (!selection.pointers.includes(p)) selection.pointers.push(p);
      selections.set(record.id, selection);
    }
  }
  return [...selections.values()];
}

function parseQuery(input: unknown): ParsedQuery {
  try {
    const parsed = DcqlQuery.parse(input as DcqlQuery.Input);
    DcqlQuery.validate(parsed);
    return parsed;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ValidationError(`Not a valid DCQL query: ${detail}`, [{ pointer: '/dcqlQuery', detail }], error);
  }
}

/** The query ids to answer: every required credential set's first satisfied option (plus optional sets' ones). */
function chooseQueries(query: ParsedQuery, satisfied: (id: string) => boolean): string[] {
  const unmet: ErrorDetail[] = [];
  const chosen = new Set<string>();
  if (!query.credential_sets) {
    for (const [i, cq] of query.credentials.entries()) {
      if (satisfied(cq.id)) chosen.add(cq.id);
      else unmet.push({ pointer: `/dcqlQuery/credentials/${i}`, detail: `no verified credential in this wallet satisfies credential query "${cq.id}"` });
    }
  } else {
    for (const [i, set] of query.credential_sets.entries()) {
      const option = set.options.find((ids) => ids.every(satisfied));
      if (option) option.forEach((id) => chosen.add(id));
      else if (set.required !== false) {
        const missing = [...new Set(set.options.flat().filter((id) => !satisfied(id)))];
        unmet.push({
          pointer: `/dcqlQuery/credential_sets/${i}`,
          detail: `no verified credential in this wallet satisfies credential query ${missing.map((id) => `"${id}"`).join(' or ')}`,
        });
      }
    }
  }
  if (unmet.length > 0) throw new ValidationError('The wallet holds no credentials that satisfy this DCQL query.', unmet);
  return [...chosen];
}

/** The concrete pointers of the claims asked for when `record` satisfies `cq`; null when it does not. */
function matchCredentialQuery(cq: CredentialQuery, record: WalletCredentialRecord, credential: JsonObject, holderDids: Set<string>): string[] | null {
  const expected = cq.format === 'ldp_vc' ? 'data-integrity' : cq.format === 'jwt_vc_json' ? 'vc+jwt' : null;
  if (record.format !== expected) return null;
  const meta = cq.meta as { type_values?: string[][] } | undefined;
  const types = new Set([credential.type].flat().filter((t): t is string => typeof t === 'string'));
  if (meta?.type_values && !meta.type_values.some((alternative) => alternative.every((t) => types.has(t) || types.has(EXPANDED_TYPES[t] ?? '')))) return null;
  if (cq.require_cryptographic_holder_binding !== false && !subjectIds(credential).some((id) => holderDids.has(id))) return null;

  const claims = (cq.claims ?? []) as ClaimsQuery[];
  if (claims.length === 0) return [];
  const matched = claims.map((claim) => matchClaim(credential, claim));
  const sets = cq.claim_sets as string[][] | undefined;
  if (sets) {
    for (const set of sets) {
      const picked = set.map((id) => claims.findIndex((c) => c.id === id));
      if (picked.every((i) => i >= 0 && matched[i] !== null)) return picked.flatMap((i) => matched[i] ?? []);
    }
    return null;
  }
  return matched.every((m) => m !== null) ? matched.flatMap((m) => m ?? []) : null;
}

/** The pointers of the values `claim.path` reaches (filtered by `values`); null when none is reached. */
function matchClaim(credential: JsonObject, claim: ClaimsQuery): string[] | null {
  let reached: { pointer: string; value: unknown }[] = [{ pointer: '', value: credential }];
  for (const step of claim.path) {
    reached = reached.flatMap(({ pointer, value }) => {
      if (step === null) return Array.isArray(value) ? value.map((v, i) => ({ pointer: `${pointer}/${i}`, value: v })) : [];
      if (typeof step === 'number') return Array.isArray(value) && step < value.length ? [{ pointer: `${pointer}/${step}`, value: value[step] }] : [];
      return isJsonObject(value) && Object.hasOwn(value, step) ? [{ pointer: `${pointer}/${escapeToken(step)}`, value: value[step] }] : [];
    });
  }
  if (claim.values) {
    const wanted = claim.values;
    reached = reached.filter(({ value }) => wanted.some((w) => w === value));
  }
  return reached.length > 0 ? reached.map((r) => r.pointer) : null;
}


function subjectIds(credential: JsonObject): string[] {
  return [credential.credentialSubject].flat().flatMap((s) => (isJsonObject(s) && typeof s.id === 'string' ? [s.id] : []));
}

function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
