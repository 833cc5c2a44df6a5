import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { SignInFailureRepository } from '../core/ports.ts';
import type { Db } from './db.ts';
import { signInFailures } from './schema-sign-in-failures.ts';

export function createSignInFailureRepository(db: Db): SignInFailureRepository {
  return {
    async get(key) {
      const [row] = await db.select({ failedSignIns: signInFailures.failedSignIns, lockedUntil: signInFailures.lockedUntil }).from(signInFailures).where(eq(signInFailures.key, key));
      return row ?? null;
    },
    async recordFailure(key, { now, maxFailures, lockUntil }) {
      // One statement, so concurrent failures all count (the same rule as holders.recordFailedSignIn).
      const ended = sql`(${signInFailures.lockedUntil} is not null and ${signInFailures.lockedUntil} <= ${now.toISOString()}::timestamptz)`;
      const count = sql`(case when ${ended} then 1 else ${signInFailures.failedSignIns} + 1 end)`;
      const [row] = await db
        .insert(signInFailures)
        .values({ key, failedSignIns: 1, lockedUntil: maxFailures <= 1 ? lockUntil : null, updatedAt: now })
        .onConflictDoUpdate({
          target: signInFailures.key,
          set: {
            failedSignIns: count,
            lockedUntil: sql`(case when ${count} >= ${maxFailures} then ${lockUntil.toISOString()}::timestamptz when ${ended} then null else ${signInFailures.lockedUntil} end)`,
            updatedAt: now,
          },
        })
        .returning({ failedSignIns: signInFailures.failedSignIns, lockedUntil: signInFailures.lockedUntil });
      return row!;
    },
    async purgeBefore(before) {
      const deleted = await db
        .delete(signInFailures)
        .where(and(lt(signInFailures.updatedAt, before), or(isNull(signInFailures.lockedUntil), lt(signInFailures.lockedUntil, before))))
        .returning({ key: signInFailures.key });
      return deleted.length;
    },
  };
}
