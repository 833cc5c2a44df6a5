import { eq, sql } from 'drizzle-orm';
import type { OrganisationRepository } from '../core/marketplace-ports.ts';
import type { Db } from './db.ts';
import { organisationVerifications } from './schema-employers.ts';
import { organisations } from './schema.ts';

export function createOrganisationRepository(db: Db): OrganisationRepository {
  return {
    async create(organisation) {
      const inserted = await db.insert(organisations).values(organisation).onConflictDoNothing().returning({ id: organisations.id });
      return inserted.length > 0;
    },
    async getById(id) {
      const rows = await db.select().from(organisations).where(eq(organisations.id, id));
      return rows[0] ?? null;
    },
    async getBySlug(slug) {
      const rows = await db.select().from(organisations).where(eq(organisations.slug, slug));
      return rows[0] ?? null;
    },
    async verifiedByCredentialDigest(digest) {
      // No index on the digest (no migration): a scan of organisation_verifications, one row per organisation.
      const rows = await db
        .select({ organisationId: organisationVerifications.organisationId })
        .from(organisationVerifications)
        .where(sql`${organisationVerifications.verifiedBy}->>'credentialDigest' = ${digest}`);
      return rows.map((r) => r.organisationId);
    },
  };
}
