import { expect } from 'chai';
import type { Store } from '../core/ports.ts';
import { forEachStore, rejectionOf } from '../test/helpers/store.ts';

const bytes = (fill: number, length = 32) => new Uint8Array(length).fill(fill);
const at = new Date('2026-01-01T00:00:00Z');

/** Runs `fn` in a transaction that always rolls back: the shared test log stays a valid log for the other suites. */
async function inRolledBackTransaction(store: Store, fn: (tx: Store) => Promise<void>): Promise<void> {
  const sentinel = new Error('roll back');
  const error = await rejectionOf(
    store.transaction(async (tx) => {
      await tx.lock('log-sequencer');
      await fn(tx);
      throw sentinel;
    }),
  );
  if (error !== sentinel) throw error;
}

forEachStore('LogRepository', (getStore) => {
  it('appends entries with their subtrees and reads them back by index, leaf hash and credential digest', async () => {
    await inRolledBackTransaction(getStore(), async (tx) => {
      const { size } = await tx.log.head();
      const digest = 'ab'.repeat(32);
      await tx.log.append(
        { index: size, leaf: bytes(1, 5), leafHash: bytes(2), credentialDigest: digest, createdAt: at },
        [{ level: 0, index: size, hash: bytes(2) }],
      );
      await tx.log.append(
        { index: size + 1, leaf: bytes(3, 7), leafHash: bytes(4), credentialDigest: null, createdAt: at },
        [{ level: 0, index: size + 1, hash: bytes(4) }],
      );
      const head = await tx.log.head();
      expect(head.size).to.equal(size + 2);
      expect([...head.lastLeafHash!]).to.deep.equal([...bytes(4)]);
      const entries = await tx.log.entries(size, size + 10);
      expect(entries.map((e) => e.index)).to.deep.equal([size, size + 1]);
      expect(entries[0]!.leaf).to.be.instanceOf(Uint8Array);
      expect([...entries[0]!.leaf]).to.deep.equal([...bytes(1, 5)]);
      expect((await tx.log.findIssuance(digest))?.index).to.equal(size);
      expect((await tx.log.findByLeafHash(bytes(4)))?.index).to.equal(size + 1);
      expect((await tx.log.getEntry(size + 1))?.credentialDigest).to.equal(null);
      const subtrees = await tx.log.subtrees([
        { level: 0, index: size + 1 },
        { level: 0, index: size },
        { level: 40, index: 0 },
      ]);
      expect(subtrees.map((s) => s.index).sort()).to.deep.equal([size, size + 1]);
    });
  });

  it('refuses a taken index and a second issuance of one credential', async () => {
    await inRolledBackTransaction(getStore(), async (tx) => {
      const { size } = await tx.log.head();
      const digest = 'cd'.repeat(32);
      await tx.log.append({ index: size, leaf: bytes(1), leafHash: bytes(1), credentialDigest: digest, createdAt: at }, []);
      const taken = await rejectionOf(
        tx.log.append({ index: size, leaf: bytes(2), leafHash: bytes(2), credentialDigest: null, createdAt: at }, []),
      );
      expect((taken as { code?: string }).code).to.equal('CONFLICT');
      const twice = await rejectionOf(
        tx.log.append({ index: size + 1, leaf: bytes(3), leafHash: bytes(3), credentialDigest: digest, createdAt: at }, []),
      );
      expect((twice as { code?: string }).code).to.equal('CONFLICT');
    });
  });

  it('keeps one checkpoint per size and answers the latest', async () => {
    await inRolledBackTransaction(getStore(), async (tx) => {
      const latest = await tx.log.latestCheckpoint();
      const size = (latest?.size ?? 0) + 1_000_000;
      expect(await tx.log.saveCheckpoint({ size, root: bytes(9), note: 'note\n', createdAt: at })).to.equal(true);
      expect(await tx.log.saveCheckpoint({ size, root: bytes(8), note: 'other\n', createdAt: at })).to.equal(false);
      const got = await tx.log.latestCheckpoint();
      expect(got?.size).to.equal(size);
      expect([...got!.root]).to.deep.equal([...bytes(9)]);
      expect((await tx.log.getCheckpoint(size))?.note).to.equal('note\n');
    });
  });

  it('bounds a lock wait with timeoutMs: OverloadedError', async function () {
    const store = getStore();
    if (store.kind !== 'postgres') this.skip(); // PGlite has one connection: transactions never wait for each other
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = store.transaction(async (tx) => {
      await tx.lock('log-repository-test-lock');
      locked();
      await held;
    });
    await isLocked;
    try {
      const error = await rejectionOf(store.transaction((tx) => tx.lock('log-repository-test-lock', { timeoutMs: 100 })));
      expect((error as { code?: string }).code).to.equal('OVERLOADED');
    } finally {
      release();
      await holder;
    }
    await store.transaction((tx) => tx.lock('log-repository-test-lock', { timeoutMs: 100 }));
  });
});
