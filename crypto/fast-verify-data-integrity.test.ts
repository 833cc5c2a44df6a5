// The verify fast path (issue 7, item 3) against the library path it stands in for: DataIntegrityProof.verifyProof
// with the cryptosuites' own jsonld.js canonicalization. The fast path may only ever say "verified" when the library
// does; every proof it declines goes to the library, so verifyDataIntegrityProof answers exactly as the library does.
// Vectors: ../shared/vectors (see its README.md for the source repositories and commits).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { expect } from 'chai';
import fc from 'fast-check';
import { createDocumentLoader } from '../contexts/document-loader.ts';
import { buildAchievement } from '../issuer/build-achievement.ts';
import { buildOpenBadgeCredential } from '../issuer/build-open-badge-credential.ts';
import type { CatalogAchievement, SkillsFramework } from '../issuer/catalog-types.ts';
import { didKeyFromMultibase, resolveDidKey, verificationMethodIdForDidKey } from './did-key.ts';
import {
  clearVerificationKeyCache,
  fastVerifyProof,
  fastVerifyStats,
  proofConfiguration,
  VERIFICATION_KEY_CACHE_LIMIT,
  verificationKeyCacheSize,
  verificationKeyFor,
  type FastVerifiableCryptosuite,
} from './fast-verify-data-integrity.ts';
import { generateKey } from './generate-key.ts';
import { signDataIntegrity, type DataIntegrityCryptosuite, type DocumentLoader } from './sign-data-integrity.ts';
import { importKey } from './unlocked-key.ts';
import { defaultCanonize, verifyDataIntegrityProof } from './verify-data-integrity.ts';
import { jsonFiles } from '../test/helpers/vector-files.ts';

const VECTORS = '/work/shared/vectors';
const SEED = 20261125;
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as unknown;
const documentLoader = createDocumentLoader({ resolve: async (url) => (url.startsWith('did:key:') ? resolveDidKey(url) : null) }) as DocumentLoader;
const NOW = new Date('2026-03-01T00:00:00Z');

type Json = Record<string, unknown>;
type Verdict = { verified: boolean; error?: string };

/** The library path: DataIntegrityProof.verifyProof with the suite's own canonize (jsonld.js). */
async function libraryVerdict(document: Json, proof: Json): Promise<Verdict> {
  const result = await verifyDataIntegrityProof({ document, proof, documentLoader, canonize: defaultCanonize(suiteOf(proof)) });
  return result.verified ? { verified: true } : { verified: false, error: messageOf(result.error) };
}

/** What verifyDataIntegrityProof answers by default (fast path, the library for whatever it declines). */
async function defaultVerdict(document: Json, proof: Json): Promise<Verdict> {
  const result = await verifyDataIntegrityProof({ document, proof, documentLoader });
  return result.verified ? { verified: true } : { verified: false, error: messageOf(result.error) };
}

function suiteOf(proof: Json): FastVerifiableCryptosuite {
  return proof.cryptosuite === 'ecdsa-rdfc-2019' ? 'ecdsa-rdfc-2019' : 'eddsa-rdfc-2022';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

const fastCanonize = (cryptosuite: FastVerifiableCryptosuite) =>
  // The fast path's canonize argument: here the suite's own (jsonld.js), so only the verify steps differ.
  defaultCanonize(cryptosuite);

async function fast(document: Json, proof: Json): Promise<boolean> {
  const cryptosuite = suiteOf(proof);
  return (await fastVerifyProof({ cryptosuite, document, proof, documentLoader, canonize: fastCanonize(cryptosuite) })) !== null;
}


/** Every unchained rdfc Data Integrity proof in the vectors, with the document it covers. */
function vectorProofs(): Array<{ label: string; document: Json; proof: Json }> {
  const out: Array<{ label: string; document: Json; proof: Json }> = [];
  for (const file of jsonFiles(VECTORS)) {
    const secured = readJson(file);
    if (secured === null || typeof secured !== 'object' || Array.isArray(secured) || !('proof' in secured)) continue;
    const { proof, ...document } = secured as Json;
    const proofs = Array.isArray(proof) ? proof : [proof];
    proofs.forEach((p, i) => {
      const candidate = p as Json;
      if (candidate?.type !== 'DataIntegrityProof' || !['eddsa-rdfc-2022', 'ecdsa-rdfc-2019'].includes(String(candidate.cryptosuite))) return;
      if (candidate.previousProof !== undefined) return; // chained: covered with the proofs it names (verifier/ tests)
      out.push({ label: `${path.relative(VECTORS, file)} proof ${i}`, document, proof: candidate });
    });
  }
  return out;
}

// ---- credentials made as the issuer makes them ----

const catalogDir = path.resolve(import.meta.dirname, '..', 'examples', 'catalog');
const framework = readJson(path.join(catalogDir, 'framework.json')) as SkillsFramework;
const catalog = readJson(path.join(catalogDir, 'achievements.json')) as CatalogAchievement[];

async function issuedCredentials(cryptosuite: DataIntegrityCryptosuite, count: number): Promise<Json[]> {
  const { publicKeyMultibase, secretKey } = await generateKey(cryptosuite === 'eddsa-rdfc-2022' ? 'Ed25519' : 'P-256');
  const did = didKeyFromMultibase(publicKeyMultibase);
  const key = await importKey({ id: verificationMethodIdForDidKey(did), publicKeyMultibase, secretKey });
  const creator = { id: did, name: 'Proofline Academy', url: 'https://academy.example' };
  const out: Json[] = [];
  for (const [i, entry] of catalog.slice(0, count).entries()) {
    const credential = buildOpenBadgeCredential({
      id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      issuer: creator,
      achievement: buildAchievement(entry, { publicUrl: 'https://academy.example', framework, creator }),
      recipient: { did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' },
      result: { score: 90 },
      evidence: { assessmentId: `a-${i}`, narrative: 'Passed the **practical** exam ✓' },
      validFrom: new Date('2026-01-01T00:00:00Z'),
      validUntil: null,
      schemaUrl: 'https://academy.example/schemas/open-badge-credential.json',
    });
    out.push(await signDataIntegrity(credential, { key, cryptosuite, documentLoader, created: NOW }));
  }
  return out;
}

describe('fast verify path: proof options', () => {
  it('builds the proof options DataIntegrityProof.canonizeProof canonicalizes, for every shape of context and proof', async () => {
    const contexts: unknown[] = [
      ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      'https://www.w3.org/ns/credentials/v2',
      'https://www.w3.org/2018/credentials/v1',
      ['https://www.w3.org/2018/credentials/v1', 'https://w3id.org/security/data-integrity/v2'],
      ['https://www.w3.org/2018/credentials/v1'],
      undefined,
    ];
    const proofs: Json[] = [
      { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', created: '2026-01-01T00:00:00Z', verificationMethod: 'did:key:z#z', proofPurpose: 'assertionMethod', proofValue: 'zabc' },
      { type: 'DataIntegrityProof', cryptosuite: 'ecdsa-rdfc-2019', proofPurpose: 'assertionMethod', verificationMethod: 'did:key:z#z' },
      { '@context': 'https://www.w3.org/2018/credentials/v1', type: 'DataIntegrityProof', proofValue: 'z' },
      { '@context': ['https://w3id.org/security/data-integrity/v2'], type: 'DataIntegrityProof', id: 'urn:uuid:1', previousProof: 'urn:uuid:0' },
    ];
    for (const context of contexts) {
      for (const proof of proofs) {
        const document: Json = context === undefined ? { type: 'X' } : { '@context': context, type: 'X' };
        for (const cryptosuite of [eddsaRdfc2022, ecdsaRdfc2019]) {
          const seen: object[] = [];
          const suite = new DataIntegrityProof({ cryptosuite: { ...cryptosuite, canonize: async (input: object) => (seen.push(input), '') } });
          await (suite as unknown as { canonizeProof(p: object, o: object): Promise<string> }).canonizeProof(structuredClone(proof), { document, documentLoader });
          expect(proofConfiguration(document, structuredClone(proof)), JSON.stringify({ context, proof })).to.deep.equal(seen[0]);
        }
      }
    }
  });
});

describe('fast verify path: against DataIntegrityProof.verifyProof with jsonld.js', () => {
  it('verifies every rdfc proof of ../shared/vectors the library verifies, and no other', async () => {
    const proofs = vectorProofs();
    expect(proofs.length).to.be.greaterThan(3);
    let verified = 0;
    for (const { label, document, proof } of proofs) {
      const library = await libraryVerdict(document, proof);
      expect(await fast(document, proof), label).to.equal(library.verified);
      expect(await defaultVerdict(document, proof), label).to.deep.equal(library);
      if (library.verified) verified += 1;
    }
    expect(verified).to.be.greaterThan(3);
  });

  for (const cryptosuite of ['eddsa-rdfc-2022', 'ecdsa-rdfc-2019'] as const) {
    it(`verifies every ${cryptosuite} Open Badges credential the issuer signs, and refuses it once tampered`, async () => {
      for (const signed of await issuedCredentials(cryptosuite, 4)) {
        const { proof, ...document } = signed;
        expect(await fast(document, proof as Json)).to.equal(true);
        expect(await defaultVerdict(document, proof as Json)).to.deep.equal({ verified: true });
        const tampered = { ...document, validFrom: '2026-01-02T00:00:00Z' };
        expect(await fast(tampered, proof as Json)).to.equal(false);
        expect(await defaultVerdict(tampered, proof as Json)).to.deep.equal(await libraryVerdict(tampered, proof as Json));
      }
    });
  }

  it(`never verifies what the library refuses, and answers as the library on random mutations (fast-check, seed ${SEED})`, async () => {
    const [ed] = await issuedCredentials('eddsa-rdfc-2022', 1);
    const [p256] = await issuedCredentials('ecdsa-rdfc-2019', 1);
    const otherKey = await generateKey('Ed25519');
    const otherDid = didKeyFromMultibase(otherKey.publicKeyMultibase);
    const proofValues = (value: string) => [
      `${value.slice(0, 5)}${value[5] === 'A' ? 'B' : 'A'}${value.slice(6)}`,
      `u${Buffer.from(value.slice(1)).toString('base64url')}`,
      value.slice(0, -1),
      `${value.slice(0, 10)} ${value.slice(10)}`, // base58-universal drops whitespace: the library still verifies this one
      'z',
      '',
      42,
    ];
    const proofEdits: Record<string, unknown[]> = {
      created: ['2026-03-01T00:00:01Z', '2026-03-01', 'not a date', 20260301, '2026-03-01T00:00:00Z'],
      expires: ['2020-01-01T00:00:00Z', 'x'],
      proofPurpose: ['authentication', 'assertionMethod', ''],
      cryptosuite: ['ecdsa-rdfc-2019', 'eddsa-rdfc-2022', 'eddsa-jcs-2022'],
      type: ['Ed25519Signature2020', 'DataIntegrityProof'],
      verificationMethod: [verificationMethodIdForDidKey(otherDid), `${otherDid}#nope`, 'did:key:zBad#zBad', { id: 'x' }, null],
      '@context': ['https://www.w3.org/ns/credentials/v2', ['https://w3id.org/security/data-integrity/v2']],
      id: ['urn:uuid:8f9e'],
    };
    const paths = (value: unknown, prefix: string[] = []): string[][] =>
      value !== null && typeof value === 'object'
        ? Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])])
        : [];
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('proof' as const), field: fc.constantFrom(...Object.keys(proofEdits)), choice: fc.nat() }),
      fc.record({ kind: fc.constant('proofValue' as const), choice: fc.nat() }),
      fc.record({ kind: fc.constantFrom('set' as const, 'delete' as const), at: fc.nat(), value: fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.constant(null)) }),
      fc.record({ kind: fc.constant('add' as const), name: fc.constantFrom('name', 'description', 'unknownTerm', '@id', 'id'), value: fc.string({ maxLength: 6 }) }),
    );
    let agreed = 0;
    let runs = 0;
    let libraryVerified = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(ed!, p256!), mutation, async (signed, m) => {
        const { proof: original, ...unsecured } = structuredClone(signed);
        const document = unsecured as Json;
        const proof = original as Json;
        if (m.kind === 'proof') {
          const options = proofEdits[m.field]!;
          proof[m.field] = options[m.choice % options.length];
        } else if (m.kind === 'proofValue') {
          const options = proofValues(String(proof.proofValue));
          proof.proofValue = options[m.choice % options.length];
        } else if (m.kind === 'add') {
          document[m.name] = m.value;
        } else {
          const all = paths(document);
          const at = all[m.at % all.length]!;
          let parent: Record<string, unknown> = document;
          for (const key of at.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
          if (m.kind === 'delete') delete parent[at.at(-1)!];
          else parent[at.at(-1)!] = m.value;
        }
        const library = await libraryVerdict(document, proof);
        const fastSaid = await fast(document, proof);
        runs += 1;
        if (library.verified) libraryVerified += 1;
        if (fastSaid === library.verified) agreed += 1;
        // Never more lenient; and whatever the fast path leaves to the library gets the library's own answer.
        if (fastSaid) expect(library.verified, JSON.stringify(m)).to.equal(true);
        expect(await defaultVerdict(document, proof), JSON.stringify(m)).to.deep.equal(library);
      }),
      { numRuns: 250, seed: SEED },
    );
    // The fast path declines only rare forms (whitespace inside proofValue, base64url): it answers nearly every run.
    expect(agreed / runs).to.be.greaterThan(0.95);
    // Both verdicts occur: some mutations keep the proof valid (same value, an unsigned-over field), most break it.
    expect(libraryVerified, `${libraryVerified} of ${runs} still verify`).to.be.within(5, runs - 50);
  });
});

describe('fast verify path: imported keys', () => {
  it('imports each verification method once and keeps at most VERIFICATION_KEY_CACHE_LIMIT of them (LRU)', async () => {
    clearVerificationKeyCache();
    const before = fastVerifyStats.keyImports;
    const methodFor = async (seed: number) => {
      const pair = await Ed25519Multikey.generate({ seed: new Uint8Array(32).fill(seed % 256).map((b, i) => (i < 4 ? (seed >> (8 * i)) & 0xff : b)) });
      const did = `did:key:${pair.publicKeyMultibase}`;
      return { '@context': 'https://w3id.org/security/multikey/v1', id: `${did}#${pair.publicKeyMultibase}`, type: 'Multikey', controller: did, publicKeyMultibase: pair.publicKeyMultibase };
    };
    const first = await methodFor(0);
    const key = await verificationKeyFor('eddsa-rdfc-2022', first);
    expect(key?.algorithm).to.equal('Ed25519');
    expect(await verificationKeyFor('eddsa-rdfc-2022', structuredClone(first))).to.equal(key); // same method: no new import
    expect(fastVerifyStats.keyImports - before).to.equal(1);
    // Another key under the same id is another entry: the cache key holds the key material.
    const impostor = { ...first, publicKeyMultibase: (await methodFor(1)).publicKeyMultibase };
    expect(await verificationKeyFor('eddsa-rdfc-2022', impostor)).not.to.equal(key);
    for (let i = 2; i < VERIFICATION_KEY_CACHE_LIMIT + 50; i++) await verificationKeyFor('eddsa-rdfc-2022', await methodFor(i));
    expect(verificationKeyCacheSize()).to.equal(VERIFICATION_KEY_CACHE_LIMIT);
    // The first method was evicted (least recently used): asking again imports it again.
    const imports = fastVerifyStats.keyImports;
    await verificationKeyFor('eddsa-rdfc-2022', first);
    expect(fastVerifyStats.keyImports).to.equal(imports + 1);
    expect(verificationKeyCacheSize()).to.equal(VERIFICATION_KEY_CACHE_LIMIT);
  });

  it('imports only what the cryptosuite imports: no P-256 key for eddsa, no Ed25519 key for ecdsa, no non-Multikey', async () => {
    const ed = await generateKey('Ed25519');
    const p256 = await generateKey('P-256');
    const method = (publicKeyMultibase: string, extra: Json = {}) => ({
      '@context': 'https://w3id.org/security/multikey/v1',
      id: `did:key:${publicKeyMultibase}#${publicKeyMultibase}`,
      type: 'Multikey',
      controller: `did:key:${publicKeyMultibase}`,
      publicKeyMultibase,
      ...extra,
    });
    expect(await verificationKeyFor('eddsa-rdfc-2022', method(p256.publicKeyMultibase))).to.equal(null);
    expect(await verificationKeyFor('ecdsa-rdfc-2019', method(ed.publicKeyMultibase))).to.equal(null);
    expect((await verificationKeyFor('ecdsa-rdfc-2019', method(p256.publicKeyMultibase)))?.digest).to.equal('sha256');
    expect(await verificationKeyFor('eddsa-rdfc-2022', method(ed.publicKeyMultibase, { '@context': 'https://example.org/other' }))).to.equal(null);
    expect(await verificationKeyFor('eddsa-rdfc-2022', 'not an object')).to.equal(null);
  });
});
