import { and, asc, eq, isNull, lt } from 'drizzle-orm';
import { NotFoundError } from '../core/errors.ts';
import type { EmployerRepository } from '../core/marketplace-ports.ts';
import type { Db } from './db.ts';
import { countFailedSignIn } from './failed-sign-in-counts.ts';
import { employerSessions, employers } from './schema-employers.ts';

export function createEmployerRepository(db: Db): EmployerRepository {
  return {
    async create(employer) {
      const inserted = await db.insert(employers).values(employer).onConflictDoNothing().returning({ id: employers.id });
      return inserted.length > 0;
    },
    async getByEmail(email) {
      const rows = await db.select().from(employers).where(eq(employers.email, email));
      return rows[0] ?? null;
    },
    listByOrganisation: (organisationId) => db.select().from(employers).where(eq(employers.organisationId, organisationId)).orderBy(asc(employers.createdAt), asc(employers.id)),
    async recordFailedSignIn(id, lock) {
      const [row] = await db
        .update(employers)
        .set(countFailedSignIn(employers, lock))
        .where(eq(employers.id, id))
        .returning({ failedSignIns: employers.failedSignIns, lockedUntil: employers.lockedUntil });
      if (!row) throw new NotFoundError(`No employer "${id}".`);
      return row;
    },
    async clearFailedSignIns(id) {
      await db.update(employers).set({ failedSignIns: 0, lockedUntil: null }).where(eq(employers.id, id));
    },
    async insertSession(session) {
      await db.insert(employerSessions).values(session);
    },
    async remove(organisationId, employerId) {
      const member = and(eq(employers.id, employerId), eq(employers.organisationId, organisationId));
      const [found] = await db.select({ id: employers.id }).from(employers).where(member);
      if (!found) return false;
      // Sessions first (they reference the member): the member's tokens stop working even if the second statement fails.
      await db.delete(employerSessions).where(eq(employerSessions.employerId, employerId));
      const deleted = await db.delete(employers).where(member).returning({ id: employers.id });
      return deleted.length > 0;
    },
    async revokeSession(hash, at) {
      await db.update(employerSessions).set({ revokedAt: at }).where(and(eq(employerSessions.hash, hash), isNull(employerSessions.revokedAt)));
    },
    async purgeExpiredSessions(before) {
      const deleted = await db.delete(employerSessions).where(lt(employerSessions.expiresAt, before)).returning({ id: employerSessions.id });
      return deleted.length;
    },
  };
}
