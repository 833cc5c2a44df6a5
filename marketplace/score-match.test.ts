import { expect } from 'chai';
import fc from 'fast-check';
import type { Requirement } from '../core/marketplace-ports.ts';
import { SKILL_LEVELS, type SkillLevel } from '../core/open-badges.ts';
import { toVerifiedCredential, type VerifiedCredential, type VerifierResultLike } from '../core/verified-credential.ts';
import { rankMatches } from './rank-matches.ts';
import { scoreMatch, type MatchResult } from './score-match.ts';
import { testSkillTree } from '../test/helpers/skill-tree.ts';

const { S, skills } = testSkillTree();
const NOW = new Date('2026-06-01T00:00:00Z');
const ACADEMY = 'did:web:academy.test';

interface Cred {
  id: string;
  issuer?: string;
  trusted?: boolean;
  revoked?: boolean;
  verified?: boolean;
  skills: { id: string; level?: SkillLevel; validFrom?: string }[];
}
function vc(c: Cred): VerifiedCredential | null {
  const result: VerifierResultLike = {
    verified: c.verified ?? true,
    credentialId: c.id,
    issuer: c.issuer ?? ACADEMY,
    trusted: c.trusted ?? true,
    status: { revoked: c.revoked ?? false, suspended: false },
    skills: c.skills.map((s) => ({ name: s.id, validFrom: '2026-01-01T00:00:00Z', ...s })),
  };
  return toVerifiedCredential(result, NOW);
}
const vcs = (...cs: Cred[]) => cs.map(vc).filter((x): x is VerifiedCredential => x !== null);
const req = (skill: string, minLevel: SkillLevel, extra: Partial<Requirement> = {}): Requirement => ({ skill, minLevel, required: true, weight: 1, ...extra });
const score = (requirements: Requirement[], credentials: VerifiedCredential[], acceptedIssuers: string[] = []) =>
  scoreMatch(requirements, credentials, { now: NOW, skills, acceptedIssuers });

describe('scoreMatch', () => {
  it('meets a requirement with the exact skill at or above the minimum level, and explains it', () => {
    const result = score([req(S('privacy'), 'practitioner')], vcs({ id: 'c1', skills: [{ id: S('privacy'), level: 'expert' }] }));
    expect(result).to.include({ score: 100, eligible: true, surplus: 1 });
    const [r] = result.requirements;
    expect(r!.satisfiedBy).to.include({ credentialId: 'c1', issuer: ACADEMY, level: 'expert', effectiveLevel: 'expert', via: 'exact', checkedAt: NOW.toISOString() });
    expect(r!.wouldMeet).to.equal(null);
  });

  it('does not meet it below the level: not eligible, with the near miss and what would meet it', () => {
    const result = score([req(S('privacy'), 'expert')], vcs({ id: 'c1', skills: [{ id: S('privacy'), level: 'practitioner' }] }));
    expect(result).to.include({ score: 0, eligible: false });
    expect(result.requirements[0]!.nearMisses[0]).to.deep.include({ reason: 'level-too-low' });
    expect(result.requirements[0]!.wouldMeet).to.match(/privacy at expert or higher/);
  });

  it('lets a sub-skill prove its parent area one level lower; a parent never proves a child', () => {
    const expertChild = score([req(S('prompting'), 'practitioner')], vcs({ id: 'c1', skills: [{ id: S('structured-output'), level: 'expert' }] }));
    expect(expertChild.requirements[0]).to.deep.include({ met: true });
    expect(expertChild.requirements[0]!.satisfiedBy).to.include({ via: 'sub-skill', effectiveLevel: 'practitioner' });
    const practitionerChild = score([req(S('prompting'), 'practitioner')], vcs({ id: 'c1', skills: [{ id: S('few-shot'), level: 'practitioner' }] }));
    expect(practitionerChild.requirements[0]!.met).to.equal(false);
    const parent = score([req(S('few-shot'), 'foundation')], vcs({ id: 'c1', skills: [{ id: S('prompting'), level: 'expert' }] }));
    expect(parent.requirements[0]!.met).to.equal(false);
  });

  it('applies maxAgeMonths from validFrom: old or undated evidence does not count', () => {
    const r = [req(S('privacy'), 'foundation', { maxAgeMonths: 12 })];
    expect(score(r, vcs({ id: 'c1', skills: [{ id: S('privacy'), level: 'expert', validFrom: '2025-07-01T00:00:00Z' }] })).eligible).to.equal(true);
    const old = score(r, vcs({ id: 'c1', skills: [{ id: S('privacy'), level: 'expert', validFrom: '2025-05-01T00:00:00Z' }] }));
    expect(old.eligible).to.equal(false);
    expect(old.requirements[0]!.nearMisses[0]!.reason).to.equal('too-old');
    expect(old.requirements[0]!.wouldMeet).to.contain('valid from 2025-06-01 or later');
  });

  it('counts only trusted, unrevoked credentials from accepted issuers', () => {
    const r = [req(S('privacy'), 'foundation')];
    const c = (extra: Partial<Cred>) => vcs({ id: 'c1', skills: [{ id: S('privacy'), level: 'expert' }], ...extra });
    expect(score(r, c({ trusted: false })).eligible).to.equal(false);
    expect(score(r, c({ revoked: true })).requirements[0]!.nearMisses[0]!.reason).to.equal('not-usable');
    expect(score(r, c({ issuer: 'did:web:other.test' }), [ACADEMY]).requirements[0]!.nearMisses[0]!.reason).to.equal('issuer-not-accepted');
    expect(score(r, c({}), [ACADEMY]).eligible).to.equal(true);
  });

  it('weights preferred requirements into the score without affecting eligibility', () => {
    const r = [req(S('privacy'), 'foundation', { weight: 3 }), req(S('few-shot'), 'foundation', { required: false, weight: 1 })];
    const result = score(r, vcs({ id: 'c1', skills: [{ id: S('privacy'), level: 'foundation' }] }));
    expect(result).to.include({ score: 75, eligible: true });
  });

  it('scores a free-text claim as nothing: an unverified result never becomes a credential', () => {
    const claimed = vcs({ id: 'c1', verified: false, skills: [{ id: S('privacy'), level: 'expert' }] });
    expect(claimed).to.deep.equal([]);
    expect(score([req(S('privacy'), 'foundation')], claimed)).to.include({ score: 0, eligible: false });
  });

  it('picks the best candidate deterministically on ties (most recent, then smallest credential id)', () => {
    const a = { id: 'urn:b', skills: [{ id: S('privacy'), level: 'expert' as const, validFrom: '2026-02-01T00:00:00Z' }] };
    const b = { id: 'urn:a', skills: [{ id: S('privacy'), level: 'expert' as const, validFrom: '2026-02-01T00:00:00Z' }] };
    const c = { id: 'urn:0', skills: [{ id: S('privacy'), level: 'expert' as const, validFrom: '2025-12-01T00:00:00Z' }] };
    expect(score([req(S('privacy'), 'foundation')], vcs(a, b, c)).requirements[0]!.satisfiedBy!.credentialId).to.equal('urn:a');
  });

  it('ranks eligible before not eligible, then score, surplus and id', () => {
    const m = (eligible: boolean, s: number, surplus: number) => ({ eligible, score: s, surplus }) as MatchResult;
    const ranked = rankMatches([
      { id: 'd', match: m(false, 90, 0) },
      { id: 'c', match: m(true, 80, 0) },
      { id: 'b', match: m(true, 80, 2) },
      { id: 'a', match: m(true, 80, 0) },
    ]);
    expect(ranked.map((r) => r.entry.id)).to.deep.equal(['b', 'a', 'c', 'd']);
  });

  describe('properties', () => {
    const skillIds = [S('prompting'), S('structured-output'), S('few-shot'), S('privacy'), 'http://data.europa.eu/esco/skill/x'];
    const level = fc.constantFrom(...SKILL_LEVELS);
    const credArb = fc.record({
      id: fc.string({ maxLength: 4 }),
      verified: fc.boolean(),
      trusted: fc.boolean(),
      revoked: fc.boolean(),
      issuer: fc.constantFrom(ACADEMY, 'did:web:other.test'),
      skills: fc.array(
        fc.record({ id: fc.constantFrom(...skillIds), level, validFrom: fc.constantFrom('2023-01-01T00:00:00Z', '2025-09-01T00:00:00Z', '2026-05-01T00:00:00Z') }),
        { maxLength: 3 },
      ),
    });
    const reqArb = fc.uniqueArray(
      fc.record({
        skill: fc.constantFrom(...skillIds),
        minLevel: level,
        required: fc.boolean(),
        weight: fc.integer({ min: 1, max: 5 }),
        maxAgeMonths: fc.option(fc.constantFrom(6, 24), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 4, selector: (r) => r.skill },
    ).map((rs) => rs.map(({ maxAgeMonths, ...r }) => (maxAgeMonths === undefined ? r : { ...r, maxAgeMonths })));
    const accepted = fc.constantFrom<string[]>([], [ACADEMY]);
    const withoutIndex = (r: MatchResult) => ({ ...r, requirements: r.requirements.map((e) => ({ ...e, satisfiedBy: e.satisfiedBy && { ...e.satisfiedBy, credential: 0 }, nearMisses: e.nearMisses.length })) });

    it('adding a verified credential never lowers the score nor takes eligibility away', () => {
      fc.assert(
        fc.property(reqArb, fc.array(credArb, { maxLength: 4 }), credArb, accepted, (rs, cs, extra, acc) => {
          const before = score(rs, vcs(...cs), acc);
          const after = score(rs, vcs(...cs, extra), acc);
          expect(after.score).to.be.at.least(before.score);
          if (before.eligible) expect(after.eligible).to.equal(true);
        }),
      );
    });

    it('is monotonic in levels: raising a credential\'s level never lowers the score', () => {
      fc.assert(
        fc.property(reqArb, fc.array(credArb, { minLength: 1, maxLength: 4 }), fc.nat(), accepted, (rs, cs, pick, acc) => {
          const i = pick % cs.length;
          const raised = cs.map((c, j) => (j === i ? { ...c, skills: c.skills.map((s) => ({ ...s, level: 'expert' as const })) } : c));
          expect(score(rs, vcs(...raised), acc).score).to.be.at.least(score(rs, vcs(...cs), acc).score);
        }),
      );
    });

    it('never counts unverified results: they change nothing', () => {
      fc.assert(
        fc.property(reqArb, fc.array(credArb, { maxLength: 4 }), fc.array(credArb, { maxLength: 3 }), accepted, (rs, cs, claims, acc) => {
          const unverified = claims.map((c) => ({ ...c, verified: false }));
          expect(withoutIndex(score(rs, vcs(...cs, ...unverified), acc))).to.deep.equal(withoutIndex(score(rs, vcs(...cs), acc)));
        }),
      );
    });

    it('does not depend on the order of the credentials', () => {
      fc.assert(
        fc.property(reqArb, fc.array(credArb, { maxLength: 5 }), accepted, (rs, cs, acc) => {
          const shuffled = [...cs].reverse();
          const a = score(rs, vcs(...cs), acc);
          const b = score(rs, vcs(...shuffled), acc);
          expect({ score: b.score, eligible: b.eligible, surplus: b.surplus }).to.deep.equal({ score: a.score, eligible: a.eligible, surplus: a.surplus });
          expect(b.requirements.map((e) => e.satisfiedBy?.effectiveLevel ?? null)).to.deep.equal(a.requirements.map((e) => e.satisfiedBy?.effectiveLevel ?? null));
        }),
      );
    });
  });
});
