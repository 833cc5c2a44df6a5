import { expect } from 'chai';
import type { ApplicationRecord, EmployerRecord } from '../core/marketplace-ports.ts';
import { forEachStore, uniqueId } from '../test/helpers/store.ts';

const at = new Date('2026-03-01T10:00:00Z');
const later = (seconds: number) => new Date(at.getTime() + seconds * 1000);

forEachStore('employer repositories', (getStore) => {
  let organisationId: string;
  let employer: EmployerRecord;

  before(async () => {
    const store = getStore();
    organisationId = uniqueId('org');
    await store.organisations.create({ id: organisationId, slug: organisationId, name: 'Org', kind: 'sme', createdAt: at });
    employer = { id: uniqueId('emp'), organisationId, email: `${uniqueId('e')}@example.com`, passwordHash: 'scrypt$x', role: 'owner', failedSignIns: 0, lockedUntil: null, createdAt: at };
    expect(await store.employers.create(employer)).to.equal(true);
  });

  it('keeps one account per email and counts concurrent failed sign-ins, locking at the limit', async () => {
    const store = getStore();
    expect(await store.employers.create({ ...employer, id: uniqueId('other') })).to.equal(false);
    expect(await store.employers.getByEmail(employer.email)).to.deep.equal(employer);
    const results = await Promise.all(Array.from({ length: 5 }, () => store.employers.recordFailedSignIn(employer.id, { now: at, maxFailures: 5, lockUntil: later(900) })));
    expect(results.some((r) => r.lockedUntil?.getTime() === later(900).getTime())).to.equal(true);
    expect((await store.employers.getByEmail(employer.email))!.lockedUntil).to.deep.equal(later(900));
    // Once the lock has ended, the count starts afresh.
    const after = await store.employers.recordFailedSignIn(employer.id, { now: later(901), maxFailures: 5, lockUntil: later(1801) });
    expect(after).to.deep.equal({ failedSignIns: 1, lockedUntil: null });
    await store.employers.clearFailedSignIns(employer.id);
    expect(await store.employers.getByEmail(employer.email)).to.include({ failedSignIns: 0, lockedUntil: null });
  });

  it('finds a live session or an unrevoked API key by hash, never an expired, revoked or unknown one', async () => {
    const store = getStore();
    const [live, expired, keyHash] = [uniqueId('live'), uniqueId('expired'), uniqueId('key')];
    await store.employers.insertSession({ id: uniqueId('s'), employerId: employer.id, hash: live, expiresAt: later(3600), createdAt: at, revokedAt: null });
    await store.employers.insertSession({ id: uniqueId('s'), employerId: employer.id, hash: expired, expiresAt: later(10), createdAt: at, revokedAt: null });
    expect(await store.organisationApiKeys.findCredential(live, later(60))).to.deep.include({ organisationId, kind: 'session', employerId: employer.id, role: 'owner' });
    expect(await store.organisationApiKeys.findCredential(expired, later(60))).to.equal(null);
    await store.employers.revokeSession(live, later(61));
    expect(await store.organisationApiKeys.findCredential(live, later(62))).to.equal(null);

    const key = { id: uniqueId('k'), organisationId, label: 'ATS', hash: keyHash, scopes: ['match' as const], createdBy: employer.id, createdAt: at, revokedAt: null };
    await store.organisationApiKeys.insert(key);
    expect(await store.organisationApiKeys.findCredential(keyHash, at)).to.deep.equal({ organisationId, scopes: ['match'], kind: 'api-key', id: key.id, employerId: null, role: null, label: 'ATS' });
    expect(await store.organisationApiKeys.revoke('another-org', key.id, later(1))).to.equal(false);
    expect(await store.organisationApiKeys.revoke(organisationId, key.id, later(1))).to.equal(true);
    expect(await store.organisationApiKeys.revoke(organisationId, key.id, later(2))).to.equal(true);
    expect((await store.organisationApiKeys.listByOrganisation(organisationId)).find((k) => k.id === key.id)!.revokedAt).to.deep.equal(later(1));
    expect(await store.organisationApiKeys.findCredential(keyHash, later(3))).to.equal(null);
    expect(await store.organisationApiKeys.findCredential(uniqueId('unknown'), at)).to.equal(null);
  });

  it('shortlists once, records the candidate\'s answer, finds applications by any of the holder\'s DIDs', async () => {
    const store = getStore();
    const openingId = uniqueId('job');
    await store.openings.create({ id: openingId, organisationId, title: 'T', description: 'D', location: 'L', remote: 'remote', employmentType: null, requirements: [], acceptedIssuers: [], status: 'open', createdAt: at });
    const holder = `did:key:${uniqueId('z6Mk')}`;
    const application: ApplicationRecord = { id: uniqueId('app'), openingId, holder, credentials: [], verification: {}, flagged: false, flags: [], submittedAt: at, checkedAt: at };
    await store.applications.insert(application);
    expect(await store.reveals.decide(application.id, { consent: 'given', revealed: { did: holder }, at })).to.equal(null);

    const pending = { applicationId: application.id, organisationId, shortlistedAt: at, shortlistedBy: employer.id, consent: 'pending' as const, decidedAt: null, revealed: null };
    expect(await store.reveals.shortlist(pending)).to.deep.equal(pending);
    expect(await store.reveals.shortlist({ ...pending, shortlistedAt: later(5) })).to.deep.equal(pending);
    expect(await store.reveals.listByOpening(openingId)).to.deep.equal([pending]);

    const decided = await store.reveals.decide(application.id, { consent: 'given', revealed: { did: holder, email: 'a@example.com' }, at: later(10) });
    expect(decided).to.deep.equal({ ...pending, consent: 'given', revealed: { did: holder, email: 'a@example.com' }, decidedAt: later(10) });
    const mine = await store.reveals.listByHolders(['did:key:retired', holder]);
    expect(mine.map((m) => [m.application.id, m.shortlist?.consent])).to.deep.equal([[application.id, 'given']]);
    expect(await store.reveals.listByHolders([])).to.deep.equal([]);
    expect((await store.reveals.getApplication(application.id))!.holder).to.equal(holder);
    expect(await store.reveals.getApplication(uniqueId('none'))).to.equal(null);
  });

  it('keeps the latest organisation verification', async () => {
    const store = getStore();
    expect(await store.organisationVerifications.get(organisationId)).to.equal(null);
    await store.organisationVerifications.put(organisationId, { verified: true, verifiedBy: { method: 'did:web', did: 'did:web:org.example', verificationMethod: null }, verifiedAt: at });
    const second = { verified: true as const, verifiedBy: { method: 'credential' as const, issuer: 'did:key:z', credentialId: null, credentialDigest: 'ab' }, verifiedAt: later(1) };
    await store.organisationVerifications.put(organisationId, second);
    expect(await store.organisationVerifications.get(organisationId)).to.deep.equal(second);
  });
});
