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

/**
 * One appender per process. It keeps the right edge of the tree it last appended to, keyed by size and last leaf
 * hash; the head read under the lock revalidates it, so another process's appends or a rolled-back append of ours
 * (whose leaf was never committed) only cost one reload of log2(n) subtrees.
 */
export function createLogAppender({ clock, lockTimeoutMs = 5_000 }: LogAppenderOptions): AppendLogEntry {
  let cached: { edge: RightEdge; lastLeafHash: Uint8Array } | null = null;
  return async (tx, event) => {
    const leaf = encodeLogEntry(event); // validates before any lock is taken
    const hash = leafHash(leaf);
    await tx.lock(SEQUENCER_LOCK, { timeoutMs: lockTimeoutMs });
    const head = await tx.log.head();
    const hit =
      cached !== null &&
      cached.edge.size === head.size &&
      head.lastLeafHash !== null &&
      equalBytes(cached.lastLeafHash, head.lastLeafHash);
    const edge = hit ? cached!.edge : await storedTree(tx.log).rightEdge(head.size);
    const { edge: next, subtrees } = appendLeaf(edge, hash);
    await tx.log.append(
      {
        index: head.size,
        leaf,
        leafHash: hash,
        credentialDigest: event.type === 'issuance' ? event.credentialDigest : null,
        createdAt: clock(),
      },
      subtrees,
    );
    cached = { edge: next, lastLeafHash: hash };
    return { index: head.size, leafHash: hash };
  };
}
