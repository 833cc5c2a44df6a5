/**
 * `keys rotate` on a did:web issuer: the new key signs, the old one stays in the DID document as verification-only,
 * and credentials signed before the rotation still verify (with a verifier that shares no code with Proofline).
 */
import { expect } from 'chai';
import { ensureIssuer } from '../issuer/ensure-issuer.ts';
import { createAchievement } from '../issuer/catalog.ts';
import { awardAchievement } from '../issuer/award-achievement.ts';
import { rotateKey } from '../issuer/rotate-key.ts';
import { didDocumentFor } from '../issuer/issuer-documents.ts';
import { readStarterCatalog } from '../server.ts';
import { forEachPlatform } from './helpers/platform.ts';
import { uniqueId } from './helpers/store.ts';
import { verifyWithDigitalBazaar } from './helpers/independent-verifier.ts';

forEachPlatform('rotateKey', (platform) => {
  it('keeps credentials signed with a retired key verifiable through the did:web document', async () => {
    const deps = { ...platform().issuerDeps, publicUrl: 'https://skills.example' };
    const slug = uniqueId('web-issuer').toLowerCase();
    const issuer = await ensureIssuer(deps, { slug, name: 'Web Academy', didMethod: 'web' });
    expect(issuer.did).to.equal(`did:web:skills.example:issuers:${slug}`);
    const catalog = readStarterCatalog();
    const entry = { ...catalog.achievements[0]!, slug: uniqueId('ach').toLowerCase() };
    await createAchievement(deps, issuer, catalog.framework, entry);
    const award = { achievement: entry.slug, recipient: { did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' }, result: { score: 90 } };

    const before = (await awardAchievement(deps, issuer, award, null)).verifiableCredential as Record<string, { verificationMethod: string }>;
    const { added, retired } = await rotateKey(deps, issuer, 'assertion', 'Ed25519');
    expect(retired?.id).to.equal(before.proof!.verificationMethod);
    const after = (await awardAchievement(deps, issuer, award, null)).verifiableCredential as Record<string, { verificationMethod: string }>;
    expect(after.proof!.verificationMethod).to.equal(added.id);
    expect(after.proof!.verificationMethod).not.to.equal(before.proof!.verificationMethod);

    const didDocument = await didDocumentFor(deps.store, issuer);
    const methods = (didDocument.assertionMethod as string[]).map(String);
    expect(methods).to.include.members([retired!.id, added.id]);
    expect(JSON.stringify(didDocument)).not.to.match(/secret|private/i);
    for (const credential of [before, after]) {
      const result = await verifyWithDigitalBazaar(credential, { [issuer.did]: didDocument });
      expect(result.verified, JSON.stringify(result.error ?? result)).to.equal(true);
    }
  });

  it('refuses to rotate a did:key issuer (its DID is its key)', async () => {
    const academy = (await platform().store.issuers.getBySlug('academy'))!;
    try {
      await rotateKey(platform().issuerDeps, academy, 'assertion', 'Ed25519');
      expect.fail('should refuse');
    } catch (error) {
      expect((error as { code: string }).code).to.equal('CONFLICT');
    }
  });
});
