import { asc, count, eq } from 'drizzle-orm';
import type { AchievementRecord, AchievementRepository } from '../core/ports.ts';
import type { Db } from './db.ts';
import { achievements } from './schema.ts';

export function createAchievementRepository(db: Db): AchievementRepository {
  const first = async (rows: Promise<AchievementRecord[]>) => (await rows)[0] ?? null;
  return {
    async create(achievement) {
      // No conflict target: a clash on the id or on the slug both mean "exists already".
      const inserted = await db
        .insert(achievements)
        .values(achievement)
        .onConflictDoNothing()
        .returning({ id: achievements.id });
      return inserted.length > 0;
    },
    getById: (id) => first(db.select().from(achievements).where(eq(achievements.id, id))),
    getBySlug: (slug) => first(db.select().from(achievements).where(eq(achievements.slug, slug))),
    list: (filter = {}) =>
      db
        .select()
        .from(achievements)
        .where(filter.issuerId === undefined ? undefined : eq(achievements.issuerId, filter.issuerId))
        .orderBy(asc(achievements.createdAt), asc(achievements.id)),
    async count() {
      const [row] = await db.select({ n: count() }).from(achievements);
      return row?.n ?? 0;
    },
  };
}
