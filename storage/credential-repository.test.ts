import { expect } from 'chai';
import { ConflictError, NotFoundError } from '../core/errors.ts';
import {
  createIssuerWithLists,
  forEachStore,
  newCredential,
  newIssuer,
  rejectionOf,
  uniqueId,
} from '../test/helpers/store.ts';

forEachStore('CredentialRepository', (getStore) => {
  it('stores a credential and reads it back exactly, allocations and dates included', async () => {
    const store = getStore();
    const lists = await createIssuerWithLists(store);
    const credential = newCredential(lists, {
      idempotencyKey: uniqueId('idem'),
      requestHash: 'f'.repeat(64),
      validUntil: new Date('2030-01-01T00:00:00.001Z'),
      secured: 'eyJhbGciOiJFZERTQSJ9.eyJ9.sig',
      format: 'vc+jwt',
    });
    await store.credentials.insert(credential);
    expect(await store.credentials.getById(credential.id)).to.deep.equal(credential);
    expect(await store.credentials.getByIdempotencyKey(lists.issuer.id, credential.idempotencyKey!)).to.deep.equal(
      credential,
    );
    expect(await store.credentials.getById(uniqueId('urn:uuid'))).to.equal(null);
  });

  it('refuses a second credential with the same idempotency key for the same issuer', async () => {
    const store = getStore();
    const lists = await createIssuerWithLists(store);
    const other = await createIssuerWithLists(store);
    const key = uniqueId('idem');
    await store.credentials.insert(newCredential(lists, { idempotencyKey: key }));
    const error = await rejectionOf(store.credentials.insert(newCredential(lists, { idempotencyKey: key })));
    expect(error).to.be.instanceOf(ConflictError);
    // The key is scoped to the issuer, and credentials without a key never clash.
    await store.credentials.insert(newCredential(other, { idempotencyKey: key }));
    await store.credentials.insert(newCredential(lists));
    await store.credentials.insert(newCredential(lists));
    expect(await store.credentials.count({ issuerId: lists.issuer.id })).to.equal(3);
  });

  it('lets exactly one of several concurrent inserts with one idempotency key succeed', async () => {
    const store = getStore();
    const lists = await createIssuerWithLists(store);
    const key = uniqueId('idem');
    const attempts = Array.from({ length: 8 }, () => newCredential(lists, { idempotencyKey: key }));
    const results = await Promise.allSettled(attempts.map((c) => store.credentials.insert(c)));
    expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).to.be.instanceOf(ConflictError);
  });

  it('records revocation and suspension; an unknown credential is NotFound', async () => {
    const store = getStore();
    const lists = await createIssuerWithLists(store);
    const credential = newCredential(lists);
    await store.credentials.insert(credential);
    const at = new Date('2026-05-05T05:05:05.505Z');
    await store.credentials.updateStatus(credential.id, { suspended: true });
    await store.credentials.updateStatus(credential.id, { revokedAt: at });
    expect(await store.credentials.getById(credential.id)).to.deep.include({ revokedAt: at, suspended: true });
    await store.credentials.updateStatus(credential.id, { suspended: false, revokedAt: null });
    expect(await store.credentials.getById(credential.id)).to.deep.include({ revokedAt: null, suspended: false });
    const missing = await rejectionOf(store.credentials.updateStatus(uniqueId('urn:uuid'), { suspended: true }));
    expect(missing).to.be.instanceOf(NotFoundError);
  });

  it('counts all credentials and per issuer', async () => {
    const store = getStore();
    const lists = await createIssuerWithLists(store);
    const before = await store.credentials.count();
    await store.credentials.insert(newCredential(lists));
    await store.credentials.insert(newCredential(lists));
    expect(await store.credentials.count({ issuerId: lists.issuer.id })).to.equal(2);
    expect(await store.credentials.count()).to.be.at.least(before + 2);
  });

  it('refuses a credential of an unknown issuer without quoting SQL', async () => {
    const store = getStore();
    const lists = await createIssuerWithLists(store);
    const error = await rejectionOf(store.credentials.insert(newCredential({ ...lists, issuer: newIssuer() })));
    expect(error).to.be.instanceOf(NotFoundError);
    expect(error.message).not.to.match(/insert|select|params|credentials"/i);
  });

  it('lists the credentials of one recipient, oldest first, and no one else\'s', async () => {
    const store = getStore();
    const lists = await createIssuerWithLists(store);
    const recipient = `did:key:${uniqueId('z6MkRecipient')}`;
    const later = newCredential(lists, { recipient, issuedAt: new Date('2026-02-01T00:00:00Z') });
    const earlier = newCredential(lists, { recipient, issuedAt: new Date('2026-01-15T00:00:00Z') });
    await store.credentials.insert(later);
    await store.credentials.insert(earlier);
    await store.credentials.insert(newCredential(lists, { recipient: `did:key:${uniqueId('z6MkOther')}` }));
    expect(await store.credentials.listByRecipient(recipient)).to.deep.equal([earlier, later]);
    expect(await store.credentials.listByRecipient(`did:key:${uniqueId('z6MkNobody')}`)).to.deep.equal([]);
  });
});
