// crypto/fast-rdfc.ts against rdf-canonize on datasets built directly (not through a JSON-LD walk): the line order it
// gets from comparing the pieces of lines (subject, predicate, object, end) must be the order of the whole lines, also
// where one piece is a prefix of another (`_:c14n1` / `_:c14n10`, `"x"` / `"x"@en` / `"x"@en-us`, IRIs `<a>` / `<a/b>`).
import { expect } from 'chai';
import fc from 'fast-check';
import * as rdfCanonize from 'rdf-canonize';
import type { BlankNode, DefaultGraph, Literal, NamedNode, Quad } from '../contexts/fast-rdf/to-rdf-dataset.ts';
import { canonizeSimple } from './fast-rdfc.ts';

const named = (value: string): NamedNode => ({ termType: 'NamedNode', value });
const blank = (value: string): BlankNode => ({ termType: 'BlankNode', value });
const DEFAULT: DefaultGraph = { termType: 'DefaultGraph', value: '' };
const XSD_STRING = named('http://www.w3.org/2001/XMLSchema#string');
const LANG_STRING = named('http://www.w3.org/1999/02/22-rdf-syntax-ns#langString');

function literal(value: string, kind: { language?: string; datatype?: string } = {}): Literal {
  if (kind.language !== undefined) return { termType: 'Literal', value, datatype: LANG_STRING, language: kind.language };
  return { termType: 'Literal', value, datatype: kind.datatype === undefined ? XSD_STRING : named(kind.datatype) };
}

async function expectSameAsRdfCanonize(dataset: Quad[]): Promise<boolean> {
  const simple = canonizeSimple(dataset, 'sha256');
  const reference = await rdfCanonize.canonize(structuredClone(dataset), { algorithm: 'RDFC-1.0' });
  if (simple === null) return false;
  expect(simple).to.equal(reference);
  return true;
}

/** Unique quads only (the walk never emits duplicates; canonizeSimple's contract). */
function unique(quads: Quad[]): Quad[] {
  const seen = new Set<string>();
  return quads.filter((quad) => {
    const key = JSON.stringify(quad);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

describe('RDFC-1.0 for distinct first-degree hashes (crypto/fast-rdfc.ts)', () => {
  it('orders lines whose pieces are prefixes of one another as rdf-canonize orders the whole lines', async () => {
    const p = named('https://example.org/p');
    const quads: Quad[] = [];
    // Twelve blank nodes with distinct content: labels c14n0 ... c14n11, so c14n1 is a prefix of c14n10 and c14n11.
    for (let i = 0; i < 12; i++) {
      quads.push({ subject: blank(`b${i}`), predicate: p, object: literal(`value ${i}`), graph: DEFAULT });
      quads.push({ subject: named('https://example.org/s'), predicate: p, object: blank(`b${i}`), graph: DEFAULT });
      quads.push({ subject: named('https://example.org/s'), predicate: named('https://example.org/in'), object: literal('x'), graph: blank(`b${i}`) });
    }
    for (const object of [
      literal('x'), literal('x', { language: 'en' }), literal('x', { language: 'en-us' }), literal('x y'), literal('x"y'), literal('x\\'),
      literal('x', { datatype: 'https://example.org/t' }), literal('x', { datatype: 'https://example.org/t/u' }), named('https://example.org/a'),
      named('https://example.org/a/b'), named('https://example.org/a b'), literal('x\n'), literal(''), literal('é ✓ 😀'),
    ]) {
      quads.push({ subject: named('https://example.org/s'), predicate: p, object, graph: DEFAULT });
      quads.push({ subject: named('https://example.org/s/'), predicate: named('https://example.org/p2'), object, graph: DEFAULT });
    }
    expect(await expectSameAsRdfCanonize(quads)).to.equal(true);
  });

  it('equals rdf-canonize on generated datasets, or leaves them to it', async () => {
    const iri = fc.constantFrom('https://example.org/a', 'https://example.org/a/b', 'https://example.org/ab', 'urn:x', 'urn:x:y', 'did:example:1');
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '"', '\\', '\n', '\t', 'é', '✓', '>', '@', '^'), maxLength: 6 });
    const object = fc.oneof(
      iri.map(named),
      fc.integer({ min: 0, max: 14 }).map((i) => blank(`b${i}`)),
      text.map((value) => literal(value)),
      fc.tuple(text, fc.constantFrom('en', 'en-us', 'e', 'fr')).map(([value, language]) => literal(value, { language })),
      fc.tuple(text, iri).map(([value, datatype]) => literal(value, { datatype })),
    );
    const subject = fc.oneof(iri.map(named), fc.integer({ min: 0, max: 14 }).map((i) => blank(`b${i}`)));
    const graph = fc.oneof(fc.constant(DEFAULT), fc.integer({ min: 0, max: 14 }).map((i) => blank(`b${i}`)));
    const quad = fc.record({ subject, predicate: iri.map(named), object, graph }) as fc.Arbitrary<Quad>;
    let simple = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(quad, { minLength: 1, maxLength: 40 }), async (quads) => {
        if (await expectSameAsRdfCanonize(unique(quads))) simple += 1;
      }),
      { seed: 20261125, numRuns: 300 },
    );
    expect(simple, 'datasets canonicalized by crypto/fast-rdfc.ts').to.be.greaterThan(100);
  });
});
