import { expect } from 'chai';
import { forEachStore, uniqueId } from '../test/helpers/store.ts';

const at = new Date('2026-03-01T10:00:00Z');

forEachStore('TrustedIssuerRepository', (getStore) => {
  it('puts, replaces, lists and removes entries; null scope round-trips', async () => {
    const store = getStore();
    const did = `did:web:${uniqueId('issuer')}.example`;
    expect(await store.trustedIssuers.get(did)).to.equal(null);
    await store.trustedIssuers.put({ did, name: 'Other Academy', scope: null, addedAt: at });
    expect(await store.trustedIssuers.get(did)).to.deep.equal({ did, name: 'Other Academy', scope: null, addedAt: at });
    const scope = { achievementTypes: ['Certificate'], skillPrefixes: ['https://skills.example/'] };
    await store.trustedIssuers.put({ did, name: 'Renamed', scope, addedAt: at });
    expect(await store.trustedIssuers.get(did)).to.deep.equal({ did, name: 'Renamed', scope, addedAt: at });
    expect((await store.trustedIssuers.list()).filter((i) => i.did === did)).to.have.length(1);
    expect(await store.trustedIssuers.remove(did)).to.equal(true);
    expect(await store.trustedIssuers.remove(did)).to.equal(false);
    expect(await store.trustedIssuers.get(did)).to.equal(null);
  });
});
