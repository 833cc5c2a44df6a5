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
}

export interface OpeningRepository {
  /** Inserts; false (and nothing changed) when the id exists already. */
  create(opening: OpeningRecord): Promise<boolean>;
  get(id: string): Promise<OpeningRecord | null>;
  /** Open openings, newest first. */
  listOpen(options?: { limit?: number }): Promise<OpeningRecord[]>;
}

export interface ApplicationRepository {
  insert(application: ApplicationRecord): Promise<void>;
  /** Oldest first. */
  listByOpening(openingId: string): Promise<ApplicationRecord[]>;
  /** Records a re-check; false when there is no such application. */
  updateCheck(id: string, check: Pick<ApplicationRecord, 'flagged' | 'flags' | 'checkedAt'>): Promise<boolean>;
}
