import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import { ConflictError } from '../core/errors.ts';
import type { HolderSessionRepository } from '../core/ports.ts';
import type { Db } from './db.ts';
import { holderSessions } from './schema.ts';

export function createHolderSessionRepository(db: Db): HolderSessionRepository {
  return {
    async insert(session) {
      const inserted = await db.insert(holderSessions).values(session).onConflictDoNothing().returning({ id: holderSessions.id });
      if (inserted.length === 0) throw new ConflictError('This session or one of its tokens exists already.');
    },
    async findByAccessHash(accessHash, now) {
      const [row] = await db
        .select()
        .from(holderSessions)
        .where(
          and(
            eq(holderSessions.accessHash, accessHash),
            gt(holderSessions.accessExpiresAt, now),
            isNull(holderSessions.rotatedAt),
            isNull(holderSessions.revokedAt),
          ),
        );
      return row ?? null;
    },
    async rotate(refreshHash, now) {
      // One statement: of concurrent refreshes with one token exactly one gets the row back (see challenge-repository.ts).
      const [session] = await db
        .update(holderSessions)
        .set({ rotatedAt: now })
        .where(
          and(
            eq(holderSessions.refreshHash, refreshHash),
            gt(holderSessions.refreshExpiresAt, now),
            isNull(holderSessions.rotatedAt),
            isNull(holderSessions.revokedAt),
          ),
        )
        .returning();
      if (session) return { rotated: true, session };
      const [existing] = await db.select().from(holderSessions).where(eq(holderSessions.refreshHash, refreshHash));
      if (!existing) return { rotated: false, reason: 'unknown', session: null };
      if (existing.revokedAt) return { rotated: false, reason: 'revoked', session: existing };
      if (existing.rotatedAt) return { rotated: false, reason: 'reused', session: existing };
      return { rotated: false, reason: 'expired', session: existing };
    },
    async revokeFamily(familyId, at) {
      await db
        .update(holderSessions)
        .set({ revokedAt: at })
        .where(and(eq(holderSessions.familyId, familyId), isNull(holderSessions.revokedAt)));
    },
    async purgeExpired(before) {
      const deleted = await db.delete(holderSessions).where(lt(holderSessions.refreshExpiresAt, before)).returning({ id: holderSessions.id });
      return deleted.length;
    },
  };
}
