/**
 * RDFC-1.0 for the common case, without rdf-canonize's per-call machinery: when every blank node of the dataset has a
 * distinct first-degree hash (RDFC-1.0 §4.4 step 5; the documents we sign and verify have a handful of blank nodes with
 * distinct content), canonical labels follow from those hashes alone and the canonical N-Quads are the serialized,
 * relabelled quads, sorted. Anything else (shared first-degree hashes, which need the N-degree algorithm, or a blank
 * node already labelled `c14n…`, which rdf-canonize 5 leaves as is) returns null: the caller then runs rdf-canonize.
 *
 * Equal byte for byte to rdf-canonize 5 (lib/RDFC10.js `main` and `hashFirstDegreeQuads`, lib/NQuads.js
 * `serializeQuadComponents` and its escapes, copied below); crypto/fast-canonize.test.ts checks it against jsonld.js +
 * rdf-canonize over the vectors and generated documents.
 */
import { createHash } from 'node:crypto';
import type { Quad } from '../contexts/fast-rdf/to-rdf-dataset.ts';

const RDF_LANGSTRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';

// rdf-canonize lib/NQuads.js: UCHAR escapes for controls, ECHAR for \b \t \n \f \r " \\.
/* eslint-disable no-control-regex -- these escapes are about control characters */
const LITERAL_ESCAPE_TEST = /[\u0000-\u001F\u007F"\\]/;
const LITERAL_ESCAPE = /[\u0000-\u001F\u007F"\\]/g;
const IRI_ESCAPE_TEST = /[\u0000-\u0020<>"{}|^`\\]/;
const IRI_ESCAPE = /[\u0000-\u0020<>"{}|^`\\]/g;
/* eslint-enable no-control-regex */
const uchar = (char: string) => `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
const ECHAR: Record<string, string> = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r', '"': '\\"', '\\': '\\\\' };

export function escapeLiteral(value: string): string {
  return LITERAL_ESCAPE_TEST.test(value) ? value.replace(LITERAL_ESCAPE, (char) => ECHAR[char] ?? uchar(char)) : value;
}

export function escapeIri(value: string): string {
  return IRI_ESCAPE_TEST.test(value) ? value.replace(IRI_ESCAPE, uchar) : value;
}

/**
 * `<escaped IRI>`, ` <escaped predicate> ` and `^^<escaped datatype>`, kept (one cache each): the same few hundred IRIs (terms, types, issuers) recur in every
 * document, and building them again is most of what serializing allocates.
 */
const wrappedIris = new Map<string, string>();
const wrappedPredicates = new Map<string, string>();
const wrappedDatatypes = new Map<string, string>();
const WRAPPED_LIMIT = 8192;

function wrapped(cache: Map<string, string>, value: string, before: string, after: string): string {
  let text = cache.get(value);
  if (text === undefined) {
    text = `${before}${escapeIri(value)}${after}`;
    if (cache.size >= WRAPPED_LIMIT) cache.clear();
    cache.set(value, text);
  }
  return text;
}

/**
 * A quad as N-Quads pieces: `s`, `o`, `g` are the serialized term, or null for a blank node (whose label is `sb`,
 * `ob`, `gb`); `po` is ` <predicate> `.
 */
interface Parts {
  s: string | null;
  sb: string;
  p: string;
  o: string | null;
  ob: string;
  g: string | null;
  gb: string;
}

function partsOf(quad: Quad): Parts {
  const { subject, predicate, object, graph } = quad;
  let o: string | null;
  if (object.termType === 'NamedNode') o = wrapped(wrappedIris, object.value, '<', '>');
  else if (object.termType === 'BlankNode') o = null;
  else {
    o = `"${escapeLiteral(object.value)}"`;
    if (object.datatype.value === RDF_LANGSTRING) {
      if (object.language) o += `@${object.language}`;
    } else if (object.datatype.value !== XSD_STRING) {
      o += wrapped(wrappedDatatypes, object.datatype.value, '^^<', '>');
    }
  }
  return {
    s: subject.termType === 'NamedNode' ? wrapped(wrappedIris, subject.value, '<', '>') : null,
    sb: subject.value,
    p: wrapped(wrappedPredicates, predicate.value, ' <', '> '),
    o,
    ob: object.value,
    g: graph.termType === 'DefaultGraph' ? '' : null,
    gb: graph.value,
  };
}

function line(parts: Parts, label: (id: string) => string): string {
  const s = parts.s ?? `_:${label(parts.sb)}`;
  const o = parts.o ?? `_:${label(parts.ob)}`;
  const g = parts.g ?? ` _:${label(parts.gb)}`;
  return `${s}${parts.p}${o}${g} .\n`;
}

export type FastRdfcDigest = 'sha256' | 'sha384' | 'sha512';

/** rdf-canonize MessageDigest's algorithm names. */
const DIGESTS: Record<string, FastRdfcDigest> = {
  sha256: 'sha256', SHA256: 'sha256', 'SHA-256': 'sha256',
  sha384: 'sha384', SHA384: 'sha384', 'SHA-384': 'sha384',
  sha512: 'sha512', SHA512: 'sha512', 'SHA-512': 'sha512',
};

export function fastRdfcDigest(messageDigestAlgorithm: unknown): FastRdfcDigest | null {
  return typeof messageDigestAlgorithm === 'string' && Object.hasOwn(DIGESTS, messageDigestAlgorithm) ? DIGESTS[messageDigestAlgorithm]! : null;
}

/** RDFC-1.0 canonical N-Quads of `dataset` (no duplicate quads), or null when rdf-canonize must decide. */
export function canonizeSimple(dataset: readonly Quad[], digest: FastRdfcDigest): string | null {
  const parts = dataset.map(partsOf);
  // Blank node label → indexes of the quads that mention it (each quad once, as rdf-canonize's Set).
  const mentions = new Map<string, number[]>();
  const mention = (id: string, index: number) => {
    const list = mentions.get(id);
    if (list === undefined) mentions.set(id, [index]);
    else if (list[list.length - 1] !== index) list.push(index);
  };
  for (let i = 0; i < parts.length; i++) {
    const q = parts[i]!;
    if (q.s === null) mention(q.sb, i);
    if (q.o === null) mention(q.ob, i);
    if (q.g === null) mention(q.gb, i);
  }

  const labels = new Map<string, string>();
  if (mentions.size > 0) {
    const byHash = new Map<string, string>();
    for (const [id, indexes] of mentions) {
      if (id.startsWith('c14n')) return null;
      const lines = indexes.map((i) => line(parts[i]!, (other) => (other === id ? 'a' : 'z')));
      lines.sort();
      const hash = createHash(digest).update(lines.join('')).digest('hex');
      if (byHash.has(hash)) return null;
      byHash.set(hash, id);
    }
    const hashes = [...byHash.keys()].sort();
    for (let i = 0; i < hashes.length; i++) labels.set(byHash.get(hashes[i]!)!, `c14n${i}`);
  }
  const label = (id: string) => labels.get(id)!;
  const lines = parts.map((q) => line(q, label));
  lines.sort();
  return lines.join('');
}
