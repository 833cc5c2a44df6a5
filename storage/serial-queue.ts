/**
 * PGlite is one connection: a transaction started by one request must not see statements of another. The queue runs
 * one operation (a statement or a whole transaction) at a time, in arrival order. PGlite 0.5 has its own mutex doing
 * the same; this one does not depend on it, and turns the one deadlock it allows (the outer store used inside its own
 * transaction, which would wait forever for itself) into an error.
 *
 * That check needs an AsyncLocalStorage, which in Node 20 turns on promise hooks for every promise of the process
 * while it is enabled (about 12 us on a vc+jwt verification). It is enabled only while the queue has work: once the
 * last queued operation has finished it is disabled, so work that does not touch the store (a verification with kept
 * status lists) runs without the hooks. A call made from inside a running operation is still refused, since the
 * storage is enabled for as long as that operation runs.
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
  /** Operations queued or running; at 0 the storage (and Node's promise hooks with it) is disabled. */
  let pending = 0;

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
      pending += 1;
      tail = result
        .catch(() => undefined)
        .then(() => {
          pending -= 1;
          if (pending === 0) holder.disable();
        });
      return result;
    },
    drain: () => tail.then(() => undefined),
  };
}
