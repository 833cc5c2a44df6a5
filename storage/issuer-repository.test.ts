import { expect } from 'chai';
import { ConflictError, NotFoundError } from '../core/errors.ts';
import { forEachStore, newIssuer, rejectionOf, uniqueId } from '../test/helpers/store.ts';

forEachStore('IssuerRepository', (getStore) => {
  it('creates an issuer and finds it by id, slug and DID, with its profile and time intact', async () => {
    const store = getStore();
    const issuer = newIssuer({ profile: { url: 'https://academy.example', image: { id: 'https://x/i.png' } } });
    await store.issuers.create(issuer);
    expect(await store.issuers.getById(issuer.id)).to.deep.equal(issuer);
    expect(await store.issuers.getBySlug(issuer.slug)).to.deep.equal(issuer);
    expect(await store.issuers.getByDid(issuer.did)).to.deep.equal(issuer);
    expect(await store.issuers.getBySlug(uniqueId('missing'))).to.equal(null);
  });

  it('lists issuers including new ones', async () => {
    const store = getStore();
    const a = newIssuer();
    const b = newIssuer({ createdAt: new Date(a.createdAt.getTime() + 1) });
    await store.issuers.create(a);
    await store.issuers.create(b);
    const ids = (await store.issuers.list()).map((issuer) => issuer.id);
    expect(ids).to.include.members([a.id, b.id]);
    expect(ids.indexOf(a.id)).to.be.lessThan(ids.indexOf(b.id));
  });

  it('refuses a second issuer with the same slug or DID with a ConflictError', async () => {
    const store = getStore();
    const issuer = newIssuer();
    await store.issuers.create(issuer);
    const sameSlug = await rejectionOf(store.issuers.create(newIssuer({ slug: issuer.slug })));
    const sameDid = await rejectionOf(store.issuers.create(newIssuer({ did: issuer.did })));
    expect(sameSlug).to.be.instanceOf(ConflictError);
    expect(sameDid).to.be.instanceOf(ConflictError);
  });

  it('keeps a transaction usable after a refused duplicate', async () => {
    const store = getStore();
    const issuer = newIssuer();
    await store.issuers.create(issuer);
    const other = newIssuer();
    await store.transaction(async (tx) => {
      expect(await rejectionOf(tx.issuers.create(newIssuer({ slug: issuer.slug })))).to.be.instanceOf(ConflictError);
      await tx.issuers.create(other);
    });
    expect(await store.issuers.getById(other.id)).to.deep.equal(other);
  });

  it('updates the DID; refuses a DID another issuer has and an unknown issuer', async () => {
    const store = getStore();
    const a = newIssuer();
    const b = newIssuer();
    await store.issuers.create(a);
    await store.issuers.create(b);
    const did = `did:key:${uniqueId('z6Mk')}`;
    await store.issuers.updateDid(a.id, did);
    expect((await store.issuers.getById(a.id))?.did).to.equal(did);
    expect(await rejectionOf(store.issuers.updateDid(b.id, did))).to.be.instanceOf(ConflictError);
    expect(await rejectionOf(store.issuers.updateDid(uniqueId('nobody'), 'did:key:z'))).to.be.instanceOf(NotFoundError);
  });
});
