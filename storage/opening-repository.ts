import { desc, eq } from 'drizzle-orm';
import type { OpeningRepository } from '../core/marketplace-ports.ts';
import type { Db } from './db.ts';
import { openings } from './schema.ts';

export function createOpeningRepository(db: Db): OpeningRepository {
  return {
    async create(opening) {
      const inserted = await db.insert(openings).values(opening).onConflictDoNothing().returning({ id: openings.id });
      return inserted.length > 0;
    },
    async get(id) {
      const rows = await db.select().from(openings).where(eq(openings.id, id));
      return rows[0] ?? null;
    },
    listOpen: ({ limit = 200 } = {}) =>
      db.select().from(openings).where(eq(openings.status, 'open')).orderBy(desc(openings.createdAt), desc(openings.id)).limit(limit),
    async update(id, changes) {
      const [row] = Object.keys(changes).length === 0 ? await db.select().from(openings).where(eq(openings.id, id)) : await db.update(openings).set(changes).where(eq(openings.id, id)).returning();
      return row ?? null;
    },
  };
}
