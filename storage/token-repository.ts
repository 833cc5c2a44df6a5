import { and, asc, eq, isNull } from 'drizzle-orm';
import { ConflictError, NotFoundError } from '../core/errors.ts';
import type { TokenRepository } from '../core/ports.ts';
import type { Db } from './db.ts';
import { tokens } from './schema.ts';

export function createTokenRepository(db: Db): TokenRepository {
  return {
    async insert(token) {
      const inserted = await db.insert(tokens).values(token).onConflictDoNothing().returning({ id: tokens.id });
      if (inserted.length === 0) throw new ConflictError('A token with this id or hash exists already.');
    },
    async findByHash(hash) {
      const rows = await db.select().from(tokens).where(eq(tokens.hash, hash));
      return rows[0] ?? null;
    },
    list: () => db.select().from(tokens).orderBy(asc(tokens.createdAt), asc(tokens.id)),
    async revoke(id, at) {
      const revoked = await db
        .update(tokens)
        .set({ revokedAt: at })
        .where(and(eq(tokens.id, id), isNull(tokens.revokedAt)))
        .returning({ id: tokens.id });
      if (revoked.length > 0) return;
      // Revoking twice keeps the first revocation time.
      const existing = await db.select({ id: tokens.id }).from(tokens).where(eq(tokens.id, id));
      if (existing.length === 0) throw new NotFoundError(`No token with id "${id}".`);
    },
  };
}
