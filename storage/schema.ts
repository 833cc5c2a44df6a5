/**
 * The database schema (DESIGN.md §4). Migrations under storage/migrations/ are generated from this file with
 * `npm run db:generate` and committed; never edit a generated migration by hand.
 *
 * The constraints here carry correctness that several server processes rely on: unique slugs and DIDs, one
 * credential per (issuer, idempotency key), one owner per status-list index, one active key per (issuer, purpose,
 * algorithm). Everything must stay valid SQL for PostgreSQL 15 (PGlite is newer).
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { KeyAlgorithm, KeyPurpose } from '../core/keys.ts';
import type { OpeningStatus, OrganisationKind, RemotePolicy, Requirement } from '../core/marketplace-ports.ts';
import type {
  CredentialFormat,
  DidMethod,
  Scope,
  ShareAccessOutcome,
  StatusPurpose,
  TrustScope,
  WalletCredentialRecord,
  WalletCredentialStatus,
} from '../core/ports.ts';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull();

export const issuers = pgTable(
  'issuers',
  {
    id: text('id').primaryKey(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    did: text('did').notNull(),
    didMethod: text('did_method').$type<DidMethod>().notNull(),
    profile: jsonb('profile').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('issuers_slug_key').on(t.slug), uniqueIndex('issuers_did_key').on(t.did)],
);

export const keys = pgTable(
  'keys',
  {
    id: text('id').primaryKey(),
    issuerId: text('issuer_id')
      .notNull()
      .references(() => issuers.id),
    purpose: text('purpose').$type<KeyPurpose>().notNull(),
    algorithm: text('algorithm').$type<KeyAlgorithm>().notNull(),
    publicKeyMultibase: text('public_key_multibase').notNull(),
    encryptedSecretKey: text('encrypted_secret_key').notNull(),
    status: text('status').$type<'active' | 'retired'>().notNull(),
    createdAt: createdAt(),
    retiredAt: timestamp('retired_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('keys_issuer_idx').on(t.issuerId),
    // Rotation retires the old key and inserts the new one in one transaction; two active keys is a bug.
    uniqueIndex('keys_one_active_key')
      .on(t.issuerId, t.purpose, t.algorithm)
      .where(sql`${t.status} = 'active'`),
    check('keys_status_check', sql`${t.status} in ('active', 'retired')`),
  ],
);

export const achievements = pgTable(
  'achievements',
  {
    id: text('id').primaryKey(),
    slug: text('slug').notNull(),
    issuerId: text('issuer_id')
      .notNull()
      .references(() => issuers.id),
    body: jsonb('body').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('achievements_slug_key').on(t.slug), index('achievements_issuer_idx').on(t.issuerId)],
);

export const statusLists = pgTable(
  'status_lists',
  {
    id: text('id').primaryKey(),
    issuerId: text('issuer_id')
      .notNull()
      .references(() => issuers.id),
    purpose: text('purpose').$type<StatusPurpose>().notNull(),
    length: integer('length').notNull(),
    allocated: integer('allocated').notNull().default(0),
    version: integer('version').notNull().default(0),
    signed: text('signed'),
    signedVersion: integer('signed_version'),
    createdAt: createdAt(),
  },
  (t) => [
    index('status_lists_open_idx').on(t.issuerId, t.purpose),
    check('status_lists_allocated_check', sql`${t.allocated} >= 0 and ${t.allocated} <= ${t.length}`),
  ],
);

export const statusEntries = pgTable(
  'status_entries',
  {
    listId: text('list_id')
      .notNull()
      .references(() => statusLists.id),
    idx: integer('idx').notNull(),
    // No foreign key: the index is allocated before the credential row that records it is inserted.
    credentialId: text('credential_id').notNull(),
    set: boolean('set').notNull().default(false),
  },
  (t) => [
    // The primary key is what makes an index belong to at most one credential, across processes.
    primaryKey({ name: 'status_entries_pkey', columns: [t.listId, t.idx] }),
    index('status_entries_set_idx').on(t.listId, t.idx).where(sql`${t.set}`),
    check('status_entries_idx_check', sql`${t.idx} >= 0`),
  ],
);

export const credentials = pgTable(
  'credentials',
  {
    id: text('id').primaryKey(),
    issuerId: text('issuer_id')
      .notNull()
      .references(() => issuers.id),
    // No foreign key: VC-API issuance may name an achievement that is not in our catalog.
    achievementId: text('achievement_id'),
    format: text('format').$type<CredentialFormat>().notNull(),
    secured: text('secured').notNull(),
    digest: text('digest').notNull(),
    recipient: text('recipient'),
    idempotencyKey: text('idempotency_key'),
    requestHash: text('request_hash'),
    revocationListId: text('revocation_list_id')
      .notNull()
      .references(() => statusLists.id),
    revocationIndex: integer('revocation_index').notNull(),
    suspensionListId: text('suspension_list_id')
      .notNull()
      .references(() => statusLists.id),
    suspensionIndex: integer('suspension_index').notNull(),
    validFrom: timestamp('valid_from', { withTimezone: true, mode: 'date' }).notNull(),
    validUntil: timestamp('valid_until', { withTimezone: true, mode: 'date' }),
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    suspended: boolean('suspended').notNull().default(false),
  },
  (t) => [
    uniqueIndex('credentials_idempotency_key')
      .on(t.issuerId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    index('credentials_issuer_idx').on(t.issuerId),
    index('credentials_recipient_idx').on(t.recipient),
  ],
);

export const tokens = pgTable(
  'tokens',
  {
    id: text('id').primaryKey(),
    label: text('label').notNull(),
    hash: text('hash').notNull(),
    scopes: text('scopes').array().$type<Scope[]>().notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('tokens_hash_key').on(t.hash)],
);

/** Small server-wide JSON values, one row per key (see SettingsRepository). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
});

/** Raw bytes (leaves, hashes): bytea, read back as a Uint8Array whichever driver answers. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
  fromDriver: (value) => new Uint8Array(value),
});

/**
 * Transparency log leaves (log/log-entry.ts), gap-free from 0: one sequencer appends index = count under an advisory
 * lock held until commit. `credential_digest` is set on issuance leaves only, so one credential has one issuance.
 */
export const logEntries = pgTable(
  'log_entries',
  {
    idx: bigint('idx', { mode: 'number' }).primaryKey(),
    leaf: bytea('leaf').notNull(),
    leafHash: bytea('leaf_hash').notNull(),
    credentialDigest: text('credential_digest'),
    createdAt: createdAt(),
  },
  (t) => [
    index('log_entries_leaf_hash_idx').on(t.leafHash),
    uniqueIndex('log_entries_issuance_digest_key').on(t.credentialDigest).where(sql`${t.credentialDigest} is not null`),
    check('log_entries_idx_check', sql`${t.idx} >= 0`),
  ],
);

/** Hashes of the perfect subtrees (2^level leaves from leaf idx * 2^level) that appends complete: proofs read these. */
export const logSubtrees = pgTable(
  'log_subtrees',
  {
    level: integer('level').notNull(),
    idx: bigint('idx', { mode: 'number' }).notNull(),
    hash: bytea('hash').notNull(),
  },
  (t) => [
    primaryKey({ name: 'log_subtrees_pkey', columns: [t.level, t.idx] }),
    check('log_subtrees_level_check', sql`${t.level} >= 0 and ${t.level} < 64`),
  ],
);

/** Signed checkpoints (C2SP signed notes), one per tree size: a log never signs two roots for one size. */
export const logCheckpoints = pgTable('log_checkpoints', {
  size: bigint('size', { mode: 'number' }).primaryKey(),
  root: bytea('root').notNull(),
  note: text('note').notNull(),
  createdAt: createdAt(),
});

/**
 * Single-use presentation challenges (VC-API createChallenge). Consumption is one conditional UPDATE
 * (consumed_at is null and expires_at > now), so one challenge is accepted once across processes.
 */
export const challenges = pgTable(
  'challenges',
  {
    challenge: text('challenge').primaryKey(),
    domain: text('domain'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('challenges_expires_idx').on(t.expiresAt)],
);

/** The trusted-issuer registry: issuer DID → what it may attest (null scope: anything). */
export const trustedIssuers = pgTable('trusted_issuers', {
  did: text('did').primaryKey(),
  name: text('name').notNull(),
  scope: jsonb('scope').$type<TrustScope | null>(),
  addedAt: timestamp('added_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** Wallet holders (wallet-api/): learners' accounts. The lockout counter is updated in single statements. */
export const holders = pgTable(
  'holders',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('holders_email_key').on(t.email)],
);

/** Holders' did:keys; secrets sealed under the KEK. One active key per holder, retired ones kept. */
export const holderKeys = pgTable(
  'holder_keys',
  {
    id: text('id').primaryKey(),
    holderId: text('holder_id')
      .notNull()
      .references(() => holders.id),
    did: text('did').notNull(),
    algorithm: text('algorithm').$type<KeyAlgorithm>().notNull(),
    publicKeyMultibase: text('public_key_multibase').notNull(),
    encryptedSecretKey: text('encrypted_secret_key').notNull(),
    status: text('status').$type<'active' | 'retired'>().notNull(),
    createdAt: createdAt(),
    retiredAt: timestamp('retired_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('holder_keys_holder_idx').on(t.holderId),
    uniqueIndex('holder_keys_one_active_key').on(t.holderId).where(sql`${t.status} = 'active'`),
    check('holder_keys_status_check', sql`${t.status} in ('active', 'retired')`),
  ],
);

/** Access/refresh token pairs, by SHA-256 of each token. Rotation is one conditional UPDATE (one winner). */
export const holderSessions = pgTable(
  'holder_sessions',
  {
    id: text('id').primaryKey(),
    familyId: text('family_id').notNull(),
    holderId: text('holder_id')
      .notNull()
      .references(() => holders.id),
    accessHash: text('access_hash').notNull(),
    accessExpiresAt: timestamp('access_expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    refreshHash: text('refresh_hash').notNull(),
    refreshExpiresAt: timestamp('refresh_expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: createdAt(),
    rotatedAt: timestamp('rotated_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('holder_sessions_access_hash_key').on(t.accessHash),
    uniqueIndex('holder_sessions_refresh_hash_key').on(t.refreshHash),
    index('holder_sessions_family_idx').on(t.familyId),
  ],
);

/** Credentials holders keep: exact bytes plus the fields the wallet filters on. One copy of given bytes per holder. */
export const walletCredentials = pgTable(
  'wallet_credentials',
  {
    id: text('id').primaryKey(),
    holderId: text('holder_id')
      .notNull()
      .references(() => holders.id),
    source: text('source').$type<WalletCredentialRecord['source']>().notNull(),
    format: text('format').$type<WalletCredentialRecord['format']>().notNull(),
    secured: text('secured').notNull(),
    digest: text('digest').notNull(),
    credentialId: text('credential_id'),
    issuer: text('issuer'),
    achievementId: text('achievement_id'),
    name: text('name'),
    skills: text('skills').array().notNull(),
    validUntil: timestamp('valid_until', { withTimezone: true, mode: 'date' }),
    status: text('status').$type<WalletCredentialStatus>().notNull(),
    verification: jsonb('verification').$type<Record<string, unknown>>().notNull(),
    checkedAt: timestamp('checked_at', { withTimezone: true, mode: 'date' }).notNull(),
    addedAt: timestamp('added_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('wallet_credentials_holder_digest_key').on(t.holderId, t.digest),
    index('wallet_credentials_holder_added_idx').on(t.holderId, t.addedAt),
  ],
);

/** Share links: the token by SHA-256 only; views counted by one conditional UPDATE (maxViews holds under concurrency). */
export const walletShares = pgTable(
  'wallet_shares',
  {
    id: text('id').primaryKey(),
    holderId: text('holder_id')
      .notNull()
      .references(() => holders.id),
    tokenHash: text('token_hash').notNull(),
    credentialIds: text('credential_ids').array().notNull(),
    audience: text('audience'),
    maxViews: integer('max_views'),
    views: integer('views').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('wallet_shares_token_hash_key').on(t.tokenHash),
    index('wallet_shares_holder_created_idx').on(t.holderId, t.createdAt),
    check('wallet_shares_max_views_check', sql`${t.maxViews} is null or ${t.maxViews} > 0`),
  ],
);

/** Every access to a share link: time, the audience given, a SHA-256 of the user agent. No IP address. */
export const walletShareAccesses = pgTable(
  'wallet_share_accesses',
  {
    id: text('id').primaryKey(),
    shareId: text('share_id')
      .notNull()
      .references(() => walletShares.id),
    accessedAt: timestamp('accessed_at', { withTimezone: true, mode: 'date' }).notNull(),
    audience: text('audience'),
    userAgentHash: text('user_agent_hash'),
    outcome: text('outcome').$type<ShareAccessOutcome>().notNull(),
  },
  (t) => [index('wallet_share_accesses_share_idx').on(t.shareId, t.accessedAt)],
);

/** Marketplace organisations (employers of every size). */
export const organisations = pgTable(
  'organisations',
  {
    id: text('id').primaryKey(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    kind: text('kind').$type<OrganisationKind>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('organisations_slug_key').on(t.slug),
    check('organisations_kind_check', sql`${t.kind} in ('company', 'sme', 'public-body', 'nonprofit')`),
  ],
);

/** Job openings: skill requirements as jsonb (marketplace/ validates them), accepted issuer DIDs. */
export const openings = pgTable(
  'openings',
  {
    id: text('id').primaryKey(),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id),
    title: text('title').notNull(),
    description: text('description').notNull(),
    location: text('location').notNull(),
    remote: text('remote').$type<RemotePolicy>().notNull(),
    employmentType: text('employment_type'),
    requirements: jsonb('requirements').$type<Requirement[]>().notNull(),
    acceptedIssuers: text('accepted_issuers').array().notNull(),
    status: text('status').$type<OpeningStatus>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('openings_status_created_idx').on(t.status, t.createdAt), index('openings_organisation_idx').on(t.organisationId)],
);

/** Applications: the credentials accepted at application time (re-verified on evaluation) and the presenter's DID. */
export const applications = pgTable(
  'applications',
  {
    id: text('id').primaryKey(),
    openingId: text('opening_id')
      .notNull()
      .references(() => openings.id),
    holder: text('holder').notNull(),
    credentials: jsonb('credentials').$type<unknown[]>().notNull(),
    verification: jsonb('verification').$type<Record<string, unknown>>().notNull(),
    flagged: boolean('flagged').notNull().default(false),
    flags: text('flags').array().notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }).notNull(),
    checkedAt: timestamp('checked_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('applications_opening_idx').on(t.openingId, t.submittedAt)],
);
