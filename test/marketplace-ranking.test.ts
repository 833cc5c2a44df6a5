/**
 * Ranking from stored evidence equals the reference scorer (docs/decisions/0011): on random openings and random
 * evidence saved through the repository, the database's per-requirement best levels scored in TypeScript give exactly
 * the score, eligibility and surplus scoreMatch gives on the same evidence (PGlite, and PostgreSQL when DATABASE_URL
 * is set). Covers the SQL filters too: relevant skills, hierarchy distance, issuer, recency, usability, expiry.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import type { CredentialEvidenceRecord } from '../core/marketplace-evidence-ports.ts';
import type { OpeningRecord, Requirement } from '../core/marketplace-ports.ts';
import { SKILL_LEVELS } from '../core/open-badges.ts';
import { rankOpening } from '../marketplace/evaluate-applications.ts';
import { scoreMatch } from '../marketplace/score-match.ts';
import { fromEvidenceRecord } from '../marketplace/stored-evidence.ts';
import { forEachStore, uniqueId } from './helpers/store.ts';
import { arbitraryRequirements, testSkillTree } from './helpers/skill-tree.ts';

const { skills } = testSkillTree('https://skills.example/rank');
const NOW = new Date('2026-06-01T00:00:00Z');
const ISSUERS = ['did:web:academy.test', 'did:web:other.test'];
const skillId = fc.constantFrom(...[...skills.keys()], 'http://data.europa.eu/esco/skill/abc');
const credential = fc.record({
  verified: fc.constantFrom(true, true, true, false),
  issuer: fc.option(fc.constantFrom(...ISSUERS), { nil: null }),
  problems: fc.constantFrom<string[]>([], [], [], ['REVOKED'], ['SUSPENDED'], ['UNTRUSTED_ISSUER']),
  validUntil: fc.constantFrom<string | null>(null, null, '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'),
  skills: fc.array(
    fc.record({
      id: skillId,
      level: fc.option(fc.constantFrom(...SKILL_LEVELS), { nil: undefined }),
      validFrom: fc.option(fc.constantFrom('2021-01-01T00:00:00Z', '2024-12-01T00:00:00Z', '2026-05-31T00:00:00Z'), { nil: undefined }),
      issuer: fc.option(fc.constantFrom(...ISSUERS), { nil: undefined }),
    }),
    { maxLength: 4 },
  ),
});
const requirements = arbitraryRequirements(skillId, { maxLength: 5 });

forEachStore('rankOpening from stored evidence', (getStore) => {
  it('gives exactly scoreMatch\'s score, eligibility and surplus per application (random data)', async function () {
    this.timeout(300_000);
    const store = getStore();
    const organisationId = uniqueId('rank-org');
    await store.organisations.create({ id: organisationId, slug: organisationId, name: 'Rank', kind: 'company', createdAt: NOW });
    await fc.assert(
      fc.asyncProperty(requirements, fc.constantFrom<string[]>([], [ISSUERS[0]!], ISSUERS), fc.array(fc.array(credential, { maxLength: 4 }), { minLength: 1, maxLength: 12 }), async (rs, acceptedIssuers, applications) => {
        const opening: OpeningRecord = {
          id: uniqueId('rank-job'),
          organisationId,
          title: 'T',
          description: 'D',
          location: 'L',
          remote: 'remote',
          employmentType: null,
          requirements: rs as Requirement[],
          acceptedIssuers,
          status: 'open',
          createdAt: NOW,
        };
        await store.openings.create(opening);
        const records = new Map<string, CredentialEvidenceRecord[]>();
        for (const credentials of applications) {
          const applicationId = uniqueId('rank-app');
          await store.applications.insert({ id: applicationId, openingId: opening.id, holder: 'did:key:z', credentials: [], verification: {}, flagged: false, flags: [], submittedAt: NOW, checkedAt: NOW });
          const saved = credentials.map((c, position): CredentialEvidenceRecord => ({
            applicationId,
            openingId: opening.id,
            position,
            credentialId: `urn:c:${position}`,
            digest: `d${position}`,
            verified: c.verified,
            issuer: c.issuer,
            trusted: !c.problems.includes('UNTRUSTED_ISSUER'),
            revoked: c.problems.includes('REVOKED'),
            suspended: c.problems.includes('SUSPENDED'),
            validFrom: null,
            validUntil: c.validUntil,
            skills: c.verified ? c.skills.map((s) => ({ name: s.id, ...Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)) }) as CredentialEvidenceRecord['skills'][number]) : [],
            statusEntries: [],
            problems: c.verified ? c.problems : ['PROOF_VERIFICATION_ERROR'],
            checkedAt: NOW,
          }));
          await store.evidence.save(saved);
          records.set(applicationId, saved);
        }
        const ranked = await rankOpening({ store, skills }, opening, NOW);
        expect(ranked).to.have.length(applications.length);
        for (const { entry } of ranked) {
          const credentials = records.get(entry.id)!.map((r) => fromEvidenceRecord(r, NOW)).filter((c) => c !== null);
          const reference = scoreMatch(opening.requirements, credentials, { now: NOW, skills, acceptedIssuers });
          expect(entry.match, entry.id).to.deep.equal({ score: reference.score, eligible: reference.eligible, surplus: reference.surplus });
        }
      }),
      { numRuns: 25 },
    );
  });
});
