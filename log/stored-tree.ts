/**
 * The Merkle tree of the stored log: roots, right edges and RFC 9162 proofs from the perfect-subtree hashes that
 * appends persist (log/merkle.ts plans which ones, storage reads them all in one query). Every size asked for must be
 * at most the committed size: below it, the subtrees are immutable, so no lock is needed to read them.
 */
import { ProoflineError } from '../core/errors.ts';
import { LruCache } from '../core/lru-cache.ts';
import type { LogRepository } from '../core/ports.ts';
import {
  consistencyProofPlan,
  emptyRoot,
  inclusionProofPlan,
  perfectSubtrees,
  resolveProofPlan,
  type ProofElementPlan,
  type RightEdge,
  type SubtreeId,
  type SubtreeReader,
} from './merkle.ts';

export interface StoredTree {
  rightEdge(size: number): Promise<RightEdge>;
  root(size: number): Promise<Uint8Array>;
  inclusionProof(index: number, size: number): Promise<Uint8Array[]>;
  consistencyProof(from: number, to: number): Promise<Uint8Array[]>;
}

export function storedTree(log: Pick<LogRepository, 'subtrees'>, cache?: SubtreeCache): StoredTree {
  const resolve = async (plan: readonly ProofElementPlan[]) =>
    resolveProofPlan(plan, await loadSubtrees(log, plan.flat(), cache));
  return {
    async rightEdge(size) {
      const ids = perfectSubtrees(0, size);
      const read = await loadSubtrees(log, ids, cache);
      return { size, hashes: await Promise.all(ids.map((id) => read(id.level, id.index))) };
    },
    async root(size) {
      if (size === 0) return emptyRoot();
      const [root] = await resolve([perfectSubtrees(0, size)]);
      return root!;
    },
    inclusionProof: (index, size) => resolve(inclusionProofPlan(index, size)),
    consistencyProof: (from, to) => resolve(consistencyProofPlan(from, to)),
  };
}

/**
 * A bounded per-process cache of stored subtree hashes. A perfect subtree's hash never changes once written (and only
 * committed ones are ever read into it), so entries need no invalidation: the LRU bound is the only eviction.
 */
export class SubtreeCache {
  /** The warmed top of the tree (at most limit / 2), never evicted: every proof needs some of it. */
  private top = new Map<number, Uint8Array>();
  /** Everything else proofs read, least recently used first out. */
  private readonly lru: LruCache<number, Uint8Array>;
  private warmed = 0;

  constructor(readonly limit = 1 << 16) {
    if (!Number.isInteger(limit) || limit < 2) throw new RangeError('A subtree cache holds at least two hashes.');
    this.lru = new LruCache(limit - Math.floor(limit / 2));
  }

  get size(): number {
    return this.top.size + this.lru.size;
  }

  get(level: number, index: number): Uint8Array | undefined {
    const key = subtreeKey(level, index);
    return this.top.get(key) ?? this.lru.get(key);
  }

  set(level: number, index: number, hash: Uint8Array): void {
    const key = subtreeKey(level, index);
    if (!this.top.has(key)) this.lru.set(key, hash);
  }

  /**
   * Loads every stored subtree of the levels that together fit in half the cache (the top of a tree of `size`), in
   * one query, so a proof then misses only its few lowest levels. Re-warms only when the tree has doubled since.
   */
  async warm(log: Pick<LogRepository, 'subtrees'>, size: number): Promise<void> {
    if (size === 0 || size < this.warmed * 2) return;
    let level = Math.floor(Math.log2(size));
    let total = Math.floor(size / 2 ** level);
    while (level > 0 && total + Math.floor(size / 2 ** (level - 1)) <= Math.floor(this.limit / 2)) {
      level--;
      total += Math.floor(size / 2 ** level);
    }
    const ids: SubtreeId[] = [];
    for (let l = Math.floor(Math.log2(size)); l >= level; l--) {
      for (let i = 0; i < Math.floor(size / 2 ** l); i++) ids.push({ level: l, index: i });
    }
    const top = new Map<number, Uint8Array>();
    for (const row of await log.subtrees(ids)) {
      const key = subtreeKey(row.level, row.index);
      top.set(key, row.hash);
      this.lru.delete(key);
    }
    this.top = top;
    this.warmed = size;
  }
}

/** level < 64 and index < 2^47: one exact double, no string building on the hot path. */
const subtreeKey = (level: number, index: number) => index * 64 + level;

/**
 * Reads `ids` (those not in `cache`, in one query) and answers them as a SubtreeReader; a missing subtree is a broken
 * store, not a 404.
 */
export async function loadSubtrees(
  log: Pick<LogRepository, 'subtrees'>,
  ids: readonly SubtreeId[],
  cache?: SubtreeCache,
): Promise<SubtreeReader> {
  const byKey = new Map<number, Uint8Array>();
  const missing = new Map<number, SubtreeId>();
  for (const id of ids) {
    const key = subtreeKey(id.level, id.index);
    if (byKey.has(key) || missing.has(key)) continue;
    const hit = cache?.get(id.level, id.index);
    if (hit) byKey.set(key, hit);
    else missing.set(key, id);
  }
  if (missing.size > 0) {
    for (const row of await log.subtrees([...missing.values()])) {
      byKey.set(subtreeKey(row.level, row.index), row.hash);
      cache?.set(row.level, row.index, row.hash);
    }
  }
  return (level, index) => {
    const hash = byKey.get(subtreeKey(level, index));
    if (!hash) throw new ProoflineError('INTERNAL', `The log has no stored subtree ${level}/${index}.`);
    return hash;
  };
}
