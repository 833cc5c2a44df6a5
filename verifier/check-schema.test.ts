/**
 * credentialSchema validation by type: 1EdTechJsonSchemaValidator2019 with ajv's 2019-09 dialect (the Open Badges
 * 3.0 schemas are 2019-09), JsonSchema with 2020-12 when the schema does not name its `$schema`. Each test schema
 * uses a keyword only its dialect knows (unevaluatedProperties, prefixItems), so the wrong engine would pass it.
 * The 1EdTech ids fall back to the bundled OB 3.0 schemas (bundled-schemas.test.ts tests those in depth).
 */
import { expect } from 'chai';
import { checkSchema } from './check-schema.ts';

const OB_SCHEMA_URL = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';

/** A small 2019-09 schema in the shape of the Open Badges one (required members, AchievementSubject). Test-only. */
const obLikeSchema = {
  type: 'object',
  required: ['@context', 'type', 'issuer', 'validFrom', 'credentialSubject'],
  properties: {
    credentialSubject: {
      type: 'object',
      required: ['type', 'achievement'],
      properties: {
        type: { type: 'array', contains: { const: 'AchievementSubject' } },
        achievement: {
          type: 'object',
          required: ['id', 'type', 'name', 'description', 'criteria'],
          properties: { id: { type: 'string' }, type: {}, name: { type: 'string' }, description: { type: 'string' }, criteria: { type: 'object' } },
          unevaluatedProperties: false,
        },
      },
    },
  },
};

function obCredential(): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: 'urn:uuid:7',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: 'Prompting',
    issuer: { id: 'did:example:issuer', type: ['Profile'], name: 'Academy' },
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: {
      id: 'did:example:learner',
      type: ['AchievementSubject'],
      achievement: { id: 'urn:uuid:1', type: ['Achievement'], name: 'Prompting', description: 'Writes prompts.', criteria: { narrative: 'Pass.' } },
    },
    credentialSchema: [{ id: OB_SCHEMA_URL, type: '1EdTechJsonSchemaValidator2019' }],
  };
}

const loadSchema = (schemas: Record<string, object>) => async (id: string) => schemas[id] ?? null;

describe('checkSchema: credentialSchema types and dialects', () => {
  it('accepts a schema-valid Open Badges credential (1EdTechJsonSchemaValidator2019)', async () => {
    const result = await checkSchema(obCredential(), { loadSchema: loadSchema({ [OB_SCHEMA_URL]: obLikeSchema }) });
    expect(result).to.deep.equal({ problems: [], warnings: [] });
  });

  it('rejects a schema-invalid one with SCHEMA_INVALID, validating with 2019-09 (unevaluatedProperties)', async () => {
    const missing = obCredential();
    delete missing.credentialSubject.achievement.criteria;
    const a = await checkSchema(missing, { loadSchema: loadSchema({ [OB_SCHEMA_URL]: obLikeSchema }) });
    expect(a.problems.map((p) => p.code)).to.deep.equal(['SCHEMA_INVALID']);
    expect(a.problems[0]!.detail).to.include('criteria');
    const extra = obCredential();
    extra.credentialSubject.achievement.unknownMember = true;
    const b = await checkSchema(extra, { loadSchema: loadSchema({ [OB_SCHEMA_URL]: obLikeSchema }) });
    expect(b.problems.map((p) => p.code)).to.deep.equal(['SCHEMA_INVALID']);
  });

  it('validates JsonSchema entries with 2020-12 when the schema names no dialect (prefixItems)', async () => {
    const url = 'https://example.org/schemas/two-types.json';
    const schema = { type: 'object', properties: { type: { type: 'array', prefixItems: [{ const: 'VerifiableCredential' }] } } };
    const credential = { ...obCredential(), credentialSchema: { id: url, type: 'JsonSchema' } };
    expect((await checkSchema(credential, { loadSchema: loadSchema({ [url]: schema }) })).problems).to.deep.equal([]);
    const swapped = { ...credential, type: ['OpenBadgeCredential', 'VerifiableCredential'] };
    expect((await checkSchema(swapped, { loadSchema: loadSchema({ [url]: schema }) })).problems.map((p) => p.code)).to.deep.equal(['SCHEMA_INVALID']);
  });

  it('warns (SCHEMA_NOT_CHECKED) for a schema held neither by the loader nor bundled: never fetched', async () => {
    const unknown = { ...obCredential(), credentialSchema: [{ id: 'https://schemas.example/badge.json', type: '1EdTechJsonSchemaValidator2019' }] };
    for (const options of [{}, { loadSchema: loadSchema({}) }]) {
      const result = await checkSchema(unknown, options);
      expect(result.problems).to.deep.equal([]);
      expect(result.warnings.map((w) => w.code)).to.deep.equal(['SCHEMA_NOT_CHECKED']);
    }
  });
});

describe('checkSchema: the bundled Open Badges 3.0 schemas', () => {
  it('validates the 1EdTech AchievementCredential id with the bundled schema when there is no loader, or it holds nothing', async () => {
    for (const options of [{}, { loadSchema: loadSchema({}) }, { loadSchema: async () => Promise.reject(new Error('store down')) }]) {
      expect(await checkSchema(obCredential(), options)).to.deep.equal({ problems: [], warnings: [] });
      const missing = obCredential();
      delete missing.credentialSubject.achievement.criteria;
      const { problems } = await checkSchema(missing, options);
      expect(problems.map((p) => p.code)).to.deep.equal(['SCHEMA_INVALID']);
      expect(problems[0]!.detail).to.include("/credentialSubject/achievement must have required property 'criteria'");
    }
  });

  it('lets an injected loader win over the bundled schema with the same id', async () => {
    const extra = obCredential();
    extra.credentialSubject.achievement.unknownMember = true;
    expect((await checkSchema(extra, {})).problems).to.deep.equal([]); // the bundled schema allows extensions
    const held = await checkSchema(extra, { loadSchema: loadSchema({ [OB_SCHEMA_URL]: obLikeSchema }) });
    expect(held.problems.map((p) => p.code)).to.deep.equal(['SCHEMA_INVALID']); // the loader's does not
  });

  it('validates the 1EdTech EndorsementCredential id with its bundled schema', async () => {
    const endorsement = {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      id: 'urn:uuid:2',
      type: ['VerifiableCredential', 'EndorsementCredential'],
      name: 'Endorsement',
      issuer: { id: 'did:example:endorser', type: ['Profile'] },
      validFrom: '2026-01-01T00:00:00Z',
      credentialSubject: { id: 'urn:uuid:1', type: ['EndorsementSubject'] },
      credentialSchema: { id: OB_SCHEMA_URL.replace('achievementcredential', 'endorsementcredential'), type: '1EdTechJsonSchemaValidator2019' },
    };
    expect(await checkSchema(endorsement, {})).to.deep.equal({ problems: [], warnings: [] });
    const wrong = { ...endorsement, type: ['VerifiableCredential', 'OpenBadgeCredential'] };
    expect((await checkSchema(wrong, {})).problems.map((p) => p.detail)).to.satisfy((d: string[]) => d.length === 1 && d[0]!.includes('/type'));
  });
});
