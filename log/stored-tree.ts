/**
 * The Merkle tree of the stored log: roots, right edges and RFC 9162 proofs from the perfect-subtree hashes that
 * appends persist (log/merkle.ts plans which ones, storage reads them all in one query). Every size asked for must be
 * at most the committed size: below it, the subtrees are immutable, so no lock is needed to read them.
 */
import { ProoflineError } from '../core/errors.ts';
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

export function storedTree(log: Pick<LogRepository, 'subtrees'>): StoredTree {
  const resolve = async (plan: readonly ProofElementPlan[]) =>
    resolveProofPlan(plan, await loadSubtrees(log, plan.flat()));
  return {
    async rightEdge(size) {
      const ids = perfectSubtrees(0, size);
      const read = await loadSubtrees(log, ids);
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

/** Reads `ids` in one query and answers them as a SubtreeReader; a missing subtree is a broken store, not a 404. */
export async function loadSubtrees(
  log: Pick<LogRepository, 'subtrees'>,
  ids: readonly SubtreeId[],
): Promise<SubtreeReader> {
  const unique = [...new Map(ids.map((id) => [`${id.level}/${id.index}`, id])).values()];
  const rows = await log.subtrees(unique);
  const byKey = new Map(rows.map((row) => [`${row.level}/${row.index}`, row.hash]));
  return (level, index) => {
    const hash = byKey.get(`${level}/${index}`);
    if (!hash) throw new ProoflineError('INTERNAL', `The log has no stored subtree ${level}/${index}.`);
    return hash;
  };
}
