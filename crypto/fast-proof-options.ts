/**
 * Canonical proof options by string building (issue 7, item 3). Data Integrity canonicalizes, beside each document,
 * its proof options: a flat object of a fixed shape ({@context, type, cryptosuite, created, verificationMethod,
 * proofPurpose, ...}) that differs from one proof to the next only in a few string values. The canonical N-Quads of a
 * shape are computed once by the general fast path with placeholders in those values; then each proof's are the
 * template with its values escaped into the placeholders' places.
 *
 * The shape (the cache key) is everything the placeholders do not stand for: the contexts, the keys, and the values of
 * `type`, `cryptosuite`, `proofPurpose`, `id` and keywords; of every other value, its IRI scheme (`did:`, `https://`,
 * none), because JSON-LD expands an IRI by its prefix. A template is used only when the result provably equals the
 * general path's for every value of the shape, and the shape declines (null: the caller runs the general path) when:
 * - a placeholder does not come out exactly once, verbatim, as a literal `"…"` (plain or typed, neither language-tagged
 *   nor xsd:double, whose lexical form would change) or as an IRI `<…>` (the value is then required to be an absolute
 *   IRI that is no term of any bundled context: so its expansion is itself);
 * - two lines share subject and predicate (jsonld.js would merge equal values), or the sort order of the lines could
 *   depend on the values (some two lines do not differ before their placeholders);
 * - there is more than one blank node (labels would depend on hashes of the values).
 */
import { bundledContexts } from '../contexts/bundled-contexts.ts';
import { isAbsoluteIri } from '../contexts/fast-rdf/active-context.ts';
import { LruCache } from '../core/lru-cache.ts';
import { escapeIri, escapeLiteral } from './fast-rdfc.ts';

/** The general path on a document: its canonical N-Quads and the context URLs they depend on, or null (declined). */
export type GeneralCanonize = (document: Record<string, unknown>) => Promise<{ nquads: string; contextUrls: readonly string[] } | null>;

interface Template {
  /** Fixed text around the slots: parts[0] slot0 parts[1] slot1 ... */
  readonly parts: readonly string[];
  readonly slots: readonly { key: string; iri: boolean }[];
  readonly contextUrls: readonly string[];
}

/** Values that are part of the shape: they select terms, types and vocabulary IRIs, or the subject. */
const SHAPE_KEYS = new Set(['@context', 'type', 'cryptosuite', 'proofPurpose', 'id']);
const MAX_KEYS = 16;
export const PROOF_OPTIONS_TEMPLATE_LIMIT = 256;

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

/** A value's IRI class: how JSON-LD's IRI expansion treats it depends on this only (for non-terms). */
function classOf(value: string): string {
  const scheme = SCHEME.exec(value);
  if (!scheme) return '';
  return value.startsWith('//', scheme[0].length) ? `${scheme[1]}://` : `${scheme[1]}:`;
}

function placeholder(index: number, valueClass: string): string {
  return `${valueClass}prooflineslot${index}x`;
}

let termNames: Set<string> | null = null;

/** Every key of every context object in the bundled contexts (terms, including scoped ones). */
function bundledTermNames(): Set<string> {
  if (termNames) return termNames;
  const names = new Set<string>();
  const visit = (node: unknown, inContext: boolean): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item, inContext);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (inContext) names.add(key);
        visit(value, key === '@context' || (inContext && typeof value === 'object'));
      }
    }
  };
  for (const document of bundledContexts.values()) visit(document, false);
  termNames = names;
  return names;
}

export interface ProofOptionsTemplates {
  /** Canonical N-Quads of `input` and the context URLs they rely on; null when the input has no usable template. */
  render(input: object): Promise<{ nquads: string; contextUrls: readonly string[] } | null>;
  readonly stats: { rendered: number; built: number; unusable: number };
}

export function createProofOptionsTemplates(general: GeneralCanonize): ProofOptionsTemplates {
  const templates = new LruCache<string, Template | null>(PROOF_OPTIONS_TEMPLATE_LIMIT);
  const stats = { rendered: 0, built: 0, unusable: 0 };

  async function build(input: Record<string, unknown>, keys: string[], classes: (string | null)[]): Promise<Template | null> {
    const withPlaceholders: Record<string, unknown> = {};
    keys.forEach((key, i) => (withPlaceholders[key] = classes[i] === null ? input[key] : placeholder(i, classes[i]!)));
    const result = await general(withPlaceholders);
    if (result === null) return null;
    const { nquads } = result;
    if (/_:c14n[1-9]/.test(nquads)) return null;
    const lines = nquads.split('\n').slice(0, -1);
    // Subject and predicate of each line ("_:c14n0 <p>" or "<s> <p>").
    const headOf = (line: string) => line.slice(0, line.indexOf('> ', line.startsWith('<') ? line.indexOf('> ') + 2 : 0) + 1);
    const heads = new Set(lines.map(headOf));
    if (heads.size !== lines.length) return null;

    const found: { key: string; iri: boolean; at: number; text: string }[] = [];
    for (let i = 0; i < keys.length; i++) {
      if (classes[i] === null) continue;
      const text = placeholder(i, classes[i]!);
      if (nquads.split(text).length !== 2) return null;
      const at = nquads.indexOf(text);
      const before = nquads[at - 1];
      const after = nquads.slice(at + text.length);
      let iri: boolean;
      if (before === '<' && after.startsWith('> ')) iri = true;
      else if (before === '"' && (after.startsWith('" ') || (after.startsWith('"^^<') && !after.startsWith('"^^<http://www.w3.org/2001/XMLSchema#double>')))) iri = false;
      else return null;
      found.push({ key: keys[i]!, iri, at, text });
    }
    // The lines' order must not depend on the values: any two lines differ before their placeholders.
    let offset = 0;
    const lineStarts = lines.map((line) => ((offset += line.length + 1), offset - line.length - 1));
    for (let a = 0; a < lines.length; a++) {
      for (let b = a + 1; b < lines.length; b++) {
        let common = 0;
        const [x, y] = [lines[a]!, lines[b]!];
        while (common < x.length && x[common] === y[common]) common += 1;
        for (const slot of found) {
          if (slot.at >= lineStarts[a]! && slot.at - lineStarts[a]! <= common) return null;
          if (slot.at >= lineStarts[b]! && slot.at - lineStarts[b]! <= common) return null;
        }
      }
    }
    found.sort((x, y) => x.at - y.at);
    const parts: string[] = [];
    let from = 0;
    for (const slot of found) {
      parts.push(nquads.slice(from, slot.at));
      from = slot.at + slot.text.length;
    }
    parts.push(nquads.slice(from));
    return { parts, slots: found.map(({ key, iri }) => ({ key, iri })), contextUrls: result.contextUrls };
  }

  async function render(input: object): Promise<{ nquads: string; contextUrls: readonly string[] } | null> {
    if (input === null || typeof input !== 'object' || Array.isArray(input) || Object.getPrototypeOf(input) !== Object.prototype) return null;
    const record = input as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    if (keys.length > MAX_KEYS || !keys.includes('@context')) return null;
    const context = record['@context'];
    if (!(typeof context === 'string' || (Array.isArray(context) && context.every((c) => typeof c === 'string')))) return null;
    const classes: (string | null)[] = [];
    const shape: unknown[] = [];
    for (const key of keys) {
      const value = record[key];
      if (key === '@context') {
        classes.push(null);
        shape.push(key, value);
        continue;
      }
      if (typeof value !== 'string') return null;
      const inShape = SHAPE_KEYS.has(key) || key.startsWith('@');
      classes.push(inShape ? null : classOf(value));
      shape.push(key, inShape ? value : classOf(value));
    }
    const cacheKey = JSON.stringify(shape);
    let template = templates.get(cacheKey);
    if (template === undefined) {
      template = await build(record, keys, classes);
      templates.set(cacheKey, template);
      if (template) stats.built += 1;
      else stats.unusable += 1;
    }
    if (template === null) return null;

    let nquads = template.parts[0]!;
    for (let i = 0; i < template.slots.length; i++) {
      const { key, iri } = template.slots[i]!;
      const value = record[key] as string;
      if (iri && (!isAbsoluteIri(value) || bundledTermNames().has(value))) return null;
      nquads += (iri ? escapeIri(value) : escapeLiteral(value)) + template.parts[i + 1]!;
    }
    stats.rendered += 1;
    return { nquads, contextUrls: template.contextUrls };
  }

  return { render, stats };
}
