import { expect } from 'chai';
import { JsonLdSafeModeError, ProoflineError, ValidationError } from '../core/errors.ts';
import { createDocumentLoader } from '../contexts/document-loader.ts';
import { rejectionOf } from '../test/helpers/rejection.ts';
import { didKeyFromMultibase, resolveDidKey, verificationMethodIdForDidKey } from './did-key.ts';
import { generateKey } from './generate-key.ts';
import { deriveEcdsaSd, fullDisclosurePointers, hasEcdsaSdBaseProof, holderCheckable, resolvePointer, signEcdsaSd } from './sign-ecdsa-sd.ts';
import { importKey, type UnlockedKey } from './unlocked-key.ts';
import { EcdsaSdBaseProofError, verifyEcdsaSdProof } from './verify-ecdsa-sd.ts';

const documentLoader = createDocumentLoader({ resolve: async (url) => (url.startsWith('did:key:') ? resolveDidKey(url) : null) });
const created = new Date('2026-03-01T12:00:00Z');

async function p256(): Promise<UnlockedKey> {
  const generated = await generateKey('P-256');
  const did = didKeyFromMultibase(generated.publicKeyMultibase);
  return importKey({ id: verificationMethodIdForDidKey(did), publicKeyMultibase: generated.publicKeyMultibase, secretKey: generated.secretKey });
}

const credential = (issuer: string) => ({
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  id: 'urn:uuid:3c5a0e1e-2b7d-4d7c-9a52-1f0c6a3b8e11',
  type: ['VerifiableCredential'],
  issuer,
  name: 'Prompt engineering',
  description: 'Scored 88',
  validFrom: '2026-01-01T00:00:00Z',
  credentialSubject: { id: 'did:example:learner', name: 'Ada', description: 'secret note' },
});

async function verify(secured: Record<string, unknown>) {
  const { proof, ...document } = secured;
  return verifyEcdsaSdProof({ document, proof: proof as Record<string, unknown>, documentLoader });
}

describe('signEcdsaSd / deriveEcdsaSd / verifyEcdsaSdProof', () => {
  let key: UnlockedKey;
  let base: Record<string, unknown>;
  before(async () => {
    key = await p256();
    base = await signEcdsaSd(credential(key.controller), {
      key,
      mandatoryPointers: ['/issuer', '/validFrom', '/validUntil', '/credentialSubject/id'],
      documentLoader,
      created,
    });
  });

  it('signs a base proof (skipping mandatory pointers the credential lacks) that only its holder should hold', async () => {
    expect(base.proof).to.include({ type: 'DataIntegrityProof', cryptosuite: 'ecdsa-sd-2023', proofPurpose: 'assertionMethod', created: '2026-03-01T12:00:00Z' });
    expect(hasEcdsaSdBaseProof(base)).to.equal(true);
    const result = await verify(base);
    expect(result.verified).to.equal(false);
    expect(!result.verified && result.error).to.be.instanceOf(EcdsaSdBaseProofError);
  });

  it('derives the mandatory claims plus the selected ones, and the derivation verifies', async () => {
    const derived = await deriveEcdsaSd(base, { selectivePointers: ['/name'], documentLoader });
    expect(derived.name).to.equal('Prompt engineering');
    expect(derived).not.to.have.property('description');
    expect(derived.credentialSubject).to.deep.equal({ id: 'did:example:learner' });
    expect(derived.issuer).to.equal(key.controller);
    expect(hasEcdsaSdBaseProof(derived)).to.equal(false);
    expect((await verify(derived)).verified).to.equal(true);
  });

  it('fails a derived credential with a changed, added or removed claim', async () => {
    const derived = await deriveEcdsaSd(base, { selectivePointers: ['/name', '/credentialSubject/name'], documentLoader });
    expect((await verify(derived)).verified).to.equal(true);
    const changed = { ...derived, name: 'Expert engineering' };
    const added = { ...derived, description: 'Scored 100' };
    const { name: _n, ...removed } = derived;
    for (const forged of [changed, added, removed]) expect((await verify(forged)).verified).to.equal(false);
  });

  it('the holder checks a base proof through its full disclosure, which holds every claim', async () => {
    const checkable = await holderCheckable(JSON.stringify(base), { documentLoader });
    expect(typeof checkable).to.equal('object');
    const { proof: _p, ...claims } = checkable as Record<string, unknown>;
    const { proof: _b, ...issued } = base;
    expect(claims).to.deep.equal(issued);
    expect((await verify(checkable as Record<string, unknown>)).verified).to.equal(true);
    expect(fullDisclosurePointers(base)).to.deep.equal(['/id', '/type', '/issuer', '/name', '/description', '/validFrom', '/credentialSubject']);
    // Anything else is returned as it is.
    expect(await holderCheckable('not json', { documentLoader })).to.equal('not json');
    expect(await holderCheckable('{"a":1}', { documentLoader })).to.equal('{"a":1}');
  });

  it('refuses a key that is not P-256, a credential with an undefined term, and deriving without a base proof', async () => {
    const ed = await generateKey('Ed25519');
    const edKey = await importKey({ id: verificationMethodIdForDidKey(didKeyFromMultibase(ed.publicKeyMultibase)), publicKeyMultibase: ed.publicKeyMultibase, secretKey: ed.secretKey });
    const wrongKey = await rejectionOf(signEcdsaSd(credential(edKey.controller), { key: edKey, mandatoryPointers: [], documentLoader }));
    expect(wrongKey).to.be.instanceOf(ProoflineError).and.have.property('code', 'KEY_UNAVAILABLE');
    const undefinedTerm = { ...credential(key.controller), credentialSubject: { id: 'did:example:learner', favouriteColour: 'blue' } };
    expect(await rejectionOf(signEcdsaSd(undefinedTerm, { key, mandatoryPointers: ['/issuer'], documentLoader }))).to.be.instanceOf(JsonLdSafeModeError);
    expect(await rejectionOf(deriveEcdsaSd(credential(key.controller), { selectivePointers: ['/name'], documentLoader }))).to.be.instanceOf(ValidationError);
  });
});

describe('resolvePointer (RFC 6901)', () => {
  const document = { a: { 'b/c': [1, { 'd~e': 'x' }] }, '': 0 };
  it('walks objects by name and arrays by index, with ~1 and ~0 escapes', () => {
    expect(resolvePointer(document, '')).to.deep.equal({ found: true, value: document });
    expect(resolvePointer(document, '/a/b~1c/1/d~0e')).to.deep.equal({ found: true, value: 'x' });
    expect(resolvePointer(document, '/')).to.deep.equal({ found: true, value: 0 });
  });
  it('reports a missing step, a bad index and a pointer without a leading slash as not found', () => {
    for (const pointer of ['/a/x', '/a/b~1c/2', '/a/b~1c/01', '/a/b~1c/-', 'a']) expect(resolvePointer(document, pointer).found, pointer).to.equal(false);
  });
});
