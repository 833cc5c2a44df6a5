import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { expect } from 'chai';
import { JsonLdSafeModeError, UnsupportedContextError, ValidationError } from '../core/errors.ts';
import { createDocumentLoader } from '../contexts/document-loader.ts';
import { sha256Hex } from './digest.ts';
import { resolveDidKey, didKeyFromMultibase, verificationMethodIdForDidKey } from './did-key.ts';
import { generateKey } from './generate-key.ts';
import { signDataIntegrity } from './sign-data-integrity.ts';
import { importKey, type UnlockedKey } from './unlocked-key.ts';
import { rejectionOf } from '../test/helpers/rejection.ts';

// W3C test vectors (see ../shared/vectors/README.md): w3c/vc-di-eddsa TestVectors @abb673eb, w3c/vc-di-ecdsa @00781de5.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vectors = path.resolve(repoRoot, '..', 'shared', 'vectors');
const readVector = (file: string) => JSON.parse(readFileSync(path.join(vectors, file), 'utf8'));

const documentLoader = createDocumentLoader({
  resolve: async (url) => (url.startsWith('did:key:') ? resolveDidKey(url) : null),
});
const created = new Date('2023-02-24T23:36:38Z');


async function keyFromVector(pair: { publicKeyMultibase: string; privateKeyMultibase?: string; secretKeyMultibase?: string }) {
  const did = didKeyFromMultibase(pair.publicKeyMultibase);
  return importKey({
    id: verificationMethodIdForDidKey(did),
    publicKeyMultibase: pair.publicKeyMultibase,
    secretKey: new TextEncoder().encode(pair.secretKeyMultibase ?? pair.privateKeyMultibase),
  });
}

/** Signature check only: the vectors' issuer is not the key's controller, which vc.verifyCredential also checks. */
async function proofVerifies(secured: Record<string, unknown>, cryptosuite: object): Promise<boolean> {
  const { proof, ...document } = secured;
  const result = await new DataIntegrityProof({ cryptosuite }).verifyProof({
    proof: proof as object,
    document,
    documentLoader: documentLoader as (url: string) => Promise<object>,
  });
  return result.verified;
}

async function freshKey(algorithm: 'Ed25519' | 'P-256'): Promise<UnlockedKey> {
  const { publicKeyMultibase, secretKey } = await generateKey(algorithm);
  const did = didKeyFromMultibase(publicKeyMultibase);
  return importKey({ id: verificationMethodIdForDidKey(did), publicKeyMultibase, secretKey });
}

function credentialFor(issuer: string, subject: Record<string, unknown> = { id: 'did:example:learner' }) {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential'],
    issuer,
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: subject,
  };
}

describe('signDataIntegrity', () => {
  before(function () {
    if (!existsSync(vectors)) this.skip(); // W3C vectors live in ../shared/vectors
  });

  it('reproduces the W3C eddsa-rdfc-2022 vector proofValue byte for byte', async () => {
    const key = await keyFromVector(readVector('w3c-vc-di-eddsa/keyPair.json'));
    const unsigned = readVector('w3c-vc-di-eddsa/unsigned.json');
    const expected = readVector('w3c-vc-di-eddsa/eddsa-rdfc-2022/signed.json');
    const signed = await signDataIntegrity(unsigned, { key, cryptosuite: 'eddsa-rdfc-2022', documentLoader, created });
    expect(signed).to.deep.equal(expected);
    expect((signed.proof as { proofValue: string }).proofValue).to.equal(expected.proof.proofValue);
  });

  it('canonicalizes the vector document and proof config to the W3C intermediates', async () => {
    const intermediates = readVector('w3c-vc-di-eddsa/eddsa-rdfc-2022/intermediates.json');
    const unsigned = readVector('w3c-vc-di-eddsa/unsigned.json');
    const proofConfig = readVector('w3c-vc-di-eddsa/eddsa-rdfc-2022/proofConfig.json');
    const canonize = (input: object) =>
      eddsaRdfc2022.canonize(input, { documentLoader: documentLoader as (url: string) => Promise<object> });
    const document = await canonize(unsigned);
    const config = await canonize(proofConfig);
    expect(document.trimEnd()).to.equal(intermediates.canonicalDocument);
    expect(config.trimEnd()).to.equal(intermediates.canonicalProofConfig);
    expect(sha256Hex(document)).to.equal(intermediates.documentHashHex);
    expect(sha256Hex(config)).to.equal(intermediates.proofConfigHashHex);
  });

  it('does not mutate the caller\'s credential', async () => {
    const key = await keyFromVector(readVector('w3c-vc-di-eddsa/keyPair.json'));
    const unsigned = readVector('w3c-vc-di-eddsa/unsigned.json');
    const copy = structuredClone(unsigned);
    await signDataIntegrity(unsigned, { key, cryptosuite: 'eddsa-rdfc-2022', documentLoader, created });
    expect(unsigned).to.deep.equal(copy);
  });

  it('signs the W3C ecdsa-rdfc-2019 P-256 vector with a proof that verifies, as the vector\'s own does', async () => {
    const key = await keyFromVector(readVector('w3c-vc-di-ecdsa/p256KeyPair.json'));
    const unsigned = readVector('w3c-vc-di-ecdsa/unsigned.json');
    const expected = readVector('w3c-vc-di-ecdsa/ecdsa-rdfc-2019-p256/signed.json');
    const signed = await signDataIntegrity(unsigned, { key, cryptosuite: 'ecdsa-rdfc-2019', documentLoader, created });
    const { proofValue, ...proof } = signed.proof as Record<string, string>;
    const { proofValue: _expectedValue, ...expectedProof } = expected.proof;
    expect(proof).to.deep.equal(expectedProof);
    expect(proofValue).to.match(/^z/);
    expect(await proofVerifies(signed, ecdsaRdfc2019)).to.equal(true);
    expect(await proofVerifies(expected, ecdsaRdfc2019)).to.equal(true);
  });

  it('signs eddsa-rdfc-2022 and ecdsa-rdfc-2019 credentials that @digitalbazaar/vc verifyCredential accepts', async () => {
    for (const [algorithm, cryptosuite, suite] of [
      ['Ed25519', 'eddsa-rdfc-2022', eddsaRdfc2022],
      ['P-256', 'ecdsa-rdfc-2019', ecdsaRdfc2019],
    ] as const) {
      const key = await freshKey(algorithm);
      const signed = await signDataIntegrity(credentialFor(key.controller), { key, cryptosuite, documentLoader, created });
      const result = await vc.verifyCredential({
        credential: signed,
        suite: new DataIntegrityProof({ cryptosuite: suite }),
        documentLoader: documentLoader as (url: string) => Promise<object>,
      });
      expect(result.verified, `${cryptosuite}: ${String(result.error)}`).to.equal(true);
      signed.credentialSubject = { id: 'did:example:someone-else' };
      expect(await proofVerifies(signed, suite)).to.equal(false);
    }
  });

  it('signs a VC 1.1 credential, adding the Data Integrity context and issuanceDate from `created`', async () => {
    const key = await freshKey('Ed25519');
    const credential = {
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      type: ['VerifiableCredential'],
      issuer: key.controller,
      credentialSubject: { id: 'did:example:learner' },
    };
    const signed = await signDataIntegrity(credential, { key, cryptosuite: 'eddsa-rdfc-2022', documentLoader, created });
    expect(signed['@context']).to.deep.equal([
      'https://www.w3.org/2018/credentials/v1',
      'https://w3id.org/security/data-integrity/v2',
    ]);
    expect(signed.issuanceDate).to.equal('2023-02-24T23:36:38Z');
    expect(credential).to.not.have.property('issuanceDate');
    expect(await proofVerifies(signed, eddsaRdfc2022)).to.equal(true);
  });

  it('refuses an undefined term with JsonLdSafeModeError naming the jsonld event', async () => {
    const key = await freshKey('Ed25519');
    const credential = credentialFor(key.controller, { id: 'did:example:learner', notATerm: 1 });
    const error = await rejectionOf(signDataIntegrity(credential, { key, cryptosuite: 'eddsa-rdfc-2022', documentLoader, created }));
    expect(error).to.be.instanceOf(JsonLdSafeModeError);
    const { details } = error as JsonLdSafeModeError;
    expect(details[0]?.detail).to.include('invalid property').and.include('notATerm');
  });

  it('refuses an unknown context URL with UnsupportedContextError', async () => {
    const key = await freshKey('Ed25519');
    const credential = credentialFor(key.controller);
    credential['@context'].push('https://example.com/contexts/v1');
    const error = await rejectionOf(signDataIntegrity(credential, { key, cryptosuite: 'eddsa-rdfc-2022', documentLoader, created }));
    expect(error).to.be.instanceOf(UnsupportedContextError);
    expect((error as UnsupportedContextError).url).to.equal('https://example.com/contexts/v1');
  });

  it('refuses a credential that breaks the data model with ValidationError', async () => {
    const key = await freshKey('Ed25519');
    const { issuer: _issuer, ...credential } = credentialFor(key.controller);
    const error = await rejectionOf(signDataIntegrity(credential, { key, cryptosuite: 'eddsa-rdfc-2022', documentLoader, created }));
    expect(error).to.be.instanceOf(ValidationError);
  });

  it('refuses a key that does not fit the cryptosuite', async () => {
    const key = await freshKey('Ed25519');
    const error = await rejectionOf(
      signDataIntegrity(credentialFor(key.controller), { key, cryptosuite: 'ecdsa-rdfc-2019', documentLoader, created }),
    );
    expect(error).to.have.property('code', 'KEY_UNAVAILABLE');
  });
});
