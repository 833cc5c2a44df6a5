/**
 * POST /awards: the Academy awards an achievement a learner demonstrated. Builds an OpenBadgeCredential from the
 * catalog entry, the recipient, the result and the evidence, then issues it through the shared pipeline.
 */
import { canonicalJson } from '../core/canonical-json.ts';
import { addMonths } from '../core/clock.ts';
import { NotFoundError, ValidationError } from '../core/errors.ts';
import type { AchievementRecord, IssuerRecord, Store } from '../core/ports.ts';
import { sha256Hex } from '../crypto/digest.ts';
import { emailRecipientKey } from '../crypto/email-recipient-key.ts';
import { buildOpenBadgeCredential, type AwardEvidence, type Recipient } from './build-open-badge-credential.ts';
import { credentialSchemaUrl, type IssuerDeps } from './issuer-deps.ts';
import { issueCredential, type IssueResult, type OnIssued } from './issue-credential.ts';
import { algorithmFor, signingFormatFrom, type FormatOptions } from './signing-format.ts';
import { activeKey, controllerOf } from './signing-keys.ts';

export interface AwardRequest {
  /** Achievement slug or IRI. */
  achievement: string;
  recipient: { did: string } | { email: string };
  result: { score?: number; rubricLevel?: string };
  evidence?: AwardEvidence;
  validFrom?: string;
  validUntil?: string;
  options?: FormatOptions;
}

/** Skills age: an award is valid for three years unless the request says otherwise. */
const DEFAULT_VALIDITY_MONTHS = 36;

export async function awardAchievement(
  deps: IssuerDeps & { onIssued?: OnIssued },
  issuer: IssuerRecord,
  request: AwardRequest,
  idempotencyKey: string | null,
): Promise<IssueResult> {
  const achievement = await findAchievement(deps.store, request.achievement);
  if (!achievement || achievement.issuerId !== issuer.id) {
    throw new NotFoundError(`No achievement "${request.achievement}" in ${issuer.name}'s catalog.`);
  }
  const format = signingFormatFrom(request.options);
  const signingDid = controllerOf((await activeKey(deps.store, issuer, 'assertion', algorithmFor(format))).id);

  const now = deps.clock();
  const validFrom = request.validFrom ? new Date(request.validFrom) : now;
  const validUntil = request.validUntil
    ? new Date(request.validUntil)
    : addMonths(validFrom, DEFAULT_VALIDITY_MONTHS);
  if (validUntil <= validFrom) {
    throw new ValidationError('validUntil must be after validFrom.', [{ pointer: '/validUntil', detail: 'must be after validFrom' }]);
  }

  const recipient = recipientFor(request.recipient, idempotencyKey, issuer.id);
  const credential = buildOpenBadgeCredential({
    id: `urn:uuid:${deps.newId()}`,
    issuer: { id: signingDid, name: issuer.name, url: typeof issuer.profile.url === 'string' ? issuer.profile.url : deps.publicUrl },
    achievement: achievement.body,
    recipient,
    result: request.result,
    ...(request.evidence ? { evidence: request.evidence } : {}),
    validFrom,
    validUntil,
    schemaUrl: credentialSchemaUrl(deps.publicUrl),
  });
  return issueCredential(deps, {
    issuer,
    credential,
    format,
    achievementId: achievement.id,
    // An email award is found by the address's lookup key (the salted identityHash inside cannot be looked up).
    recipient: 'did' in request.recipient ? request.recipient.did : emailRecipientKey(request.recipient.email),
    ...(idempotencyKey ? { idempotency: { key: idempotencyKey, requestHash: requestHash(request) } } : {}),
  });
}

/** Achievements never change once published (a new version is a new achievement), so each is read once per store. */
const achievementCache = new WeakMap<Store, Map<string, AchievementRecord>>();

async function findAchievement(store: Store, slugOrId: string): Promise<AchievementRecord | null> {
  const cache = achievementCache.get(store) ?? new Map<string, AchievementRecord>();
  achievementCache.set(store, cache);
  const hit = cache.get(slugOrId);
  if (hit) return hit;
  const found = (await store.achievements.getBySlug(slugOrId)) ?? (await store.achievements.getById(slugOrId));
  if (found && cache.size < 10_000) cache.set(slugOrId, found);
  return found;
}

export function requestHash(request: unknown): string {
  return sha256Hex(canonicalJson(request));
}

/**
 * OB 3.0 §B.1.6 IdentityObject: identityHash = "sha256$" + hex(SHA-256(identity + salt)). The salt is derived from
 * the idempotency key when there is one, so a retried award hashes the same way (and the credential is identical).
 */
function recipientFor(recipient: AwardRequest['recipient'], idempotencyKey: string | null, issuerId: string): Recipient {
  if ('did' in recipient) return { did: recipient.did };
  const email = recipient.email.trim().toLowerCase();
  const salt = sha256Hex(`${issuerId}|${idempotencyKey ?? globalThis.crypto.randomUUID()}|salt`).slice(0, 32);
  return { email: { identityHash: `sha256$${sha256Hex(email + salt)}`, salt } };
}
