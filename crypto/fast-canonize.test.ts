// Differential tests of the canonicalization fast path (issue 7) against the reference: the cryptosuite's own
// canonize (jsonld.js 9 toRDF in safe mode + rdf-canonize RDFC-1.0). Every document must give byte-identical N-Quads
// through both, or the fast path must decline; a document the reference rejects must be rejected too.
// Vectors: ../shared/vectors (see its README.md for the source repositories and commits).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { expect } from 'chai';
import fc from 'fast-check';
import { createDocumentLoader } from '../contexts/document-loader.ts';
import { toRdfDataset } from '../contexts/fast-rdf/to-rdf-dataset.ts';
import { buildAchievement } from '../issuer/build-achievement.ts';
import { buildOpenBadgeCredential } from '../issuer/build-open-badge-credential.ts';
import type { CatalogAchievement, SkillsFramework } from '../issuer/catalog-types.ts';
import { sha256Hex } from './digest.ts';
import { didKeyFromMultibase, resolveDidKey, verificationMethodIdForDidKey } from './did-key.ts';
import { createFastCanonize, withFastCanonize, type CanonizeOptions } from './fast-canonize.ts';
import { generateKey } from './generate-key.ts';
import { signDataIntegrity } from './sign-data-integrity.ts';
import { importKey, type UnlockedKey } from './unlocked-key.ts';
import { jsonFiles } from '../test/helpers/vector-files.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vectors = path.resolve(repoRoot, '..', 'shared', 'vectors');
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

const documentLoader = createDocumentLoader({
  resolve: async (url) => (url.startsWith('did:key:') ? resolveDidKey(url) : null),
});
const loaderOption = documentLoader as CanonizeOptions['documentLoader'];
const created = new Date('2023-02-24T23:36:38Z');

/**
 * Fixed seed, so a failure names a reproducible case; the counts are the fuzz run documented in issue 7. A longer fuzz
 * pass with another seed: PROOFLINE_FUZZ_SEED=<n> PROOFLINE_FUZZ_SCALE=<factor> (both printed in the test names).
 */
const SEED = Number(process.env.PROOFLINE_FUZZ_SEED ?? 20260507);
const SCALE = Number(process.env.PROOFLINE_FUZZ_SCALE ?? 1);
const OB_RUNS = Math.round(2000 * SCALE);
const VC_RUNS = Math.round(1000 * SCALE);
const UNSAFE_RUNS = Math.round(500 * SCALE);

type Outcome = { nquads: string } | { error: { name: string; code: unknown } };

function errorOutcome(error: unknown): Outcome {
  const e = error as { name?: string; constructor?: { name?: string }; details?: { code?: unknown; event?: { code?: unknown } } };
  return { error: { name: e.constructor?.name === 'UnsupportedContextError' ? 'UnsupportedContextError' : String(e.name), code: e.details?.event?.code ?? e.details?.code } };
}

async function outcomeOf(run: () => Promise<string>): Promise<Outcome> {
  try {
    return { nquads: await run() };
  } catch (error) {
    return errorOutcome(error);
  }
}

const reference = (document: object) => outcomeOf(() => eddsaRdfc2022.canonize(document, { documentLoader }));

/** Compares the fast path with the reference on one document; returns whether the fast path answered itself. */
async function expectSameAsReference(fast: ReturnType<typeof createFastCanonize>, document: object, label: string): Promise<boolean> {
  const expected = await reference(document);
  const fastBefore = fast.stats.fast;
  const actual = await outcomeOf(() => fast(structuredClone(document), { documentLoader: loaderOption }));
  const tookFastPath = fast.stats.fast > fastBefore;
  if ('nquads' in expected) {
    expect(actual, label).to.deep.equal(expected);
  } else {
    // Never accepted: a document the reference rejects fails here too, with the same jsonld.js error.
    expect(actual, `${label} must be rejected`).to.have.property('error');
    expect(tookFastPath, `${label}: the fast path accepted what jsonld.js rejects`).to.equal(false);
    expect(actual, label).to.deep.equal(expected);
  }
  return tookFastPath;
}


/** Each JSON object in the vectors, and its unsecured form (what Data Integrity canonicalizes) when it has a proof. */
function vectorDocuments(): Array<[string, object]> {
  const out: Array<[string, object]> = [];
  for (const file of jsonFiles(vectors)) {
    const document = readJson(file) as unknown;
    if (document === null || typeof document !== 'object' || Array.isArray(document)) continue;
    const label = path.relative(vectors, file);
    out.push([label, document]);
    if ('proof' in document) {
      const { proof: _proof, ...unsecured } = document as Record<string, unknown>;
      out.push([`${label} (without proof)`, unsecured]);
    }
  }
  return out;
}

async function freshKey(): Promise<UnlockedKey> {
  const { publicKeyMultibase, secretKey } = await generateKey('Ed25519');
  const did = didKeyFromMultibase(publicKeyMultibase);
  return importKey({ id: verificationMethodIdForDidKey(did), publicKeyMultibase, secretKey });
}

// ---- credentials built as the issuer builds them (issuer/build-open-badge-credential.ts) ----

const catalogDir = path.join(repoRoot, 'examples', 'catalog');
const framework = readJson(path.join(catalogDir, 'framework.json')) as SkillsFramework;
const catalog = readJson(path.join(catalogDir, 'achievements.json')) as CatalogAchievement[];
const PUBLIC_URL = 'https://academy.example';

function issuerCredentials(): Array<[string, Record<string, unknown>]> {
  const out: Array<[string, Record<string, unknown>]> = [];
  const creator = { id: 'did:web:academy.example', name: 'Proofline Academy', url: PUBLIC_URL };
  catalog.forEach((entry, i) => {
    const achievement = buildAchievement(entry, { publicUrl: PUBLIC_URL, framework, creator });
    const recipients = [
      { did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' },
      { email: { identityHash: 'sha256$0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0', salt: 'pepper' } },
    ];
    const results = [{ score: 100 }, { rubricLevel: 'expert' }, { score: 95, rubricLevel: 'expert' }];
    recipients.forEach((recipient, r) => {
      for (const result of results) {
        let credential: Record<string, unknown>;
        try {
          credential = buildOpenBadgeCredential({
            id: `urn:uuid:00000000-0000-4000-8000-${String(i * 100 + r).padStart(12, '0')}`,
            issuer: creator,
            achievement,
            recipient,
            result,
            evidence: { assessmentId: `a-${i}`, narrative: 'Passed the **practical** exam ✓', artifacts: [{ name: 'Report', url: 'https://files.example/r.pdf', sha256: 'ab'.repeat(32) }] },
            validFrom: new Date('2026-01-01T00:00:00Z'),
            validUntil: i % 2 === 0 ? new Date('2029-01-01T00:00:00Z') : null,
            schemaUrl: `${PUBLIC_URL}/schemas/open-badge-credential.json`,
          });
        } catch {
          continue; // this achievement has no such result kind
        }
        credential.credentialStatus = ['revocation', 'suspension'].map((purpose, k) => ({
          id: `${PUBLIC_URL}/status-lists/${purpose}-1#${i * 7 + k}`,
          type: 'BitstringStatusListEntry',
          statusPurpose: purpose,
          statusListIndex: String(i * 7 + k),
          statusListCredential: `${PUBLIC_URL}/status-lists/${purpose}-1`,
        }));
        out.push([`${entry.slug} ${JSON.stringify(result)} recipient ${r}`, credential]);
      }
    });
  });
  return out;
}

// ---- generated Open Badges 3.0 and VC 2.0 documents ----

const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom('', ' ', 'Ünïcødé ✓ 😀', 'line\nbreak "quoted" \\ tab\t', '\u202Eright-to-left', 'a\u0000b'),
);
const scalar = fc.oneof(
  { weight: 4, arbitrary: text },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 1e21, 1.5e300, 5e-324, 0.1, 12345678901234567000, true, false) },
);
const languageTagged = fc.record({ '@value': text, '@language': fc.constantFrom('en', 'fr-CA', 'EN-us', 'de', 'zh-Hant-TW') });
const direction = fc.record({ '@value': text, '@language': fc.constantFrom('ar', 'he'), '@direction': fc.constantFrom('rtl', 'ltr') });
// Base direction (i18n-datatype literals) is declined by the fast path: rare, so most documents take the fast path.
const textValue = fc.oneof({ weight: 40, arbitrary: text }, { weight: 6, arbitrary: languageTagged }, { weight: 1, arbitrary: direction });
const iri = fc.oneof(
  fc.webUrl({ withFragments: true, withQueryParameters: true }),
  fc.uuid().map((u) => `urn:uuid:${u}`),
  fc.constantFrom('did:example:123', 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', 'https://example.org/a%20b#x', '_:b0', '_:b1'),
);
const date = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().replace('.000Z', 'Z'));
const oneOrMany = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, fc.array(arb, { minLength: 0, maxLength: 3 }));
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });
/** Present in about one document of twenty (terms the document's context may not define: jsonld.js refuses them). */
const rarely = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 19, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

const image = fc.record({ id: iri, type: fc.constant('Image'), caption: optional(textValue) }, { requiredKeys: ['id', 'type'] });
const profile = fc.record(
  { id: iri, type: fc.constantFrom(['Profile'], 'Profile'), name: textValue, url: optional(iri), email: optional(fc.emailAddress()), image: optional(image) },
  { requiredKeys: ['id', 'type'] },
);
const alignment = fc.record(
  {
    type: fc.constantFrom(['Alignment'], 'Alignment'),
    targetName: textValue,
    targetUrl: iri,
    targetDescription: optional(textValue),
    targetFramework: optional(textValue),
    targetCode: optional(scalar),
    targetType: optional(fc.constantFrom('ceasn:Competency', 'CFItem', 'ext:SkillLevel', 'CTDL')),
  },
  { requiredKeys: ['type', 'targetName', 'targetUrl'] },
);
const rubricLevel = fc.record(
  { id: iri, type: fc.constantFrom(['RubricCriterionLevel']), name: textValue, level: optional(text), points: optional(fc.integer({ min: 0, max: 10 }).map(String)) },
  { requiredKeys: ['id', 'type', 'name'] },
);
const resultDescription = fc.record(
  {
    id: iri,
    type: fc.constantFrom(['ResultDescription']),
    name: textValue,
    resultType: fc.constantFrom('Percent', 'RubricCriterionLevel', 'LetterGrade', 'ext:Custom'),
    requiredValue: optional(fc.integer({ min: 0, max: 100 }).map(String)),
    allowedValue: optional(fc.array(text, { maxLength: 3 })),
    rubricCriterionLevel: optional(fc.array(rubricLevel, { maxLength: 3 })),
    alignment: optional(oneOrMany(alignment)),
  },
  { requiredKeys: ['id', 'type', 'name', 'resultType'] },
);
const achievement = fc.record(
  {
    id: iri,
    type: fc.constantFrom(['Achievement'], 'Achievement'),
    name: textValue,
    description: textValue,
    criteria: fc.record({ id: optional(iri), narrative: optional(textValue) }),
    achievementType: optional(fc.constantFrom('Competency', 'Certificate', 'Badge', 'ext:Thing')),
    alignment: optional(oneOrMany(alignment)),
    resultDescription: optional(oneOrMany(resultDescription)),
    tag: optional(oneOrMany(text)),
    humanCode: optional(text),
    creator: optional(profile),
    image: optional(image),
    inLanguage: rarely(fc.constantFrom('en', 'fr')),
    version: optional(text),
  },
  { requiredKeys: ['id', 'type', 'name', 'description', 'criteria'] },
);
const result = fc.record(
  {
    type: fc.constantFrom(['Result'], 'Result'),
    resultDescription: optional(iri),
    value: optional(text),
    status: optional(fc.constantFrom('Completed', 'Enrolled', 'Failed')),
    achievedLevel: optional(iri),
    alignment: optional(oneOrMany(alignment)),
  },
  { requiredKeys: ['type'] },
);
const evidence = fc.record(
  { id: optional(iri), type: fc.constantFrom(['Evidence'], 'Evidence'), name: optional(textValue), narrative: optional(textValue), genre: optional(text), audience: optional(text), description: optional(textValue) },
  { requiredKeys: ['type'] },
);
const identityObject = fc.record({
  type: fc.constant('IdentityObject'),
  identityHash: text,
  identityType: fc.constantFrom('emailAddress', 'sourcedId'),
  hashed: fc.boolean(),
  salt: optional(text),
});
const achievementSubject = fc.record(
  {
    id: optional(iri),
    type: fc.constantFrom(['AchievementSubject'], 'AchievementSubject'),
    achievement,
    result: optional(oneOrMany(result)),
    identifier: optional(oneOrMany(identityObject)),
    creditsEarned: optional(fc.double({ min: 0, max: 100, noNaN: true })),
    activityStartDate: optional(date),
    activityEndDate: optional(date),
    licenseNumber: optional(text),
    term: optional(text),
  },
  { requiredKeys: ['type', 'achievement'] },
);
const statusEntry = fc.record({
  id: iri,
  type: fc.constant('BitstringStatusListEntry'),
  statusPurpose: fc.constantFrom('revocation', 'suspension'),
  statusListIndex: fc.nat({ max: 131071 }).map(String),
  statusListCredential: iri,
});
// 1EdTechJsonSchemaValidator2019 is not defined by OB 3.0.3: jsonld.js refuses it (so must the fast path).
const schema = fc.record({ id: iri, type: fc.constantFrom('JsonSchema', 'JsonSchema', 'JsonSchema', '1EdTechJsonSchemaValidator2019') });

const openBadgeCredential = fc.record(
  {
    '@context': fc.constantFrom(
      ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json'],
      ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', 'https://w3id.org/security/data-integrity/v2'],
    ),
    id: optional(iri),
    type: fc.constantFrom(['VerifiableCredential', 'OpenBadgeCredential'], ['VerifiableCredential', 'AchievementCredential'], ['OpenBadgeCredential', 'VerifiableCredential']),
    name: optional(textValue),
    description: optional(textValue),
    image: optional(image),
    issuer: fc.oneof(iri, profile),
    validFrom: optional(date),
    validUntil: optional(date),
    awardedDate: rarely(date),
    credentialSubject: oneOrMany(achievementSubject),
    evidence: optional(oneOrMany(evidence)),
    credentialSchema: optional(oneOrMany(schema)),
    credentialStatus: optional(oneOrMany(statusEntry)),
  },
  { requiredKeys: ['@context', 'type', 'issuer', 'credentialSubject'] },
);

const plainSubject = fc.record(
  { id: optional(iri), name: optional(textValue), description: optional(textValue) },
  { requiredKeys: [] },
);
const verifiableCredential = fc.record(
  {
    '@context': fc.constantFrom(
      ['https://www.w3.org/ns/credentials/v2'],
      'https://www.w3.org/ns/credentials/v2',
      ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
      ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/undefined-terms/v2'],
      ['https://www.w3.org/2018/credentials/v1', 'https://w3id.org/security/data-integrity/v2'],
      ['https://www.w3.org/2018/credentials/v1', 'https://www.w3.org/2018/credentials/examples/v1'],
    ),
    id: optional(iri),
    type: fc.constantFrom('VerifiableCredential', ['VerifiableCredential'], ['VerifiableCredential', 'ExampleCredential']),
    name: optional(textValue),
    description: optional(textValue),
    issuer: fc.oneof(iri, fc.record({ id: iri, name: optional(textValue) }, { requiredKeys: ['id'] })),
    validFrom: optional(date),
    validUntil: optional(date),
    issuanceDate: rarely(date),
    credentialSubject: oneOrMany(plainSubject),
    credentialStatus: optional(oneOrMany(statusEntry)),
    credentialSchema: optional(oneOrMany(schema)),
    evidence: optional(oneOrMany(fc.record({ id: optional(iri), type: fc.constant(['Evidence']) }, { requiredKeys: ['type'] }))),
    proof: optional(
      fc.record({
        type: fc.constant('DataIntegrityProof'),
        cryptosuite: fc.constant('eddsa-rdfc-2022'),
        created: date,
        verificationMethod: iri,
        proofPurpose: fc.constant('assertionMethod'),
        proofValue: fc.constant('z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKods5D2UdUL5Q5Ai6'),
      }),
    ),
  },
  { requiredKeys: ['@context', 'type', 'issuer', 'credentialSubject'] },
);

/** fast-check records leave absent optional keys as `undefined`: JSON has no such thing, so drop them. */
const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Edits that make a credential unsafe for jsonld.js (safe mode) or unloadable. */
const unsafeEdit = fc.constantFrom<[string, (doc: Record<string, unknown>) => void]>(
  ['undefined top-level term', (doc) => void (doc.notATerm = 'x')],
  ['undefined term in the subject', (doc) => void (((Array.isArray(doc.credentialSubject) ? doc.credentialSubject[0] : doc.credentialSubject) ?? doc).undefinedClaim = 1)],
  ['relative id', (doc) => void (doc.id = 'credentials/1')],
  ['relative issuer', (doc) => void (doc.issuer = 'issuers/academy')],
  ['undefined type', (doc) => void (doc.type = ['VerifiableCredential', 'NotAType'])],
  ['reserved id', (doc) => void (doc.id = '@reserved')],
  ['null @value', (doc) => void (doc.name = { '@value': null })],
  ['proof with only an id', (doc) => void (doc.proof = { id: 'urn:uuid:5d0b2a48-5d9c-4b2d-9d8c-3bbf1bd24a8e' })],
  ['unknown context', (doc) => void ((doc['@context'] as unknown[]).push?.('https://example.com/unknown/v1'))],
  ['invalid language tag', (doc) => void (doc.name = { '@value': 'x', '@language': 'not a tag' })],
  ['empty credential', (doc) => { for (const key of Object.keys(doc)) if (key !== '@context') delete doc[key]; }],
);

describe('createFastCanonize', () => {
  before(function () {
    if (!existsSync(vectors)) this.skip(); // W3C vectors live in ../shared/vectors
  });

  it('reproduces the W3C eddsa-rdfc-2022 intermediates (canonical document, proof config, hashes) on the fast path', async () => {
    const fast = createFastCanonize();
    const intermediates = readJson(path.join(vectors, 'w3c-vc-di-eddsa/eddsa-rdfc-2022/intermediates.json'));
    const document = await fast(readJson(path.join(vectors, 'w3c-vc-di-eddsa/unsigned.json')), { documentLoader: loaderOption });
    const config = await fast(readJson(path.join(vectors, 'w3c-vc-di-eddsa/eddsa-rdfc-2022/proofConfig.json')), { documentLoader: loaderOption });
    expect(fast.stats).to.include({ fast: 2, declined: 0 });
    expect(document.trimEnd()).to.equal(intermediates.canonicalDocument);
    expect(config.trimEnd()).to.equal(intermediates.canonicalProofConfig);
    expect(sha256Hex(document)).to.equal(intermediates.documentHashHex);
    expect(sha256Hex(config)).to.equal(intermediates.proofConfigHashHex);
  });

  it('reproduces the W3C eddsa-rdfc-2022 proofValue when signDataIntegrity canonizes on the fast path', async () => {
    const pair = readJson(path.join(vectors, 'w3c-vc-di-eddsa/keyPair.json'));
    const did = didKeyFromMultibase(pair.publicKeyMultibase);
    const key = await importKey({
      id: verificationMethodIdForDidKey(did),
      publicKeyMultibase: pair.publicKeyMultibase,
      secretKey: new TextEncoder().encode(pair.secretKeyMultibase ?? pair.privateKeyMultibase),
    });
    const unsigned = readJson(path.join(vectors, 'w3c-vc-di-eddsa/unsigned.json'));
    const expected = readJson(path.join(vectors, 'w3c-vc-di-eddsa/eddsa-rdfc-2022/signed.json'));
    const signed = await signDataIntegrity(unsigned, { key, cryptosuite: 'eddsa-rdfc-2022', documentLoader, created, canonize: 'fast' });
    expect(signed).to.deep.equal(expected);
  });

  it('equals jsonld.js + rdf-canonize byte for byte on every JSON document of ../shared/vectors, or declines', async () => {
    const fast = createFastCanonize();
    let fastCount = 0;
    const documents = vectorDocuments();
    for (const [label, document] of documents) if (await expectSameAsReference(fast, document, label)) fastCount += 1;
    // Coverage guard: the vectors the fast path handles today (the others use embedded contexts, @direction, or fail).
    expect(fastCount, `fast ${fastCount} of ${documents.length}`).to.be.at.least(110);
  });

  it('equals jsonld.js + rdf-canonize on every Open Badges credential the issuer builds from the example catalog, all on the fast path', async () => {
    const fast = createFastCanonize();
    const credentials = issuerCredentials();
    expect(credentials.length).to.be.at.least(30);
    for (const [label, credential] of credentials) {
      expect(await expectSameAsReference(fast, credential, label), `${label} declined: ${[...fast.stats.reasons.keys()].join(', ')}`).to.equal(true);
    }
  });

  it(`equals jsonld.js + rdf-canonize on ${OB_RUNS} generated Open Badges 3.0 credentials, or declines (seed ${SEED})`, async () => {
    const fast = createFastCanonize();
    await fc.assert(
      fc.asyncProperty(openBadgeCredential, async (generated) => {
        await expectSameAsReference(fast, asJson(generated), JSON.stringify(generated));
      }),
      { seed: SEED, numRuns: OB_RUNS },
    );
    // Most generated credentials must take the fast path (declines: @direction values, failing documents).
    expect(fast.stats.fast, JSON.stringify([...fast.stats.reasons])).to.be.at.least(OB_RUNS / 2);
  });

  it(`equals jsonld.js + rdf-canonize on ${VC_RUNS} generated VC 2.0 / 1.1 credentials, or declines (seed ${SEED})`, async () => {
    const fast = createFastCanonize();
    await fc.assert(
      fc.asyncProperty(verifiableCredential, async (generated) => {
        await expectSameAsReference(fast, asJson(generated), JSON.stringify(generated));
      }),
      { seed: SEED, numRuns: VC_RUNS },
    );
    expect(fast.stats.fast, JSON.stringify([...fast.stats.reasons])).to.be.at.least(VC_RUNS / 3);
  });

  it(`rejects, with jsonld.js's own error, ${UNSAFE_RUNS} generated credentials that safe mode refuses (seed ${SEED})`, async () => {
    const fast = createFastCanonize();
    await fc.assert(
      fc.asyncProperty(openBadgeCredential, unsafeEdit, async (generated, [, edit]) => {
        const document = asJson(generated) as Record<string, unknown>;
        edit(document);
        const expected = await reference(document);
        if ('nquads' in expected) return; // the edit happened to be harmless for this document
        expect(toRdfDataset(document).declined, 'the fast path must not accept it').to.be.a('string');
        await expectSameAsReference(fast, document, JSON.stringify(document));
      }),
      { seed: SEED, numRuns: UNSAFE_RUNS },
    );
    expect(fast.stats.fast).to.equal(0);
  });

  it('declines options it does not know, non-null bases, and loaders that serve other documents for bundled URLs', async () => {
    const fast = createFastCanonize();
    const unsigned = readJson(path.join(vectors, 'w3c-vc-di-eddsa/unsigned.json'));
    const expected = await eddsaRdfc2022.canonize(unsigned, { documentLoader });
    expect(await fast(unsigned, { documentLoader: loaderOption, expandContext: {} })).to.equal(expected);
    expect(await fast(unsigned, { documentLoader: loaderOption, base: 'https://example.org/' })).to.equal(expected);
    const cloning = createDocumentLoader();
    const otherLoader = async (url: string) => ({ ...(await cloning(url)), document: structuredClone((await cloning(url)).document) });
    expect(await fast(unsigned, { documentLoader: otherLoader })).to.equal(expected);
    expect(fast.stats).to.include({ fast: 0, declined: 3 });
    expect([...fast.stats.reasons.keys()]).to.have.members(['option expandContext', 'a non-null base', 'the document loader does not serve the bundled contexts']);
  });

  it('sends everything to the fallback when disabled', async () => {
    const fast = createFastCanonize({ enabled: false });
    const unsigned = readJson(path.join(vectors, 'w3c-vc-di-eddsa/unsigned.json'));
    expect(await fast(unsigned, { documentLoader: loaderOption })).to.equal(await eddsaRdfc2022.canonize(unsigned, { documentLoader }));
    expect(fast.stats).to.include({ fast: 0, declined: 1 });
  });
});

// ---- proof options (crypto/fast-proof-options.ts templates) ----

const PROOF_RUNS = Math.round(3000 * SCALE);
const proofContexts = fc.constantFrom<string | string[]>(
  ['https://www.w3.org/ns/credentials/v2'],
  'https://www.w3.org/ns/credentials/v2',
  ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  ['https://www.w3.org/2018/credentials/v1', 'https://w3id.org/security/data-integrity/v2'],
  ['https://w3id.org/security/data-integrity/v2'],
  ['https://www.w3.org/2018/credentials/v1', 'https://w3id.org/security/suites/ed25519-2020/v1'],
);
/** Proof values as they come (dates, IRIs) and as they should not (unicode, escapes, relative IRIs, terms, blanks). */
const oddString = fc.oneof(
  text,
  date,
  fc.constantFrom('2026-13-45T99:99:99Z', '2026-01-02T00:00:00.123456789+14:00', '-0001-01-01T00:00:00Z', '24:00', 'not a date', '"quoted"\n', '\u0000'),
  iri,
  fc.constantFrom('keys/1', 'did:example:with space', 'https://例え.jp/鍵#1', 'did:key:z6Mk"quote', 'VerifiableCredential', 'sec:proof', 'xsd:string', '@id', 'did:', 'https://', 'urn:a<b>'),
);
const proofOptions = fc.record(
  {
    '@context': proofContexts,
    type: fc.oneof({ weight: 8, arbitrary: fc.constant('DataIntegrityProof') }, { weight: 1, arbitrary: fc.constantFrom('Ed25519Signature2020', 'NotAType') }),
    cryptosuite: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('eddsa-rdfc-2022', 'ecdsa-rdfc-2019') }, { weight: 1, arbitrary: text }),
    created: fc.oneof({ weight: 4, arbitrary: date }, { weight: 2, arbitrary: oddString }),
    expires: optional(fc.oneof(date, oddString)),
    verificationMethod: fc.oneof(
      { weight: 4, arbitrary: fc.constant('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK') },
      { weight: 3, arbitrary: oddString },
    ),
    proofPurpose: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('assertionMethod', 'authentication') }, { weight: 1, arbitrary: oddString }),
    challenge: rarely(oddString),
    domain: rarely(oddString),
    nonce: rarely(oddString),
    id: rarely(iri),
    previousProof: rarely(iri),
    notATerm: rarely(text),
  },
  { requiredKeys: ['@context', 'type', 'cryptosuite', 'created', 'verificationMethod', 'proofPurpose'] },
);

describe('proof options on the fast path (templates)', () => {
  it(`equal jsonld.js + rdf-canonize on ${PROOF_RUNS} generated proof options, or decline (seed ${SEED + 1})`, async () => {
    const fast = createFastCanonize();
    await fc.assert(
      fc.asyncProperty(proofOptions, async (options) => {
        const document = asJson(options);
        await expectSameAsReference(fast, document, JSON.stringify(document));
      }),
      { seed: SEED + 1, numRuns: PROOF_RUNS },
    );
    // Most of them through a template (the shape repeats), the rest through the walk or jsonld.js.
    expect(fast.stats.templated, JSON.stringify(fast.stats)).to.be.at.least(PROOF_RUNS / 4);
  });

  it('renders the proof options of a signature from the template, equal to the walk and to jsonld.js', async () => {
    const fast = createFastCanonize();
    const options = {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      created: '2026-01-02T00:00:00Z',
      verificationMethod: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
      proofPurpose: 'assertionMethod',
    };
    for (const created of ['2026-01-02T00:00:00Z', '2027-12-31T23:59:59.999Z', 'ünïcødé "\\"\n']) {
      await expectSameAsReference(fast, { ...options, created }, created);
    }
    expect(fast.stats).to.include({ fast: 3, templated: 3, declined: 0 }); // the first one builds it (or an earlier test did)
  });
});

describe('documents the fast path leaves to jsonld.js', () => {
  it('declines inline @context objects and @direction, with jsonld.js giving the answer', async () => {
    const fast = createFastCanonize();
    const base = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'urn:uuid:7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      type: ['VerifiableCredential'],
      issuer: 'did:example:issuer',
      validFrom: '2026-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:subject', name: 'Ada' },
    };
    const inline = { ...base, '@context': [...base['@context'], { nickname: 'https://example.org/vocab#nickname' }], credentialSubject: { ...base.credentialSubject, nickname: 'A' } };
    const scoped = { ...base, credentialSubject: { ...base.credentialSubject, '@context': { nickname: 'https://example.org/vocab#nickname' }, nickname: 'A' } };
    const direction = { ...base, name: { '@value': 'مرحبا', '@language': 'ar', '@direction': 'rtl' } };
    for (const [label, document] of [['inline context', inline], ['embedded context', scoped], ['@direction', direction]] as const) {
      expect(await expectSameAsReference(fast, document, label), `${label} must be declined`).to.equal(false);
    }
    expect(fast.stats).to.include({ fast: 0, declined: 3 });
    expect([...fast.stats.reasons.keys()]).to.include('a @context in the document that is not a bundled context URL');
  });
});

describe('RDFC-1.0 on the fast path (crypto/fast-rdfc.ts)', () => {
  it('leaves datasets whose blank nodes share a first-degree hash to rdf-canonize, with the same result', async () => {
    const fast = createFastCanonize();
    const twin = { type: 'Evidence', narrative: 'same' };
    const document = {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      id: 'urn:uuid:2f1e0d3c-4b5a-4697-8a8b-9c0d1e2f3a4b',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: 'did:example:issuer',
      validFrom: '2026-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:subject', type: 'AchievementSubject', achievement: { id: 'https://example.org/a', type: 'Achievement', name: 'A', criteria: { narrative: 'n' }, description: 'd' } },
      evidence: [twin, { ...twin }, { type: 'Evidence', narrative: 'other' }],
    };
    expect(await expectSameAsReference(fast, document, 'twin blank nodes')).to.equal(true);
    expect(fast.stats).to.include({ fast: 1, simpleRdfc: 0 });
    expect(await expectSameAsReference(fast, { ...document, evidence: document.evidence.slice(1) }, 'distinct blank nodes')).to.equal(true);
    expect(fast.stats).to.include({ fast: 2, simpleRdfc: 1 });
    // ecdsa-rdfc-2019 with P-384 hashes blank nodes with SHA-384: other hashes, possibly another labelling.
    const distinct = { ...document, evidence: document.evidence.slice(1) };
    for (const messageDigestAlgorithm of ['SHA-384', 'sha384', 'SHA-256']) {
      // The cryptosuite passes its options on to jsonld.js and rdf-canonize (its typing names documentLoader only).
      const suiteCanonize = eddsaRdfc2022.canonize as (input: object, options: Record<string, unknown>) => Promise<string>;
      const expected = await suiteCanonize(distinct, { documentLoader, messageDigestAlgorithm });
      expect(await fast(structuredClone(distinct), { documentLoader: loaderOption, messageDigestAlgorithm }), messageDigestAlgorithm).to.equal(expected);
    }
    expect(fast.stats).to.include({ fast: 5, simpleRdfc: 4 });
  });
});

describe('withFastCanonize', () => {
  it('signs on the fast path what @digitalbazaar/vc verifies without it, byte-identical to a jsonld.js signature', async () => {
    const key = await freshKey();
    const [[, credential]] = issuerCredentials() as [[string, Record<string, unknown>]];
    credential.issuer = { ...(credential.issuer as object), id: key.controller };
    const viaFast = await signDataIntegrity(credential, { key, cryptosuite: 'eddsa-rdfc-2022', documentLoader, created, canonize: 'fast' });
    const viaJsonLd = await signDataIntegrity(credential, { key, cryptosuite: 'eddsa-rdfc-2022', documentLoader, created, canonize: 'jsonld' });
    expect(viaFast).to.deep.equal(viaJsonLd);
    const result = await vc.verifyCredential({
      credential: viaFast,
      suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
      documentLoader: documentLoader as (url: string) => Promise<object>,
      checkStatus: async () => ({ verified: true }), // status is not what this test is about
    });
    expect(result.verified, String(result.error)).to.equal(true);
  });

  it('verifies on the fast path what jsonld.js signed, and refuses it once tampered', async () => {
    const key = await freshKey();
    const [[, credential]] = issuerCredentials() as [[string, Record<string, unknown>]];
    credential.issuer = { ...(credential.issuer as object), id: key.controller };
    const signed = await signDataIntegrity(credential, { key, cryptosuite: 'eddsa-rdfc-2022', documentLoader, created, canonize: 'jsonld' });
    const cryptosuite = withFastCanonize(eddsaRdfc2022);
    const verify = (document: object) =>
      vc.verifyCredential({
        credential: document,
        suite: new DataIntegrityProof({ cryptosuite }),
        documentLoader: documentLoader as (url: string) => Promise<object>,
        checkStatus: async () => ({ verified: true }),
      });
    const result = await verify(signed);
    expect(result.verified, String(result.error)).to.equal(true);
    expect(cryptosuite.canonize.stats).to.include({ declined: 0 });
    expect(cryptosuite.canonize.stats.fast).to.be.at.least(2); // the document and the proof configuration
    const tampered = structuredClone(signed);
    (tampered.credentialSubject as Record<string, unknown>).id = 'did:example:someone-else';
    expect((await verify(tampered)).verified).to.equal(false);
  });
});

describe('duplicate values on the fast path (jsonld.js node map merges)', () => {
  it('merges equal values of a property and of a subject met again, compared in place and, beyond 32 values, by key', async () => {
    const fast = createFastCanonize();
    const many = (n: number, offset: number) => Array.from({ length: n }, (_, i) => (i + offset) % 30);
    const document = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'urn:uuid:5b1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5c',
      type: ['VerifiableCredential', 'VerifiableCredential'],
      issuer: { id: 'did:example:issuer', name: ['A', 'A', 'B'] },
      validFrom: '2026-01-01T00:00:00Z',
      credentialSubject: [
        {
          id: 'did:example:subject',
          name: 'x',
          'https://example.org/score': [1, 1.0, '1', true, 'true', 0, -0, 2.5, 2.5, { '@value': 'x', '@language': 'en' }, { '@value': 'x', '@language': 'EN' }, { '@value': 'x' }],
          'https://example.org/knows': [{ id: 'did:example:other' }, 'did:example:other', { id: 'did:example:other' }],
          'https://example.org/many': many(40, 0),
        },
        { id: 'did:example:subject', name: ['x', 'y'], 'https://example.org/score': [1, '1', false], 'https://example.org/knows': { id: 'did:example:other', name: 'O' }, 'https://example.org/many': many(5, 28) },
        // Past 32 properties the walk finds an object's properties by a Map: `name` and its IRI are one property.
        {
          id: 'did:example:other',
          name: ['O', 'P', 'O'],
          'https://schema.org/name': ['O', 'Q'],
          ...Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`https://example.org/k${i}`, i % 3])),
        },
      ],
      evidence: [{ id: 'did:example:issuer', name: 'A', type: ['https://example.org/E', 'https://example.org/E'] }, { id: 'did:example:many', 'https://example.org/many': many(20, 3) }, { id: 'did:example:many', 'https://example.org/many': many(20, 10) }],
    };
    expect(await expectSameAsReference(fast, document, 'duplicate values'), JSON.stringify([...fast.stats.reasons])).to.equal(true);
    expect(fast.stats).to.include({ fast: 1, declined: 0 });
  });
});
