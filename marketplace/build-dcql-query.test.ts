import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { DcqlQuery } from 'dcql';
import fc from 'fast-check';
import type { Requirement } from '../core/marketplace-ports.ts';
import { acceptableSkillUrls, buildDcqlQuery } from './build-dcql-query.ts';
import { buildPresentationDefinition } from './build-presentation-definition.ts';

const SKILL = 'https://proofline.dev/frameworks/ai-fluency/v1/skills/tool-use';
const OTHER = 'http://data.europa.eu/esco/skill/abc';
const requirements: Requirement[] = [
  { skill: SKILL, minLevel: 'practitioner', required: true, weight: 3, maxAgeMonths: 24 },
  { skill: OTHER, minLevel: 'foundation', required: false, weight: 1 },
];

describe('buildDcqlQuery', () => {
  it('asks for an OB 3.0 ldp_vc per requirement, aligned to the skill at an acceptable level', () => {
    const query = buildDcqlQuery(requirements);
    expect(query.credentials).to.have.length(2);
    expect(query.credentials[0]).to.deep.equal({
      id: 'requirement_0',
      format: 'ldp_vc',
      meta: { type_values: [['VerifiableCredential', 'OpenBadgeCredential']] },
      claims: [{ id: 'skill', path: ['credentialSubject', 'achievement', 'alignment', null, 'targetUrl'], values: [`${SKILL}/levels/practitioner`, `${SKILL}/levels/expert`] }],
    });
    expect(query.credential_sets.map((s) => [s.options, s.required])).to.deep.equal([
      [[['requirement_0']], true],
      [[['requirement_1']], false],
    ]);
  });

  it('accepts the bare skill URI for a foundation minimum (frameworks without levels)', () => {
    expect(acceptableSkillUrls({ skill: OTHER, minLevel: 'foundation' })).to.deep.equal([OTHER, `${OTHER}/levels/foundation`, `${OTHER}/levels/practitioner`, `${OTHER}/levels/expert`]);
  });
});

/** DcqlQuery.parse checks the shape (OpenID4VP 1.0 §6), validate the cross-references (unique ids, credential_sets). */
function assertValidDcql(query: unknown): void {
  DcqlQuery.validate(DcqlQuery.parse(query as DcqlQuery.Input));
}

describe('buildDcqlQuery against the dcql package', () => {
  it('publishes a valid DCQL query for every example opening', () => {
    const jobs = JSON.parse(readFileSync(new URL('../examples/jobs.json', import.meta.url), 'utf8')) as { id: string; requirements: Requirement[] }[];
    expect(jobs.length).to.be.greaterThan(0);
    for (const job of jobs) expect(() => assertValidDcql(buildDcqlQuery(job.requirements)), job.id).not.to.throw();
  });

  it('publishes a valid DCQL query for any requirement set the routes accept', () => {
    const requirement = fc.record(
      {
        skill: fc.oneof(fc.webUrl(), fc.constantFrom(SKILL, OTHER, 'urn:x-skill:a')),
        minLevel: fc.constantFrom('foundation' as const, 'practitioner' as const, 'expert' as const),
        required: fc.boolean(),
        weight: fc.double({ min: 0.01, max: 100, noNaN: true }),
        maxAgeMonths: fc.integer({ min: 1, max: 600 }),
      },
      { requiredKeys: ['skill', 'minLevel', 'required', 'weight'] },
    );
    fc.assert(
      fc.property(fc.uniqueArray(requirement, { minLength: 1, maxLength: 50, selector: (r) => r.skill }), (requirements) => {
        assertValidDcql(buildDcqlQuery(requirements));
      }),
      { numRuns: 200 },
    );
  });

  it('is refused by the package when broken, so the checks above can fail', () => {
    const query = buildDcqlQuery(requirements);
    expect(() => assertValidDcql({ ...query, credentials: [] })).to.throw();
    expect(() => assertValidDcql({ ...query, credential_sets: [{ options: [['no_such_query']], required: true }] })).to.throw();
  });
});

describe('buildPresentationDefinition', () => {
  it('is a PE v2 definition: one descriptor per requirement, required ones all, preferred ones optional, accepted issuers filtered', () => {
    const definition = buildPresentationDefinition('https://jobs.test/jobs/x', requirements, { name: 'X', acceptedIssuers: ['did:web:academy.test'] });
    expect(definition.id).to.equal('https://jobs.test/jobs/x');
    expect(definition.submission_requirements).to.deep.equal([
      { name: 'Required skills', rule: 'all', from: 'required' },
      { name: 'Preferred skills', rule: 'pick', min: 0, from: 'preferred' },
    ]);
    expect(definition.input_descriptors.map((d) => d.group)).to.deep.equal([['required'], ['preferred']]);
    const fields = definition.input_descriptors[0]!.constraints.fields;
    expect(fields[1]).to.deep.equal({ path: ['$.credentialSubject.achievement.alignment[*].targetUrl'], filter: { type: 'string', enum: [`${SKILL}/levels/practitioner`, `${SKILL}/levels/expert`] } });
    expect(fields[2]!.filter).to.deep.equal({ type: 'string', enum: ['did:web:academy.test'] });
    expect(definition.input_descriptors[0]!.purpose).to.contain('within 24 months');
  });
});
