/**
 * JSON-LD → RDF dataset in one walk over the document, for documents whose `@context`s are bundled URLs: the quads
 * jsonld.js 9 `toRDF` (expansion, node map, RDF conversion) produces in safe mode with `base: null`, or a decline.
 *
 * The walk mirrors jsonld.js `lib/expand.js` (context reverting and scoping, value expansion), `lib/nodeMap.js`
 * (duplicate values of one subject and property are merged, compared as jsonld.js `compareValues` compares them) and
 * `lib/toRdf.js` (literal forms, lists). Blank node labels differ from jsonld.js's; RDFC-1.0 relabels them anyway.
 * Anything outside that subset, and anything jsonld.js would drop with a warning (safe mode makes those errors),
 * declines: the caller gives such documents to jsonld.js, which gives its own result or error.
 */
import { canonicalJson } from '../../core/canonical-json.ts';
import {
  ActiveContext,
  BCP47,
  Decline,
  INITIAL_CONTEXT,
  contextUrlClosure,
  decline,
  expandIri,
  isAbsoluteIri,
  isKeyword,
  isPlainObject,
} from './active-context.ts';

export interface NamedNode {
  termType: 'NamedNode';
  value: string;
}
export interface BlankNode {
  termType: 'BlankNode';
  value: string;
}
export interface Literal {
  termType: 'Literal';
  value: string;
  datatype: NamedNode;
  language?: string;
}
export interface DefaultGraph {
  termType: 'DefaultGraph';
  value: '';
}
/** A quad as jsonld.js `toRDF` returns it and rdf-canonize `canonize` takes it. */
export interface Quad {
  subject: NamedNode | BlankNode;
  predicate: NamedNode;
  object: NamedNode | BlankNode | Literal;
  graph: DefaultGraph | BlankNode;
}

export type ToRdfDatasetResult =
  | { dataset: Quad[]; contextUrls: readonly string[]; declined?: undefined }
  | { dataset?: undefined; declined: string };

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const RDF_TYPE: NamedNode = { termType: 'NamedNode', value: `${RDF}type` };
const RDF_FIRST: NamedNode = { termType: 'NamedNode', value: `${RDF}first` };
const RDF_REST: NamedNode = { termType: 'NamedNode', value: `${RDF}rest` };
const RDF_NIL: NamedNode = { termType: 'NamedNode', value: `${RDF}nil` };
const RDF_JSON = `${RDF}JSON`;
const RDF_LANGSTRING = `${RDF}langString`;
const XSD_BOOLEAN = `${XSD}boolean`;
const XSD_DOUBLE = `${XSD}double`;
const XSD_INTEGER = `${XSD}integer`;
const XSD_STRING = `${XSD}string`;
const DEFAULT_GRAPH: DefaultGraph = { termType: 'DefaultGraph', value: '' };

const MAX_DEPTH = 100;

const LIST_NODE: Item = { kind: 'list', items: [] };
const NO_CONTAINER: readonly string[] = Object.freeze([]);

/** Shared NamedNode terms for predicates, types and datatypes (their IRIs repeat in every document). */
const namedNodes = new Map<string, NamedNode>();
function namedNode(value: string): NamedNode {
  let node = namedNodes.get(value);
  if (node === undefined) {
    node = { termType: 'NamedNode', value };
    if (namedNodes.size < 8192) namedNodes.set(value, node);
  }
  return node;
}

/** What one JSON-LD value expands to, reduced to what the node map and RDF conversion need. */
type Item =
  | { kind: 'node'; term: NamedNode | BlankNode; count: number; onlyId: boolean }
  | ValueItem
  | { kind: 'list'; items: Item[] };

/**
 * A literal, itself the quad's object (one object per value, not two), with what jsonld.js `compareValues` compares:
 * `raw` (the `@value`), `type` (the `@type`, not the datatype) and `language` (`key`: computed only when needed).
 */
interface ValueItem extends Literal {
  kind: 'value';
  language: string | undefined;
  raw: string | number | boolean;
  type: string | undefined;
  key?: string;
}

/** The node-map identity of a value of a property (or, as a string, of a `@type`); null: never merged (lists). */
function identityOf(item: Item | string): string | null {
  if (typeof item === 'string') return `t${item}`;
  if (item.kind === 'node') return `${item.term.termType === 'BlankNode' ? 'b' : 'i'}${item.term.value}`;
  if (item.kind === 'list') return null;
  return (item.key ??= `v${JSON.stringify([typeof item.raw, item.raw, item.type ?? null, item.language ?? null])}`);
}

/**
 * Whether two values are the same to the node map, as their `identityOf` strings compare, without building those
 * strings (jsonld.js `compareValues`: the same `@value` by `===`, `@type` and `@language`; the same node; lists never).
 */
function sameIdentity(a: Item | string, b: Item | string): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (a.kind === 'list' || b.kind === 'list') return false;
  if (a.kind === 'node') return b.kind === 'node' && a.term.termType === b.term.termType && a.term.value === b.term.value;
  if (b.kind !== 'value') return false;
  if (a.key !== undefined || b.key !== undefined) return identityOf(a) === identityOf(b);
  return a.raw === b.raw && a.type === b.type && a.language === b.language;
}

/**
 * Up to this many values (of one property of a fresh subject, or of all of a subject met again), duplicates are found
 * by comparing the values with those emitted (no key strings, no Set); beyond it, by identity strings in a Set, so
 * that a huge array stays linear.
 */
const SCAN_LIMIT = 32;

/**
 * Converts `document` to the RDF dataset jsonld.js would produce, or declines. `contextUrls` lists the context URLs
 * the result depends on, for the caller to check that its document loader serves the bundled copies.
 */
export function toRdfDataset(document: unknown): ToRdfDatasetResult {
  try {
    return new Walk().run(document);
  } catch (error) {
    if (error instanceof Decline) return { declined: error.reason };
    throw error;
  }
}

class Walk {
  private readonly quads: Quad[] = [];
  /** Parallel to `quads`: what each quad's object is to the node map (see `identityOf`), for later merges. */
  private readonly identities: (Item | string)[] = [];
  /**
   * Quads already emitted for a subject with an `@id` (by graph and subject): [start, end) index pairs. Only such a
   * subject can be met again in the document, and only then are its earlier quads compared with the new ones; a fresh
   * blank node's values are compared among themselves, and only when a property has several.
   */
  private emittedFor: Map<DefaultGraph | BlankNode, Map<string, number[]>> | null = null;
  /** The document's `_:` labels → ours (made when the document has any). */
  private blankLabels: Map<string, string> | null = null;
  /** Context URLs the document names, each once, in order of appearance. */
  private readonly urls: string[] = [];
  private blankCount = 0;

  run(document: unknown): ToRdfDatasetResult {
    if (!isPlainObject(document)) decline('the document is not a JSON object');
    const top = this.expandObject(INITIAL_CONTEXT, null, document, false, DEFAULT_GRAPH, 0);
    // jsonld.js drops (and safe mode refuses) a top-level empty object, value, list or object with only @id.
    if (top === null || top.kind !== 'node' || top.count === 0 || top.onlyId) decline('a free-floating top-level object');
    return { dataset: this.quads, contextUrls: closureOfUrls(this.urls) };
  }

  private freshBlank(): BlankNode {
    this.blankCount += 1;
    return { termType: 'BlankNode', value: `f${this.blankCount}` };
  }

  /** An IRI or a document's `_:` label (relabelled consistently across the document, as jsonld.js's issuer does). */
  private termFor(id: string): NamedNode | BlankNode {
    if (!id.startsWith('_:')) return { termType: 'NamedNode', value: id };
    this.blankLabels ??= new Map();
    let label = this.blankLabels.get(id);
    if (label === undefined) {
      label = this.freshBlank().value;
      this.blankLabels.set(id, label);
    }
    return { termType: 'BlankNode', value: label };
  }

  /**
   * How `emit` finds duplicates, set before each group of values: `seen` (the subject's values so far, by predicate
   * and identity), or else when `scanFrom` >= 0, the quads from `scanFrom` on and the ranges `scanEarlier`; or none.
   * Fields rather than arguments: one walk is synchronous and these change only between groups.
   */
  private seen: Set<string> | null = null;
  private scanFrom = -1;
  private scanEarlier: readonly number[] | null = null;

  /** Emits a quad unless the subject already has the same value for the predicate (see `seen`). */
  private emit(quad: Quad, identity: Item | string): void {
    const seen = this.seen;
    if (seen !== null) {
      const id = identityOf(identity);
      if (id !== null) {
        const full = `${quad.predicate.value}\u0000${id}`;
        if (seen.has(full)) return;
        seen.add(full);
      }
    } else if (this.scanFrom >= 0 && this.holds(quad.predicate.value, identity)) {
      return;
    }
    this.quads.push(quad);
    this.identities.push(identity);
  }

  /** Whether the quads to scan (see `seen`) hold `predicate` with a value of the same identity. */
  private holds(predicate: string, identity: Item | string): boolean {
    const earlier = this.scanEarlier;
    if (earlier !== null) {
      for (let r = 0; r < earlier.length; r += 2) if (this.holdsIn(predicate, identity, earlier[r]!, earlier[r + 1]!)) return true;
    }
    return this.holdsIn(predicate, identity, this.scanFrom, this.quads.length);
  }

  private holdsIn(predicate: string, identity: Item | string, from: number, to: number): boolean {
    for (let i = from; i < to; i++) {
      if (this.quads[i]!.predicate.value === predicate && sameIdentity(this.identities[i]!, identity)) return true;
    }
    return false;
  }

  /** How the next group of values (of a fresh subject's property or @type) finds duplicates: `count` values. */
  private checkGroup(count: number): void {
    this.seen = count > SCAN_LIMIT ? new Set() : null;
    this.scanFrom = count > 1 && count <= SCAN_LIMIT ? this.quads.length : -1;
    this.scanEarlier = null;
  }

  /** The values a subject met before holds (jsonld.js merges a node's occurrences in its node map). */
  private seenBefore(ranges: readonly number[]): Set<string> {
    const seen = new Set<string>();
    for (let r = 0; r < ranges.length; r += 2) {
      for (let i = ranges[r]!; i < ranges[r + 1]!; i++) {
        const id = identityOf(this.identities[i]!);
        if (id !== null) seen.add(`${this.quads[i]!.predicate.value}\u0000${id}`);
      }
    }
    return seen;
  }

  private applyDocumentContext(ctx: ActiveContext, value: unknown): ActiveContext {
    for (const element of Array.isArray(value) ? value : [value]) {
      if (typeof element !== 'string') decline('a @context in the document that is not a bundled context URL');
      if (!this.urls.includes(element)) this.urls.push(element);
      ctx = ctx.apply(element, 'embedded');
    }
    return ctx;
  }

  /** jsonld.js `api.expand` for an object element, then its node-map entry and quads. */
  private expandObject(
    ctx: ActiveContext,
    activeProperty: string | null,
    element: Record<string, unknown>,
    insideList: boolean,
    graph: DefaultGraph | BlankNode,
    depth: number,
  ): Item | null {
    if (depth > MAX_DEPTH) decline('the document nests too deeply');
    const propertyScoped = activeProperty === null ? undefined : ctx.termValue(activeProperty, '@context');
    const typeScoped = ctx.previous ? ctx : null;
    const keys = sortStrings(Object.keys(element));

    // Revert type-scoped contexts unless the element is a value object or a node reference (JSON-LD 1.1 API §5.1.2).
    let mustRevert = true;
    if (typeScoped && keys.length <= 2 && !keys.includes('@context')) {
      for (const key of keys) {
        const expanded = typeScoped.expandVocab(key);
        if (expanded === '@value') {
          mustRevert = false;
          ctx = typeScoped;
          break;
        }
        if (expanded === '@id' && keys.length === 1) {
          mustRevert = false;
          break;
        }
      }
    }
    if (mustRevert) ctx = ctx.previous ?? ctx;
    if (propertyScoped !== undefined) ctx = ctx.apply(propertyScoped, 'property');
    if ('@context' in element) ctx = this.applyDocumentContext(ctx, element['@context']);
    const typeScopedCtx = ctx;

    let typeKey: string | null = null;
    for (const key of keys) {
      if (ctx.expandVocab(key) !== '@type') continue;
      if (typeKey !== null) decline('several keys expand to @type');
      typeKey = key;
      const value = element[key];
      const types = Array.isArray(value) ? (value.length > 1 ? sortStrings([...(value as unknown[])]) : value) : [value];
      for (const type of types) {
        if (typeof type !== 'string') decline('a @type that is not a string');
        const scoped = typeScopedCtx.termValue(type, '@context');
        if (scoped !== undefined) ctx = ctx.apply(scoped, 'type');
      }
    }
    if (typeKey !== null) {
      const value = element[typeKey];
      const first = Array.isArray(value) ? (value as unknown[])[0] : value;
      if (typeof first === 'string' && ctx.expandVocab(first) === '@json') decline('a JSON literal value object');
    }

    let id: string | undefined;
    let types: string[] | undefined;
    let hasValue = false;
    let value: unknown;
    let language: string | undefined;
    // Expanded property, its values, ... in order of first appearance (a few per object: a flat list, not a Map).
    let properties: (string | Item[])[] | null = null;
    let propertyIndex: Map<string, number> | null = null; // beyond SCAN_LIMIT properties, so that lookups stay cheap
    let count = 0;
    let keywords = 0; // KEYWORD_BITS of the keywords met

    for (const key of keys) {
      if (key === '@context') continue;
      const raw = element[key];
      const expanded = ctx.expandVocab(key);
      if (expanded === null || !(isAbsoluteIri(expanded) || isKeyword(expanded))) decline(`invalid property "${key}"`);
      if (isKeyword(expanded)) {
        const bit = KEYWORD_BITS[expanded] ?? 0;
        if ((keywords & bit) !== 0) decline('colliding keywords');
        keywords |= bit;
        switch (expanded) {
          case '@id': {
            if (typeof raw !== 'string') decline('invalid @id value');
            const iri = expandIri(ctx, raw, { vocab: false, base: true });
            if (!isAbsoluteIri(iri)) decline('relative or reserved @id');
            id = iri;
            count += 1;
            continue;
          }
          case '@type': {
            const list = Array.isArray(raw) ? (raw as unknown[]) : [raw];
            const expandedTypes = new Array<string>(list.length); // exact size: few types
            for (let t = 0; t < list.length; t++) {
              const type = list[t];
              if (typeof type !== 'string') decline('invalid type value');
              const iri = expandIri(typeScopedCtx, type, { vocab: true, base: true });
              if (!isAbsoluteIri(iri) || iri.startsWith('_:')) decline('relative or blank @type');
              expandedTypes[t] = iri;
            }
            types = expandedTypes;
            if (types.length > 0) count += 1;
            continue;
          }
          case '@value': {
            if (!isScalar(raw)) decline('a @value that is not a string, number or boolean');
            value = raw;
            hasValue = true;
            count += 1;
            continue;
          }
          case '@language': {
            if (raw === null) continue;
            if (typeof raw !== 'string') decline('invalid language-tagged string');
            language = raw.toLowerCase();
            if (!BCP47.test(language)) decline('invalid @language value');
            count += 1;
            continue;
          }
          default:
            decline(`the keyword ${expanded}`);
        }
      }
      if (expanded.startsWith('_:')) decline('a blank node predicate');
      const items = this.expandProperty(ctx, key, raw, graph, depth);
      if (items === null) continue;
      properties ??= [];
      const at = propertyIndex !== null ? (propertyIndex.get(expanded) ?? -1) : indexOfProperty(properties, expanded);
      if (at < 0) {
        properties.push(expanded, items); // a fresh array of this walk's own
        count += 1;
        if (propertyIndex !== null) propertyIndex.set(expanded, properties.length - 2);
        else if (properties.length > 2 * SCAN_LIMIT) {
          propertyIndex = new Map();
          for (let k = 0; k < properties.length; k += 2) propertyIndex.set(properties[k] as string, k);
        }
      } else {
        const values = properties[at + 1] as Item[];
        for (const item of items) values.push(item);
      }
    }

    // jsonld.js also drops free-floating objects when the term, as defined in the final context, is a graph container.
    const graphContainer = activeProperty !== null && !insideList && (ctx.termValue(activeProperty, '@container') ?? NO_CONTAINER).includes('@graph');
    if (hasValue) {
      if (id !== undefined || properties !== null) decline('invalid value object');
      if (types !== undefined && (types.length !== 1 || language !== undefined)) decline('invalid value object');
      if (language !== undefined && typeof value !== 'string') decline('invalid language-tagged value');
      if (graphContainer) decline('a value object in a graph container');
      return valueItem(value as string | number | boolean, types?.[0], language);
    }
    if (language !== undefined) decline('@language outside a value object');
    if (graphContainer && (count === 0 || (count === 1 && id !== undefined))) decline('an unsafe graph container value');

    const subject = id !== undefined ? this.termFor(id) : this.freshBlank();
    // By graph (the walk's own graph terms) and subject value (an absolute IRI, or an "f…" label: never equal).
    if (id !== undefined) this.emittedFor ??= new Map();
    let inGraph = id !== undefined ? this.emittedFor!.get(graph) : undefined;
    if (id !== undefined && inGraph === undefined) this.emittedFor!.set(graph, (inGraph = new Map()));
    const before = inGraph?.get(subject.value);
    const start = this.quads.length;
    if (before !== undefined) {
      // Met before: every value is compared with the subject's earlier ones and with those emitted now.
      let total = types?.length ?? 0;
      for (let r = 0; r < before.length; r += 2) total += before[r + 1]! - before[r]!;
      if (properties !== null) for (let k = 1; k < properties.length; k += 2) total += properties[k]!.length;
      this.seen = total > SCAN_LIMIT ? this.seenBefore(before) : null;
      this.scanFrom = total > SCAN_LIMIT ? -1 : start;
      this.scanEarlier = before;
    }
    if (types !== undefined) {
      if (before === undefined) this.checkGroup(types.length);
      for (const type of types) this.emit({ subject, predicate: RDF_TYPE, object: namedNode(type), graph }, type);
    }
    if (properties !== null) {
      for (let k = 0; k < properties.length; k += 2) {
        const predicate = namedNode(properties[k] as string);
        const items = properties[k + 1] as Item[];
        if (before === undefined) this.checkGroup(items.length);
        for (const item of items) this.emitItem(subject, predicate, item, graph);
      }
    }
    this.seen = null;
    this.scanEarlier = null;
    if (inGraph !== undefined && this.quads.length > start) {
      if (before === undefined) inGraph.set(subject.value, [start, this.quads.length]);
      else before.push(start, this.quads.length);
    }
    return { kind: 'node', term: subject, count, onlyId: count === 1 && id !== undefined };
  }

  /** One property of a node object (jsonld.js `_expandObject` past the keywords). */
  private expandProperty(ctx: ActiveContext, key: string, raw: unknown, graph: DefaultGraph | BlankNode, depth: number): Item[] | null {
    if (ctx.termValue(key, 'reverse')) decline('a reverse property');
    const scoped = ctx.termValue(key, '@context');
    const termCtx = scoped === undefined ? ctx : ctx.apply(scoped, 'property');
    const container = ctx.termValue(key, '@container') ?? NO_CONTAINER;
    for (const c of container) if (c !== '@list' && c !== '@set' && c !== '@graph') decline(`a ${container.join(' ')} container`);
    const isGraph = container.includes('@graph');

    let items: Item[] | null;
    if (ctx.termValue(key, '@type') === '@json') {
      if (container.some((c) => c !== '@set')) decline('a JSON literal in a list or graph container');
      items = [jsonItem(raw)];
    } else if (isGraph) {
      items = this.expandGraphContainer(termCtx, key, raw, depth);
    } else if (Array.isArray(raw)) {
      const out: Item[] = [];
      this.expandValueInto(termCtx, key, raw, false, graph, depth + 1, out);
      items = out;
    } else {
      // One value: a one-element array (an empty one grows to 16 slots on its first push).
      const item = this.expandOne(termCtx, key, raw, false, graph, depth + 1);
      items = item === null ? null : [item];
    }
    if (items === null) return null;
    if (container.includes('@list')) items = [{ kind: 'list', items }];
    return items;
  }

  /** `@container: @graph`: each node object becomes the only top-level node of a new blank-node named graph. */
  private expandGraphContainer(ctx: ActiveContext, key: string, raw: unknown, depth: number): Item[] | null {
    if (raw === null) return null;
    const items: Item[] = [];
    for (const element of Array.isArray(raw) ? raw : [raw]) {
      if (!isPlainObject(element)) decline('a graph container value that is not a node object');
      const graph = this.freshBlank();
      const item = this.expandObject(ctx, key, element, false, graph, depth + 1);
      // jsonld.js drops (safe mode refuses) empty objects, values, lists and node references here.
      if (item === null || item.kind !== 'node' || item.count === 0 || item.onlyId) decline('an unsafe graph container value');
      items.push({ kind: 'node', term: graph, count: 1, onlyId: false });
    }
    return items;
  }

  /**
   * jsonld.js `api.expand` for a property value (array, scalar or object), its items appended to `out` (one array per
   * property, not one per value); false when the value is null (the property is dropped).
   */
  private expandValueInto(
    ctx: ActiveContext,
    activeProperty: string,
    raw: unknown,
    insideList: boolean,
    graph: DefaultGraph | BlankNode,
    depth: number,
    out: Item[],
  ): boolean {
    if (raw === null) return false;
    if (Array.isArray(raw)) {
      const container = ctx.termValue(activeProperty, '@container') ?? NO_CONTAINER;
      const listed = insideList || container.includes('@list');
      for (const element of raw) {
        if (Array.isArray(element) && listed) decline('a list of lists');
        this.expandValueInto(ctx, activeProperty, element, false, graph, depth + 1, out);
      }
      return true;
    }
    const item = this.expandOne(ctx, activeProperty, raw, insideList, graph, depth);
    if (item === null) return false;
    out.push(item);
    return true;
  }

  /** `expandValueInto` for a value that is not an array. */
  private expandOne(
    ctx: ActiveContext,
    activeProperty: string,
    raw: unknown,
    insideList: boolean,
    graph: DefaultGraph | BlankNode,
    depth: number,
  ): Item | null {
    if (raw === null) return null;
    if (isPlainObject(raw)) return this.expandObject(ctx, activeProperty, raw, insideList, graph, depth);
    if (!isScalar(raw)) decline('a value that is not JSON');
    if (!insideList && ctx.expandVocab(activeProperty) === '@graph') decline('a free-floating scalar');
    return this.expandScalar(ctx, activeProperty, raw);
  }

  /** jsonld.js `_expandValue`, then the RDF term `_objectToRDF` makes of it. */
  private expandScalar(ctx: ActiveContext, activeProperty: string, value: string | number | boolean): Item {
    const expandedProperty = ctx.expandVocab(activeProperty);
    if (isKeyword(expandedProperty)) decline('a keyword value');
    const type = ctx.termValue(activeProperty, '@type');
    if (type === '@id' && typeof value === 'string') return this.nodeReference(expandIri(ctx, value, { vocab: false, base: true }));
    if (type === '@vocab' && typeof value === 'string') return this.nodeReference(expandIri(ctx, value, { vocab: true, base: true }));
    if (type === '@json') decline('a JSON literal through a scoped context');
    if (type !== undefined && type !== '@id' && type !== '@vocab' && type !== '@none') return valueItem(value, type, undefined);
    let language: string | undefined;
    if (typeof value === 'string') {
      const termLanguage = ctx.termValue(activeProperty, '@language');
      if (typeof termLanguage === 'string') language = termLanguage;
    }
    return valueItem(value, undefined, language);
  }

  private nodeReference(iri: unknown): Item {
    // A relative IRI would be skipped by toRDF with a 'relative object reference' warning: refused in safe mode.
    if (!isAbsoluteIri(iri)) decline('a relative or reserved IRI reference');
    return { kind: 'node', term: this.termFor(iri), count: 1, onlyId: true };
  }

  private emitItem(subject: NamedNode | BlankNode, predicate: NamedNode, item: Item, graph: DefaultGraph | BlankNode): void {
    if (item.kind === 'node') {
      this.emit({ subject, predicate, object: item.term, graph }, item);
    } else if (item.kind === 'value') {
      this.emit({ subject, predicate, object: item, graph }, item);
    } else {
      // Lists are never merged (jsonld.js compareValues finds no two lists equal; identityOf: null, sameIdentity: false).
      this.quads.push({ subject, predicate, object: this.emitList(item.items, graph), graph });
      this.identities.push(item);
    }
  }

  /** jsonld.js `_listToRDF`. */
  private emitList(items: Item[], graph: DefaultGraph | BlankNode): NamedNode | BlankNode {
    if (items.length === 0) return RDF_NIL;
    const head = this.freshBlank();
    let subject: BlankNode = head;
    items.forEach((item, index) => {
      let object: NamedNode | BlankNode | Literal;
      if (item.kind === 'node') object = item.term;
      else if (item.kind === 'value') object = item;
      else decline('a list in a list');
      // List nodes are fresh blank nodes: never met again, never merged.
      this.quads.push({ subject, predicate: RDF_FIRST, object, graph });
      this.identities.push(LIST_NODE);
      const next = index === items.length - 1 ? RDF_NIL : this.freshBlank();
      this.quads.push({ subject, predicate: RDF_REST, object: next, graph });
      this.identities.push(LIST_NODE);
      if (next.termType === 'BlankNode') subject = next;
    });
    return head;
  }
}

/** Context URLs a document depends on, by the sequence of URLs it names (a trie: a lookup allocates nothing). */
interface ClosureNode {
  readonly next: Map<string, ClosureNode>;
  closure?: readonly string[];
}
const closureRoot: ClosureNode = { next: new Map() };
let closureNodes = 0;
const CLOSURE_NODE_LIMIT = 4096;

function closureOfUrls(urls: readonly string[]): readonly string[] {
  let node = closureRoot;
  for (const url of urls) {
    let child = node.next.get(url);
    if (child === undefined) {
      if (closureNodes >= CLOSURE_NODE_LIMIT) return computeClosure(urls);
      closureNodes += 1;
      node.next.set(url, (child = { next: new Map() }));
    }
    node = child;
  }
  return (node.closure ??= computeClosure(urls));
}

function computeClosure(urls: readonly string[]): readonly string[] {
  const contextUrls = new Set<string>();
  for (const url of urls) for (const used of contextUrlClosure(url)) contextUrls.add(used);
  return Object.freeze([...contextUrls]);
}

/** The keywords an object may hold (others decline), as bits: colliding keys are found without a Set per object. */
const KEYWORD_BITS: Record<string, number> = { '@id': 1, '@type': 2, '@value': 4, '@language': 8 };

/** Index of `property` in a flat [property, values, ...] list, or -1 (linear: objects have a few properties). */
function indexOfProperty(properties: readonly (string | Item[])[], property: string): number {
  for (let k = 0; k < properties.length; k += 2) if (properties[k] === property) return k;
  return -1;
}

/**
 * `array.sort()` (UTF-16 code unit order of the strings) in place; small arrays by insertion, which allocates nothing
 * (Array.prototype.sort copies into a work area, a good part of what a walk used to allocate). Non-strings: the
 * built-in sort (the walk declines them anyway).
 */
function sortStrings<T>(array: T[]): T[] {
  if (array.length > 16 || !array.every((item) => typeof item === 'string')) return array.sort();
  for (let i = 1; i < array.length; i++) {
    const item = array[i]!;
    let j = i - 1;
    while (j >= 0 && (array[j] as string) > (item as string)) {
      array[j + 1] = array[j]!;
      j -= 1;
    }
    array[j + 1] = item;
  }
  return array;
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/** jsonld.js types.isDouble. */
function isDouble(value: unknown): boolean {
  return typeof value === 'number' && (String(value).includes('.') || Math.abs(value) >= 1e21);
}

/**
 * A literal as jsonld.js `_objectToRDF` writes it, with the node-map identity of the value (jsonld.js `compareValues`:
 * same `@value` by `===`, same `@type`, same `@language`).
 */
function valueItem(value: string | number | boolean, type: string | undefined, language: string | undefined): Item {
  let lexical: string;
  let datatype: string;
  if (typeof value === 'boolean') {
    lexical = value.toString();
    datatype = type ?? XSD_BOOLEAN;
  } else if (isDouble(value) || type === XSD_DOUBLE) {
    const number = typeof value === 'number' ? value : parseFloat(value);
    lexical = number.toExponential(15).replace(/(\d)0*e\+?/, '$1E');
    datatype = type ?? XSD_DOUBLE;
  } else if (typeof value === 'number') {
    lexical = value.toFixed(0);
    datatype = type ?? XSD_INTEGER;
  } else if (language !== undefined) {
    lexical = value;
    datatype = RDF_LANGSTRING;
  } else {
    lexical = value;
    datatype = type ?? XSD_STRING;
  }
  return { termType: 'Literal', value: lexical, datatype: namedNode(datatype), language, kind: 'value', raw: value, type };
}

/** `@type: @json` (JSON-LD 1.1 §4.2.2): the value's JCS form; only equal primitives are the same node-map value. */
function jsonItem(value: unknown): Item {
  assertJson(value, 0);
  const primitive = value === null || typeof value !== 'object';
  const key = primitive ? `j${JSON.stringify([typeof value, value])}` : `j#${uniqueJsonKey()}`;
  return { termType: 'Literal', value: canonicalJson(value), datatype: namedNode(RDF_JSON), language: undefined, kind: 'value', raw: '', type: RDF_JSON, key };
}

let jsonKeyCount = 0;
function uniqueJsonKey(): number {
  jsonKeyCount += 1;
  return jsonKeyCount;
}

function assertJson(value: unknown, depth: number): void {
  if (depth > MAX_DEPTH) decline('the document nests too deeply');
  if (value === null || isScalar(value)) return;
  if (Array.isArray(value)) {
    for (const item of value) assertJson(item, depth + 1);
  } else if (isPlainObject(value)) {
    for (const item of Object.values(value)) assertJson(item, depth + 1);
  } else {
    decline('a JSON literal that is not JSON');
  }
}
