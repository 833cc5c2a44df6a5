/**
 * The issuance pipeline shared by awards and VC-API issue: one transaction allocates the two status entries
 * (revocation, suspension), signs, and stores the credential. Either all of it commits or none of it does.
 * With an idempotency key, a retry returns the credential issued the first time, never a second one.
 */
import { ConflictError, ProoflineError } from '../core/errors.ts';
import { CREDENTIALS_V1_CONTEXT, STATUS_LIST_V1_CONTEXT, contextsOf, type JsonObject } from '../core/open-badges.ts';
import type { CredentialRecord, IssuerRecord, StatusAllocation, Store } from '../core/ports.ts';
import { sha256Hex } from '../crypto/digest.ts';
import { signDataIntegrity, type DataIntegrityCryptosuite } from '../crypto/sign-data-integrity.ts';
import { signEcdsaSd } from '../crypto/sign-ecdsa-sd.ts';
import { signVcJwt } from '../crypto/sign-vc-jwt.ts';
import type { UnlockedKey } from '../crypto/unlocked-key.ts';
import { allocateStatus } from './allocate-status.ts';
import type { IssuerDeps } from './issuer-deps.ts';
import { statusListUrl } from './issuer-deps.ts';
import { algorithmFor, MANDATORY_POINTERS, recordFormat, type SigningFormat } from './signing-format.ts';
import { signingKey } from './signing-keys.ts';

export interface IssueInput {
  issuer: IssuerRecord;
  /** Unsigned credential; its `issuer` must already name the signing DID. Not mutated. */
  credential: JsonObject;
  format: SigningFormat;
  achievementId?: string | null;
  recipient?: string | null;
  idempotency?: { key: string; requestHash: string };
}

export interface IssueResult {
  record: CredentialRecord;
  /** The secured credential as a client receives it: a JSON object (Data Integrity) or a compact JWS string. */
  verifiableCredential: JsonObject | string;
  /** False when an idempotent retry returned the credential issued before. */
  created: boolean;
}

/** What the transparency log records of an issuance (no personal data: see log/log-entry.ts). */
export interface IssuanceEvent {
  record: CredentialRecord;
  issuer: IssuerRecord;
  /** DID of the signing key, as the credential names it. */
  issuerDid: string;
  /** Verification method that signed. */
  keyId: string;
}

/** Hook run inside the issuance transaction (the transparency log appends its entry here): it commits or rolls back with the credential. */
export type OnIssued = (tx: Store, event: IssuanceEvent) => Promise<void>;

export async function issueCredential(deps: IssuerDeps & { onIssued?: OnIssued }, input: IssueInput): Promise<IssueResult> {
  const key = await signingKey(deps.store, deps.kek, input.issuer, 'assertion', algorithmFor(input.format));
  const credentialId = typeof input.credential.id === 'string' ? input.credential.id : `urn:uuid:${deps.newId()}`;

  return deps.store.transaction(async (tx) => {
    if (input.idempotency) {
      await tx.lock(`idempotency:${input.issuer.id}:${input.idempotency.key}`);
      const existing = await tx.credentials.getByIdempotencyKey(input.issuer.id, input.idempotency.key);
      if (existing) return replay(existing, input.idempotency.requestHash);
    }
    const now = deps.clock();
    const common = { issuerId: input.issuer.id, credentialId, length: deps.statusListLength, randomInt: deps.randomInt, newId: deps.newId, now };
    // Revocation before suspension, always: list rows are locked in one order, so transactions cannot deadlock.
    const revocation = await allocateStatus(tx, { ...common, purpose: 'revocation' }, deps.store);
    const suspension = await allocateStatus(tx, { ...common, purpose: 'suspension' }, deps.store);
    const unsigned = withStatus({ ...input.credential, id: credentialId }, deps.publicUrl, revocation, suspension);
    const secured = await sign(unsigned, input.format, key, deps, now);
    const text = typeof secured === 'string' ? secured : JSON.stringify(secured);
    const record: CredentialRecord = {
      id: credentialId,
      issuerId: input.issuer.id,
      achievementId: input.achievementId ?? null,
      format: recordFormat(input.format),
      secured: text,
      digest: sha256Hex(text),
      recipient: input.recipient ?? null,
      idempotencyKey: input.idempotency?.key ?? null,
      requestHash: input.idempotency?.requestHash ?? null,
      revocation,
      suspension,
      validFrom: dateOr(unsigned.validFrom ?? unsigned.issuanceDate, now),
      validUntil: unsigned.validUntil || unsigned.expirationDate ? dateOr(unsigned.validUntil ?? unsigned.expirationDate, now) : null,
      issuedAt: now,
      revokedAt: null,
      suspended: false,
    };
    // A reused credential id fails here (ConflictError), after signing: cheaper than a lookup on every issuance.
    await tx.credentials.insert(record);
    await deps.onIssued?.(tx, { record, issuer: input.issuer, issuerDid: key.controller, keyId: key.id });
    return { record, verifiableCredential: secured, created: true };
  });
}

function replay(existing: CredentialRecord, requestHash: string): IssueResult {
  if (existing.requestHash !== null && existing.requestHash !== requestHash) {
    throw new ConflictError('This Idempotency-Key was used for a different request.', 'IDEMPOTENCY_KEY_REUSED');
  }
  return { record: existing, verifiableCredential: parseSecured(existing), created: false };
}

export function parseSecured(record: CredentialRecord): JsonObject | string {
  return record.format === 'vc+jwt' ? record.secured : (JSON.parse(record.secured) as JsonObject);
}

/** Adds our two BitstringStatusListEntry objects after any status the caller gave (VC 1.1 gets the status context). */
function withStatus(credential: JsonObject, publicUrl: string, revocation: StatusAllocation, suspension: StatusAllocation): JsonObject {
  const entry = (purpose: 'revocation' | 'suspension', at: StatusAllocation) => ({
    id: `${statusListUrl(publicUrl, at.listId)}#${at.index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: purpose,
    statusListIndex: String(at.index),
    statusListCredential: statusListUrl(publicUrl, at.listId),
  });
  const given = credential.credentialStatus;
  const existing = given === undefined ? [] : Array.isArray(given) ? given : [given];
  const out: JsonObject = { ...credential, credentialStatus: [...existing, entry('revocation', revocation), entry('suspension', suspension)] };
  const contexts = contextsOf(credential);
  if (contexts[0] === CREDENTIALS_V1_CONTEXT && !contexts.includes(STATUS_LIST_V1_CONTEXT)) {
    out['@context'] = [...contexts, STATUS_LIST_V1_CONTEXT];
  }
  return out;
}

async function sign(credential: JsonObject, format: SigningFormat, key: UnlockedKey, deps: IssuerDeps, now: Date): Promise<JsonObject | string> {
  if (format.kind === 'vc+jwt') return signVcJwt(credential, { key });
  if (format.cryptosuite === 'ecdsa-sd-2023') {
    return (await signEcdsaSd(credential, { key, mandatoryPointers: MANDATORY_POINTERS, documentLoader: deps.documentLoader, created: now })) as JsonObject;
  }
  return (await signDataIntegrity(credential, {
    key,
    cryptosuite: format.cryptosuite as DataIntegrityCryptosuite,
    documentLoader: deps.documentLoader,
    ...(deps.canonize ? { canonize: deps.canonize } : {}),
    created: now,
  })) as JsonObject;
}

function dateOr(value: unknown, fallback: Date): Date {
  if (typeof value !== 'string') return fallback;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new ProoflineError('VALIDATION_FAILED', `"${value}" is not a dateTime.`);
  return date;
}
