/**
 * Ports for stored evidence, re-checks and webhooks (docs/decisions/0011-marketplace-evidence-rechecks-webhooks.md).
 * Records only; `storage/` implements them, `marketplace/` receives them through `Store`.
 */
import { levelRank } from './open-badges.ts';
import type { VerifiedSkill } from './verified-credential.ts';

/** A Bitstring Status List entry a credential depends on. */
export interface StatusEntryRef {
  url: string;
  index: number;
  purpose: string;
}

/** What the verifier said about one credential of an application, at `checkedAt`. */
export interface CredentialEvidenceRecord {
  applicationId: string;
  position: number;
  openingId: string;
  credentialId: string | null;
  /** SHA-256 (hex) of the secured credential. */
  digest: string;
  /** false: the latest check did not verify it (then it is not scored; `problems` says why). */
  verified: boolean;
  issuer: string | null;
  trusted: boolean;
  revoked: boolean;
  suspended: boolean;
  validFrom: string | null;
  validUntil: string | null;
  skills: VerifiedSkill[];
  statusEntries: StatusEntryRef[];
  /** Empty when the credential counts. */
  problems: string[];
  checkedAt: Date;
}

/** One skill of one credential, as ranking compares it. */
export interface RankingSkillRow {
  applicationId: string;
  skill: string;
  /** levelRank of the attested level. */
  level: number;
  issuer: string | null;
  validFromMs: number | null;
  usable: boolean;
}

/** An application as ranking lists it (no credential bodies, no holder). */
export interface ApplicationSummary {
  id: string;
  submittedAt: Date;
  flagged: boolean;
  flags: string[];
}

export interface CredentialRef {
  applicationId: string;
  position: number;
}

/** A credential with when its evidence was last checked (the re-check worker's cursor). */
export interface StaleRef extends CredentialRef {
  checkedAt: Date;
}

/** What ranking asks the database per requirement (marketplace/score-skill-rows.ts planRanking). */
export interface RankingPlanQuery {
  /** Every skill URI any requirement can use. */
  relevantSkills: string[];
  requirements: {
    /** [skill URI, generations below the required skill] for every skill that counts for it. */
    distances: [string, number][];
    /** validFrom must be at or after this (ms), when the requirement has a maximum age. */
    notBefore: number | null;
  }[];
  /** Only these issuers count; null: any. */
  acceptedIssuers: string[] | null;
}

export interface EvidenceRepository {
  /** Replaces the stored evidence (with its skill and status-entry rows) of each record's credential. */
  save(records: readonly CredentialEvidenceRecord[]): Promise<void>;
  /** Evidence of these applications, by application then position. */
  listByApplications(applicationIds: readonly string[]): Promise<CredentialEvidenceRecord[]>;
  /** Skill rows of an opening's applications for these skills, leaving out credentials expired at `now`. */
  rankingRows(openingId: string, skills: readonly string[], now: Date): Promise<RankingSkillRow[]>;
  /**
   * Every application of an opening with, per requirement, the highest effective level (level minus distance) of its
   * usable, accepted, recent, unexpired skill rows (-1 without any): computed in the database, one row per application.
   */
  rankingLevels(openingId: string, plan: RankingPlanQuery, now: Date): Promise<{ applicationId: string; levels: number[] }[]>;
  /** Applications of an opening (only `ids` when given), lean. */
  listApplications(openingId: string, options?: { ids?: readonly string[] }): Promise<ApplicationSummary[]>;
  /** Credentials that depend on a status list bit. */
  findByStatusEntry(statusListUrl: string, statusIndex: number): Promise<CredentialRef[]>;
  findByDigest(digest: string): Promise<CredentialRef[]>;
  /**
   * Credentials whose evidence was last checked before `olderThan`, oldest check first (then by application and
   * position), at most `limit`; only those after `after` in that order when given (keyset paging).
   */
  listStale(olderThan: Date, limit: number, after?: StaleRef | null): Promise<StaleRef[]>;
  /**
   * Marks these credentials' evidence as due for a re-check (its `checkedAt` set to the epoch: never claims a fresher
   * check than was made), so the periodic re-check takes them first. The evidence counts as before until re-checked.
   */
  markStale(refs: readonly CredentialRef[]): Promise<void>;
  /** What a re-check needs of these applications: the secured credentials as presented, and the current flags. */
  loadForRecheck(applicationIds: readonly string[]): Promise<{ id: string; openingId: string; credentials: unknown[]; flags: string[] }[]>;
}

export type WebhookEvent = 'application.flagged' | 'application.unflagged';
export const WEBHOOK_EVENTS: readonly WebhookEvent[] = ['application.flagged', 'application.unflagged'];
export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookEndpointRecord {
  id: string;
  organisationId: string;
  url: string;
  events: string[];
  secret: string;
  enabled: boolean;
  createdAt: Date;
}

export interface WebhookDeliveryRecord {
  id: string;
  endpointId: string;
  event: string;
  body: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

export interface WebhookAttemptRecord {
  deliveryId: string;
  attempt: number;
  attemptedAt: Date;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export interface WebhookRepository {
  createEndpoint(endpoint: WebhookEndpointRecord): Promise<void>;
  listEndpoints(organisationId: string): Promise<WebhookEndpointRecord[]>;
  getEndpoint(id: string): Promise<WebhookEndpointRecord | null>;
  /** false when there is no such endpoint of that organisation. */
  deleteEndpoint(organisationId: string, id: string): Promise<boolean>;
  enqueue(deliveries: readonly WebhookDeliveryRecord[]): Promise<void>;
  /**
   * Pending deliveries due at `now`, oldest first, each held until `leaseUntil` (its next_attempt_at moves there), so
   * concurrent workers never take the same one (FOR UPDATE SKIP LOCKED).
   */
  claimDue(now: Date, leaseUntil: Date, limit: number): Promise<{ delivery: WebhookDeliveryRecord; endpoint: WebhookEndpointRecord }[]>;
  /**
   * Records one attempt and the delivery's new state, together, if the worker still holds its claim: the delivery is
   * pending with `next_attempt_at` = the `leaseUntil` it was claimed with. A worker whose lease ran out (another took
   * the delivery since) changes nothing but its attempt row (numbered after the ones recorded) and gets false.
   */
  recordAttempt(attempt: WebhookAttemptRecord, next: Pick<WebhookDeliveryRecord, 'status' | 'attempts' | 'nextAttemptAt' | 'updatedAt'>, claim: { leaseUntil: Date }): Promise<boolean>;
  /** An endpoint's deliveries, newest first, each with its attempts in order. */
  listDeliveries(endpointId: string, options?: { limit?: number }): Promise<{ delivery: WebhookDeliveryRecord; attempts: WebhookAttemptRecord[] }[]>;
}

/** One row per skill of a credential's evidence, as ranking reads them; none when the credential did not verify. */
export function evidenceSkillRows(record: CredentialEvidenceRecord): (RankingSkillRow & { openingId: string; position: number; validUntilMs: number | null })[] {
  if (!record.verified) return [];
  const usable = record.problems.length === 0;
  return record.skills.map((skill) => ({
    openingId: record.openingId,
    applicationId: record.applicationId,
    position: record.position,
    skill: skill.id,
    level: levelRank(skill.level ?? 'foundation'),
    issuer: record.issuer ?? skill.issuer ?? null,
    validFromMs: timeOf(skill.validFrom),
    validUntilMs: timeOf(record.validUntil),
    usable,
  }));
}

/** Date.parse, or null for a missing or unreadable date. */
function timeOf(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : time;
}
