import { expect } from 'chai';
import jsonld from 'jsonld';
import { bundledContextUrls, createDocumentLoader } from '../document-loader.ts';
import * as urls from '../urls.ts';
import { ActiveContext, Decline, INITIAL_CONTEXT } from './active-context.ts';

const documentLoader = createDocumentLoader() as (url: string) => Promise<object>;

/** jsonld.js's active context for `contexts` applied in order from the initial context. */
async function jsonLdContext(contexts: string[]) {
  const initial = await jsonld.processContext(null, null, { documentLoader });
  return jsonld.processContext(initial, contexts, { documentLoader });
}

function fastContext(contexts: string[]): ActiveContext {
  return contexts.reduce((ctx, url) => ctx.apply(url, 'embedded'), INITIAL_CONTEXT);
}

const COMBINATIONS: string[][] = [
  ...bundledContextUrls.map((url) => [url]),
  [urls.CREDENTIALS_V2, urls.OB_V3P0_3],
  [urls.CREDENTIALS_V2, urls.OB_V3P0_2, urls.DATA_INTEGRITY_V2],
  [urls.CREDENTIALS_V1, urls.DATA_INTEGRITY_V2],
  [urls.CREDENTIALS_V1, urls.OB_V3P0_1],
  [urls.DID_V1, urls.MULTIKEY_V1],
  [urls.CREDENTIALS_V2, urls.CREDENTIALS_EXAMPLES_V2],
];

describe('ActiveContext (precompiled bundled contexts)', () => {
  for (const contexts of COMBINATIONS) {
    it(`holds jsonld.js's term definitions for ${contexts.map((u) => u.replace(/^https:\/\//, '')).join(' + ')}`, async () => {
      let reference: Awaited<ReturnType<typeof jsonLdContext>> | Error;
      try {
        reference = await jsonLdContext(contexts);
      } catch (error) {
        reference = error as Error;
      }
      let fast: ActiveContext | Decline;
      try {
        fast = fastContext(contexts);
      } catch (error) {
        if (!(error instanceof Decline)) throw error;
        fast = error;
      }
      if (reference instanceof Error) {
        expect(fast, 'jsonld.js rejects this combination: the fast path must decline it').to.be.instanceOf(Decline);
        return;
      }
      // Declining would be safe, but every bundled context jsonld.js accepts is within what the tables support.
      if (fast instanceof Decline) expect.fail(`declined: ${fast.reason}`);
      expect([...fast.mappings.keys()].sort()).to.deep.equal([...reference.mappings.keys()].sort());
      for (const [term, definition] of reference.mappings) {
        expect({ ...fast.mappings.get(term) }, term).to.deep.equal({ ...definition });
      }
      expect(fast.vocab).to.equal(reference['@vocab']);
      expect([...fast.protectedTerms].sort()).to.deep.equal(Object.keys(reference.protected).sort());
    });
  }

  it('computes each context once: applying the same context again returns the same table', () => {
    const first = fastContext([urls.CREDENTIALS_V2, urls.OB_V3P0_3]);
    expect(fastContext([urls.CREDENTIALS_V2, urls.OB_V3P0_3])).to.equal(first);
    expect(Object.isFrozen(first.mappings.get('credentialSubject'))).to.equal(true);
  });

  it('declines a context that is not bundled', () => {
    expect(() => INITIAL_CONTEXT.apply('https://example.com/contexts/v1', 'embedded')).to.throw(Decline);
  });
});
