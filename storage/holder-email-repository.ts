import { and, asc, eq, lt, sql } from 'drizzle-orm';
import type { HolderEmailRecord, HolderEmailRepository } from '../core/holder-email-ports.ts';
import type { Db } from './db.ts';
import { holderEmails as he } from './schema-holder-emails.ts';

export function createHolderEmailRepository(db: Db): HolderEmailRepository {
  return {
    async startProof(row) {
      const [saved] = await db
        .insert(he)
        .values({ ...row, provenAt: null })
        .onConflictDoUpdate({
          target: [he.holderId, he.email],
          set: { codeHash: row.codeHash, codeExpiresAt: row.codeExpiresAt, failedAttempts: row.failedAttempts },
        })
        .returning();
      return saved as HolderEmailRecord;
    },
    async get(holderId, id) {
      const [row] = await db.select().from(he).where(and(eq(he.holderId, holderId), eq(he.id, id)));
      return row ?? null;
    },
    async getByEmail(holderId, email) {
      const [row] = await db.select().from(he).where(and(eq(he.holderId, holderId), eq(he.email, email)));
      return row ?? null;
    },
    async takeAttempt(id, max) {
      const taken = await db
        .update(he)
        .set({ failedAttempts: sql`${he.failedAttempts} + 1` })
        .where(and(eq(he.id, id), lt(he.failedAttempts, max)))
        .returning({ id: he.id });
      return taken.length > 0;
    },
    async markProven(id, at) {
      // The partial unique index (one prover per address) turns a second holder's proof into a ConflictError.
      const [row] = await db.update(he).set({ provenAt: at, codeHash: null, codeExpiresAt: null }).where(eq(he.id, id)).returning();
      return row as HolderEmailRecord;
    },
    listByHolder(holderId) {
      return db.select().from(he).where(eq(he.holderId, holderId)).orderBy(asc(he.createdAt), asc(he.id));
    },
    async delete(holderId, id) {
      const deleted = await db
        .delete(he)
        .where(and(eq(he.holderId, holderId), eq(he.id, id)))
        .returning({ id: he.id });
      return deleted.length > 0;
    },
  };
}
