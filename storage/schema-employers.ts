/**
 * Marketplace organisations' people and keys (issue 6 items 1, 2, 5; decision 0012): employer accounts and their
 * sessions, per-organisation API keys, organisation verification, and the shortlist/consent record that gates the
 * reveal of a candidate's identity. Secrets are stored only as SHA-256 (tokens) or scrypt (passwords).
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { ConsentStatus, EmployerRole, OrganisationScope, OrganisationVerification, RevealedCandidate } from '../core/marketplace-ports.ts';
import { applications, organisations } from './schema.ts';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Members of an organisation. The lockout counter is updated in single statements (as holders'). */
export const employers = pgTable(
  'employers',
  {
    id: text('id').primaryKey(),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').$type<EmployerRole>().notNull(),
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    lockedUntil: at('locked_until'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('employers_email_key').on(t.email),
    index('employers_organisation_idx').on(t.organisationId),
    check('employers_role_check', sql`${t.role} in ('owner', 'recruiter')`),
  ],
);

/** Short-lived employer session tokens, by SHA-256. */
export const employerSessions = pgTable(
  'employer_sessions',
  {
    id: text('id').primaryKey(),
    employerId: text('employer_id')
      .notNull()
      .references(() => employers.id),
    hash: text('hash').notNull(),
    expiresAt: at('expires_at').notNull(),
    createdAt: at('created_at').notNull(),
    revokedAt: at('revoked_at'),
  },
  (t) => [uniqueIndex('employer_sessions_hash_key').on(t.hash), index('employer_sessions_employer_idx').on(t.employerId)],
);

/** API keys an owner creates for their organisation: shown once, stored as SHA-256. */
export const organisationApiKeys = pgTable(
  'organisation_api_keys',
  {
    id: text('id').primaryKey(),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id),
    label: text('label').notNull(),
    hash: text('hash').notNull(),
    scopes: text('scopes').array().$type<OrganisationScope[]>().notNull(),
    createdBy: text('created_by'),
    createdAt: at('created_at').notNull(),
    revokedAt: at('revoked_at'),
  },
  (t) => [uniqueIndex('organisation_api_keys_hash_key').on(t.hash), index('organisation_api_keys_organisation_idx').on(t.organisationId)],
);

/** How an organisation proved who it is (did:web control or a credential from a trusted issuer); the latest wins. */
export const organisationVerifications = pgTable('organisation_verifications', {
  organisationId: text('organisation_id')
    .primaryKey()
    .references(() => organisations.id),
  verifiedBy: jsonb('verified_by').$type<OrganisationVerification['verifiedBy']>().notNull(),
  verifiedAt: at('verified_at').notNull(),
});

/** An employer shortlisted an application and asked to see who it is; the candidate consents (sharing `revealed`) or declines. */
export const shortlists = pgTable(
  'shortlists',
  {
    applicationId: text('application_id')
      .primaryKey()
      .references(() => applications.id),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id),
    shortlistedAt: at('shortlisted_at').notNull(),
    shortlistedBy: text('shortlisted_by').notNull(),
    consent: text('consent').$type<ConsentStatus>().notNull(),
    decidedAt: at('decided_at'),
    revealed: jsonb('revealed').$type<RevealedCandidate | null>(),
  },
  (t) => [check('shortlists_consent_check', sql`${t.consent} in ('pending', 'given', 'declined')`)],
);
