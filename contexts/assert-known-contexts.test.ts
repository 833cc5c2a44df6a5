import { expect } from 'chai';
import { UnsupportedContextError } from '../core/errors.ts';
import { assertKnownContexts } from './assert-known-contexts.ts';
import { CREDENTIALS_V2, OB_V3P0 } from './urls.ts';

describe('assertKnownContexts', () => {
  it('accepts bundled URLs, arrays and embedded definitions', () => {
    expect(() =>
      assertKnownContexts({
        '@context': [CREDENTIALS_V2, OB_V3P0, { ex: 'https://example.com/#', nested: { '@id': 'ex:n', '@context': CREDENTIALS_V2 } }],
        credentialSubject: { '@context': CREDENTIALS_V2 },
      }),
    ).to.not.throw();
    expect(() => assertKnownContexts({ '@context': CREDENTIALS_V2 })).to.not.throw();
    expect(() => assertKnownContexts({ type: 'NoContext' })).to.not.throw();
  });

  it('refuses an unknown top-level context URL', () => {
    expect(() => assertKnownContexts({ '@context': [CREDENTIALS_V2, 'https://example.com/ctx'] }))
      .to.throw(UnsupportedContextError)
      .with.property('url', 'https://example.com/ctx');
  });

  it('refuses unknown URLs in nested objects, scoped contexts and @import', () => {
    const unknown = 'https://evil.example/ctx';
    for (const document of [
      { '@context': CREDENTIALS_V2, credentialSubject: [{ '@context': unknown }] },
      { '@context': [CREDENTIALS_V2, { term: { '@id': 'urn:t', '@context': unknown } }] },
      { '@context': [CREDENTIALS_V2, { '@import': unknown }] },
    ]) {
      expect(() => assertKnownContexts(document)).to.throw(UnsupportedContextError);
    }
  });

  it('refuses a value nested deeper than 64 levels, and only then (objects, arrays, primitives alike)', () => {
    const nest = (levels: number, leaf: unknown, inArray: boolean): unknown => {
      let node = leaf;
      for (let i = 0; i < levels; i++) node = inArray ? [node] : { a: node };
      return node;
    };
    for (const inArray of [false, true]) {
      for (const leaf of ['text', 1, null, {}]) {
        // The leaf of nest(64, ...) sits at depth 64: allowed; one level more is refused.
        expect(() => assertKnownContexts(nest(64, leaf, inArray)), `${JSON.stringify(leaf)} at 64`).to.not.throw();
        expect(() => assertKnownContexts(nest(65, leaf, inArray)), `${JSON.stringify(leaf)} at 65`).to.throw(/nests too deeply/);
      }
    }
  });
});
