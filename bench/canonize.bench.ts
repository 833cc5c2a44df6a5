/**
 * Canonicalization fast path benchmark (issue 7): RDFC-1.0 canonicalization, signing and verification of an Open
 * Badges 3.0 credential (built as the issuer builds one) through crypto/fast-canonize.ts, each beside the jsonld.js
 * reference (the cryptosuite's own canonize) measured in the same run, same credential, same process.
 */
import os from 'node:os';
import { readFileSync } from 'node:fs';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { createDocumentLoader } from '../contexts/document-loader.ts';
import { didKeyFromMultibase, resolveDidKey, verificationMethodIdForDidKey } from '../crypto/did-key.ts';
import { createFastCanonize, withFastCanonize, type CanonizeOptions } from '../crypto/fast-canonize.ts';
import { generateKey } from '../crypto/generate-key.ts';
import { signDataIntegrity } from '../crypto/sign-data-integrity.ts';
import { importKey } from '../crypto/unlocked-key.ts';
import { buildAchievement } from '../issuer/build-achievement.ts';
import { buildOpenBadgeCredential } from '../issuer/build-open-badge-credential.ts';
import type { CatalogAchievement, SkillsFramework } from '../issuer/catalog-types.ts';
import { measure, printTable, type Rate } from './measure.ts';

const readJson = (relative: string) => JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8'));

export async function runCanonizeBench(): Promise<void> {
  const documentLoader = createDocumentLoader({ resolve: async (url) => (url.startsWith('did:key:') ? resolveDidKey(url) : null) });
  const loader = documentLoader as CanonizeOptions['documentLoader'];
  const { publicKeyMultibase, secretKey } = await generateKey('Ed25519');
  const did = didKeyFromMultibase(publicKeyMultibase);
  const key = await importKey({ id: verificationMethodIdForDidKey(did), publicKeyMultibase, secretKey });

  const framework = readJson('../examples/catalog/framework.json') as SkillsFramework;
  const [entry] = readJson('../examples/catalog/achievements.json') as CatalogAchievement[];
  const creator = { id: did, name: 'Proofline Academy', url: 'https://academy.example' };
  const credential = buildOpenBadgeCredential({
    id: 'urn:uuid:6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
    issuer: creator,
    achievement: buildAchievement(entry!, { publicUrl: 'https://academy.example', framework, creator }),
    recipient: { did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' },
    result: { score: 92 },
    evidence: { assessmentId: 'bench-1', narrative: 'Passed the practical exam.' },
    validFrom: new Date('2026-01-01T00:00:00Z'),
    validUntil: null,
    schemaUrl: 'https://academy.example/schemas/open-badge-credential.json',
  });

  const fast = createFastCanonize();
  const fastSuite = withFastCanonize(eddsaRdfc2022);
  const signed = await signDataIntegrity(credential, { key, cryptosuite: 'eddsa-rdfc-2022', documentLoader, canonize: 'jsonld' });
  const { proofValue: _value, ...proof } = signed.proof as Record<string, unknown>;
  const proofConfig = { '@context': signed['@context'], ...proof };
  const verify = (cryptosuite: object) => async () => {
    const result = await vc.verifyCredential({
      credential: signed,
      suite: new DataIntegrityProof({ cryptosuite }),
      documentLoader: documentLoader as (url: string) => Promise<object>,
    });
    if (!result.verified) throw new Error(`bench credential did not verify: ${String(result.error)}`);
  };

  const pairs: Array<[string, () => Promise<unknown>, () => Promise<unknown>, { perRound?: number }?]> = [
    ['canonize OB 3.0 credential', () => eddsaRdfc2022.canonize(credential, { documentLoader }), () => fast(credential, { documentLoader: loader }), { perRound: 500 }],
    ['canonize its proof configuration', () => eddsaRdfc2022.canonize(proofConfig, { documentLoader }), () => fast(proofConfig, { documentLoader: loader }), { perRound: 500 }],
    [
      'sign (signDataIntegrity, eddsa-rdfc-2022)',
      () => signDataIntegrity(credential, { key, cryptosuite: 'eddsa-rdfc-2022', documentLoader, canonize: 'jsonld' }),
      () => signDataIntegrity(credential, { key, cryptosuite: 'eddsa-rdfc-2022', documentLoader, canonize: 'fast' }),
      { perRound: 200 },
    ],
    ['verify (@digitalbazaar/vc verifyCredential)', verify(eddsaRdfc2022), verify(fastSuite), { perRound: 200 }],
  ];
  const rows: { rate: Rate; reference?: Rate }[] = [];
  const ratios: string[] = [];
  for (const [name, reference, candidate, options] of pairs) {
    const ref = await measure(`${name}: jsonld.js [reference]`, reference, options);
    const rate = await measure(`${name}: fast path`, candidate, options);
    rows.push({ rate: ref }, { rate, reference: ref });
    ratios.push(`${name}: ${(rate.perSecond / ref.perSecond).toFixed(1)}x (median ${ref.p50.toFixed(3)} → ${rate.p50.toFixed(3)} ms)`);
  }
  console.log(`\nCanonicalization fast path (node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''})`);
  printTable(rows);
  for (const line of ratios) console.log(line);
  if (fast.stats.declined > 0 || fastSuite.canonize.stats.declined > 0) {
    console.log(`warning: the fast path declined ${fast.stats.declined + fastSuite.canonize.stats.declined} times`, [...fast.stats.reasons]);
  }
}
