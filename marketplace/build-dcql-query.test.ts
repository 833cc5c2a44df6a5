import { expect } from 'chai';
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
