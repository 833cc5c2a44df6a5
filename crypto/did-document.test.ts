import { expect } from 'chai';
import { ValidationError } from '../core/errors.ts';
import { buildDidDocument, didWebDocumentUrl, didWebFromUrl } from './did-document.ts';

describe('buildDidDocument', () => {
  it('lists every key, retired ones too, as Multikey verification and assertion methods', () => {
    const did = 'did:web:academy.example';
    const doc = buildDidDocument(did, [
      { id: `${did}#key-1`, publicKeyMultibase: 'z6Mkold', status: 'retired' },
      { id: `${did}#key-2`, publicKeyMultibase: 'z6Mknew', status: 'active' },
    ]);
    expect(doc).to.deep.equal({
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [
        { id: `${did}#key-1`, type: 'Multikey', controller: did, publicKeyMultibase: 'z6Mkold' },
        { id: `${did}#key-2`, type: 'Multikey', controller: did, publicKeyMultibase: 'z6Mknew' },
      ],
      assertionMethod: [`${did}#key-1`, `${did}#key-2`],
    });
    expect(doc).to.not.have.property('authentication');
  });

  it('refuses a key id outside the DID', () => {
    expect(() => buildDidDocument('did:web:a.example', [{ id: 'did:web:b.example#k', publicKeyMultibase: 'z', status: 'active' }])).to.throw(
      ValidationError,
    );
  });
});

describe('didWebFromUrl', () => {
  it('encodes host, port and path as the did:web spec says', () => {
    expect(didWebFromUrl('https://example.com')).to.equal('did:web:example.com');
    expect(didWebFromUrl('https://Example.COM/')).to.equal('did:web:example.com');
    expect(didWebFromUrl('https://example.com:8443')).to.equal('did:web:example.com%3A8443');
    expect(didWebFromUrl('https://example.com', 'issuers/acme')).to.equal('did:web:example.com:issuers:acme');
    expect(didWebFromUrl('https://example.com/base/', '/issuers/acme/')).to.equal('did:web:example.com:base:issuers:acme');
    expect(didWebFromUrl('http://localhost:3000', 'issuers/a:b')).to.equal('did:web:localhost%3A3000:issuers:a%3Ab');
  });

  it('refuses what is not an http(s) URL', () => {
    expect(() => didWebFromUrl('not a url')).to.throw(ValidationError);
    expect(() => didWebFromUrl('ftp://example.com')).to.throw(ValidationError);
  });
});

describe('didWebDocumentUrl', () => {
  it('maps a did:web to its did.json URL', () => {
    expect(didWebDocumentUrl('did:web:example.com')).to.equal('https://example.com/.well-known/did.json');
    expect(didWebDocumentUrl('did:web:example.com%3A8443')).to.equal('https://example.com:8443/.well-known/did.json');
    expect(didWebDocumentUrl('did:web:example.com:issuers:acme')).to.equal('https://example.com/issuers/acme/did.json');
  });

  it('inverts didWebFromUrl', () => {
    for (const [url, path] of [['https://example.com:8443', 'issuers/acme'], ['https://example.com', undefined]] as const) {
      const did = didWebFromUrl(url, path);
      expect(didWebFromUrl(didWebDocumentUrl(did).replace(/\/(\.well-known\/)?did\.json$/, ''))).to.equal(did);
    }
  });

  it('refuses malformed did:web values', () => {
    for (const did of ['did:key:z6Mk', 'did:web:', 'did:web:example.com::x', 'did:web:example.com:..', 'did:web:a%2Fb', 'did:web:example.com#k', 'did:web:%E0']) {
      expect(() => didWebDocumentUrl(did), did).to.throw(ValidationError);
    }
  });
});
