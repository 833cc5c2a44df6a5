import { expect } from 'chai';
import { ConflictError, NotFoundError } from '../core/errors.ts';
import { forEachStore, newIssuer, newKey, rejectionOf } from '../test/helpers/store.ts';

forEachStore('KeyRepository', (getStore) => {
  it('stores keys and lists them by issuer; finds the active one per purpose and algorithm', async () => {
    const store = getStore();
    const issuer = newIssuer();
    await store.issuers.create(issuer);
    const signing = newKey(issuer.id);
    const status = newKey(issuer.id, { purpose: 'status' });
    const p256 = newKey(issuer.id, { algorithm: 'P-256', publicKeyMultibase: 'zDnaTest' });
    for (const key of [signing, status, p256]) await store.keys.insert(key);
    expect(await store.keys.listByIssuer(issuer.id)).to.have.deep.members([signing, status, p256]);
    expect(await store.keys.getActive(issuer.id, 'assertion', 'Ed25519')).to.deep.equal(signing);
    expect(await store.keys.getActive(issuer.id, 'assertion', 'P-256')).to.deep.equal(p256);
    expect(await store.keys.getActive(issuer.id, 'log', 'Ed25519')).to.equal(null);
  });

  it('allows one active key per (issuer, purpose, algorithm): rotation retires, then inserts', async () => {
    const store = getStore();
    const issuer = newIssuer();
    await store.issuers.create(issuer);
    const old = newKey(issuer.id);
    await store.keys.insert(old);
    expect(await rejectionOf(store.keys.insert(newKey(issuer.id)))).to.be.instanceOf(ConflictError);

    const next = newKey(issuer.id);
    const at = new Date('2026-06-01T12:00:00.123Z');
    await store.transaction(async (tx) => {
      await tx.keys.retire(old.id, at);
      await tx.keys.insert(next);
    });
    expect(await store.keys.getActive(issuer.id, 'assertion', 'Ed25519')).to.deep.equal(next);
    const retired = (await store.keys.listByIssuer(issuer.id)).find((key) => key.id === old.id);
    expect(retired).to.deep.equal({ ...old, status: 'retired', retiredAt: at });
  });

  it('retiring twice is a no-op; retiring an unknown key is NotFound', async () => {
    const store = getStore();
    const issuer = newIssuer();
    await store.issuers.create(issuer);
    const key = newKey(issuer.id);
    await store.keys.insert(key);
    const at = new Date('2026-06-01T00:00:00Z');
    await store.keys.retire(key.id, at);
    await store.keys.retire(key.id, new Date('2027-01-01T00:00:00Z'));
    expect((await store.keys.listByIssuer(issuer.id))[0]?.retiredAt).to.deep.equal(at);
    expect(await rejectionOf(store.keys.retire(`${key.id}-nope`, at))).to.be.instanceOf(NotFoundError);
  });
});
