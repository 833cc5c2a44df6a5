import { eq } from 'drizzle-orm';
import { NotFoundError } from '../core/errors.ts';
import type { HolderRepository } from '../core/ports.ts';
import type { Db } from './db.ts';
import { countFailedSignIn } from './failed-sign-in-counts.ts';
import { holders } from './schema.ts';

export function createHolderRepository(db: Db): HolderRepository {
  const first = async <T>(rows: Promise<T[]>) => (await rows)[0] ?? null;
  return {
    async create(holder) {
      const inserted = await db.insert(holders).values(holder).onConflictDoNothing().returning({ id: holders.id });
      return inserted.length > 0;
    },
    getById: (id) => first(db.select().from(holders).where(eq(holders.id, id))),
    getByEmail: (email) => first(db.select().from(holders).where(eq(holders.email, email))),
    async recordFailedSignIn(id, lock) {
      const [row] = await db
        .update(holders)
        .set(countFailedSignIn(holders, lock))
        .where(eq(holders.id, id))
        .returning();
      if (!row) throw new NotFoundError(`No holder "${id}".`);
      return row;
    },
    async clearFailedSignIns(id) {
      await db.update(holders).set({ failedSignIns: 0, lockedUntil: null }).where(eq(holders.id, id));
    },
  };
}
