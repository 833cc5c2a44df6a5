/**
 * The bundled Open Badges 3.0 schemas (Proofline's transcription of the OB 3.0 data model, under 1EdTech's ids):
 * spec-shaped credentials in the VC 1.1 and VC 2.0 shapes pass; each single-field breakage fails with SCHEMA_INVALID
 * naming its path; random valid credentials pass and fail once any one required member is gone; every award Proofline
 * issues passes; end to end, a foreign issuer's signed OB credential is schema-checked by verifyCredential.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import fc from 'fast-check';
import * as jose from 'jose';
import request from 'supertest';
import { bearer, forEachPlatform, ownIssuerVerification } from '../test/helpers/platform.ts';
import { issueWithFreshDidKey } from '../test/helpers/independent-verifier.ts';
import { BUNDLED_SCHEMA_IDS, bundledSchema } from './bundled-schemas.ts';
import { checkSchema } from './check-schema.ts';
import { verifyCredential } from './index.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const OB_SCHEMAS = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/';
const ACHIEVEMENT_SCHEMA = `${OB_SCHEMAS}ob_v3p0_achievementcredential_schema.json`;
const ENDORSEMENT_SCHEMA = `${OB_SCHEMAS}ob_v3p0_endorsementcredential_schema.json`;
const V1 = 'https://www.w3.org/2018/credentials/v1';
const V2 = 'https://www.w3.org/ns/credentials/v2';
const OB = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
/** Defines 1EdTechJsonSchemaValidator2019 (the OB context does not): needed to sign a credential that names it. */
const OB_EXTENSIONS = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';
const HOLDER = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

// Fixtures modelled on the examples of the OB 3.0 specification (our own data).
const SCORE = 'urn:uuid:5f3c1a9e-0d4b-4f7e-9a51-6c1e2b7d8a40';
const BUILD = 'urn:uuid:9b2d7c44-1e8a-4c3f-b6d2-0a7e5f91c3b8';
const LEVEL = (n: number) => `urn:uuid:9b2d7c44-1e8a-4c3f-b6d2-0a7e5f91c3b${n}`;

function universityProfile(): Json {
  return {
    id: 'https://example.edu/issuers/565049',
    type: ['Profile'],
    name: 'Example University',
    url: 'https://example.edu',
    email: 'registrar@example.edu',
    image: { id: 'https://example.edu/logo.png', type: 'Image', caption: 'Example University' },
    address: {
      type: ['Address'],
      addressCountry: 'Netherlands',
      addressCountryCode: 'NL',
      addressLocality: 'Utrecht',
      postalCode: '3511',
      geo: { type: 'GeoCoordinates', latitude: 52.09, longitude: 5.12 },
    },
    otherIdentifier: [{ type: 'IdentifierEntry', identifier: '565049', identifierType: 'sourcedId' }],
  };
}

function robotics(): Json {
  return {
    id: 'https://example.edu/achievements/robotics-101',
    type: ['Achievement'],
    achievementType: 'Course',
    name: 'Robotics 101',
    description: 'Builds and programs a line-following robot.',
    criteria: { id: 'https://example.edu/achievements/robotics-101/criteria', narrative: 'Complete the four labs and pass the build review.' },
    image: { id: 'https://example.edu/badges/robotics-101.png', type: 'Image' },
    creator: universityProfile(),
    creditsAvailable: 3,
    fieldOfStudy: 'Engineering',
    humanCode: 'ROB101',
    inLanguage: 'en-GB',
    tag: ['robotics', 'programming'],
    version: '2026',
    alignment: [
      {
        type: ['Alignment'],
        targetName: 'Programs a microcontroller',
        targetUrl: 'https://frameworks.example/competencies/mcu',
        targetType: 'ceasn:Competency',
        targetFramework: 'Example Engineering Framework',
        targetCode: 'ENG-MCU-1',
        targetDescription: 'Writes and flashes firmware for a *microcontroller*.',
      },
      { type: ['Alignment'], targetName: 'Teamwork', targetUrl: 'https://skills.example/teamwork', targetType: 'ext:SkillTag' },
    ],
    related: [{ id: 'https://example.edu/achievements/robotics-101-nl', type: ['Related'], inLanguage: 'nl', version: '2026' }],
    resultDescription: [
      { id: SCORE, type: ['ResultDescription'], name: 'Final score', resultType: 'Percent', valueMin: '0', valueMax: '100', requiredValue: '60' },
      {
        id: BUILD,
        type: ['ResultDescription'],
        name: 'Build quality',
        resultType: 'RubricCriterionLevel',
        requiredLevel: LEVEL(2),
        rubricCriterionLevel: [
          { id: LEVEL(1), type: ['RubricCriterionLevel'], name: 'Developing', level: '1', points: '1', description: 'Runs with help.' },
          { id: LEVEL(2), type: ['RubricCriterionLevel'], name: 'Proficient', level: '2', points: '2' },
        ],
      },
    ],
  };
}

function endorsementCredential(shape: 'vc1' | 'vc2' = 'vc2'): Json {
  return {
    '@context': [shape === 'vc1' ? V1 : V2, OB],
    id: 'urn:uuid:3c1e7a52-6b0f-4d8e-8f2a-b5d9e4c7a110',
    type: ['VerifiableCredential', 'EndorsementCredential'],
    name: 'State endorsement of Robotics 101',
    issuer: { id: 'https://education.state.example/issuers/1', type: ['Profile'], name: 'State Department of Education' },
    ...(shape === 'vc1' ? { issuanceDate: '2026-02-01T00:00:00Z' } : { validFrom: '2026-02-01T00:00:00Z' }),
    credentialSubject: {
      id: 'https://example.edu/achievements/robotics-101',
      type: ['EndorsementSubject'],
      endorsementComment: 'Meets the state standard for introductory robotics.',
    },
    credentialSchema: [{ id: ENDORSEMENT_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }],
  };
}

/** A full OB 3.0 credential: VC 2.0 (validFrom, OpenBadgeCredential) or VC 1.1 (issuanceDate, AchievementCredential). */
function achievementCredential(shape: 'vc1' | 'vc2' = 'vc2'): Json {
  const dates =
    shape === 'vc1'
      ? { issuanceDate: '2026-03-01T00:00:00Z', expirationDate: '2031-03-01T00:00:00Z' }
      : { validFrom: '2026-03-01T00:00:00Z', validUntil: '2031-03-01T00:00:00Z' };
  return {
    '@context': [shape === 'vc1' ? V1 : V2, shape === 'vc1' ? 'https://purl.imsglobal.org/spec/ob/v3p0/context.json' : OB],
    id: 'urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002',
    type: ['VerifiableCredential', shape === 'vc1' ? 'AchievementCredential' : 'OpenBadgeCredential'],
    name: 'Robotics 101',
    description: 'Awarded for completing Robotics 101.',
    issuer: universityProfile(),
    ...dates,
    awardedDate: '2026-03-01T00:00:00Z',
    credentialSubject: {
      id: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
      type: ['AchievementSubject'],
      achievement: robotics(),
      identifier: [{ type: 'IdentityObject', identityHash: `sha256$${'ab'.repeat(32)}`, identityType: 'emailAddress', hashed: true, salt: 'pepper' }],
      result: [
        { type: ['Result'], resultDescription: SCORE, value: '87', status: 'Completed' },
        { type: ['Result'], resultDescription: BUILD, achievedLevel: LEVEL(2) },
      ],
      activityStartDate: '2026-01-10T09:00:00Z',
      activityEndDate: '2026-02-20T17:00:00Z',
      creditsEarned: 3,
      term: 'Spring 2026',
      role: 'Team lead',
      narrative: 'Led the build of the team robot.',
    },
    evidence: [
      { id: 'https://example.edu/portfolio/robot', type: ['Evidence'], name: 'Build log', genre: 'Project', audience: 'Employers', narrative: 'Weekly build log.' },
    ],
    endorsement: [endorsementCredential(shape)],
    credentialSchema: [{ id: ACHIEVEMENT_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }],
    credentialStatus: {
      id: 'https://example.edu/status/1#94567',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '94567',
      statusListCredential: 'https://example.edu/status/1',
    },
    termsOfUse: { type: 'IssuerPolicy', id: 'https://example.edu/policies/badges' },
    proof:
      shape === 'vc1'
        ? {
            type: 'Ed25519Signature2020',
            created: '2026-03-01T00:00:00Z',
            verificationMethod: 'https://example.edu/issuers/565049#key-1',
            proofPurpose: 'assertionMethod',
            proofValue: 'z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKods5D2UaoiJH5iLAA',
          }
        : {
            type: 'DataIntegrityProof',
            cryptosuite: 'eddsa-rdfc-2022',
            created: '2026-03-01T00:00:00Z',
            verificationMethod: 'https://example.edu/issuers/565049#key-1',
            proofPurpose: 'assertionMethod',
            proofValue: 'z58DAdFfa9SkqZMVPxAQpic7ndSayn1PzZs6ZjWp1CktyGesjuTSwRdoWhAfGFCF5bppETSTojQCrfFPP2oumHKtz',
          },
  };
}

const invalidCodes = async (credential: Json) => (await checkSchema(credential, {})).problems.map((p) => p.code);
const detailOf = async (credential: Json) => (await checkSchema(credential, {})).problems.map((p) => p.detail).join(' | ');

describe('bundledSchema', () => {
  it('holds the OB 3.0 AchievementCredential and EndorsementCredential schemas under 1EdTech\'s ids, frozen, one object each', () => {
    expect(BUNDLED_SCHEMA_IDS).to.deep.equal([ACHIEVEMENT_SCHEMA, ENDORSEMENT_SCHEMA]);
    for (const id of BUNDLED_SCHEMA_IDS) {
      const schema = bundledSchema(id) as Json;
      expect(schema.$id).to.equal(id);
      expect(schema.$schema).to.equal('https://json-schema.org/draft/2019-09/schema');
      expect(schema.description).to.include('Proofline\'s transcription').and.include('NOT 1EdTech\'s published schema');
      expect(Object.isFrozen(schema) && Object.isFrozen(schema.$defs.Profile.properties)).to.equal(true);
      expect(bundledSchema(id)).to.equal(schema);
    }
  });

  it('answers null for any other id, including other 1EdTech schemas (never fetched)', () => {
    expect(bundledSchema(`${OB_SCHEMAS}ob_v3p0_profile_schema.json`)).to.equal(null);
    expect(bundledSchema('https://example.org/schema.json')).to.equal(null);
    expect(bundledSchema('constructor')).to.equal(null);
  });
});

describe('OB 3.0 schemas: spec-shaped credentials', () => {
  for (const shape of ['vc1', 'vc2'] as const) {
    it(`accepts a full AchievementCredential in the ${shape === 'vc1' ? 'VC 1.1' : 'VC 2.0'} shape, and an EndorsementCredential`, async () => {
      expect(await checkSchema(achievementCredential(shape), {})).to.deep.equal({ problems: [], warnings: [] });
      expect(await checkSchema(endorsementCredential(shape), {})).to.deep.equal({ problems: [], warnings: [] });
    });
  }

  it('accepts the smallest credential the spec allows, single values where JSON-LD allows one or many, and members of its own', async () => {
    const minimal: Json = {
      '@context': [V2, OB],
      id: 'urn:uuid:7d1e5e3c-5a0e-4f1b-9d43-2a6f0c8b9e71',
      type: ['VerifiableCredential', 'AchievementCredential'],
      name: 'Teamwork',
      issuer: { id: 'did:example:issuer', type: 'Profile' },
      validFrom: '2026-01-01T00:00:00+01:00',
      credentialSubject: {
        type: 'AchievementSubject',
        identifier: { type: ['IdentityObject'], identityHash: 'learner@example.org', identityType: 'ext:SchoolEmail', hashed: false },
        achievement: { id: 'urn:uuid:1', type: 'Achievement', name: 'Teamwork', description: 'Works in a team.', criteria: { id: 'https://example.org/c' } },
      },
    };
    expect(await invalidCodes(minimal)).to.deep.equal([]);
    const extended = achievementCredential();
    extended.credentialSubject.achievement.alignment = robotics().alignment[0];
    extended.credentialSubject.achievement.achievementType = 'ext:Hackathon';
    extended.credentialSubject.achievement.extraTerm = { any: 'thing' };
    extended.credentialSubject.result = { type: 'Result', value: 'A', resultDescription: SCORE };
    extended.evidence = extended.evidence[0];
    extended.credentialStatus = [extended.credentialStatus, { ...extended.credentialStatus, statusPurpose: 'suspension' }];
    extended.myExtension = 42;
    expect(await invalidCodes(extended)).to.deep.equal([]);
  });

  const breakages: { name: string; at: string; mutate: (c: Json) => void; endorsement?: boolean; vc1?: boolean }[] = [
    { name: 'an achievement without criteria', at: '/credentialSubject/achievement', mutate: (c) => delete c.credentialSubject.achievement.criteria },
    { name: 'an achievement without description', at: '/credentialSubject/achievement', mutate: (c) => delete c.credentialSubject.achievement.description },
    { name: 'an achievement whose type lacks Achievement', at: '/credentialSubject/achievement/type', mutate: (c) => (c.credentialSubject.achievement.type = ['Badge']) },
    { name: 'a credentialSubject without achievement', at: '/credentialSubject', mutate: (c) => delete c.credentialSubject.achievement },
    { name: 'a credentialSubject whose type lacks AchievementSubject', at: '/credentialSubject/type', mutate: (c) => (c.credentialSubject.type = ['Person']) },
    {
      name: 'a credentialSubject with neither id nor identifier',
      at: '/credentialSubject',
      mutate: (c) => {
        delete c.credentialSubject.id;
        delete c.credentialSubject.identifier;
      },
    },
    { name: 'a wrong AlignmentTargetType', at: '/credentialSubject/achievement/alignment/0/targetType', mutate: (c) => (c.credentialSubject.achievement.alignment[0].targetType = 'Competency') },
    { name: 'an ext: AlignmentTargetType with no term', at: '/credentialSubject/achievement/alignment/1/targetType', mutate: (c) => (c.credentialSubject.achievement.alignment[1].targetType = 'ext:') },
    { name: 'an alignment without targetUrl', at: '/credentialSubject/achievement/alignment/0', mutate: (c) => delete c.credentialSubject.achievement.alignment[0].targetUrl },
    { name: 'an unknown AchievementType', at: '/credentialSubject/achievement/achievementType', mutate: (c) => (c.credentialSubject.achievement.achievementType = 'Nanodegree') },
    { name: 'a bad ResultType', at: '/credentialSubject/achievement/resultDescription/0/resultType', mutate: (c) => (c.credentialSubject.achievement.resultDescription[0].resultType = 'Score') },
    { name: 'a rubric level without name', at: '/credentialSubject/achievement/resultDescription/1/rubricCriterionLevel/0', mutate: (c) => delete c.credentialSubject.achievement.resultDescription[1].rubricCriterionLevel[0].name },
    { name: 'a result status outside ResultStatusType', at: '/credentialSubject/result/0/status', mutate: (c) => (c.credentialSubject.result[0].status = 'Passed') },
    { name: 'an IdentityObject without hashed', at: '/credentialSubject/identifier/0', mutate: (c) => delete c.credentialSubject.identifier[0].hashed },
    { name: 'an IdentityObject with a member it does not define (closed, as in 1EdTech\'s schema)', at: '/credentialSubject/identifier/0', mutate: (c) => (c.credentialSubject.identifier[0].plaintext = 'jane@example.org') },
    { name: 'an Image with a member it does not define (closed)', at: '/issuer/image', mutate: (c) => (c.issuer.image.width = 200) },
    { name: 'a non-date validFrom', at: '/validFrom', mutate: (c) => (c.validFrom = 'March 1st, 2026') },
    { name: 'a date-time without time zone', at: '/validUntil', mutate: (c) => (c.validUntil = '2031-03-01T00:00:00') },
    { name: 'a VC 2.0 credential without validFrom', at: 'validFrom', mutate: (c) => delete c.validFrom },
    { name: 'an issuer without id', at: '/issuer', mutate: (c) => delete c.issuer.id },
    { name: 'an issuer that is not a Profile', at: '/issuer/type', mutate: (c) => (c.issuer.type = ['Organization']) },
    { name: 'an issuer image that is a bare string (Image is an object)', at: '/issuer/image', mutate: (c) => (c.issuer.image = 'https://example.edu/logo.png') },
    { name: 'a type lacking OpenBadgeCredential/AchievementCredential', at: '/type', mutate: (c) => (c.type = ['VerifiableCredential']) },
    { name: 'a type lacking VerifiableCredential', at: '/type', mutate: (c) => (c.type = ['OpenBadgeCredential']) },
    { name: 'a VC 1.1 credential without name (its edition required one)', at: 'name', mutate: (c) => delete c.name, vc1: true },
    { name: 'a credential without id', at: 'id', mutate: (c) => delete c.id },
    { name: 'a first context that is not the VC context', at: '/@context/0', mutate: (c) => (c['@context'] = [OB, V2]) },
    { name: 'no Open Badges context second', at: '/@context/1', mutate: (c) => (c['@context'] = [V2, 'https://example.org/context.json']) },
    { name: 'evidence without type', at: '/evidence/0', mutate: (c) => delete c.evidence[0].type },
    { name: 'a status without type', at: '/credentialStatus', mutate: (c) => delete c.credentialStatus.type },
    { name: 'an embedded endorsement whose subject has no id', at: '/endorsement/0/credentialSubject', mutate: (c) => delete c.endorsement[0].credentialSubject.id },
    { name: 'an embedded endorsement without EndorsementCredential type', at: '/endorsement/0/type', mutate: (c) => (c.endorsement[0].type = ['VerifiableCredential']) },
    { name: 'an endorsement whose subject lacks EndorsementSubject', at: '/credentialSubject/type', mutate: (c) => (c.credentialSubject.type = ['Achievement']), endorsement: true },
    { name: 'an endorsement without issuer', at: 'issuer', mutate: (c) => delete c.issuer, endorsement: true },
    { name: 'an endorsement with a non-date validFrom', at: '/validFrom', mutate: (c) => (c.validFrom = 'yesterday'), endorsement: true },
  ];
  for (const { name, at, mutate, endorsement, vc1 } of breakages) {
    it(`rejects ${name} with SCHEMA_INVALID naming ${at}`, async () => {
      const credential = endorsement ? endorsementCredential() : achievementCredential(vc1 ? 'vc1' : 'vc2');
      mutate(credential);
      expect(await invalidCodes(credential)).to.deep.equal(['SCHEMA_INVALID']);
      expect(await detailOf(credential)).to.include(at);
    });
  }

  // What 1EdTech's current OB 3.0 schema accepts (compared class by class, decision 0001) must not fail here: a
  // stricter transcription would refuse other issuers' valid credentials.
  const officiallyValid: { name: string; mutate: (c: Json) => void; endorsement?: boolean }[] = [
    { name: 'an issuer given as its URI (ProfileRef)', mutate: (c) => (c.issuer = 'https://example.edu/issuers/565049') },
    { name: 'an endorsement issuer given as its URI', mutate: (c) => (c.issuer = 'did:web:education.state.example'), endorsement: true },
    { name: 'a VC 2.0 credential without name ([0..1])', mutate: (c) => delete c.name },
    { name: 'empty lists (evidence, alignment, results, tags)', mutate: (c) => Object.assign(c, { evidence: [] }, { credentialSubject: { ...c.credentialSubject, result: [], achievement: { ...c.credentialSubject.achievement, alignment: [], tag: [] } } }) },
    { name: 'criteria with neither id nor narrative (both [0..1])', mutate: (c) => (c.credentialSubject.achievement.criteria = {}) },
    { name: 'an achievedLevel, an email and a verificationMethod that are plain strings', mutate: (c) => Object.assign(c.credentialSubject.result[1], { achievedLevel: 'level two' }) && Object.assign(c.issuer, { email: 'registrar at example.edu' }) && Object.assign(c.proof, { verificationMethod: 'key 1' }) },
    { name: 'an extension AchievementType matched as 1EdTech\'s unanchored pattern does', mutate: (c) => (c.credentialSubject.achievement.achievementType = 'myext:Nanodegree') },
    { name: 'a later Open Badges 3.x context', mutate: (c) => (c['@context'] = [V2, 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.1.0.json']) },
  ];
  for (const { name, mutate, endorsement } of officiallyValid) {
    it(`accepts ${name}`, async () => {
      const credential = endorsement ? endorsementCredential() : achievementCredential();
      mutate(credential);
      expect(await checkSchema(credential, {})).to.deep.equal({ problems: [], warnings: [] });
    });
  }

  it('accepts status entries without id (optional in VC 2.0 §4.10; the OB 3.0 data model, on VC 1.1, required one)', async () => {
    for (const shape of ['vc1', 'vc2'] as const) {
      const credential = achievementCredential(shape);
      delete credential.credentialStatus.id;
      expect(await checkSchema(credential, {}), shape).to.deep.equal({ problems: [], warnings: [] });
    }
  });

  it('keeps the VC 1.1 rules on VC 1.1 credentials: issuanceDate required, expirationDate a date-time', async () => {
    const noIssuance = achievementCredential('vc1');
    delete noIssuance.issuanceDate;
    expect(await detailOf(noIssuance)).to.include('issuanceDate');
    const badExpiry = achievementCredential('vc1');
    badExpiry.expirationDate = 'never';
    expect(await detailOf(badExpiry)).to.include('/expirationDate');
    const endorsed = endorsementCredential('vc1');
    delete endorsed.issuanceDate;
    expect(await detailOf(endorsed)).to.include('issuanceDate');
  });
});

describe('OB 3.0 schemas: properties', () => {
  const word = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);
  const url = fc.tuple(word, word).map(([host, path]) => `https://${host}.example/${path}`);
  const urn = fc.uuid().map((u) => `urn:uuid:${u}`);
  const iri = fc.oneof(url, urn);
  const date = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
  const text = fc.string({ minLength: 1, maxLength: 20 });
  const oneOrMany = <T>(items: T[], single: boolean): T | T[] => (single && items.length === 1 ? items[0]! : items);
  const typed = (term: string) => fc.constantFrom<string | string[]>(term, [term], [term, 'ext:Extra']);

  const profile = fc.record(
    { id: iri, type: typed('Profile'), name: text, url, image: fc.record({ id: url, type: fc.constant('Image') }) },
    { requiredKeys: ['id', 'type'] },
  );
  const alignment = fc.record(
    {
      type: typed('Alignment'),
      targetName: text,
      targetUrl: url,
      targetType: fc.oneof(fc.constantFrom('ceasn:Competency', 'CFItem', 'CTDL'), word.map((w) => `ext:${w}`)),
      targetCode: text,
    },
    { requiredKeys: ['type', 'targetName', 'targetUrl'] },
  );
  const level = fc.record({ id: iri, type: typed('RubricCriterionLevel'), name: text, points: text }, { requiredKeys: ['id', 'type', 'name'] });
  const resultDescription = fc.record(
    {
      id: iri,
      type: typed('ResultDescription'),
      name: text,
      resultType: fc.constantFrom('Percent', 'LetterGrade', 'RubricCriterionLevel', 'ext:Stars'),
      rubricCriterionLevel: fc.array(level, { minLength: 1, maxLength: 3 }),
    },
    { requiredKeys: ['id', 'type', 'name', 'resultType'] },
  );
  const result = fc.record(
    { type: typed('Result'), value: text, status: fc.constantFrom('Completed', 'InProgress'), resultDescription: iri },
    { requiredKeys: ['type'] },
  );
  const identity = fc.record(
    { type: fc.constant('IdentityObject'), hashed: fc.boolean(), identityHash: text, identityType: fc.constantFrom('emailAddress', 'sourcedId', 'ext:Badge') },
    { requiredKeys: ['type', 'hashed', 'identityHash', 'identityType'] },
  );
  const credential = fc
    .record({
      shape: fc.constantFrom('vc1', 'vc2'),
      kind: fc.constantFrom('OpenBadgeCredential', 'AchievementCredential'),
      id: iri,
      name: text,
      issuer: profile,
      date: date,
      recipient: fc.constantFrom('id', 'identifier', 'both'),
      subjectId: iri,
      identifiers: fc.array(identity, { minLength: 1, maxLength: 2 }),
      achievement: fc.record(
        {
          id: iri,
          type: typed('Achievement'),
          name: text,
          description: text,
          criteria: fc.oneof(fc.record({ id: url }), fc.record({ narrative: text }), fc.record({ id: url, narrative: text })),
          achievementType: fc.constantFrom('Badge', 'Certificate', 'Competency', 'ext:Bootcamp'),
          alignment: fc.array(alignment, { minLength: 1, maxLength: 3 }),
          resultDescription: fc.array(resultDescription, { minLength: 1, maxLength: 2 }),
          creator: profile,
        },
        { requiredKeys: ['id', 'type', 'name', 'description', 'criteria'] },
      ),
      results: fc.array(result, { maxLength: 2 }),
      evidence: fc.array(fc.record({ type: typed('Evidence'), id: url, name: text }, { requiredKeys: ['type'] }), { maxLength: 2 }),
      single: fc.boolean(),
    })
    .map((r): Json => {
      const achievement: Json = r.achievement.alignment ? { ...r.achievement, alignment: oneOrMany(r.achievement.alignment, r.single) } : r.achievement;
      const subject: Json = { type: ['AchievementSubject'], achievement };
      if (r.recipient !== 'identifier') subject.id = r.subjectId;
      if (r.recipient !== 'id') subject.identifier = oneOrMany(r.identifiers, r.single);
      if (r.results.length > 0) subject.result = oneOrMany(r.results, r.single);
      return {
        '@context': [r.shape === 'vc1' ? V1 : V2, OB],
        id: r.id,
        type: ['VerifiableCredential', r.kind],
        name: r.name,
        issuer: r.issuer,
        [r.shape === 'vc1' ? 'issuanceDate' : 'validFrom']: r.date,
        credentialSubject: subject,
        ...(r.evidence.length > 0 ? { evidence: oneOrMany(r.evidence, r.single) } : {}),
        credentialSchema: [{ id: ACHIEVEMENT_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }],
      };
    });

  /** The members of multiplicity 1 or 1..* (unconditionally required by the spec) present in `doc`, as paths. */
  function requiredPaths(doc: Json): string[][] {
    const paths: string[][] = [];
    const each = (value: unknown, at: string[], keys: string[], visit?: (item: Json, itemAt: string[]) => void) => {
      if (value === undefined) return;
      const items: [unknown, string[]][] = Array.isArray(value) ? value.map((v, i) => [v, [...at, String(i)]]) : [[value, at]];
      for (const [item, itemAt] of items) {
        for (const key of keys) if (key in (item as Json)) paths.push([...itemAt, key]);
        visit?.(item as Json, itemAt);
      }
    };
    const profileKeys = (p: Json, at: string[]) => each(p.image, [...at, 'image'], ['id', 'type']);
    // name: required by the VC 1.1 edition only ([0..1] since).
    each(doc, [], ['@context', 'type', 'id', 'credentialSubject', 'issuer', 'validFrom', 'issuanceDate', ...(doc.issuanceDate === undefined ? [] : ['name'])]);
    each(doc.issuer, ['issuer'], ['id', 'type'], profileKeys);
    each(doc.evidence, ['evidence'], ['type']);
    const subject = doc.credentialSubject as Json;
    each(subject, ['credentialSubject'], ['type', 'achievement']);
    each(subject.identifier, ['credentialSubject', 'identifier'], ['type', 'hashed', 'identityHash', 'identityType']);
    each(subject.result, ['credentialSubject', 'result'], ['type']);
    const a = ['credentialSubject', 'achievement'];
    each(subject.achievement, a, ['id', 'type', 'name', 'description', 'criteria']);
    each(subject.achievement.creator, [...a, 'creator'], ['id', 'type'], profileKeys);
    each(subject.achievement.alignment, [...a, 'alignment'], ['type', 'targetName', 'targetUrl']);
    each(subject.achievement.resultDescription, [...a, 'resultDescription'], ['id', 'type', 'name', 'resultType'], (rd, at) =>
      each(rd.rubricCriterionLevel, [...at, 'rubricCriterionLevel'], ['id', 'type', 'name']),
    );
    return paths;
  }

  it('accepts random valid credentials, and rejects each once any one spec-required member is deleted', async () => {
    await fc.assert(
      fc.asyncProperty(credential, fc.nat(), async (doc, pick) => {
        expect(await checkSchema(doc, {}), JSON.stringify(doc)).to.deep.equal({ problems: [], warnings: [] });
        const paths = requiredPaths(doc);
        const path = paths[pick % paths.length]!;
        const broken = structuredClone(doc);
        const parent = path.slice(0, -1).reduce<Json>((node, key) => node[key], broken);
        delete parent[path.at(-1)!];
        const { problems } = await checkSchema(broken, {});
        expect(problems.map((p) => p.code), path.join('/')).to.deep.equal(['SCHEMA_INVALID']);
        expect(problems[0]!.detail, path.join('/')).to.include(`'${path.at(-1)}'`);
      }),
      { numRuns: 200 },
    );
  });
});

forEachPlatform('OB 3.0 schemas: every credential Proofline issues', (platform) => {
  const slugs = (JSON.parse(readFileSync(new URL('../examples/catalog/achievements.json', import.meta.url), 'utf8')) as { slug: string }[]).map((a) => a.slug);
  const award = (body: Json) => request(platform().app).post('/awards').set(...bearer()).send(body).expect(201);
  const base = (achievement = slugs[0]!) => ({
    achievement,
    recipient: { did: HOLDER },
    result: { score: 100, rubricLevel: 'proficient' },
    evidence: { assessmentId: 'rob-101', narrative: 'Passed.', projectUrl: 'https://github.com/learner/robot', artifacts: [{ name: 'log.pdf', sha256: 'cd'.repeat(32) }] },
  });
  /** The issued credential naming the 1EdTech schema too: its own JsonSchema and the bundled one must both pass. */
  const naming1EdTech = (credential: Json) => ({
    ...credential,
    credentialSchema: [...(credential.credentialSchema as Json[]), { id: ACHIEVEMENT_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }],
  });

  const variants: [string, Json][] = [
    ['eddsa-rdfc-2022', {}],
    ['ecdsa-rdfc-2019', { options: { cryptosuite: 'ecdsa-rdfc-2019' } }],
    ['ecdsa-sd-2023', { options: { cryptosuite: 'ecdsa-sd-2023' } }],
    ['an email recipient', { recipient: { email: 'ada@example.org' } }],
    ['a score only, no evidence, with validUntil', { result: { score: 90 }, evidence: undefined, validUntil: '2030-01-01T00:00:00Z' }],
    ['a rubric level only', { result: { rubricLevel: 'proficient' } }],
  ];
  for (const [name, overrides] of variants) {
    it(`an award with ${name} matches the bundled AchievementCredential schema`, async () => {
      const res = await award({ ...base(), ...overrides });
      const result = await checkSchema(naming1EdTech(res.body.verifiableCredential), { loadSchema: ownIssuerVerification(platform()).loadSchema });
      expect(result).to.deep.equal({ problems: [], warnings: [] });
    });
  }

  for (const alg of ['EdDSA', 'ES256']) {
    it(`a vc+jwt (${alg}) award's payload matches it`, async () => {
      const res = await award({ ...base(), options: { format: 'vc+jwt', alg } });
      const payload = jose.decodeJwt(res.body.verifiableCredential as string) as Json;
      expect(await checkSchema(naming1EdTech(payload), { loadSchema: ownIssuerVerification(platform()).loadSchema })).to.deep.equal({ problems: [], warnings: [] });
    });
  }

  it('an award of each achievement of the example catalog matches it', async () => {
    for (const slug of slugs) {
      const res = await award(base(slug));
      expect(await checkSchema(naming1EdTech(res.body.verifiableCredential), { loadSchema: ownIssuerVerification(platform()).loadSchema }), slug).to.deep.equal({ problems: [], warnings: [] });
    }
  });
});

describe('verifyCredential with the bundled OB 3.0 schema (a foreign issuer, signed by @digitalbazaar/vc)', () => {
  const NOW = new Date('2026-06-01T00:00:00Z');
  /** Spec-shaped, and only terms the OB 3.0 contexts define (JSON-LD safe mode signs nothing else). */
  const openBadge = (issuerDid: string, achievement: Json, shape: 'vc1' | 'vc2' = 'vc2'): Json => ({
    '@context': shape === 'vc1' ? [V1, OB, OB_EXTENSIONS, 'https://w3id.org/security/data-integrity/v2'] : [V2, OB, OB_EXTENSIONS],
    id: `urn:uuid:${globalThis.crypto.randomUUID()}`,
    type: ['VerifiableCredential', shape === 'vc1' ? 'AchievementCredential' : 'OpenBadgeCredential'],
    name: 'Robotics 101',
    issuer: { id: issuerDid, type: ['Profile'], name: 'Example University' },
    ...(shape === 'vc1' ? { issuanceDate: '2026-03-01T00:00:00Z' } : { validFrom: '2026-03-01T00:00:00Z' }),
    credentialSubject: { id: HOLDER, type: ['AchievementSubject'], achievement },
    credentialSchema: [{ id: ACHIEVEMENT_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }],
  });

  for (const shape of ['vc2', 'vc1'] as const) {
    it(`verifies a schema-valid ${shape === 'vc1' ? 'VC 1.1' : 'VC 2.0'} credential with the schema check passed and no SCHEMA_NOT_CHECKED warning`, async () => {
      const credential = await issueWithFreshDidKey(HOLDER, (did) => openBadge(did, robotics(), shape));
      const result = await verifyCredential(credential, { now: NOW });
      expect(result.verified, JSON.stringify(result.problemDetails)).to.equal(true);
      expect(result.checks).to.include('schema');
      expect(result.warnings.map((w) => w.code)).not.to.include('SCHEMA_NOT_CHECKED');
    });
  }

  it('checks an EndorsementCredential against the bundled endorsement schema, and fails one whose subject has no id', async () => {
    const endorsement = (issuerDid: string, subject: Json) => ({
      ...endorsementCredential(),
      '@context': [V2, OB, OB_EXTENSIONS],
      issuer: { id: issuerDid, type: ['Profile'], name: 'State Department of Education' },
      credentialSubject: subject,
    });
    const { credentialSubject } = endorsementCredential();
    const ok = await verifyCredential(await issueWithFreshDidKey(HOLDER, (did) => endorsement(did, credentialSubject)), { now: NOW });
    expect(ok.verified, JSON.stringify(ok.problemDetails)).to.equal(true);
    expect(ok.warnings.map((w) => w.code)).not.to.include('SCHEMA_NOT_CHECKED');
    const { id: _id, ...anonymous } = credentialSubject;
    const bad = await verifyCredential(await issueWithFreshDidKey(HOLDER, (did) => endorsement(did, anonymous)), { now: NOW });
    expect(bad.problemDetails.map((p) => [p.code, p.check])).to.deep.equal([['SCHEMA_INVALID', 'schema']]);
    expect(bad.problemDetails[0]!.detail).to.include(ENDORSEMENT_SCHEMA).and.include('/credentialSubject');
  });

  it('fails a correctly signed credential that does not match the schema, naming the schema check', async () => {
    const { criteria: _criteria, ...withoutCriteria } = robotics();
    const credential = await issueWithFreshDidKey(HOLDER, (did) => openBadge(did, withoutCriteria));
    const result = await verifyCredential(credential, { now: NOW });
    expect(result.verified).to.equal(false);
    expect(result.problemDetails.map((p) => [p.code, p.check])).to.deep.equal([['SCHEMA_INVALID', 'schema']]);
    expect(result.problemDetails[0]!.detail).to.include('/credentialSubject/achievement').and.include('criteria');
  });
});
