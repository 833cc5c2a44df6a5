import { expect } from 'chai';
import { createDocumentLoader } from '../contexts/document-loader.ts';
import { verifyPresentation } from '../verifier/index.ts';
import { didKeyFromMultibase, verificationMethodIdForDidKey } from './did-key.ts';
import { generateKey } from './generate-key.ts';
import { signPresentation } from './sign-presentation.ts';
import { importKey } from './unlocked-key.ts';

describe('signPresentation', () => {
  it('signs an authentication proof over the challenge and domain that verifyPresentation accepts', async () => {
    const generated = await generateKey('Ed25519');
    const did = didKeyFromMultibase(generated.publicKeyMultibase);
    const key = await importKey({ id: verificationMethodIdForDidKey(did), ...generated });
    const presentation = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], holder: did };
    const created = new Date('2026-03-01T10:00:00Z');
    for (const canonize of ['fast', 'jsonld'] as const) {
      const signed = await signPresentation(presentation, { key, challenge: 'c-123', domain: 'jobs.example', documentLoader: createDocumentLoader(), created, canonize });
      expect(presentation).not.to.have.property('proof');
      expect(signed.proof).to.include({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'authentication', challenge: 'c-123', domain: 'jobs.example', verificationMethod: key.id, created: '2026-03-01T10:00:00Z' });
      const result = await verifyPresentation(signed, { challenge: 'c-123', domain: 'jobs.example', now: created });
      expect(result.verified, JSON.stringify(result.problemDetails)).to.equal(true);
      expect(result.holder).to.equal(did);
      const other = await verifyPresentation(signed, { challenge: 'c-456', domain: 'jobs.example', now: created });
      expect(other.verified).to.equal(false);
    }
  });
});
