import { and, asc, eq } from 'drizzle-orm';
import { ConflictError, NotFoundError } from '../core/errors.ts';
import type { KeyRepository } from '../core/ports.ts';
import type { Db } from './db.ts';
import { keys } from './schema.ts';

export function createKeyRepository(db: Db): KeyRepository {
  return {
    async insert(key) {
      const inserted = await db.insert(keys).values(key).onConflictDoNothing().returning({ id: keys.id });
      if (inserted.length === 0) {
        throw new ConflictError(
          'A key with this id exists already, or the issuer has an active key of this purpose and algorithm: ' +
            'retire that one first.',
        );
      }
    },
    listByIssuer: (issuerId) =>
      db.select().from(keys).where(eq(keys.issuerId, issuerId)).orderBy(asc(keys.createdAt), asc(keys.id)),
    async getActive(issuerId, purpose, algorithm) {
      const rows = await db
        .select()
        .from(keys)
        .where(
          and(
            eq(keys.issuerId, issuerId),
            eq(keys.purpose, purpose),
            eq(keys.algorithm, algorithm),
            eq(keys.status, 'active'),
          ),
        );
      return rows[0] ?? null;
    },
    async retire(id, at) {
      const retired = await db
        .update(keys)
        .set({ status: 'retired', retiredAt: at })
        .where(and(eq(keys.id, id), eq(keys.status, 'active')))
        .returning({ id: keys.id });
      if (retired.length > 0) return;
      // Retiring a retired key is a no-op; retiring an unknown one is a mistake worth reporting.
      const existing = await db.select({ id: keys.id }).from(keys).where(eq(keys.id, id));
      if (existing.length === 0) throw new NotFoundError(`No key with id "${id}".`);
    },
  };
}
