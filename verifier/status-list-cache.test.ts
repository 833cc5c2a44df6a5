/**
 * The verified-status-list cache: a list that verified is not verified again for its TTL (by URL and content hash,
 * per DID resolver and scope, for a `now` inside its window, never past validUntil); failures are never kept.
 */
import { expect } from 'chai';
import type { JsonObject } from '../core/open-badges.ts';
import { verificationProblem } from './verification-problem.ts';
import { statusListCacheStats, verifyStatusListCached } from './status-list-cache.ts';

const T0 = new Date('2026-06-01T00:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe('verifyStatusListCached', () => {
  let calls = 0;
  const ok = async () => (calls++, { verified: true, problemDetails: [] });
  const bad = async () => (calls++, { verified: false, problemDetails: [verificationProblem('PROOF_VERIFICATION_ERROR', 'proof', 'no')] });
  let list: JsonObject;
  let resolver: object;
  beforeEach(() => {
    calls = 0;
    resolver = {};
    list = { id: 'https://issuer.example/status/1', credentialSubject: { encodedList: 'uH4sI' }, proof: { proofValue: `z${Math.random()}` } };
  });
  const options = (now: Date, extra: object = {}) => ({ now, ttlSeconds: 300, scope: 'default', resolver, ...extra });

  it('verifies once within the TTL, again after it', async () => {
    const url = 'https://issuer.example/status/1';
    const hits = statusListCacheStats.hits;
    expect((await verifyStatusListCached(list, url, options(at(0)), ok)).verified).to.equal(true);
    expect((await verifyStatusListCached(structuredClone(list), url, options(at(10)), ok)).verified).to.equal(true);
    expect((await verifyStatusListCached(list, url, options(at(299)), ok)).verified).to.equal(true);
    expect(calls).to.equal(1);
    expect(statusListCacheStats.hits - hits).to.equal(2);
    await verifyStatusListCached(list, url, options(at(300)), ok);
    expect(calls).to.equal(2);
  });

  it('verifies again when the bytes, the URL, the scope or the resolver differ, or for an earlier time', async () => {
    const url = 'https://issuer.example/status/1';
    await verifyStatusListCached(list, url, options(at(100)), ok);
    await verifyStatusListCached({ ...list, credentialSubject: { encodedList: 'uH4sJ' } }, url, options(at(101)), ok);
    await verifyStatusListCached(list, 'https://issuer.example/status/2', options(at(101)), ok);
    await verifyStatusListCached(list, url, options(at(101), { scope: 'conformance' }), ok);
    await verifyStatusListCached(list, url, options(at(101), { resolver: {} }), ok);
    await verifyStatusListCached(list, url, options(at(50)), ok);
    expect(calls).to.equal(6);
  });

  it('never keeps a failure, never keeps past validUntil, and is off with ttlSeconds 0', async () => {
    const url = 'https://issuer.example/status/3';
    await verifyStatusListCached(list, url, options(at(0)), bad);
    expect((await verifyStatusListCached(list, url, options(at(1)), bad)).verified).to.equal(false);
    expect(calls).to.equal(2);
    const short = { ...list, validUntil: at(60).toISOString() };
    await verifyStatusListCached(short, url, options(at(0)), ok);
    await verifyStatusListCached(short, url, options(at(30)), ok);
    await verifyStatusListCached(short, url, options(at(61)), ok);
    expect(calls).to.equal(4);
    await verifyStatusListCached(list, url, options(at(0), { ttlSeconds: 0 }), ok);
    await verifyStatusListCached(list, url, options(at(1), { ttlSeconds: 0 }), ok);
    expect(calls).to.equal(6);
  });
});
