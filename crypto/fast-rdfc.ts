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

/** A term as N-Quads (`<iri>` or a literal with its suffix); null for a blank node (its label depends on the call). */
function serializedObject(object: Quad['object']): string | null {
  if (object.termType === 'NamedNode') return wrapped(wrappedIris, object.value, '<', '>');
  if (object.termType === 'BlankNode') return null;
  const quoted = `"${escapeLiteral(object.value)}"`;
  if (object.datatype.value === RDF_LANGSTRING) return object.language ? `${quoted}@${object.language}` : quoted;
  if (object.datatype.value !== XSD_STRING) return quoted + wrapped(wrappedDatatypes, object.datatype.value, '^^<', '>');
  return quoted;
}

/** `_:c14n<i>`, kept: the same few labels in every document. */
const canonicalLabels: string[] = [];
function canonicalLabel(i: number): string {
  let label = canonicalLabels[i];
  if (label === undefined) {
    label = `_:c14n${i}`;
    if (i < 1024) canonicalLabels[i] = label;
  }
  return label;
}

/**
 * Lines compared by their pieces, without building them. Comparing (subject, predicate, object, graph) piece by piece
 * orders the lines as comparing the whole lines does: where one piece is a proper prefix of the other (`_:c14n1` and
 * `_:c14n10`, `"x"` and `"x"@en`), the longer one continues with a character above the space (or the ` .` that ends
 * the line) that follows the shorter one in its line; N-Quads escapes leave no space or `>` inside an IRI and no
 * unescaped `"` inside a literal, so no piece ends inside another.
 */
function comparePieces(s: readonly string[], p: readonly string[], o: readonly string[], g: readonly string[], a: number, b: number): number {
  if (s[a] !== s[b]) return s[a]! < s[b]! ? -1 : 1;
  if (p[a] !== p[b]) return p[a]! < p[b]! ? -1 : 1;
  if (o[a] !== o[b]) return o[a]! < o[b]! ? -1 : 1;
  if (g[a] !== g[b]) return g[a]! < g[b]! ? -1 : 1;
  return 0;
}

/** `<graph> .\n` endings of lines: ` .\n` in the default graph, ` _:c14n<i> .\n` otherwise (kept, as the labels). */
const canonicalEnds: string[] = [];
function canonicalEnd(i: number): string {
  let end = canonicalEnds[i];
  if (end === undefined) {
    end = ` _:c14n${i} .\n`;
    if (i < 1024) canonicalEnds[i] = end;
  }
  return end;
}

/**
 * `array` (quad indexes) sorted in place by `compare`: binary insertion, which allocates nothing (Array.prototype.sort
 * copies into work arrays); the arrays here hold a hundred or so indexes.
 */
function sortIndexes(array: number[], length: number, compare: (a: number, b: number) => number): number[] {
  for (let i = 1; i < length; i++) {
    const item = array[i]!;
    let low = 0;
    let high = i;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compare(array[mid]!, item) <= 0) low = mid + 1;
      else high = mid;
    }
    for (let j = i; j > low; j--) array[j] = array[j - 1]!;
    array[low] = item;
  }
  return array;
}

/** The first `length` lines of `order`, as one string: their pieces in one exact-size array, joined (no per-line strings). */
function joinLines(order: readonly number[], length: number, s: readonly string[], p: readonly string[], o: readonly string[], end: readonly string[]): string {
  const pieces = new Array<string>(length * 4);
  let k = 0;
  for (let j = 0; j < length; j++) {
    const i = order[j]!;
    pieces[k++] = s[i]!;
    pieces[k++] = p[i]!;
    pieces[k++] = o[i]!;
    pieces[k++] = end[i]!;
  }
  return pieces.join('');
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

/**
 * Per-quad columns (subject, predicate, object, end; the same for first-degree hashing) and the quad order, kept
 * between calls for datasets of up to SCRATCH_LIMIT quads. canonizeSimple is synchronous, so no other call uses them
 * meanwhile; it empties them before returning (keeping no strings of a document between calls).
 */
const SCRATCH_LIMIT = 4096;
const scratchColumns: string[][] = [[], [], [], [], [], [], []];
const scratchOrder: number[] = [];

/** RDFC-1.0 canonical N-Quads of `dataset` (no duplicate quads), or null when rdf-canonize must decide. */
export function canonizeSimple(dataset: readonly Quad[], digest: FastRdfcDigest): string | null {
  const n = dataset.length;
  const reuse = n <= SCRATCH_LIMIT;
  const columns = reuse ? scratchColumns : scratchColumns.map(() => new Array<string>(n).fill(''));
  const order = reuse ? scratchOrder : new Array<number>(n);
  // Filled up to n (so that writes at any index below n keep the arrays dense).
  if (reuse) for (const column of columns) while (column.length < n) column.push('');
  while (order.length < n) order.push(0);
  try {
    return canonize(dataset, n, columns, order, digest);
  } finally {
    if (reuse) for (const column of columns) column.fill('', 0, n);
  }
}

/** Records that quad `index` mentions blank node `id` (each quad once per node, as rdf-canonize's Set). */
function mention(mentions: Map<string, number[]>, id: string, index: number): void {
  const list = mentions.get(id);
  if (list === undefined) mentions.set(id, [index]);
  else if (list[list.length - 1] !== index) list.push(index);
}

/** Orders quad indexes by their N-Quads text, piece by piece (module-level: tsx names closures made per call). */
function piecesComparator(x: readonly string[], y: readonly string[], z: readonly string[], w: readonly string[]): (a: number, b: number) => number {
  return (a, b) => comparePieces(x, y, z, w, a, b);
}

function canonize(dataset: readonly Quad[], n: number, columns: string[][], order: number[], digest: FastRdfcDigest): string | null {
  // Per quad: subject, ` <predicate> `, object and the line's end (graph and ` .\n`) as N-Quads; blank nodes later.
  const [s, p, o, end, hs, ho, hend] = columns as [string[], string[], string[], string[], string[], string[], string[]];
  // Blank node label → indexes of the quads that mention it (each quad once, as rdf-canonize's Set).
  const mentions = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const { subject, predicate, object, graph } = dataset[i]!;
    p[i] = wrapped(wrappedPredicates, predicate.value, ' <', '> ');
    if (subject.termType === 'NamedNode') s[i] = wrapped(wrappedIris, subject.value, '<', '>');
    else mention(mentions, subject.value, i);
    const serialized = serializedObject(object);
    if (serialized !== null) o[i] = serialized;
    else mention(mentions, object.value, i);
    if (graph.termType === 'DefaultGraph') end[i] = ' .\n';
    else mention(mentions, graph.value, i);
  }

  if (mentions.size > 0) {
    // First-degree hashes: each quad that mentions the node, its blank nodes as `_:a` (the node) or `_:z` (others).
    const byHash = new Map<string, string>();
    for (const [id, indexes] of mentions) {
      if (id.startsWith('c14n')) return null;
      for (const i of indexes) {
        const { subject, object, graph } = dataset[i]!;
        hs[i] = subject.termType === 'BlankNode' ? (subject.value === id ? '_:a' : '_:z') : s[i]!;
        ho[i] = object.termType === 'BlankNode' ? (object.value === id ? '_:a' : '_:z') : o[i]!;
        hend[i] = graph.termType === 'BlankNode' ? (graph.value === id ? ' _:a .\n' : ' _:z .\n') : ' .\n';
      }
      // The list is this call's own and not needed in quad order afterwards.
      sortIndexes(indexes, indexes.length, piecesComparator(hs, p, ho, hend));
      const hash = createHash(digest).update(joinLines(indexes, indexes.length, hs, p, ho, hend)).digest('hex');
      if (byHash.has(hash)) return null;
      byHash.set(hash, id);
    }
    const hashes = [...byHash.keys()].sort();
    const labels = new Map<string, number>();
    for (let i = 0; i < hashes.length; i++) labels.set(byHash.get(hashes[i]!)!, i);
    for (let i = 0; i < n; i++) {
      const { subject, object, graph } = dataset[i]!;
      if (subject.termType === 'BlankNode') s[i] = canonicalLabel(labels.get(subject.value)!);
      if (object.termType === 'BlankNode') o[i] = canonicalLabel(labels.get(object.value)!);
      if (graph.termType === 'BlankNode') end[i] = canonicalEnd(labels.get(graph.value)!);
    }
  }
  for (let i = 0; i < n; i++) order[i] = i;
  return joinLines(sortIndexes(order, n, piecesComparator(s, p, o, end)), n, s, p, o, end);
}
