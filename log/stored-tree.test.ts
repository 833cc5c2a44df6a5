import { expect } from 'chai';
import { systemClock } from '../core/clock.ts';
import { forEachStore } from '../test/helpers/store.ts';
import { createLogAppender } from './append-log-entry.ts';
import type { KeyLogEvent } from './log-entry.ts';
import { equalBytes, verifyConsistency, verifyInclusion } from './merkle.ts';
import { SubtreeCache, storedTree } from './stored-tree.ts';

const keyEvent = (n: number): KeyLogEvent => ({
  type: 'key-added',
  time: new Date(Date.UTC(2026, 0, 2, 0, 0, n % 60)).toISOString(),
  issuer: 'did:web:stored-tree.test',
  keyId: `did:web:stored-tree.test#key-${n}`,
});

forEachStore('storedTree with a SubtreeCache', (getStore) => {
  it('gives exactly the proofs the database alone gives, and every one verifies (cache-vs-DB differential)', async () => {
    const store = getStore();
    const append = createLogAppender({ clock: systemClock });
    await store.transaction(async (tx) => {
      for (let n = 0; n < 150; n++) await append(tx, keyEvent(n));
    });
    const { size } = await store.log.head();
    const leaves = await store.log.entries(0, size);
    const plain = storedTree(store.log);
    // Small enough to evict constantly, warmed at a smaller size first so warm and LRU entries mix.
    const cache = new SubtreeCache(48);
    await cache.warm(store.log, Math.floor(size / 3));
    const cached = storedTree(store.log, cache);
    let queries = 0;
    const counting = storedTree({ subtrees: (ids) => (queries++, store.log.subtrees(ids)) }, cache);
    for (const treeSize of [1, 2, 3, Math.floor(size / 2), size - 1, size]) {
      const root = await plain.root(treeSize);
      expect(equalBytes(await cached.root(treeSize), root)).to.equal(true);
      for (let index = 0; index < treeSize; index += treeSize > 64 ? 7 : 1) {
        const fromDb = await plain.inclusionProof(index, treeSize);
        const fromCache = await cached.inclusionProof(index, treeSize);
        expect(fromCache.map((h) => Buffer.from(h).toString('hex'))).to.deep.equal(fromDb.map((h) => Buffer.from(h).toString('hex')));
        expect(verifyInclusion(leaves[index]!.leafHash, index, treeSize, fromCache, root)).to.equal(true);
        queries = 0;
        await counting.inclusionProof(index, treeSize);
        expect(queries).to.be.at.most(1);
      }
      for (let from = 1; from <= treeSize; from += treeSize > 64 ? 11 : 1) {
        const fromDb = await plain.consistencyProof(from, treeSize);
        const fromCache = await cached.consistencyProof(from, treeSize);
        expect(fromCache.map((h) => Buffer.from(h).toString('hex'))).to.deep.equal(fromDb.map((h) => Buffer.from(h).toString('hex')));
        expect(verifyConsistency(from, treeSize, fromCache, await plain.root(from), root)).to.equal(true);
      }
    }
    expect(cache.size).to.be.at.most(48);
  });

  it('warms the top levels in one query and then answers them without any', async () => {
    const store = getStore();
    const { size } = await store.log.head();
    const cache = new SubtreeCache(4 * size);
    let queries = 0;
    const log = { subtrees: (ids: readonly { level: number; index: number }[]) => (queries++, store.log.subtrees(ids)) };
    await cache.warm(log, size);
    expect(queries).to.equal(1);
    const tree = storedTree(log, cache);
    const root = await tree.root(size);
    expect(queries).to.equal(1); // the whole tree fits: level 0 included
    expect(equalBytes(root, await storedTree(store.log).root(size))).to.equal(true);
  });
});
