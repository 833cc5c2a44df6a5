import { expect } from 'chai';
import { forEachStore, uniqueId } from '../test/helpers/store.ts';

const t0 = new Date('2026-03-01T10:00:00Z');
const later = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

forEachStore('SignInFailureRepository', (getStore) => {
  it('counts concurrent failures of one key in single statements and locks at the limit', async () => {
    const store = getStore();
    const key = uniqueId('holder');
    expect(await store.signInFailures.get(key)).to.equal(null);
    const results = await Promise.all(Array.from({ length: 5 }, () => store.signInFailures.recordFailure(key, { now: t0, maxFailures: 5, lockUntil: later(900) })));
    expect(results.map((r) => r.failedSignIns).sort()).to.deep.equal([1, 2, 3, 4, 5]);
    expect(await store.signInFailures.get(key)).to.deep.equal({ failedSignIns: 5, lockedUntil: later(900) });
    // Another key is untouched.
    expect(await store.signInFailures.get(uniqueId('employer'))).to.equal(null);
  });

  it('starts the count afresh once a lock has ended', async () => {
    const store = getStore();
    const key = uniqueId('holder');
    await store.signInFailures.recordFailure(key, { now: t0, maxFailures: 1, lockUntil: later(900) });
    expect(await store.signInFailures.get(key)).to.deep.equal({ failedSignIns: 1, lockedUntil: later(900) });
    expect(await store.signInFailures.recordFailure(key, { now: later(901), maxFailures: 5, lockUntil: later(1801) })).to.deep.equal({ failedSignIns: 1, lockedUntil: null });
  });
});
