/**
 * The fast-path bench's fixtures: a fresh Ed25519 did:key issuer (the key kept as Proofline keeps it), the document
 * loader, and the three credentials measured (an Open Badges 3.0 credential as the Academy builds it, a plain VC 2.0
 * credential, a 30-achievement CLR 2.0 credential). Shared by the bench and its steady-state child process.
 */
import { readFileSync } from 'node:fs';
import { createDocumentLoader } from '../contexts/document-loader.ts';
import { didKeyFromMultibase, resolveDidKey, verificationMethodIdForDidKey } from '../crypto/did-key.ts';
import { generateKey } from '../crypto/generate-key.ts';
import { importKey, type UnlockedKey } from '../crypto/unlocked-key.ts';
import { buildAchievement } from '../issuer/build-achievement.ts';
import { buildOpenBadgeCredential } from '../issuer/build-open-badge-credential.ts';
import type { CatalogAchievement, SkillsFramework } from '../issuer/catalog-types.ts';

const readJson = (relative: string) => JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8'));
const HOLDER = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
const CLR_CONTEXT = 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json';
const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

export interface FastPathCase {
  name: string;
  credential: Record<string, unknown>;
  /** Operations per interleaved round: ours, the reference. */
  perRound: [number, number];
}

export interface FastPathFixtures {
  documentLoader: ReturnType<typeof createDocumentLoader>;
  publicKeyMultibase: string;
  key: UnlockedKey;
  /** The proofs' `created`, and the verifier's clock. */
  created: Date;
  cases: FastPathCase[];
}

export async function fastPathFixtures(): Promise<FastPathFixtures> {
  const documentLoader = createDocumentLoader({ resolve: async (url) => (url.startsWith('did:key:') ? resolveDidKey(url) : null) });
  const { publicKeyMultibase, secretKey } = await generateKey('Ed25519');
  const did = didKeyFromMultibase(publicKeyMultibase);
  const key = await importKey({ id: verificationMethodIdForDidKey(did), publicKeyMultibase, secretKey });
  const created = new Date('2026-01-02T00:00:00Z');

  const framework = readJson('../examples/catalog/framework.json') as SkillsFramework;
  const catalog = readJson('../examples/catalog/achievements.json') as CatalogAchievement[];
  const creator = { id: did, name: 'Proofline Academy', url: 'https://academy.example' };
  const achievementOf = (entry: CatalogAchievement) => buildAchievement(entry, { publicUrl: 'https://academy.example', framework, creator });

  const openBadge = buildOpenBadgeCredential({
    id: 'urn:uuid:6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
    issuer: creator,
    achievement: achievementOf(catalog[0]!),
    recipient: { did: HOLDER },
    result: { score: 92 },
    evidence: { assessmentId: 'bench-1', narrative: 'Passed the practical exam.' },
    validFrom: new Date('2026-01-01T00:00:00Z'),
    validUntil: null,
    schemaUrl: 'https://academy.example/schemas/open-badge-credential.json',
  });
  const plain = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: 'urn:uuid:1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    type: ['VerifiableCredential'],
    issuer: did,
    name: 'Course completion',
    description: 'Completed the course.',
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: { id: HOLDER, name: 'Ada Learner' },
  };
  // CLR 2.0 (its context is bundled): a ClrSubject holding 30 Open Badges achievements, each as the issuer builds one.
  const clr = {
    '@context': ['https://www.w3.org/ns/credentials/v2', CLR_CONTEXT, OB_CONTEXT],
    id: 'urn:uuid:0b7e2a3c-1d4f-4a5b-9c6d-7e8f9a0b1c2d',
    type: ['VerifiableCredential', 'ClrCredential'],
    issuer: { id: did, type: ['Profile'], name: 'Proofline Academy' },
    name: 'Proofline Academy transcript',
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: {
      id: HOLDER,
      type: ['ClrSubject'],
      achievement: Array.from({ length: 30 }, (_, i) => {
        const achievement = achievementOf(catalog[i % catalog.length]!);
        return { ...achievement, id: `${String(achievement.id)}/v${i}`, name: `${String(achievement.name)} (${i + 1})` };
      }),
    },
  };
  const cases: FastPathCase[] = [
    { name: 'OB 3.0 credential', credential: openBadge, perRound: [400, 40] },
    { name: 'VC 2.0 credential', credential: plain, perRound: [400, 80] },
    { name: 'CLR, 30 achievements', credential: clr, perRound: [20, 3] },
  ];
  return { documentLoader, publicKeyMultibase, key, created, cases };
}
