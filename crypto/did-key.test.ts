import { expect } from 'chai';
import { NotFoundError, ValidationError } from '../core/errors.ts';
import { didKeyFromMultibase, resolveDidKey, verificationMethodIdForDidKey } from './did-key.ts';
import { rejectionOf } from '../test/helpers/rejection.ts';

const ED = 'z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2'; // W3C vc-di-eddsa keyPair.json
const P256 = 'zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP'; // W3C vc-di-ecdsa p256KeyPair.json


describe('didKeyFromMultibase', () => {
  it('prefixes an Ed25519 or P-256 Multikey with did:key:', () => {
    expect(didKeyFromMultibase(ED)).to.equal(`did:key:${ED}`);
    expect(didKeyFromMultibase(P256)).to.equal(`did:key:${P256}`);
  });

  it('refuses anything else', () => {
    expect(() => didKeyFromMultibase('z6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc')).to.throw(ValidationError);
    expect(() => didKeyFromMultibase('not-multibase')).to.throw(ValidationError);
  });
});

describe('verificationMethodIdForDidKey', () => {
  it('names the method after the key', () => {
    expect(verificationMethodIdForDidKey(`did:key:${ED}`)).to.equal(`did:key:${ED}#${ED}`);
    expect(() => verificationMethodIdForDidKey(`did:web:example.com`)).to.throw(ValidationError);
  });
});

describe('resolveDidKey', () => {
  it('resolves Ed25519 and P-256 did:keys to Multikey DID documents', async () => {
    for (const key of [ED, P256]) {
      const did = `did:key:${key}`;
      const doc = await resolveDidKey(did);
      expect(doc['@context']).to.deep.equal(['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1']);
      expect(doc.id).to.equal(did);
      expect(doc.verificationMethod).to.deep.equal([{ id: `${did}#${key}`, type: 'Multikey', controller: did, publicKeyMultibase: key }]);
      expect(doc.assertionMethod).to.deep.equal([`${did}#${key}`]);
      expect(doc).to.not.have.property('keyAgreement');
    }
  });

  it('resolves a P-384 did:key (verification only) and refuses a malformed one', async () => {
    const P384 = 'z82LkuBieyGShVBhvtE2zoiD6Kma4tJGFtkAhxR5pfkp5QPw4LutoYWhvQCnGjdVn14kujQ'; // W3C vc-di-ecdsa p384KeyPair.json
    const doc = await resolveDidKey(`did:key:${P384}`);
    expect(doc.assertionMethod).to.deep.equal([`did:key:${P384}#${P384}`]);
    expect(await rejectionOf(resolveDidKey('did:key:z82LnotAKey'))).to.be.instanceOf(ValidationError);
  });

  it('resolves a DID URL to its verification method with the Multikey context', async () => {
    const method = await resolveDidKey(`did:key:${ED}#${ED}`);
    expect(method).to.deep.equal({
      '@context': 'https://w3id.org/security/multikey/v1',
      id: `did:key:${ED}#${ED}`,
      type: 'Multikey',
      controller: `did:key:${ED}`,
      publicKeyMultibase: ED,
    });
  });

  it('refuses an unknown fragment and malformed DIDs', async () => {
    expect(await rejectionOf(resolveDidKey(`did:key:${ED}#other`))).to.be.instanceOf(NotFoundError);
    expect(await rejectionOf(resolveDidKey('did:key:zNotAKey'))).to.be.instanceOf(ValidationError);
    expect(await rejectionOf(resolveDidKey('did:web:example.com'))).to.be.instanceOf(ValidationError);
  });
});
