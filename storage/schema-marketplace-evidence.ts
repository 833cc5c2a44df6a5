/**
 * Marketplace evidence, re-checks and webhooks (docs/decisions/0011-marketplace-evidence-rechecks-webhooks.md).
 *
 * - application_evidence: per credential of an application, what the verifier said (digest, issuer, trust, status,
 *   dates, skills, the status list entries it depends on, when it was checked). Written only from verifier output.
 * - application_skills: the same evidence flattened to one row per (credential, skill) for ranking: the columns the
 *   scorer compares, indexed by (opening, skill) so ranking an opening reads only the skills its requirements can use.
 * - application_status_entries: which applications depend on which status list bit (a status change finds them).
 * - webhook_endpoints, webhook_deliveries (the persistent outbox), webhook_attempts (one row per POST tried).
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import type { VerifiedSkill } from '../core/verified-credential.ts';
import type { StatusEntryRef, WebhookDeliveryStatus } from '../core/marketplace-evidence-ports.ts';
import { applications, organisations } from './schema.ts';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const applicationEvidence = pgTable(
  'application_evidence',
  {
    applicationId: text('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    /** Position of the credential in the application (applications.credentials). */
    position: integer('position').notNull(),
    openingId: text('opening_id').notNull(),
    credentialId: text('credential_id'),
    /** SHA-256 (hex) of the secured credential (marketplace/match-receipt.ts securedDigest). */
    digest: text('digest').notNull(),
    /** false when the latest check did not verify it at all (then `problems` says why and it is not scored). */
    verified: boolean('verified').notNull(),
    issuer: text('issuer'),
    trusted: boolean('trusted').notNull(),
    revoked: boolean('revoked').notNull(),
    suspended: boolean('suspended').notNull(),
    validFrom: text('valid_from'),
    validUntil: text('valid_until'),
    skills: jsonb('skills').$type<VerifiedSkill[]>().notNull(),
    statusEntries: jsonb('status_entries').$type<StatusEntryRef[]>().notNull(),
    /** Why it does not count now (REVOKED, SUSPENDED, UNTRUSTED_ISSUER, or the verifier's problem codes); empty when usable. */
    problems: text('problems').array().notNull(),
    checkedAt: at('checked_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.applicationId, t.position] }),
    index('application_evidence_digest_idx').on(t.digest),
    index('application_evidence_opening_idx').on(t.openingId),
  ],
);

export const applicationSkills = pgTable(
  'application_skills',
  {
    openingId: text('opening_id').notNull(),
    applicationId: text('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    skill: text('skill').notNull(),
    /** levelRank of the attested level (a skill without a level counts as foundation, 0). */
    level: smallint('level').notNull(),
    /** The credential's issuer, else the skill's. */
    issuer: text('issuer'),
    /** Date.parse of the skill's validFrom; null when absent or unreadable (then it cannot show recency). */
    validFromMs: bigint('valid_from_ms', { mode: 'number' }),
    /** Date.parse of the credential's validUntil; past it the evidence no longer counts. */
    validUntilMs: bigint('valid_until_ms', { mode: 'number' }),
    /** Verified, trusted, neither revoked nor suspended at the last check. */
    usable: boolean('usable').notNull(),
  },
  (t) => [
    // Every column ranking reads, so ranking an opening is an index-only scan of just its relevant skills (the heap
    // holds every opening's rows with long URIs; the visibility map is kept by autovacuum).
    index('application_skills_ranking_idx').on(t.openingId, t.skill, t.applicationId, t.level, t.usable, t.validFromMs, t.validUntilMs, t.issuer),
    index('application_skills_application_idx').on(t.applicationId, t.position),
  ],
);

export const applicationStatusEntries = pgTable(
  'application_status_entries',
  {
    applicationId: text('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    statusListUrl: text('status_list_url').notNull(),
    statusIndex: integer('status_index').notNull(),
    purpose: text('purpose').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.applicationId, t.position, t.statusListUrl, t.statusIndex, t.purpose] }),
    index('application_status_entries_bit_idx').on(t.statusListUrl, t.statusIndex),
  ],
);

export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: text('id').primaryKey(),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id),
    url: text('url').notNull(),
    events: text('events').array().notNull(),
    /** Standard Webhooks secret (whsec_…) sealed under the KEK (crypto/webhook-signature.ts); shown to the organisation once. */
    secret: text('secret').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: at('created_at').notNull(),
  },
  (t) => [index('webhook_endpoints_organisation_idx').on(t.organisationId)],
);

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    /** The Standard Webhooks message id (webhook-id header): the same on every retry. */
    id: text('id').primaryKey(),
    endpointId: text('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    /** The exact JSON body sent (and signed) on every attempt. */
    body: text('body').notNull(),
    status: text('status').$type<WebhookDeliveryStatus>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** When the next attempt is due (pending), or until when a worker holds it (claimed). */
    nextAttemptAt: at('next_attempt_at').notNull(),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.createdAt),
    check('webhook_deliveries_status_check', sql`${t.status} in ('pending', 'delivered', 'failed')`),
  ],
);

export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    deliveryId: text('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    attemptedAt: at('attempted_at').notNull(),
    /** HTTP status of the answer; null when none came (refused address, timeout, connection error). */
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [primaryKey({ columns: [t.deliveryId, t.attempt] })],
);
