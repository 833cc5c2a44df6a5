import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { ROLE_SCOPES, type OrganisationApiKeyRepository } from '../core/marketplace-ports.ts';
import type { Db } from './db.ts';
import { employerSessions, employers, organisationApiKeys } from './schema-employers.ts';

export function createOrganisationApiKeyRepository(db: Db): OrganisationApiKeyRepository {
  return {
    async insert(key) {
      await db.insert(organisationApiKeys).values(key);
    },
    listByOrganisation: (organisationId) =>
      db.select().from(organisationApiKeys).where(eq(organisationApiKeys.organisationId, organisationId)).orderBy(asc(organisationApiKeys.createdAt), asc(organisationApiKeys.id)),
    async revoke(organisationId, id, at) {
      const where = and(eq(organisationApiKeys.organisationId, organisationId), eq(organisationApiKeys.id, id));
      await db.update(organisationApiKeys).set({ revokedAt: at }).where(and(where, isNull(organisationApiKeys.revokedAt)));
      return (await db.select({ id: organisationApiKeys.id }).from(organisationApiKeys).where(where)).length > 0;
    },
    async findCredential(hash, now) {
      const [key] = await db.select().from(organisationApiKeys).where(and(eq(organisationApiKeys.hash, hash), isNull(organisationApiKeys.revokedAt)));
      if (key) return { organisationId: key.organisationId, scopes: key.scopes, kind: 'api-key', id: key.id, employerId: null, role: null, label: key.label };
      const [session] = await db
        .select({ id: employerSessions.id, employerId: employers.id, organisationId: employers.organisationId, role: employers.role, email: employers.email })
        .from(employerSessions)
        .innerJoin(employers, eq(employers.id, employerSessions.employerId))
        .where(and(eq(employerSessions.hash, hash), isNull(employerSessions.revokedAt), gt(employerSessions.expiresAt, now)));
      if (!session) return null;
      // A session's scopes follow the member's current role, so a role change takes effect at once.
      return { organisationId: session.organisationId, scopes: [...ROLE_SCOPES[session.role]], kind: 'session', id: session.id, employerId: session.employerId, role: session.role, label: session.email };
    },
  };
}
