import { expect } from 'chai';
import { forEachStore, uniqueId } from '../test/helpers/store.ts';

forEachStore('SettingsRepository', (getStore) => {
  it('answers null for an unset key and round-trips JSON values', async () => {
    const store = getStore();
    const key = uniqueId('setting');
    expect(await store.settings.get(key)).to.equal(null);
    await store.settings.put(key, { admin: { hash: 'ab' }, n: 1 });
    expect(await store.settings.get(key)).to.deep.equal({ admin: { hash: 'ab' }, n: 1 });
    await store.settings.put(key, 'replaced');
    expect(await store.settings.get(key)).to.equal('replaced');
  });

  it('putIfAbsent lets exactly one of several concurrent writers win', async () => {
    const store = getStore();
    const key = uniqueId('bootstrap');
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => store.settings.putIfAbsent(key, { n })));
    expect(results.filter(Boolean)).to.have.length(1);
    const winner = results.indexOf(true) + 1;
    expect(await store.settings.get(key)).to.deep.equal({ n: winner });
  });
});
