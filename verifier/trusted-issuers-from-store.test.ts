/**
 * trustedIssuersFromStore keeps answers for a few seconds (a store read per verification was most of a vc+jwt
 * verification) and drops them all on a registry write in this process.
 */
import { expect } from 'chai';
import type { TrustedIssuerRecord, TrustedIssuerRepository } from '../core/ports.ts';
import { trustedIssuersFromStore, trustRegistryChanged } from './trusted-issuers-from-store.ts';

function memoryRegistry() {
  const entries = new Map<string, TrustedIssuerRecord>();
  let reads = 0;
  const repository: TrustedIssuerRepository = {
    put: async (issuer) => void entries.set(issuer.did, issuer),
    get: async (did) => (reads++, entries.get(did) ?? null),
    list: async () => [...entries.values()],
    remove: async (did) => entries.delete(did),
  };
  return { store: { trustedIssuers: repository }, reads: () => reads };
}

describe('trustedIssuersFromStore', () => {
  const DID = 'did:web:other.example';
  const record: TrustedIssuerRecord = { did: DID, name: 'Other', scope: null, addedAt: new Date(0) };

  it('asks the store once within the TTL, again after it', async () => {
    const registry = memoryRegistry();
    let time = 0;
    const trusted = trustedIssuersFromStore(registry.store, { ownIssuers: async () => false, cacheTtlMs: 5_000, now: () => time });
    await registry.store.trustedIssuers.put(record);
    expect(await trusted(DID)).to.deep.equal({ trusted: true, scope: null });
    time = 4_999;
    expect(await trusted(DID)).to.deep.equal({ trusted: true, scope: null });
    expect(registry.reads()).to.equal(1);
    time = 5_000;
    await trusted(DID);
    expect(registry.reads()).to.equal(2);
  });

  it('answers anew after a registry write in this process (trustRegistryChanged)', async () => {
    const registry = memoryRegistry();
    const trusted = trustedIssuersFromStore(registry.store, { ownIssuers: async () => false, now: () => 0 });
    expect(await trusted(DID)).to.deep.equal({ trusted: false });
    await registry.store.trustedIssuers.put(record);
    expect(await trusted(DID)).to.deep.equal({ trusted: false }); // kept: the write did not go through the routes
    trustRegistryChanged();
    expect(await trusted(DID)).to.deep.equal({ trusted: true, scope: null });
    await registry.store.trustedIssuers.remove(DID);
    trustRegistryChanged();
    expect(await trusted(DID)).to.deep.equal({ trusted: false });
  });

  it('asks every time with cacheTtlMs 0, and never keeps a failed lookup', async () => {
    const registry = memoryRegistry();
    const uncached = trustedIssuersFromStore(registry.store, { ownIssuers: async () => false, cacheTtlMs: 0 });
    await uncached(DID);
    await uncached(DID);
    expect(registry.reads()).to.equal(2);
    let fail = true;
    const flaky = trustedIssuersFromStore(registry.store, {
      ownIssuers: async () => {
        if (fail) throw new Error('database down');
        return true;
      },
      now: () => 0,
    });
    let error: unknown;
    await flaky(DID).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(Error);
    fail = false;
    expect(await flaky(DID)).to.deep.equal({ trusted: true });
  });
});
