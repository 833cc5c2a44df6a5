/**
 * Marketplace ports (DESIGN.md §4): organisations, their openings, and applications. Records only; `storage/`
 * implements the repositories, `marketplace/` receives them through `Store`.
 */
import type { SkillLevel } from './open-badges.ts';

export type OrganisationKind = 'company' | 'sme' | 'public-body' | 'nonprofit';
export const ORGANISATION_KINDS: readonly OrganisationKind[] = ['company', 'sme', 'public-body', 'nonprofit'];

export interface OrganisationRecord {
  id: string;
  /** URL-safe, unique. */
  slug: string;
  name: string;
  kind: OrganisationKind;
  createdAt: Date;
}

/** One skill requirement of an opening. */
export interface Requirement {
  /** Skill URI (Academy framework, ESCO, O*NET...). */
  skill: string;
  minLevel: SkillLevel;
  /** Unmet required requirement → not eligible; unmet preferred one → fewer points. */
  required: boolean;
  /** Positive. */
  weight: number;
  /** Evidence older than this (from the credential's validFrom) does not count. */
  maxAgeMonths?: number;
}

export type RemotePolicy = 'on-site' | 'hybrid' | 'remote';
export type OpeningStatus = 'open' | 'closed';

export interface OpeningRecord {
  /** URL-safe: `/jobs/{id}`. */
  id: string;
  organisationId: string;
  title: string;
  description: string;
  location: string;
  remote: RemotePolicy;
  employmentType: string | null;
  requirements: Requirement[];
  /** Issuer DIDs accepted for this opening; empty: any issuer the trust registry trusts. */
  acceptedIssuers: string[];
  status: OpeningStatus;
  createdAt: Date;
}

export interface ApplicationRecord {
  /** Random uuid: the pseudonym employers see. */
  id: string;
  openingId: string;
  /** The presenter's DID: never shown to the employer before consent (blind review). */
  holder: string;
  /** The secured credentials accepted at application time, as presented: re-verified on every evaluation. */
  credentials: unknown[];
  /** What the verifier said at application time, per credential (no credential bodies). */
  verification: Record<string, unknown>;
  /** Set when a credential relied on no longer verifies (revoked, suspended, expired, untrusted). */
  flagged: boolean;
  flags: string[];
  submittedAt: Date;
  checkedAt: Date;
}

export interface OrganisationRepository {
  /** Inserts; false (and nothing changed) when the id or slug exists already. */
  create(organisation: OrganisationRecord): Promise<boolean>;
  getById(id: string): Promise<OrganisationRecord | null>;
  getBySlug(slug: string): Promise<OrganisationRecord | null>;
  /**
   * The organisations whose stored verification is by the credential of this SHA-256 digest (decision 0012: one
   * credential verifies one organisation). Reads `verified_by->>'credentialDigest'` over the existing rows (no index).
   */
  verifiedByCredentialDigest(digest: string): Promise<string[]>;
}

export interface OpeningRepository {
  /** Inserts; false (and nothing changed) when the id exists already. */
  create(opening: OpeningRecord): Promise<boolean>;
  get(id: string): Promise<OpeningRecord | null>;
  /** Open openings, newest first. */
  listOpen(options?: { limit?: number }): Promise<OpeningRecord[]>;
  /** Changes the descriptive fields and the status (never the requirements); the updated record, or null. */
  update(id: string, changes: Partial<Pick<OpeningRecord, 'title' | 'description' | 'location' | 'remote' | 'employmentType' | 'status'>>): Promise<OpeningRecord | null>;
}

export interface ApplicationRepository {
  insert(application: ApplicationRecord): Promise<void>;
  /** Oldest first. */
  listByOpening(openingId: string): Promise<ApplicationRecord[]>;
  /** Records a re-check; false when there is no such application. */
  updateCheck(id: string, check: Pick<ApplicationRecord, 'flagged' | 'flags' | 'checkedAt'>): Promise<boolean>;
}

/* Employers, organisation API keys, verification and consent-gated reveal (decision 0012). */

export type EmployerRole = 'owner' | 'recruiter';
/**
 * What an organisation's credentials (employer sessions, API keys) may do, always within that organisation only.
 * `org:admin` (members, API keys, verification) belongs to owners' sessions and is never given to an API key.
 */
export type OrganisationScope = 'jobs:write' | 'applications:read' | 'applications:write' | 'match' | 'org:admin';
export const API_KEY_SCOPES: readonly OrganisationScope[] = ['jobs:write', 'applications:read', 'applications:write', 'match'];
export const ROLE_SCOPES: Readonly<Record<EmployerRole, readonly OrganisationScope[]>> = {
  owner: ['jobs:write', 'applications:read', 'applications:write', 'match', 'org:admin'],
  recruiter: ['jobs:write', 'applications:read', 'applications:write', 'match'],
};

export interface EmployerRecord {
  id: string;
  organisationId: string;
  /** Normalised (trimmed, lower case); unique across organisations. */
  email: string;
  passwordHash: string;
  role: EmployerRole;
  failedSignIns: number;
  lockedUntil: Date | null;
  createdAt: Date;
}

export interface EmployerSessionRecord {
  id: string;
  employerId: string;
  /** SHA-256 of the session token. */
  hash: string;
  expiresAt: Date;
  createdAt: Date;
  revokedAt: Date | null;
}

export interface OrganisationApiKeyRecord {
  id: string;
  organisationId: string;
  label: string;
  /** SHA-256 of the key; the key itself is shown once. */
  hash: string;
  scopes: OrganisationScope[];
  /** The employer who created it; null for the platform admin. */
  createdBy: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

/** Who may act for an organisation, as found from a bearer token's hash. */
export interface OrganisationCredential {
  organisationId: string;
  scopes: OrganisationScope[];
  /** `session`: an employer's sign-in; `api-key`: a key the organisation created. */
  kind: 'session' | 'api-key';
  id: string;
  employerId: string | null;
  role: EmployerRole | null;
  label: string;
}

export interface EmployerRepository {
  /** Inserts; false when the email is taken. */
  create(employer: EmployerRecord): Promise<boolean>;
  getByEmail(email: string): Promise<EmployerRecord | null>;
  listByOrganisation(organisationId: string): Promise<EmployerRecord[]>;
  /** One statement: counts a failure and, at `maxFailures`, locks until `lockUntil` (and resets the count). */
  recordFailedSignIn(id: string, options: { now: Date; maxFailures: number; lockUntil: Date }): Promise<Pick<EmployerRecord, 'failedSignIns' | 'lockedUntil'>>;
  clearFailedSignIns(id: string): Promise<void>;
  insertSession(session: EmployerSessionRecord): Promise<void>;
  revokeSession(hash: string, at: Date): Promise<void>;
  /** Deletes sessions that expired before `before`; returns how many. */
  purgeExpiredSessions(before: Date): Promise<number>;
  /** Removes a member of the organisation and every session of theirs; false when the organisation has no such member. */
  remove(organisationId: string, employerId: string): Promise<boolean>;
}

export interface OrganisationApiKeyRepository {
  insert(key: OrganisationApiKeyRecord): Promise<void>;
  listByOrganisation(organisationId: string): Promise<OrganisationApiKeyRecord[]>;
  /** False when the organisation has no such key; revoking twice keeps the first time. */
  revoke(organisationId: string, id: string, at: Date): Promise<boolean>;
  /** An unrevoked API key or an unexpired, unrevoked employer session with this token hash. */
  findCredential(hash: string, now: Date): Promise<OrganisationCredential | null>;
}

export interface OrganisationVerification {
  verified: true;
  verifiedBy:
    | { method: 'did:web'; did: string; verificationMethod: string | null }
    | { method: 'credential'; issuer: string; credentialId: string | null; credentialDigest: string };
  verifiedAt: Date;
}

export interface OrganisationVerificationRepository {
  put(organisationId: string, verification: OrganisationVerification): Promise<void>;
  get(organisationId: string): Promise<OrganisationVerification | null>;
}

export type ConsentStatus = 'pending' | 'given' | 'declined';

/** What a candidate chose to show an employer on consent: always the DID, contact details only if they gave them. */
export interface RevealedCandidate {
  did: string;
  name?: string;
  email?: string;
  phone?: string;
}

export interface ShortlistRecord {
  applicationId: string;
  organisationId: string;
  shortlistedAt: Date;
  /** Employer id or API key id. */
  shortlistedBy: string;
  consent: ConsentStatus;
  decidedAt: Date | null;
  revealed: RevealedCandidate | null;
}

export interface RevealRepository {
  /** The application, or null. */
  getApplication(id: string): Promise<ApplicationRecord | null>;
  /** The holder's applications (any of their DIDs), newest first, with the shortlist when there is one. */
  listByHolders(dids: readonly string[]): Promise<{ application: ApplicationRecord; shortlist: ShortlistRecord | null }[]>;
  /** Inserts a pending shortlist; an existing one is returned unchanged. */
  shortlist(record: ShortlistRecord): Promise<ShortlistRecord>;
  get(applicationId: string): Promise<ShortlistRecord | null>;
  /** The shortlists of an opening's applications. */
  listByOpening(openingId: string): Promise<ShortlistRecord[]>;
  /** Records the candidate's answer; null when not shortlisted. */
  decide(applicationId: string, decision: { consent: 'given' | 'declined'; revealed: RevealedCandidate | null; at: Date }): Promise<ShortlistRecord | null>;
}
