/**
 * PGlite is one connection: a transaction started by one request must not see statements of another. The queue runs
 * one operation (a statement or a whole transaction) at a time, in arrival order. PGlite 0.5 has its own mutex doing
 * the same; this one does not depend on it, and turns the one deadlock it allows (the outer store used inside its own
 * transaction, which would wait forever for itself) into an error.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { ProoflineError } from '../core/errors.ts';

export interface SerialQueue {
  run<T>(operation: () => Promise<T>): Promise<T>;
  /** Resolves once everything queued so far has finished. */
  drain(): Promise<void>;
}

export function createSerialQueue(): SerialQueue {
  const holder = new AsyncLocalStorage<{ active: boolean }>();
  let tail: Promise<unknown> = Promise.resolve();

  return {
    run<T>(operation: () => Promise<T>): Promise<T> {
      if (holder.getStore()?.active) {
        return Promise.reject(
          new ProoflineError(
            'INTERNAL',
            'The store was used inside its own transaction; use the store passed to the transaction callback.',
          ),
        );
      }
      const mark = { active: true };
      const result = tail.then(() =>
        holder.run(mark, async () => {
          try {
            return await operation();
          } finally {
            mark.active = false;
          }
        }),
      );
      tail = result.catch(() => undefined);
      return result;
    },
    drain: () => tail.then(() => undefined),
  };
}
