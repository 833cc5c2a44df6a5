import { desc, eq, inArray } from 'drizzle-orm';
import type { RevealRepository } from '../core/marketplace-ports.ts';
import type { Db } from './db.ts';
import { applications } from './schema.ts';
import { shortlists } from './schema-employers.ts';

export function createRevealRepository(db: Db): RevealRepository {
  return {
    async getApplication(id) {
      const [row] = await db.select().from(applications).where(eq(applications.id, id));
      return row ?? null;
    },
    async listByHolders(dids) {
      if (dids.length === 0) return [];
      const rows = await db
        .select({ application: applications, shortlist: shortlists })
        .from(applications)
        .leftJoin(shortlists, eq(shortlists.applicationId, applications.id))
        .where(inArray(applications.holder, [...dids]))
        .orderBy(desc(applications.submittedAt), desc(applications.id));
      return rows;
    },
    async shortlist(record) {
      await db.insert(shortlists).values(record).onConflictDoNothing();
      const [row] = await db.select().from(shortlists).where(eq(shortlists.applicationId, record.applicationId));
      return row ?? record;
    },
    async get(applicationId) {
      const [row] = await db.select().from(shortlists).where(eq(shortlists.applicationId, applicationId));
      return row ?? null;
    },
    listByOpening: (openingId) =>
      db
        .select({ shortlist: shortlists })
        .from(shortlists)
        .innerJoin(applications, eq(applications.id, shortlists.applicationId))
        .where(eq(applications.openingId, openingId))
        .then((rows) => rows.map((r) => r.shortlist)),
    async decide(applicationId, { consent, revealed, at }) {
      const [row] = await db
        .update(shortlists)
        .set({ consent, revealed, decidedAt: at })
        .where(eq(shortlists.applicationId, applicationId))
        .returning();
      return row ?? null;
    },
  };
}
