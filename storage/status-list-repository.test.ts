import { expect } from 'chai';
import { ConflictError, NotFoundError } from '../core/errors.ts';
import { forEachStore, newIssuer, newStatusList, rejectionOf, uniqueId } from '../test/helpers/store.ts';
import type { Store } from '../core/ports.ts';

async function createList(store: Store, length = 131_072) {
  const issuer = newIssuer();
  await store.issuers.create(issuer);
  const list = newStatusList(issuer.id, 'revocation', { length });
  await store.statusLists.create(list);
  return list;
}

forEachStore('StatusListRepository', (getStore) => {
  it('creates a list and reads it back; refuses a duplicate id', async () => {
    const store = getStore();
    const list = await createList(store);
    expect(await store.statusLists.get(list.id)).to.deep.equal(list);
    expect(await store.statusLists.get(uniqueId('sl'))).to.equal(null);
    expect(await rejectionOf(store.statusLists.create(list))).to.be.instanceOf(ConflictError);
  });

  it('allocates an index once and counts it; a taken index answers false', async () => {
    const store = getStore();
    const list = await createList(store);
    expect(await store.statusLists.allocate(list.id, 42, 'urn:uuid:a')).to.equal(true);
    expect(await store.statusLists.allocate(list.id, 42, 'urn:uuid:b')).to.equal(false);
    expect(await store.statusLists.allocate(list.id, 0, 'urn:uuid:c')).to.equal(true);
    expect((await store.statusLists.get(list.id))?.allocated).to.equal(2);
  });

  it('gives one index to exactly one of many concurrent allocations', async () => {
    const store = getStore();
    const list = await createList(store);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, n) => store.statusLists.allocate(list.id, 7, `urn:uuid:${n}`)),
    );
    expect(results.filter(Boolean)).to.have.length(1);
    expect((await store.statusLists.get(list.id))?.allocated).to.equal(1);
  });

  it('keeps the count exact under concurrent allocation of distinct indices', async () => {
    const store = getStore();
    const list = await createList(store);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, n) => store.statusLists.allocate(list.id, n * 3, `urn:uuid:${n}`)),
    );
    expect(results.every(Boolean)).to.equal(true);
    expect((await store.statusLists.get(list.id))?.allocated).to.equal(30);
  });

  it('refuses an index outside the list and an unknown list', async () => {
    const store = getStore();
    const list = await createList(store, 8);
    expect((await rejectionOf(store.statusLists.allocate(list.id, 8, 'urn:uuid:x'))).message).to.match(/outside/);
    expect((await rejectionOf(store.statusLists.allocate(list.id, -1, 'urn:uuid:x'))).message).to.match(/Invalid/);
    const unknown = await rejectionOf(store.statusLists.allocate(uniqueId('sl'), 1, 'urn:uuid:x'));
    expect(unknown).to.be.instanceOf(NotFoundError);
    expect((await store.statusLists.get(list.id))?.allocated).to.equal(0);
  });

  it('finds an open list of the issuer and purpose, oldest first, below maxAllocated', async () => {
    const store = getStore();
    const issuer = newIssuer();
    await store.issuers.create(issuer);
    expect(await store.statusLists.findOpen(issuer.id, 'revocation', 10)).to.equal(null);
    const older = newStatusList(issuer.id, 'revocation', { length: 4, createdAt: new Date('2026-01-01T00:00:00Z') });
    const newer = newStatusList(issuer.id, 'revocation', { createdAt: new Date('2026-01-02T00:00:00Z') });
    await store.statusLists.create(newer);
    await store.statusLists.create(older);
    expect((await store.statusLists.findOpen(issuer.id, 'revocation', 10))?.id).to.equal(older.id);
    expect(await store.statusLists.findOpen(issuer.id, 'suspension', 10)).to.equal(null);
    await store.statusLists.allocate(older.id, 0, 'urn:uuid:a');
    expect((await store.statusLists.findOpen(issuer.id, 'revocation', 1))?.id).to.equal(newer.id);
    for (const index of [1, 2, 3]) await store.statusLists.allocate(older.id, index, `urn:uuid:${index}`);
    // Full (allocated = length) even though maxAllocated would allow more.
    expect((await store.statusLists.findOpen(issuer.id, 'revocation', 100))?.id).to.equal(newer.id);
  });

  it('sets and clears a bit, answering false when nothing changes, and bumps the version per change', async () => {
    const store = getStore();
    const list = await createList(store);
    for (const index of [5, 9, 11]) await store.statusLists.allocate(list.id, index, `urn:uuid:${index}`);
    expect(await store.statusLists.setBit(list.id, 9, true)).to.equal(true);
    expect(await store.statusLists.setBit(list.id, 9, true)).to.equal(false);
    expect(await store.statusLists.setBit(list.id, 5, false)).to.equal(false);
    expect(await store.statusLists.setBit(list.id, 5, true)).to.equal(true);
    expect(await store.statusLists.setIndices(list.id)).to.deep.equal([5, 9]);
    expect((await store.statusLists.get(list.id))?.version).to.equal(2);
    expect(await store.statusLists.setBit(list.id, 9, false)).to.equal(true);
    expect(await store.statusLists.setIndices(list.id)).to.deep.equal([5]);
    expect((await store.statusLists.get(list.id))?.version).to.equal(3);
  });

  it('lets exactly one of several concurrent identical setBit calls change the bit', async () => {
    const store = getStore();
    const list = await createList(store);
    await store.statusLists.allocate(list.id, 3, 'urn:uuid:a');
    const results = await Promise.all(Array.from({ length: 10 }, () => store.statusLists.setBit(list.id, 3, true)));
    expect(results.filter(Boolean)).to.have.length(1);
    expect((await store.statusLists.get(list.id))?.version).to.equal(1);
  });

  it('refuses to set a bit nobody holds', async () => {
    const store = getStore();
    const list = await createList(store);
    expect(await rejectionOf(store.statusLists.setBit(list.id, 4, true))).to.be.instanceOf(NotFoundError);
    expect(await rejectionOf(store.statusLists.setBit(uniqueId('sl'), 4, true))).to.be.instanceOf(NotFoundError);
    expect((await store.statusLists.get(list.id))?.version).to.equal(0);
  });

  it('saves the signed list, never replacing a newer one with an older one', async () => {
    const store = getStore();
    const list = await createList(store);
    await store.statusLists.saveSigned(list.id, 2, '{"v":2}');
    await store.statusLists.saveSigned(list.id, 1, '{"v":1}');
    expect(await store.statusLists.get(list.id)).to.deep.include({ signed: '{"v":2}', signedVersion: 2 });
    await store.statusLists.saveSigned(list.id, 3, '{"v":3}');
    expect(await store.statusLists.get(list.id)).to.deep.include({ signed: '{"v":3}', signedVersion: 3 });
    expect(await rejectionOf(store.statusLists.saveSigned(uniqueId('sl'), 1, '{}'))).to.be.instanceOf(NotFoundError);
  });
});
