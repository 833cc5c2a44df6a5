/**
 * Signs a checkpoint of the committed log (C2SP tlog-checkpoint). A log must never sign two checkpoints that are
 * inconsistent: one checkpointer at a time (its own advisory lock, so appends are not held up), sizes only grow, one
 * checkpoint per size (primary key), every root is computed from the same immutable stored subtrees, and the
 * consistency proof from the previous checkpoint is checked before the new one is signed.
 */
import type { Clock } from '../core/clock.ts';
import { ProoflineError } from '../core/errors.ts';
import type { LogCheckpointRecord, Store } from '../core/ports.ts';
import { formatCheckpoint, signNote, type NoteSigner } from './checkpoint.ts';
import { verifyConsistency } from './merkle.ts';
import { storedTree } from './stored-tree.ts';

export const CHECKPOINTER_LOCK = 'log-checkpointer';

export interface SignCheckpointOptions {
  origin: string;
  signer: NoteSigner;
  clock: Clock;
}

/** The latest checkpoint when it covers the whole committed log, else a new signed one of the committed size. */
export async function signCheckpoint(store: Store, { origin, signer, clock }: SignCheckpointOptions): Promise<LogCheckpointRecord> {
  return store.transaction(async (tx) => {
    await tx.lock(CHECKPOINTER_LOCK);
    const latest = await tx.log.latestCheckpoint();
    const { size } = await tx.log.head();
    if (latest && latest.size === size) return latest;
    if (latest && latest.size > size) {
      throw new ProoflineError('INTERNAL', `The log has ${size} entries but a checkpoint of size ${latest.size}: entries were lost.`);
    }
    const tree = storedTree(tx.log);
    const root = await tree.root(size);
    if (latest) {
      const proof = await tree.consistencyProof(latest.size, size);
      if (!verifyConsistency(latest.size, size, proof, latest.root, root)) {
        throw new ProoflineError('INTERNAL', `The stored tree of size ${size} is not consistent with checkpoint ${latest.size}: refusing to sign.`);
      }
    }
    const note = await signNote(formatCheckpoint({ origin, size, rootHash: root }), signer);
    const record: LogCheckpointRecord = { size, root, note, createdAt: clock() };
    if (!(await tx.log.saveCheckpoint(record))) {
      throw new ProoflineError('INTERNAL', `A checkpoint of size ${size} exists already.`);
    }
    return record;
  });
}
