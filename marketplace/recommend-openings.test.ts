import { expect } from 'chai';
import fc from 'fast-check';
import type { OpeningRecord, Requirement } from '../core/marketplace-ports.ts';
import type { SkillLevel } from '../core/open-badges.ts';
import { toVerifiedCredential, type VerifiedCredential } from '../core/verified-credential.ts';
import { rankOpeningsFor } from './recommend-openings.ts';

const S = (slug: string) => `https://skills.example/fw/skills/${slug}`;
const NOW = new Date('2026-06-01T00:00:00Z');
const SKILLS = ['a', 'b', 'c', 'd'].map(S);
const LEVELS: SkillLevel[] = ['foundation', 'practitioner', 'expert'];

function credential(id: string, skill: string, level: SkillLevel, issuer = 'did:web:academy.test'): VerifiedCredential {
  return toVerifiedCredential(
    { verified: true, credentialId: id, issuer, trusted: true, status: { revoked: false, suspended: false }, skills: [{ id: skill, name: skill, level, validFrom: '2026-01-01T00:00:00Z' }] },
    NOW,
  )!;
}
function opening(id: string, requirements: Requirement[], createdAt = new Date('2026-05-01T00:00:00Z'), acceptedIssuers: string[] = []): OpeningRecord {
  return { id, organisationId: 'org', title: id, description: 'd', location: 'l', remote: 'remote', employmentType: null, requirements, acceptedIssuers, status: 'open', createdAt };
}

describe('rankOpeningsFor', () => {
  it('puts eligible openings first, then by score; leaves out openings nothing counts for; honours accepted issuers', () => {
    const creds = [credential('c1', S('a'), 'expert'), credential('c2', S('b'), 'foundation')];
    const ranked = rankOpeningsFor(
      [
        opening('needs-b-expert', [{ skill: S('b'), minLevel: 'expert', required: true, weight: 1 }, { skill: S('a'), minLevel: 'foundation', required: false, weight: 3 }]),
        opening('a-only', [{ skill: S('a'), minLevel: 'practitioner', required: true, weight: 1 }]),
        opening('nothing', [{ skill: S('c'), minLevel: 'foundation', required: true, weight: 1 }]),
        opening('other-issuer', [{ skill: S('a'), minLevel: 'foundation', required: true, weight: 1 }], undefined, ['did:web:elsewhere.test']),
      ],
      creds,
      { now: NOW },
    );
    expect(ranked.map((r) => r.opening.id)).to.deep.equal(['a-only', 'needs-b-expert']);
    expect(ranked[0]!.match).to.include({ eligible: true, score: 100 });
    expect(ranked[1]!.match).to.include({ eligible: false, score: 75 });
  });

  it('does not depend on the order of openings or credentials, and is ordered eligible, score (property)', () => {
    const requirement = fc.record({ skill: fc.constantFrom(...SKILLS), minLevel: fc.constantFrom(...LEVELS), required: fc.boolean(), weight: fc.integer({ min: 1, max: 5 }) });
    const openingArb = fc.record({ requirements: fc.uniqueArray(requirement, { minLength: 1, maxLength: 4, selector: (r) => r.skill }), day: fc.integer({ min: 1, max: 28 }) });
    const credArb = fc.record({ skill: fc.constantFrom(...SKILLS), level: fc.constantFrom(...LEVELS) });
    fc.assert(
      fc.property(fc.array(openingArb, { maxLength: 8 }), fc.array(credArb, { maxLength: 6 }), fc.context(), (specs, credSpecs, ctx) => {
        const openings = specs.map((s, i) => opening(`o${i}`, s.requirements, new Date(Date.UTC(2026, 4, s.day))));
        const creds = credSpecs.map((c, i) => credential(`c${i}`, c.skill, c.level));
        const ranked = rankOpeningsFor(openings, creds, { now: NOW });
        const shuffled = rankOpeningsFor([...openings].reverse(), [...creds].reverse(), { now: NOW });
        ctx.log(JSON.stringify(ranked.map((r) => r.opening.id)));
        expect(shuffled.map((r) => r.opening.id)).to.deep.equal(ranked.map((r) => r.opening.id));
        for (const r of ranked) expect(r.match.score).to.be.above(0);
        for (let i = 1; i < ranked.length; i += 1) {
          const [p, q] = [ranked[i - 1]!.match, ranked[i]!.match];
          expect(Number(p.eligible) > Number(q.eligible) || (p.eligible === q.eligible && p.score >= q.score)).to.equal(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never drops an opening or lowers its score when a verified credential is added (property)', () => {
    const requirement = fc.record({ skill: fc.constantFrom(...SKILLS), minLevel: fc.constantFrom(...LEVELS), required: fc.boolean(), weight: fc.integer({ min: 1, max: 5 }) });
    const credArb = fc.record({ skill: fc.constantFrom(...SKILLS), level: fc.constantFrom(...LEVELS) });
    fc.assert(
      fc.property(fc.array(fc.uniqueArray(requirement, { minLength: 1, maxLength: 4, selector: (r) => r.skill }), { maxLength: 6 }), fc.array(credArb, { maxLength: 5 }), credArb, (reqs, credSpecs, extra) => {
        const openings = reqs.map((r, i) => opening(`o${i}`, r));
        const creds = credSpecs.map((c, i) => credential(`c${i}`, c.skill, c.level));
        const before = new Map(rankOpeningsFor(openings, creds, { now: NOW }).map((r) => [r.opening.id, r.match.score]));
        const after = new Map(rankOpeningsFor(openings, [...creds, credential('extra', extra.skill, extra.level)], { now: NOW }).map((r) => [r.opening.id, r.match.score]));
        for (const [id, score] of before) expect(after.get(id)).to.be.at.least(score);
      }),
      { numRuns: 200 },
    );
  });
});
