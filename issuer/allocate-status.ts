/**
 * Status index allocation: a random free index (never sequential: an index must not reveal issuance order or
 * volume, Bitstring Status List §6.1), claimed with a unique constraint so concurrent processes never share one.
 */
import { ProoflineError } from '../core/errors.ts';
import type { StatusAllocation, StatusListRecord, StatusPurpose, Store } from '../core/ports.ts';
import type { RandomInt } from '../core/clock.ts';

/** A list stops taking new entries at this fill ratio, so a random probe finds a free slot in ~4 tries at worst. */
export const MAX_FILL = 0.75;
const MAX_PROBES = 64;

export interface AllocateOptions {
  issuerId: string;
  purpose: StatusPurpose;
  credentialId: string;
  length: number;
  randomInt: RandomInt;
  newId: () => string;
  now: Date;
}

/**
 * The open list last seen committed, per store, issuer and purpose: saves a query per allocation. It is re-read every
 * RECHECK_EVERY allocations (other processes fill the same list; MAX_FILL is a soft cap, the list length the hard one)
 * and whenever probing fails. Lists this process just created are not cached until a later read sees them committed.
 */
const openLists = new WeakMap<object, Map<string, { list: StatusListRecord; uses: number }>>();
const RECHECK_EVERY = 32;

/** Must run inside `store.transaction`: the claimed index commits or rolls back with the credential. */
export async function allocateStatus(tx: Store, options: AllocateOptions, cacheScope: object = tx): Promise<StatusAllocation> {
  const maxAllocated = Math.floor(options.length * MAX_FILL);
  const cache = openLists.get(cacheScope) ?? new Map();
  openLists.set(cacheScope, cache);
  const cacheKey = `${options.issuerId}|${options.purpose}`;
  for (let attempt = 0; attempt < 3; attempt++) {
    const cached = attempt === 0 ? cache.get(cacheKey) : undefined;
    let list: StatusListRecord;
    if (cached && cached.uses < RECHECK_EVERY) {
      cached.uses++;
      list = cached.list;
    } else {
      const found = await tx.statusLists.findOpen(options.issuerId, options.purpose, maxAllocated);
      if (found) cache.set(cacheKey, { list: found, uses: 1 });
      else cache.delete(cacheKey);
      list = found ?? (await createList(tx, options, maxAllocated));
    }
    for (let probe = 0; probe < MAX_PROBES; probe++) {
      const index = options.randomInt(list.length);
      if (await tx.statusLists.allocate(list.id, index, options.credentialId)) return { listId: list.id, index };
    }
    cache.delete(cacheKey);
  }
  throw new ProoflineError('STATUS_LIST_FULL', 'Could not allocate a status list index; retry later.');
}

async function createList(tx: Store, options: AllocateOptions, maxAllocated: number) {
  // Two processes may both find no open list; the lock makes the second see the first's new list.
  await tx.lock(`status-list:${options.issuerId}:${options.purpose}`);
  const existing = await tx.statusLists.findOpen(options.issuerId, options.purpose, maxAllocated);
  if (existing) return existing;
  const list = {
    id: options.newId(),
    issuerId: options.issuerId,
    purpose: options.purpose,
    length: options.length,
    allocated: 0,
    version: 0,
    signed: null,
    signedVersion: null,
    createdAt: options.now,
  };
  await tx.statusLists.create(list);
  return list;
}
