/**
 * purgeExpiredRecords on both databases: what is a grace period past its expiry goes, everything else stays, and a
 * purged challenge or session can never be used. Rows here are dated 1999, before any other test's, so the counts are
 * exactly this test's.
 */
import { expect } from 'chai';
import type { HolderSessionRecord } from '../core/ports.ts';
import { forEachStore, uniqueId } from '../test/helpers/store.ts';
import { DEFAULT_PURGE_GRACE_MS, purgeExpiredRecords } from './purge-expired-records.ts';

const t0 = new Date('1999-03-01T10:00:00Z');
const at = (hours: number) => new Date(t0.getTime() + hours * 3_600_000);

forEachStore('purgeExpiredRecords', (getStore) => {
  it('deletes challenges and sessions a grace period past their expiry, keeps the rest, and purged ones stay unusable', async () => {
    const store = getStore();
    // Challenges: expired long ago (one consumed, one not), expired within the grace period, and still valid.
    const challenge = (expiresAt: Date) => ({ challenge: uniqueId('challenge'), domain: null, createdAt: t0, expiresAt, consumedAt: null });
    const [oldUnused, oldConsumed, recent, valid] = [challenge(at(1)), challenge(at(1)), challenge(at(40)), challenge(at(100))];
    for (const c of [oldUnused, oldConsumed, recent, valid]) await store.challenges.create(c);
    expect((await store.challenges.consume(oldConsumed.challenge, { now: t0, domain: null })).consumed).to.equal(true);

    // Holder sessions: refresh token expired long ago, and one still within its lifetime.
    const holder = { id: uniqueId('holder'), email: `${uniqueId('h')}@example.com`, passwordHash: 'scrypt$x', failedSignIns: 0, lockedUntil: null, createdAt: t0 };
    expect(await store.holders.create(holder)).to.equal(true);
    const session = (refreshExpiresAt: Date): HolderSessionRecord => ({
      id: uniqueId('session'),
      familyId: uniqueId('family'),
      holderId: holder.id,
      accessHash: uniqueId('access'),
      accessExpiresAt: t0,
      refreshHash: uniqueId('refresh'),
      refreshExpiresAt,
      createdAt: t0,
      rotatedAt: null,
      revokedAt: null,
    });
    const [oldSession, liveSession] = [session(at(2)), session(at(200))];
    for (const s of [oldSession, liveSession]) await store.holderSessions.insert(s);

    // Employer sessions: expired long ago, and live.
    const organisationId = uniqueId('org');
    await store.organisations.create({ id: organisationId, slug: organisationId, name: 'Org', kind: 'sme', createdAt: t0 });
    const employer = { id: uniqueId('emp'), organisationId, email: `${uniqueId('e')}@example.com`, passwordHash: 'scrypt$x', role: 'owner' as const, failedSignIns: 0, lockedUntil: null, createdAt: t0 };
    expect(await store.employers.create(employer)).to.equal(true);
    const [oldHash, liveHash] = [uniqueId('old'), uniqueId('live')];
    await store.employers.insertSession({ id: uniqueId('s'), employerId: employer.id, hash: oldHash, expiresAt: at(3), createdAt: t0, revokedAt: null });
    await store.employers.insertSession({ id: uniqueId('s'), employerId: employer.id, hash: liveHash, expiresAt: at(300), createdAt: t0, revokedAt: null });

    // Failed sign-ins of emails without an account: an old count, an old count locked until late, and a recent one.
    const [oldCount, lockedLate, recentCount] = [uniqueId('old-count'), uniqueId('locked-late'), uniqueId('recent-count')];
    await store.signInFailures.recordFailure(oldCount, { now: at(1), maxFailures: 5, lockUntil: at(2) });
    await store.signInFailures.recordFailure(lockedLate, { now: at(1), maxFailures: 1, lockUntil: at(30) });
    await store.signInFailures.recordFailure(recentCount, { now: at(40), maxFailures: 5, lockUntil: at(41) });

    // Now is 50 h after t0: with a day's grace, what expired (or was last counted) before 26 h goes.
    const now = at(50);
    expect(DEFAULT_PURGE_GRACE_MS).to.equal(24 * 3_600_000);
    expect(await purgeExpiredRecords(store, { now })).to.deep.equal({ challenges: 2, holderSessions: 1, employerSessions: 1, signInFailures: 1 });
    // A second pass finds nothing more.
    expect(await purgeExpiredRecords(store, { now })).to.deep.equal({ challenges: 0, holderSessions: 0, employerSessions: 0, signInFailures: 0 });
    expect(await store.signInFailures.get(oldCount)).to.equal(null);
    expect(await store.signInFailures.get(lockedLate)).to.deep.equal({ failedSignIns: 1, lockedUntil: at(30) });
    expect(await store.signInFailures.get(recentCount)).to.deep.equal({ failedSignIns: 1, lockedUntil: null });

    // Purged challenges are unknown, never consumable; the others keep their answers.
    for (const c of [oldUnused, oldConsumed]) expect(await store.challenges.consume(c.challenge, { now: t0, domain: null })).to.deep.equal({ consumed: false, reason: 'unknown' });
    expect(await store.challenges.consume(recent.challenge, { now, domain: null })).to.deep.equal({ consumed: false, reason: 'expired' });
    expect((await store.challenges.consume(valid.challenge, { now, domain: null })).consumed).to.equal(true);
    // The purged holder session's refresh token is unknown; the live one still rotates.
    expect(await store.holderSessions.rotate(oldSession.refreshHash, t0)).to.deep.equal({ rotated: false, reason: 'unknown', session: null });
    expect((await store.holderSessions.rotate(liveSession.refreshHash, now)).rotated).to.equal(true);
    // The purged employer session is gone; the live one still authenticates.
    expect(await store.organisationApiKeys.findCredential(oldHash, t0)).to.equal(null);
    expect(await store.organisationApiKeys.findCredential(liveHash, now)).to.deep.include({ organisationId, kind: 'session', employerId: employer.id });
  });
});
