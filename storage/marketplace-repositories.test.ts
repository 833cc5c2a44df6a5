import { expect } from 'chai';
import type { ApplicationRecord, OpeningRecord } from '../core/marketplace-ports.ts';
import { forEachStore, uniqueId } from '../test/helpers/store.ts';

const at = new Date('2026-03-01T10:00:00Z');

forEachStore('marketplace repositories', (getStore) => {
  it('creates organisations once per slug, openings once per id, and records application re-checks', async () => {
    const store = getStore();
    const slug = uniqueId('org');
    const organisation = { id: uniqueId('org-id'), slug, name: 'Org', kind: 'sme' as const, createdAt: at };
    expect(await store.organisations.create(organisation)).to.equal(true);
    expect(await store.organisations.create({ ...organisation, id: uniqueId('other') })).to.equal(false);
    expect(await store.organisations.getBySlug(slug)).to.deep.equal(organisation);

    const opening: OpeningRecord = {
      id: uniqueId('job'),
      organisationId: organisation.id,
      title: 'T',
      description: 'D',
      location: 'L',
      remote: 'remote',
      employmentType: null,
      requirements: [{ skill: 'https://skills.example/a', minLevel: 'expert', required: true, weight: 2, maxAgeMonths: 12 }],
      acceptedIssuers: ['did:web:academy.test'],
      status: 'open',
      createdAt: at,
    };
    expect(await store.openings.create(opening)).to.equal(true);
    expect(await store.openings.create(opening)).to.equal(false);
    expect(await store.openings.get(opening.id)).to.deep.equal(opening);
    expect((await store.openings.listOpen({ limit: 1000 })).map((o) => o.id)).to.include(opening.id);

    const application: ApplicationRecord = {
      id: uniqueId('app'),
      openingId: opening.id,
      holder: 'did:key:z6Mk',
      credentials: [{ id: 'urn:uuid:1' }, 'a.b.c'],
      verification: { checkedAt: at.toISOString() },
      flagged: false,
      flags: [],
      submittedAt: at,
      checkedAt: at,
    };
    await store.applications.insert(application);
    const later = new Date('2026-04-01T00:00:00Z');
    expect(await store.applications.updateCheck(application.id, { flagged: true, flags: ['credential 0: REVOKED'], checkedAt: later })).to.equal(true);
    expect(await store.applications.updateCheck(uniqueId('none'), { flagged: true, flags: [], checkedAt: later })).to.equal(false);
    expect(await store.applications.listByOpening(opening.id)).to.deep.equal([{ ...application, flagged: true, flags: ['credential 0: REVOKED'], checkedAt: later }]);
  });
});
