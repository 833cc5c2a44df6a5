import { and, eq, gt, isNull, lt, or } from 'drizzle-orm';
import { ConflictError } from '../core/errors.ts';
import type { ChallengeRepository } from '../core/ports.ts';
import type { Db } from './db.ts';
import { challenges } from './schema.ts';

export function createChallengeRepository(db: Db): ChallengeRepository {
  return {
    async create(challenge) {
      const inserted = await db.insert(challenges).values(challenge).onConflictDoNothing().returning({ challenge: challenges.challenge });
      if (inserted.length === 0) throw new ConflictError('This challenge exists already.');
    },
    async consume(challenge, { now, domain }) {
      // One statement: under concurrency PostgreSQL re-checks the WHERE clause on the row a competing UPDATE just
      // changed, so exactly one caller gets the row back (READ COMMITTED, EvalPlanQual).
      const [record] = await db
        .update(challenges)
        .set({ consumedAt: now })
        .where(
          and(
            eq(challenges.challenge, challenge),
            isNull(challenges.consumedAt),
            gt(challenges.expiresAt, now),
            domain === null ? isNull(challenges.domain) : or(isNull(challenges.domain), eq(challenges.domain, domain)),
          ),
        )
        .returning();
      if (record) return { consumed: true, record };
      // Why not, for the caller's error message only: the decision was the UPDATE above.
      const [existing] = await db.select().from(challenges).where(eq(challenges.challenge, challenge));
      if (!existing) return { consumed: false, reason: 'unknown' };
      if (existing.consumedAt) return { consumed: false, reason: 'consumed' };
      if (existing.expiresAt.getTime() <= now.getTime()) return { consumed: false, reason: 'expired' };
      return { consumed: false, reason: 'domain-mismatch' };
    },
    async purgeExpired(before) {
      const deleted = await db.delete(challenges).where(lt(challenges.expiresAt, before)).returning({ challenge: challenges.challenge });
      return deleted.length;
    },
  };
}
