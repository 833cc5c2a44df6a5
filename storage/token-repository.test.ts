import { expect } from 'chai';
import { ConflictError, NotFoundError } from '../core/errors.ts';
import type { TokenRecord } from '../core/ports.ts';
import { forEachStore, rejectionOf, uniqueId } from '../test/helpers/store.ts';

function newToken(overrides: Partial<TokenRecord> = {}): TokenRecord {
  const id = uniqueId('tok');
  const hash = id.padEnd(64, '0');
  return { id, label: 'ci', hash, scopes: ['issue', 'status'], createdAt: new Date(), revokedAt: null, ...overrides };
}

forEachStore('TokenRepository', (getStore) => {
  it('stores a token and finds it by hash with its scopes', async () => {
    const store = getStore();
    const token = newToken();
    await store.tokens.insert(token);
    expect(await store.tokens.findByHash(token.hash)).to.deep.equal(token);
    expect(await store.tokens.findByHash(uniqueId('nohash'))).to.equal(null);
    expect((await store.tokens.list()).map((t) => t.id)).to.include(token.id);
  });

  it('refuses a second token with the same hash', async () => {
    const store = getStore();
    const token = newToken();
    await store.tokens.insert(token);
    expect(await rejectionOf(store.tokens.insert(newToken({ hash: token.hash })))).to.be.instanceOf(ConflictError);
  });

  it('revokes once: a second revocation keeps the first time; an unknown token is NotFound', async () => {
    const store = getStore();
    const token = newToken({ scopes: ['admin'] });
    await store.tokens.insert(token);
    const first = new Date('2026-02-01T00:00:00Z');
    await store.tokens.revoke(token.id, first);
    await store.tokens.revoke(token.id, new Date('2026-03-01T00:00:00Z'));
    expect((await store.tokens.findByHash(token.hash))?.revokedAt).to.deep.equal(first);
    expect(await rejectionOf(store.tokens.revoke(uniqueId('tok'), first))).to.be.instanceOf(NotFoundError);
  });
});
