import { expect } from 'chai';
import fc from 'fast-check';
import { evidenceSkillRows, type CredentialEvidenceRecord } from '../core/marketplace-evidence-ports.ts';
import type { Requirement } from '../core/marketplace-ports.ts';
import { SKILL_LEVELS } from '../core/open-badges.ts';
import { toVerifiedCredential } from '../core/verified-credential.ts';
import { scoreMatch } from './score-match.ts';
import { planRanking, scoreSkillRows } from './score-skill-rows.ts';
import { fromEvidenceRecord } from './stored-evidence.ts';
import { arbitraryRequirements, testSkillTree } from '../test/helpers/skill-tree.ts';

const { S, skills } = testSkillTree();
const ESCO = 'http://data.europa.eu/esco/skill/abc';
const NOW = new Date('2026-06-01T00:00:00Z');
const ISSUERS = ['did:web:academy.test', 'did:web:other.test'];

const level = fc.option(fc.constantFrom(...SKILL_LEVELS), { nil: undefined });
const skillId = fc.constantFrom(...[...skills.keys()], ESCO, 'https://unknown.example/skill');
const validFrom = fc.option(fc.constantFrom('2021-01-01T00:00:00Z', '2024-12-01T00:00:00Z', '2025-06-01T00:00:00Z', '2026-05-31T00:00:00Z', 'not a date'), { nil: undefined });
const credential = fc.record({
  verified: fc.boolean(),
  credentialId: fc.option(fc.constantFrom('urn:a', 'urn:b', 'urn:c'), { nil: null }),
  issuer: fc.option(fc.constantFrom(...ISSUERS), { nil: null }),
  trusted: fc.boolean(),
  revoked: fc.boolean(),
  suspended: fc.boolean(),
  skills: fc.array(
    fc.record({ id: skillId, level, validFrom, issuer: fc.option(fc.constantFrom(...ISSUERS), { nil: undefined }) }),
    { maxLength: 4 },
  ),
});
const requirements = arbitraryRequirements(skillId);
const accepted = fc.constantFrom<string[]>([], [ISSUERS[0]!], ISSUERS);

type Cred = typeof credential extends fc.Arbitrary<infer T> ? T : never;

/** The evidence record a verifier result becomes (as marketplace/stored-evidence.ts toEvidenceRecord builds it). */
function record(c: Cred, position: number): CredentialEvidenceRecord {
  const skillsOut = c.skills.map((s) => ({ name: s.id, ...Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)) })) as CredentialEvidenceRecord['skills'];
  const verified = toVerifiedCredential({ verified: c.verified, credentialId: c.credentialId, issuer: c.issuer, trusted: c.trusted, status: { revoked: c.revoked, suspended: c.suspended }, skills: skillsOut }, NOW);
  const problems = verified ? [...(c.trusted ? [] : ['UNTRUSTED_ISSUER']), ...(c.revoked ? ['REVOKED'] : []), ...(c.suspended ? ['SUSPENDED'] : [])] : ['PROOF_VERIFICATION_ERROR'];
  return {
    applicationId: 'app',
    openingId: 'job',
    position,
    credentialId: c.credentialId,
    digest: `d${position}`,
    verified: verified !== null,
    issuer: c.issuer,
    trusted: c.trusted,
    revoked: c.revoked,
    suspended: c.suspended,
    validFrom: null,
    validUntil: null,
    skills: verified ? skillsOut : [],
    statusEntries: [],
    problems,
    checkedAt: NOW,
  };
}

describe('scoreSkillRows', () => {
  it('gives exactly the score, eligibility and surplus of scoreMatch on the same evidence (random data)', () => {
    fc.assert(
      fc.property(requirements, fc.array(credential, { maxLength: 6 }), accepted, fc.boolean(), (rs, cs, acceptedIssuers, withHierarchy) => {
        const reqs = rs as Requirement[];
        const records = cs.map(record);
        const options = { now: NOW, acceptedIssuers, ...(withHierarchy ? { skills } : {}) };
        const reference = scoreMatch(
          reqs,
          records.map((r) => fromEvidenceRecord(r, NOW)).filter((c) => c !== null),
          options,
        );
        const plan = planRanking(reqs, options);
        const rows = records.flatMap(evidenceSkillRows).filter((row) => plan.relevantSkills.includes(row.skill));
        expect(scoreSkillRows(plan, rows)).to.deep.equal({ score: reference.score, eligible: reference.eligible, surplus: reference.surplus });
      }),
      { numRuns: 3000 },
    );
  });

  it('reads only the skills a requirement can use: the skill itself and its descendants', () => {
    const plan = planRanking([{ skill: S('structured-output'), minLevel: 'foundation', required: true, weight: 1 }], { now: NOW, skills });
    expect(plan.relevantSkills).to.deep.equal([S('json-mode'), S('structured-output')]);
  });
});
