import { expect } from 'chai';
import { UnsupportedContextError } from '../core/errors.ts';
import { outboundAttempts } from '../test/network-guard.ts';
import { bundledContextUrls, createDocumentLoader, isBundledContext } from './document-loader.ts';
import { CREDENTIALS_V2, OB_V3P0 } from './urls.ts';
import { rejectionOf } from '../test/helpers/rejection.ts';


describe('createDocumentLoader', () => {
  it('serves a bundled context as a jsonld.js remote document', async () => {
    const loader = createDocumentLoader();
    const remote = await loader(CREDENTIALS_V2);
    expect(remote.contextUrl).to.equal(null);
    expect(remote.documentUrl).to.equal(CREDENTIALS_V2);
    expect(remote.document).to.have.property('@context');
  });

  it('refuses URLs it does not hold without any network call', async () => {
    const loader = createDocumentLoader();
    const before = outboundAttempts.length;
    for (const url of ['http://127.0.0.1/ctx', 'https://example.com/x', 'https://www.w3.org/ns/credentials/v3']) {
      const error = await rejectionOf(loader(url));
      expect(error).to.be.instanceOf(UnsupportedContextError);
      expect((error as UnsupportedContextError).url).to.equal(url);
    }
    expect(outboundAttempts.length).to.equal(before);
  });

  it('serves extra documents from a Map or a record', async () => {
    const doc = { id: 'did:example:1' };
    expect((await createDocumentLoader({ documents: new Map([['did:example:1', doc]]) })('did:example:1')).document).to.equal(doc);
    expect((await createDocumentLoader({ documents: { 'did:example:1': doc } })('did:example:1')).document).to.equal(doc);
  });

  it('does not let extra documents replace a bundled context', async () => {
    const loader = createDocumentLoader({ documents: { [CREDENTIALS_V2]: { '@context': { '@vocab': 'urn:x#' } } } });
    expect((await loader(CREDENTIALS_V2)).document).to.not.have.nested.property('@context.@vocab');
  });

  it('asks the resolver for other URLs and refuses what it returns null for', async () => {
    const loader = createDocumentLoader({ resolve: async (url) => (url.startsWith('did:key:') ? { id: url } : null) });
    expect((await loader('did:key:z6Mk')).document).to.deep.equal({ id: 'did:key:z6Mk' });
    expect(await rejectionOf(loader('https://example.com/x'))).to.be.instanceOf(UnsupportedContextError);
  });

  it('wraps a resolver failure in UnsupportedContextError with the cause', async () => {
    const cause = new TypeError('boom');
    const error = await rejectionOf(createDocumentLoader({ resolve: async () => Promise.reject(cause) })('did:x:1'));
    expect(error).to.be.instanceOf(UnsupportedContextError);
    expect((error as UnsupportedContextError).cause).to.equal(cause);
  });
});

describe('isBundledContext', () => {
  it('tells bundled context URLs from others', () => {
    expect(isBundledContext(OB_V3P0)).to.equal(true);
    expect(isBundledContext('https://example.com/x')).to.equal(false);
    expect(bundledContextUrls).to.include(CREDENTIALS_V2);
  });
});
