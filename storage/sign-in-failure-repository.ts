import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { SignInFailureRepository } from '../core/ports.ts';
import type { Db } from './db.ts';
import { countFailedSignIn } from './failed-sign-in-counts.ts';
import { signInFailures } from './schema-sign-in-failures.ts';

export function createSignInFailureRepository(db: Db): SignInFailureRepository {
  return {
    async get(key) {
      const [row] = await db.select({ failedSignIns: signInFailures.failedSignIns, lockedUntil: signInFailures.lockedUntil }).from(signInFailures).where(eq(signInFailures.key, key));
      return row ?? null;
    },
    async recordFailure(key, lock) {
      const { now, maxFailures, lockUntil } = lock;
      const [row] = await db
        .insert(signInFailures)
        .values({ key, failedSignIns: 1, lockedUntil: maxFailures <= 1 ? lockUntil : null, updatedAt: now })
        .onConflictDoUpdate({ target: signInFailures.key, set: { ...countFailedSignIn(signInFailures, lock), updatedAt: now } })
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
