import { eq } from 'drizzle-orm';
import type { OrganisationVerificationRepository } from '../core/marketplace-ports.ts';
import type { Db } from './db.ts';
import { organisationVerifications } from './schema-employers.ts';

export function createOrganisationVerificationRepository(db: Db): OrganisationVerificationRepository {
  return {
    async put(organisationId, { verifiedBy, verifiedAt }) {
      await db
        .insert(organisationVerifications)
        .values({ organisationId, verifiedBy, verifiedAt })
        .onConflictDoUpdate({ target: organisationVerifications.organisationId, set: { verifiedBy, verifiedAt } });
    },
    async get(organisationId) {
      const [row] = await db.select().from(organisationVerifications).where(eq(organisationVerifications.organisationId, organisationId));
      return row ? { verified: true, verifiedBy: row.verifiedBy, verifiedAt: row.verifiedAt } : null;
    },
  };
}
