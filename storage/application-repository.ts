import { asc, eq } from 'drizzle-orm';
import type { ApplicationRepository } from '../core/marketplace-ports.ts';
import type { Db } from './db.ts';
import { applications } from './schema.ts';

export function createApplicationRepository(db: Db): ApplicationRepository {
  return {
    async insert(application) {
      await db.insert(applications).values(application);
    },
    listByOpening: (openingId) =>
      db.select().from(applications).where(eq(applications.openingId, openingId)).orderBy(asc(applications.submittedAt), asc(applications.id)),
    async updateCheck(id, check) {
      const updated = await db.update(applications).set(check).where(eq(applications.id, id)).returning({ id: applications.id });
      return updated.length > 0;
    },
  };
}
