import { and, asc, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { ConflictError, NotFoundError, ProoflineError } from '../core/errors.ts';
import type { StatusListRepository } from '../core/ports.ts';
import { queryRows, type Db } from './db.ts';
import { statusEntries, statusLists } from './schema.ts';

/**
 * Status lists and their entries. `allocate` and `setBit` are single statements whose row locks make them correct
 * with several processes on one PostgreSQL: a second writer of the same entry waits, re-reads, and finds nothing to do.
 */
function assertIndex(index: number): void {
  if (!Number.isInteger(index) || index < 0) throw new ProoflineError('INTERNAL', `Invalid status index ${index}.`);
}

export function createStatusListRepository(db: Db): StatusListRepository {
  async function entryProblem(listId: string, index: number): Promise<ProoflineError | null> {
    const [list] = await db.select({ length: statusLists.length }).from(statusLists).where(eq(statusLists.id, listId));
    if (!list) return new NotFoundError(`No status list with id "${listId}".`);
    if (index >= list.length) {
      const message = `Status index ${index} is outside list "${listId}" (length ${list.length}).`;
      return new ProoflineError('INTERNAL', message);
    }
    return null;
  }

  return {
    async create(list) {
      const inserted = await db
        .insert(statusLists)
        .values(list)
        .onConflictDoNothing()
        .returning({ id: statusLists.id });
      if (inserted.length === 0) throw new ConflictError(`A status list with id "${list.id}" exists already.`);
    },
    async get(id) {
      const [row] = await db.select().from(statusLists).where(eq(statusLists.id, id));
      return row ?? null;
    },
    async findOpen(issuerId, purpose, maxAllocated) {
      const [row] = await db
        .select()
        .from(statusLists)
        .where(
          and(
            eq(statusLists.issuerId, issuerId),
            eq(statusLists.purpose, purpose),
            lt(statusLists.allocated, maxAllocated),
            lt(statusLists.allocated, statusLists.length),
          ),
        )
        .orderBy(asc(statusLists.createdAt), asc(statusLists.id))
        .limit(1);
      return row ?? null;
    },
    async allocate(listId, index, credentialId) {
      assertIndex(index);
      // Claim and count in one statement, so the counter never drifts from the entries.
      const rows = await queryRows(
        db,
        sql`with claimed as (
              insert into status_entries (list_id, idx, credential_id, set)
              select id, ${index}::integer, ${credentialId}::text, false from status_lists
              where id = ${listId} and ${index}::integer >= 0 and ${index}::integer < length
              on conflict (list_id, idx) do nothing
              returning list_id)
            update status_lists set allocated = allocated + 1
            where id in (select list_id from claimed)
            returning id`,
      );
      if (rows.length > 0) return true;
      const problem = await entryProblem(listId, index);
      if (problem) throw problem;
      return false;
    },
    async setBit(listId, index, value) {
      assertIndex(index);
      // The entry and the version bump change together, so a signed list is never current with a stale bit.
      const rows = await queryRows(
        db,
        sql`with changed as (
              update status_entries set set = ${value}
              where list_id = ${listId} and idx = ${index} and set <> ${value}
              returning list_id)
            update status_lists set version = version + 1
            where id in (select list_id from changed)
            returning version`,
      );
      if (rows.length > 0) return true;
      const problem = await entryProblem(listId, index);
      if (problem) throw problem;
      const [entry] = await db
        .select({ set: statusEntries.set })
        .from(statusEntries)
        .where(and(eq(statusEntries.listId, listId), eq(statusEntries.idx, index)));
      if (!entry) throw new NotFoundError(`Status index ${index} of list "${listId}" is not allocated.`);
      return false;
    },
    async setIndices(listId) {
      const rows = await db
        .select({ idx: statusEntries.idx })
        .from(statusEntries)
        .where(and(eq(statusEntries.listId, listId), eq(statusEntries.set, true)))
        .orderBy(asc(statusEntries.idx));
      return rows.map((row) => row.idx);
    },
    async saveSigned(listId, version, signed) {
      // Never replace a newer signed list with an older one (two processes may sign concurrently).
      const saved = await db
        .update(statusLists)
        .set({ signed, signedVersion: version })
        .where(
          and(
            eq(statusLists.id, listId),
            or(isNull(statusLists.signedVersion), lte(statusLists.signedVersion, version)),
          ),
        )
        .returning({ id: statusLists.id });
      if (saved.length > 0) return;
      const [list] = await db.select({ id: statusLists.id }).from(statusLists).where(eq(statusLists.id, listId));
      if (!list) throw new NotFoundError(`No status list with id "${listId}".`);
    },
  };
}
