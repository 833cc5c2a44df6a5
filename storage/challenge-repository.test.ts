import { expect } from 'chai';
import type { ChallengeRecord } from '../core/ports.ts';
import { forEachStore, rejectionOf, uniqueId } from '../test/helpers/store.ts';

const t0 = new Date('2026-03-01T10:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

function newChallenge(overrides: Partial<ChallengeRecord> = {}): ChallengeRecord {
  return { challenge: uniqueId('challenge'), domain: null, createdAt: t0, expiresAt: later(300_000), consumedAt: null, ...overrides };
}

forEachStore('ChallengeRepository', (getStore) => {
  it('consumes a challenge once; a second consume says it was consumed', async () => {
    const store = getStore();
    const challenge = newChallenge();
    await store.challenges.create(challenge);
    const first = await store.challenges.consume(challenge.challenge, { now: later(1000), domain: null });
    expect(first).to.deep.equal({ consumed: true, record: { ...challenge, consumedAt: later(1000) } });
    expect(await store.challenges.consume(challenge.challenge, { now: later(2000), domain: null })).to.deep.equal({ consumed: false, reason: 'consumed' });
  });

  it('refuses unknown and expired challenges without consuming them', async () => {
    const store = getStore();
    expect(await store.challenges.consume(uniqueId('foreign'), { now: t0, domain: null })).to.deep.equal({ consumed: false, reason: 'unknown' });
    const challenge = newChallenge();
    await store.challenges.create(challenge);
    expect(await store.challenges.consume(challenge.challenge, { now: challenge.expiresAt, domain: null })).to.deep.equal({ consumed: false, reason: 'expired' });
  });

  it('binds a challenge created with a domain to that domain', async () => {
    const store = getStore();
    const challenge = newChallenge({ domain: 'jobs.example' });
    await store.challenges.create(challenge);
    expect(await store.challenges.consume(challenge.challenge, { now: t0, domain: 'evil.example' })).to.deep.equal({ consumed: false, reason: 'domain-mismatch' });
    expect(await store.challenges.consume(challenge.challenge, { now: t0, domain: null })).to.deep.equal({ consumed: false, reason: 'domain-mismatch' });
    expect((await store.challenges.consume(challenge.challenge, { now: t0, domain: 'jobs.example' })).consumed).to.equal(true);
    // A challenge created without a domain accepts any.
    const open = newChallenge();
    await store.challenges.create(open);
    expect((await store.challenges.consume(open.challenge, { now: t0, domain: 'any.example' })).consumed).to.equal(true);
  });

  it('lets exactly one of many concurrent consumers win', async () => {
    const store = getStore();
    for (let round = 0; round < 5; round += 1) {
      const challenge = newChallenge();
      await store.challenges.create(challenge);
      const results = await Promise.all(Array.from({ length: 10 }, () => store.challenges.consume(challenge.challenge, { now: later(1), domain: null })));
      expect(results.filter((r) => r.consumed)).to.have.length(1);
      expect(results.filter((r) => !r.consumed && r.reason === 'consumed')).to.have.length(9);
    }
  });

  it('refuses a duplicate challenge with ConflictError', async () => {
    const store = getStore();
    const challenge = newChallenge();
    await store.challenges.create(challenge);
    expect((await rejectionOf(store.challenges.create(challenge))).name).to.equal('ConflictError');
  });
});
