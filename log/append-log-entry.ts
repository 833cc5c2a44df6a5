/**
 * The log's one sequencer. An append runs inside the caller's transaction (the issuance or status change it records):
 * it takes a transaction-scoped advisory lock, reads the committed size, and writes the leaf at index = size with the
 * perfect subtrees it completes. The lock is held until commit, so appends from any number of processes form a
 * gap-free sequence, and a rolled-back transaction leaves neither its credential nor its entry.
 */
import type { Clock } from '../core/clock.ts';
import type { Store } from '../core/ports.ts';
import { encodeLogEntry, type LogEvent } from './log-entry.ts';
import { appendLeaf, equalBytes, leafHash, type RightEdge } from './merkle.ts';
import { storedTree } from './stored-tree.ts';

/** Advisory lock key of the sequencer (pg_advisory_xact_lock over its hash). */
export const SEQUENCER_LOCK = 'log-sequencer';

export interface AppendedEntry {
  index: number;
  leafHash: Uint8Array;
}

export interface LogAppenderOptions {
  clock: Clock;
  /** Longest wait for the sequencer before the request fails with OverloadedError (503 + Retry-After). */
  lockTimeoutMs?: number;
}

export type AppendLogEntry = (tx: Store, event: LogEvent) => Promise<AppendedEntry>;

/** Several entries, in order, under one lock wait and one head read: for callers that record many events in one transaction. */
export type AppendLogEntries = (tx: Store, events: readonly LogEvent[]) => Promise<AppendedEntry[]>;

/**
 * One appender per process. It keeps the right edge of the tree it last appended to, keyed by size and last leaf
 * hash; the head read under the lock revalidates it, so another process's appends or a rolled-back append of ours
 * (whose leaf was never committed) only cost one reload of log2(n) subtrees.
 */
export function createLogAppender(options: LogAppenderOptions): AppendLogEntry {
  const appendMany = createLogBatchAppender(options);
  return async (tx, event) => (await appendMany(tx, [event]))[0]!;
}

/**
 * The same sequencer for N events at once: every leaf is encoded (validated) first, then the lock is taken and the head
 * read once, and the entries are written at size, size + 1, ... with the subtrees each completes. One appender per
 * process, like createLogAppender (whose single appends go through it).
 */
export function createLogBatchAppender({ clock, lockTimeoutMs = 5_000 }: LogAppenderOptions): AppendLogEntries {
  let cached: { edge: RightEdge; lastLeafHash: Uint8Array } | null = null;
  return async (tx, events) => {
    if (events.length === 0) return [];
    const leaves = events.map((event) => encodeLogEntry(event)); // validates before any lock is taken
    await tx.lock(SEQUENCER_LOCK, { timeoutMs: lockTimeoutMs });
    const head = await tx.log.head();
    const hit =
      cached !== null &&
      cached.edge.size === head.size &&
      head.lastLeafHash !== null &&
      equalBytes(cached.lastLeafHash, head.lastLeafHash);
    let edge = hit ? cached!.edge : await storedTree(tx.log).rightEdge(head.size);
    cached = null; // until every entry is written: a failure half-way leaves no edge the database may not have
    const appended: AppendedEntry[] = [];
    for (const [i, leaf] of leaves.entries()) {
      const event = events[i]!;
      const hash = leafHash(leaf);
      const { edge: next, subtrees } = appendLeaf(edge, hash);
      await tx.log.append(
        {
          index: head.size + i,
          leaf,
          leafHash: hash,
          credentialDigest: event.type === 'issuance' ? event.credentialDigest : null,
          createdAt: clock(),
        },
        subtrees,
      );
      edge = next;
      appended.push({ index: head.size + i, leafHash: hash });
    }
    cached = { edge, lastLeafHash: appended[appended.length - 1]!.leafHash };
    return appended;
  };
}
