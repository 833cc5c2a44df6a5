import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import type { Store } from '../core/ports.ts';
import {
  createIssuerWithLists,
  forEachStore,
  newCredential,
  newIssuer,
  newStatusList,
  rejectionOf,
  uniqueId,
} from '../test/helpers/store.ts';

/** Read-modify-write of a counter with a pause in between, where another request could slip in. */
async function increment(tx: Store, key: string, lock: boolean): Promise<void> {
  if (lock) await tx.lock(key);
  const value = ((await tx.settings.get(key)) as number | null) ?? 0;
  await sleep(5);
  await tx.settings.put(key, value + 1);
}

forEachStore('Store.transaction', (getStore, name) => {
  it('commits every write of the callback together and returns its result', async () => {
    const store = getStore();
    const issuer = newIssuer();
    const list = newStatusList(issuer.id, 'revocation');
    const result = await store.transaction(async (tx) => {
      await tx.issuers.create(issuer);
      await tx.statusLists.create(list);
      return tx.statusLists.allocate(list.id, 1, 'urn:uuid:x');
    });
    expect(result).to.equal(true);
    expect(await store.statusLists.get(list.id)).to.deep.include({ allocated: 1 });
  });

  it('rolls back everything when the callback throws, and rethrows that very error', async () => {
    const store = getStore();
    const lists = await createIssuerWithLists(store);
    const issuer = newIssuer();
    const credential = newCredential(lists);
    const boom = new Error('boom');
    const error = await rejectionOf(
      store.transaction(async (tx) => {
        await tx.issuers.create(issuer);
        await tx.statusLists.allocate(lists.revocation.id, credential.revocation.index, credential.id);
        await tx.statusLists.allocate(lists.suspension.id, credential.suspension.index, credential.id);
        await tx.credentials.insert(credential);
        throw boom;
      }),
    );
    expect(error).to.equal(boom);
    expect(await store.issuers.getById(issuer.id)).to.equal(null);
    expect(await store.credentials.getById(credential.id)).to.equal(null);
    expect(await store.statusLists.get(lists.revocation.id)).to.deep.include({ allocated: 0 });
    // The index is free again.
    expect(await store.statusLists.allocate(lists.revocation.id, credential.revocation.index, 'urn:uuid:y')).to.equal(
      true,
    );
  });

  it('runs nested calls in the outer transaction: a failed inner call undoes only its own writes', async () => {
    const store = getStore();
    const [outer, kept, undone] = [newIssuer(), newIssuer(), newIssuer()];
    await store.transaction(async (tx) => {
      await tx.issuers.create(outer);
      await tx.transaction(async (inner) => {
        expect(await inner.issuers.getById(outer.id)).to.deep.equal(outer);
        await inner.issuers.create(kept);
      });
      const error = await rejectionOf(
        tx.transaction(async (inner) => {
          await inner.issuers.create(undone);
          throw new Error('inner failure');
        }),
      );
      expect(error.message).to.equal('inner failure');
    });
    expect(await store.issuers.getById(outer.id)).to.deep.equal(outer);
    expect(await store.issuers.getById(kept.id)).to.deep.equal(kept);
    expect(await store.issuers.getById(undone.id)).to.equal(null);
  });

  it('never lets a read outside a transaction see its uncommitted writes', async () => {
    const store = getStore();
    const key = uniqueId('uncommitted');
    let written!: () => void;
    const wrote = new Promise<void>((resolve) => (written = resolve));
    const transaction = store.transaction(async (tx) => {
      await tx.settings.put(key, 'draft');
      written();
      await sleep(50);
      throw new Error('roll back');
    });
    await wrote;
    expect(await store.settings.get(key)).to.equal(null);
    expect((await rejectionOf(transaction)).message).to.equal('roll back');
    expect(await store.settings.get(key)).to.equal(null);
  });

  it('with lock(), concurrent read-modify-write transactions lose no update', async () => {
    const store = getStore();
    const key = uniqueId('counter');
    await Promise.all(Array.from({ length: 10 }, () => store.transaction((tx) => increment(tx, key, true))));
    expect(await store.settings.get(key)).to.equal(10);
  });

  it('lock() makes a second transaction wait until the holder commits', async () => {
    const store = getStore();
    const key = uniqueId('lock');
    const events: string[] = [];
    let locked!: () => void;
    const holderLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = store.transaction(async (tx) => {
      await tx.lock(key);
      events.push('A locked');
      locked();
      await sleep(150);
      events.push('A done');
    });
    await holderLocked;
    const waiter = store.transaction(async (tx) => {
      await tx.lock(key);
      events.push('B locked');
    });
    await Promise.all([holder, waiter]);
    expect(events).to.deep.equal(['A locked', 'A done', 'B locked']);
  });

  it('refuses lock() outside a transaction and close() on a transaction store', async () => {
    const store = getStore();
    expect((await rejectionOf(store.lock('x'))).message).to.match(/transaction/);
    await store.transaction(async (tx) => {
      expect((await rejectionOf(tx.close())).message).to.match(/transaction/);
    });
  });

  if (name === 'postgres') {
    it('lock() on different keys does not block', async () => {
      const store = getStore();
      const events: string[] = [];
      let locked!: () => void;
      const holderLocked = new Promise<void>((resolve) => (locked = resolve));
      const holder = store.transaction(async (tx) => {
        await tx.lock(uniqueId('k'));
        locked();
        await sleep(150);
        events.push('A done');
      });
      await holderLocked;
      await store.transaction(async (tx) => {
        await tx.lock(uniqueId('k'));
        events.push('B locked');
      });
      await holder;
      expect(events).to.deep.equal(['B locked', 'A done']);
    });
  }

  if (name === 'pglite') {
    it('serialises concurrent transactions on the single connection: no lost update even without lock()', async () => {
      const store = getStore();
      const key = uniqueId('counter');
      await Promise.all([1, 2].map(() => store.transaction((tx) => increment(tx, key, false))));
      expect(await store.settings.get(key)).to.equal(2);
    });

    it('rejects, instead of waiting forever, when the outer store is used inside its own transaction', async () => {
      const store = getStore();
      const error = await rejectionOf(store.transaction(() => store.settings.get(uniqueId('x'))));
      expect(error.message).to.match(/inside its own transaction/);
    });
  }
});
