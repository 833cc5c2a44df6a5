import { expect } from 'chai';
import { ConflictError } from '../core/errors.ts';
import type { HolderKeyRecord, HolderRecord, HolderSessionRecord, Store, WalletCredentialRecord } from '../core/ports.ts';
import { forEachStore, rejectionOf, uniqueId } from '../test/helpers/store.ts';

const t0 = new Date('2026-03-01T10:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

async function newHolder(store: Store): Promise<HolderRecord> {
  const holder: HolderRecord = { id: uniqueId('holder'), email: `${uniqueId('h')}@example.com`, passwordHash: 'scrypt$x', failedSignIns: 0, lockedUntil: null, createdAt: t0 };
  expect(await store.holders.create(holder)).to.equal(true);
  return holder;
}

function newSession(holderId: string, overrides: Partial<HolderSessionRecord> = {}): HolderSessionRecord {
  return {
    id: uniqueId('session'),
    familyId: uniqueId('family'),
    holderId,
    accessHash: uniqueId('access'),
    accessExpiresAt: later(900_000),
    refreshHash: uniqueId('refresh'),
    refreshExpiresAt: later(86_400_000),
    createdAt: t0,
    rotatedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

function newWalletCredential(holderId: string, overrides: Partial<WalletCredentialRecord> = {}): WalletCredentialRecord {
  const digest = uniqueId('digest');
  return {
    id: uniqueId('wc'),
    holderId,
    source: 'import',
    format: 'data-integrity',
    secured: `{"id":"${digest}"}`,
    digest,
    credentialId: null,
    issuer: 'did:key:z6MkIssuer',
    achievementId: null,
    name: null,
    skills: [],
    validUntil: null,
    status: 'verified',
    verification: { verified: true },
    checkedAt: t0,
    addedAt: t0,
    ...overrides,
  };
}

forEachStore('HolderRepository', (getStore) => {
  it('creates a holder once per email', async () => {
    const store = getStore();
    const holder = await newHolder(store);
    expect(await store.holders.getById(holder.id)).to.deep.equal(holder);
    expect(await store.holders.getByEmail(holder.email)).to.deep.equal(holder);
    expect(await store.holders.create({ ...holder, id: uniqueId('holder') })).to.equal(false);
  });

  it('locks at the fifth failure, counts concurrent failures, and starts afresh once the lock ends', async () => {
    const store = getStore();
    const holder = await newHolder(store);
    const lockUntil = later(900_000);
    const results = await Promise.all(Array.from({ length: 4 }, () => store.holders.recordFailedSignIn(holder.id, { now: t0, maxFailures: 5, lockUntil })));
    expect(results.map((r) => r.failedSignIns).sort()).to.deep.equal([1, 2, 3, 4]);
    expect(results.every((r) => r.lockedUntil === null)).to.equal(true);
    const fifth = await store.holders.recordFailedSignIn(holder.id, { now: t0, maxFailures: 5, lockUntil });
    expect(fifth).to.include({ failedSignIns: 5 });
    expect(fifth.lockedUntil).to.deep.equal(lockUntil);
    const afterLock = await store.holders.recordFailedSignIn(holder.id, { now: later(900_000), maxFailures: 5, lockUntil: later(1_800_000) });
    expect(afterLock).to.include({ failedSignIns: 1, lockedUntil: null });
    await store.holders.clearFailedSignIns(holder.id);
    expect(await store.holders.getById(holder.id)).to.include({ failedSignIns: 0, lockedUntil: null });
  });
});

forEachStore('HolderKeyRepository', (getStore) => {
  it('keeps one active key per holder; retired keys stay listed', async () => {
    const store = getStore();
    const holder = await newHolder(store);
    const key = (n: number): HolderKeyRecord => ({
      id: `did:key:${uniqueId('z6Mk')}#${n}`,
      holderId: holder.id,
      did: `did:key:${uniqueId('z6Mk')}`,
      algorithm: 'Ed25519',
      publicKeyMultibase: 'z6MkTest',
      encryptedSecretKey: 'v1.x.y',
      status: 'active',
      createdAt: later(n),
      retiredAt: null,
    });
    const first = key(1);
    const second = key(2);
    await store.holderKeys.insert(first);
    expect(await rejectionOf(store.holderKeys.insert(second))).to.be.instanceOf(ConflictError);
    await store.transaction(async (tx) => {
      await tx.holderKeys.retire(first.id, later(2));
      await tx.holderKeys.insert(second);
    });
    expect(await store.holderKeys.getActive(holder.id)).to.deep.equal(second);
    expect(await store.holderKeys.listByHolder(holder.id)).to.deep.equal([{ ...first, status: 'retired', retiredAt: later(2) }, second]);
  });
});

forEachStore('HolderSessionRepository', (getStore) => {
  it('finds a usable access token only', async () => {
    const store = getStore();
    const holder = await newHolder(store);
    const session = newSession(holder.id);
    await store.holderSessions.insert(session);
    expect(await store.holderSessions.findByAccessHash(session.accessHash, t0)).to.deep.equal(session);
    expect(await store.holderSessions.findByAccessHash(session.accessHash, session.accessExpiresAt)).to.equal(null);
    await store.holderSessions.revokeFamily(session.familyId, t0);
    expect(await store.holderSessions.findByAccessHash(session.accessHash, t0)).to.equal(null);
  });

  it('rotates a refresh token for exactly one of several concurrent callers; the others see reuse', async () => {
    const store = getStore();
    const holder = await newHolder(store);
    const session = newSession(holder.id);
    await store.holderSessions.insert(session);
    const results = await Promise.all(Array.from({ length: 6 }, () => store.holderSessions.rotate(session.refreshHash, later(1))));
    expect(results.filter((r) => r.rotated)).to.have.length(1);
    expect(results.filter((r) => !r.rotated && r.reason === 'reused')).to.have.length(5);
    expect(await store.holderSessions.findByAccessHash(session.accessHash, later(2))).to.equal(null);
  });

  it('says why a refresh token cannot rotate: unknown, expired, revoked', async () => {
    const store = getStore();
    const holder = await newHolder(store);
    expect(await store.holderSessions.rotate(uniqueId('nothing'), t0)).to.deep.equal({ rotated: false, reason: 'unknown', session: null });
    const session = newSession(holder.id);
    await store.holderSessions.insert(session);
    expect((await store.holderSessions.rotate(session.refreshHash, session.refreshExpiresAt)).rotated).to.equal(false);
    expect(await store.holderSessions.rotate(session.refreshHash, session.refreshExpiresAt)).to.include({ reason: 'expired' });
    await store.holderSessions.revokeFamily(session.familyId, t0);
    expect(await store.holderSessions.rotate(session.refreshHash, t0)).to.include({ reason: 'revoked' });
  });
});

forEachStore('WalletCredentialRepository', (getStore) => {
  it('keeps one copy of given bytes per holder and touches only the holder\'s rows', async () => {
    const store = getStore();
    const alice = await newHolder(store);
    const bob = await newHolder(store);
    const credential = newWalletCredential(alice.id);
    expect(await store.walletCredentials.insert(credential)).to.equal(true);
    expect(await store.walletCredentials.insert({ ...credential, id: uniqueId('wc') })).to.equal(false);
    // The same bytes in another wallet are another copy.
    expect(await store.walletCredentials.insert({ ...credential, id: uniqueId('wc'), holderId: bob.id })).to.equal(true);
    expect(await store.walletCredentials.get(alice.id, credential.id)).to.deep.equal(credential);
    expect(await store.walletCredentials.getByDigest(alice.id, credential.digest)).to.deep.equal(credential);
    expect(await store.walletCredentials.get(bob.id, credential.id)).to.equal(null);
    expect(await store.walletCredentials.updateCheck(bob.id, credential.id, { status: 'revoked', verification: {}, checkedAt: t0 })).to.equal(false);
    expect(await store.walletCredentials.delete(bob.id, credential.id)).to.equal(false);
    expect(await store.walletCredentials.get(alice.id, credential.id)).to.deep.equal(credential);
    expect(await store.walletCredentials.updateCheck(alice.id, credential.id, { status: 'revoked', verification: { verified: false }, checkedAt: later(1) })).to.equal(true);
    expect(await store.walletCredentials.get(alice.id, credential.id)).to.include({ status: 'revoked' });
    expect(await store.walletCredentials.delete(alice.id, credential.id)).to.equal(true);
    expect(await store.walletCredentials.get(alice.id, credential.id)).to.equal(null);
  });

  it('filters by issuer, achievement, skill, status and expiry, newest first', async () => {
    const store = getStore();
    const holder = await newHolder(store);
    const a = newWalletCredential(holder.id, { issuer: 'did:web:a.example', achievementId: 'urn:a', skills: ['https://skills.example/x', 'https://skills.example/y'], validUntil: later(1000), addedAt: later(1) });
    const b = newWalletCredential(holder.id, { issuer: 'did:web:b.example', achievementId: 'urn:b', skills: ['https://skills.example/y'], status: 'revoked', addedAt: later(2) });
    for (const c of [a, b]) await store.walletCredentials.insert(c);
    const ids = async (filter: Parameters<Store['walletCredentials']['list']>[1]) => (await store.walletCredentials.list(holder.id, filter)).map((c) => c.id);
    expect(await ids({})).to.deep.equal([b.id, a.id]);
    expect(await ids({ issuer: 'did:web:a.example' })).to.deep.equal([a.id]);
    expect(await ids({ achievement: 'urn:b' })).to.deep.equal([b.id]);
    expect(await ids({ skill: 'https://skills.example/y' })).to.deep.equal([b.id, a.id]);
    expect(await ids({ skill: 'https://skills.example/x' })).to.deep.equal([a.id]);
    expect(await ids({ status: 'revoked' })).to.deep.equal([b.id]);
    expect(await ids({ expiresBefore: later(2000) })).to.deep.equal([a.id]);
    expect(await ids({ expiresAfter: later(2000) })).to.deep.equal([b.id]);
    expect(await ids({ expiresAfter: t0 })).to.deep.equal([b.id, a.id]);
    // Summaries: the same rows, in the same order, without the kept bytes and the verification result.
    for (const filter of [{}, { skill: 'https://skills.example/y' }, { status: 'revoked' as const }]) {
      const full = (await store.walletCredentials.list(holder.id, filter)).map(({ secured: _s, verification: _v, ...rest }) => rest);
      expect(await store.walletCredentials.listSummaries(holder.id, filter)).to.deep.equal(full);
    }
  });
});
