import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { ConflictError } from '../core/errors.ts';
import type { LogCheckpointRecord, LogEntryRecord, LogRepository } from '../core/ports.ts';
import type { Db } from './db.ts';
import { logCheckpoints, logEntries, logSubtrees } from './schema.ts';

type EntryRow = typeof logEntries.$inferSelect;

function toEntry(row: EntryRow): LogEntryRecord {
  const { idx, ...rest } = row;
  return { index: idx, ...rest };
}

function integer(value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`Not a subtree coordinate: ${value}`);
  return value;
}

export function createLogRepository(db: Db): LogRepository {
  const firstEntry = async (rows: Promise<EntryRow[]>) => {
    const [row] = await rows;
    return row ? toEntry(row) : null;
  };
  const firstCheckpoint = async (rows: Promise<LogCheckpointRecord[]>) => (await rows)[0] ?? null;
  return {
    async head() {
      // Entries are gap-free from 0, so the highest index (a backward scan of the primary key) gives the size.
      const [last] = await db
        .select({ idx: logEntries.idx, leafHash: logEntries.leafHash })
        .from(logEntries)
        .orderBy(desc(logEntries.idx))
        .limit(1);
      return last ? { size: last.idx + 1, lastLeafHash: last.leafHash } : { size: 0, lastLeafHash: null };
    },
    async append(entry, subtrees) {
      const { index, ...rest } = entry;
      const inserted = await db
        .insert(logEntries)
        .values({ idx: index, ...rest })
        .onConflictDoNothing()
        .returning({ idx: logEntries.idx });
      if (inserted.length === 0) {
        throw new ConflictError(`Log index ${index} is taken, or the credential has an issuance entry already.`);
      }
      if (subtrees.length > 0) {
        await db.insert(logSubtrees).values(subtrees.map(({ level, index: idx, hash }) => ({ level, idx, hash })));
      }
    },
    async subtrees(ids) {
      if (ids.length === 0) return [];
      // One parameterised pair of arrays (unnest), not an OR list: the same plan whatever the number of ids.
      const levels = `{${ids.map((id) => integer(id.level)).join(',')}}`;
      const indexes = `{${ids.map((id) => integer(id.index)).join(',')}}`;
      const rows = await db
        .select()
        .from(logSubtrees)
        .where(
          sql`(${logSubtrees.level}, ${logSubtrees.idx}) in (select * from unnest(${levels}::integer[], ${indexes}::bigint[]))`,
        );
      return rows.map(({ level, idx, hash }) => ({ level, index: idx, hash }));
    },
    async entries(start, end) {
      const rows = await db
        .select()
        .from(logEntries)
        .where(and(gte(logEntries.idx, start), lt(logEntries.idx, end)))
        .orderBy(asc(logEntries.idx));
      return rows.map(toEntry);
    },
    getEntry: (index) => firstEntry(db.select().from(logEntries).where(eq(logEntries.idx, index))),
    findByLeafHash: (leafHash) =>
      firstEntry(
        db.select().from(logEntries).where(eq(logEntries.leafHash, leafHash)).orderBy(asc(logEntries.idx)).limit(1),
      ),
    findIssuance: (digest) => firstEntry(db.select().from(logEntries).where(eq(logEntries.credentialDigest, digest))),
    latestCheckpoint: () =>
      firstCheckpoint(db.select().from(logCheckpoints).orderBy(desc(logCheckpoints.size)).limit(1)),
    getCheckpoint: (size) => firstCheckpoint(db.select().from(logCheckpoints).where(eq(logCheckpoints.size, size))),
    async saveCheckpoint(checkpoint) {
      const inserted = await db
        .insert(logCheckpoints)
        .values(checkpoint)
        .onConflictDoNothing()
        .returning({ size: logCheckpoints.size });
      return inserted.length > 0;
    },
  };
}
