import { expect } from 'chai';
import { systemClock } from '../core/clock.ts';
import type { Store } from '../core/ports.ts';
import { forEachStore, rejectionOf } from '../test/helpers/store.ts';
import { createLogAppender, createLogBatchAppender, SEQUENCER_LOCK } from './append-log-entry.ts';
import type { KeyLogEvent } from './log-entry.ts';
import { equalBytes, rootFromLeafHashes } from './merkle.ts';
import { storedTree } from './stored-tree.ts';

// Valid leaves (the shared test log must stay auditable): key events of a made-up issuer.
const keyEvent = (n: number): KeyLogEvent => ({
  type: 'key-added',
  time: new Date(Date.UTC(2026, 0, 1, 0, 0, n % 60)).toISOString(),
  issuer: 'did:web:append.test',
  keyId: `did:web:append.test#key-${n}`,
});

/** The stored subtrees give the root of all stored leaves: the tree the appenders built is the RFC 9162 tree. */
async function expectStoredTreeMatchesLeaves(store: Store): Promise<void> {
  const { size } = await store.log.head();
  const leaves = [];
  for (let start = 0; start < size; start += 1000) leaves.push(...(await store.log.entries(start, Math.min(size, start + 1000))));
  expect(leaves.map((e) => e.index)).to.deep.equal(Array.from({ length: size }, (_, i) => i));
  const root = await storedTree(store.log).root(size);
  expect(equalBytes(root, rootFromLeafHashes(leaves.map((e) => e.leafHash)))).to.equal(true);
}

forEachStore('createLogAppender', (getStore) => {
  it('keeps the tree right when appenders of two "processes" interleave and one append rolls back', async () => {
    const store = getStore();
    const one = createLogAppender({ clock: systemClock });
    const two = createLogAppender({ clock: systemClock });
    const before = (await store.log.head()).size;
    await store.transaction((tx) => one(tx, keyEvent(1)));
    await store.transaction((tx) => two(tx, keyEvent(2))); // one's cached edge is now stale
    const failure = new Error('rolled back');
    expect(await rejectionOf(store.transaction(async (tx) => {
      await one(tx, keyEvent(3));
      throw failure;
    }))).to.equal(failure);
    await store.transaction((tx) => two(tx, keyEvent(4))); // takes the index the rolled-back leaf had
    const appended = await store.transaction((tx) => one(tx, keyEvent(5))); // same size as its cache, other last leaf
    expect(appended.index).to.equal(before + 3);
    for (let n = 6; n < 12; n++) await store.transaction((tx) => (n % 3 === 0 ? two : one)(tx, keyEvent(n)));
    expect((await store.log.head()).size).to.equal(before + 10);
    await expectStoredTreeMatchesLeaves(store);
  });

  it('refuses an invalid event before taking the lock', async () => {
    const append = createLogAppender({ clock: systemClock });
    const error = await rejectionOf(getStore().transaction((tx) => append(tx, { ...keyEvent(1), issuer: 'not a DID' })));
    expect((error as { code?: string }).code).to.equal('VALIDATION_FAILED');
  });

  it('fails with OVERLOADED when the sequencer is held longer than lockTimeoutMs', async function () {
    const store = getStore();
    if (store.kind !== 'postgres') this.skip(); // one PGlite connection: transactions never wait for a lock
    const append = createLogAppender({ clock: systemClock, lockTimeoutMs: 150 });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = store.transaction(async (tx) => {
      await tx.lock(SEQUENCER_LOCK);
      locked();
      await held;
    });
    await isLocked;
    const before = (await store.log.head()).size;
    try {
      const error = await rejectionOf(store.transaction((tx) => append(tx, keyEvent(1))));
      expect((error as { code?: string; retryAfterSeconds?: number }).code).to.equal('OVERLOADED');
      expect((error as { retryAfterSeconds?: number }).retryAfterSeconds).to.be.greaterThan(0);
    } finally {
      release();
      await holder;
    }
    expect((await store.log.head()).size).to.equal(before);
  });

  it('appends a batch under one lock and one head read, interleaved with single appends and a rolled-back batch', async () => {
    const store = getStore();
    const many = createLogBatchAppender({ clock: systemClock });
    const one = createLogAppender({ clock: systemClock });
    const before = (await store.log.head()).size;
    let locks = 0;
    let heads = 0;
    const appended = await store.transaction((tx) => {
      const counting = Object.create(tx) as Store;
      counting.lock = (key, options) => (locks++, tx.lock(key, options));
      Object.defineProperty(counting, 'log', { value: { ...tx.log, head: () => (heads++, tx.log.head()) } });
      return many(counting, [keyEvent(40), keyEvent(41), keyEvent(42), keyEvent(43), keyEvent(44)]);
    });
    expect(appended.map((e) => e.index)).to.deep.equal([0, 1, 2, 3, 4].map((i) => before + i));
    expect([locks, heads]).to.deep.equal([1, 1]);
    await store.transaction((tx) => one(tx, keyEvent(45))); // many's cached edge is now stale
    const failure = new Error('rolled back');
    expect(await rejectionOf(store.transaction(async (tx) => {
      await many(tx, [keyEvent(46), keyEvent(47)]);
      throw failure;
    }))).to.equal(failure);
    const invalid = await rejectionOf(store.transaction((tx) => many(tx, [keyEvent(48), { ...keyEvent(49), issuer: 'not a DID' }])));
    expect((invalid as { code?: string }).code).to.equal('VALIDATION_FAILED');
    const last = await store.transaction((tx) => many(tx, [keyEvent(50), keyEvent(51), keyEvent(52)]));
    expect(last.map((e) => e.index)).to.deep.equal([6, 7, 8].map((i) => before + i));
    expect(await store.transaction((tx) => many(tx, []))).to.deep.equal([]);
    expect((await store.log.head()).size).to.equal(before + 9);
    await expectStoredTreeMatchesLeaves(store);
  });

  it('gives concurrent appends distinct, consecutive indices', async () => {
    const store = getStore();
    const append = createLogAppender({ clock: systemClock });
    const before = (await store.log.head()).size;
    const results = await Promise.all(Array.from({ length: 16 }, (_, n) => store.transaction((tx) => append(tx, keyEvent(20 + n)))));
    expect(results.map((r) => r.index).sort((x, y) => x - y)).to.deep.equal(Array.from({ length: 16 }, (_, i) => before + i));
    await expectStoredTreeMatchesLeaves(store);
  });
});
