import { and, asc, eq } from 'drizzle-orm';
import { ConflictError, NotFoundError } from '../core/errors.ts';
import type { HolderKeyRepository } from '../core/ports.ts';
import type { Db } from './db.ts';
import { holderKeys } from './schema.ts';

export function createHolderKeyRepository(db: Db): HolderKeyRepository {
  return {
    async insert(key) {
      // Both unique constraints (id, one active key per holder) answer through ON CONFLICT: the transaction stays usable.
      const inserted = await db.insert(holderKeys).values(key).onConflictDoNothing().returning({ id: holderKeys.id });
      if (inserted.length === 0) throw new ConflictError('This key exists already, or the holder has an active key.');
    },
    async getActive(holderId) {
      const [row] = await db
        .select()
        .from(holderKeys)
        .where(and(eq(holderKeys.holderId, holderId), eq(holderKeys.status, 'active')));
      return row ?? null;
    },
    listByHolder: (holderId) =>
      db.select().from(holderKeys).where(eq(holderKeys.holderId, holderId)).orderBy(asc(holderKeys.createdAt), asc(holderKeys.id)),
    async retire(id, at) {
      const updated = await db
        .update(holderKeys)
        .set({ status: 'retired', retiredAt: at })
        .where(and(eq(holderKeys.id, id), eq(holderKeys.status, 'active')))
        .returning({ id: holderKeys.id });
      if (updated.length === 0) throw new NotFoundError(`No active holder key "${id}".`);
    },
  };
}
