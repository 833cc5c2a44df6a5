import { expect } from 'chai';
import type { AchievementRecord } from '../core/ports.ts';
import { forEachStore, newIssuer, uniqueId } from '../test/helpers/store.ts';

function newAchievement(issuerId: string, overrides: Partial<AchievementRecord> = {}): AchievementRecord {
  const slug = uniqueId('prompt-engineering');
  const id = `https://academy.example/achievements/${slug}`;
  const body = { id, type: ['Achievement'], name: 'Prompt engineering', criteria: { narrative: 'Pass the exam.' } };
  return { id, slug, issuerId, body, createdAt: new Date('2026-01-02T03:04:05.678Z'), ...overrides };
}

forEachStore('AchievementRepository', (getStore) => {
  it('creates an achievement and finds it by id and slug', async () => {
    const store = getStore();
    const issuer = newIssuer();
    await store.issuers.create(issuer);
    const achievement = newAchievement(issuer.id);
    expect(await store.achievements.create(achievement)).to.equal(true);
    expect(await store.achievements.getById(achievement.id)).to.deep.equal(achievement);
    expect(await store.achievements.getBySlug(achievement.slug)).to.deep.equal(achievement);
    expect(await store.achievements.getById(uniqueId('missing'))).to.equal(null);
  });

  it('returns false and changes nothing when the slug or the id exists already', async () => {
    const store = getStore();
    const issuer = newIssuer();
    await store.issuers.create(issuer);
    const achievement = newAchievement(issuer.id);
    await store.achievements.create(achievement);
    const before = await store.achievements.count();
    expect(await store.achievements.create(newAchievement(issuer.id, { slug: achievement.slug }))).to.equal(false);
    expect(await store.achievements.create(newAchievement(issuer.id, { id: achievement.id }))).to.equal(false);
    expect(await store.achievements.count()).to.equal(before);
    expect(await store.achievements.getBySlug(achievement.slug)).to.deep.equal(achievement);
  });

  it('lists all achievements or those of one issuer, and counts them', async () => {
    const store = getStore();
    const [a, b] = [newIssuer(), newIssuer()];
    await store.issuers.create(a);
    await store.issuers.create(b);
    const before = await store.achievements.count();
    const ofA = [newAchievement(a.id), newAchievement(a.id)];
    const ofB = newAchievement(b.id);
    for (const achievement of [...ofA, ofB]) await store.achievements.create(achievement);
    expect(await store.achievements.list({ issuerId: a.id })).to.deep.equal(ofA);
    expect((await store.achievements.list()).map((x) => x.id)).to.include.members([...ofA, ofB].map((x) => x.id));
    expect(await store.achievements.count()).to.equal(before + 3);
  });
});
