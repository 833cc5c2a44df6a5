/**
 * Active contexts for the JSON-LD fast path: the bundled contexts processed into immutable term tables, once per
 * (active context, local context, processing mode) and memoized, so a document walk never copies a context.
 *
 * Context processing follows jsonld.js 9 (`lib/context.js` `process` and `createTermDefinition`) step by step, and the
 * term definitions have exactly jsonld.js's shape (including `_prefix` and `_termHasColon`), because a protected term
 * may be redefined only by a definition jsonld.js's `_deepCompare` finds equal. Whatever jsonld.js would report (an
 * error, or a warning event that safe mode turns into an error) and whatever this module does not support throws
 * `Decline`: the caller then leaves the document to jsonld.js, which gives the real error or the real result.
 */
import { bundledContexts } from '../bundled-contexts.ts';

/** The fast path does not handle this document; jsonld.js must (it may then succeed, or throw its own error). */
export class Decline extends Error {
  constructor(readonly reason: string) {
    super(`fast JSON-LD path declined: ${reason}`);
    this.name = 'Decline';
  }
}

export function decline(reason: string): never {
  throw new Decline(reason);
}

/** A term definition, shaped as jsonld.js shapes its `mappings` entries. Frozen once its context is processed. */
export interface TermDefinition {
  '@id'?: string | null;
  reverse: boolean;
  _termHasColon: boolean;
  _prefix?: boolean;
  protected?: true;
  '@type'?: string;
  '@container'?: string[];
  '@index'?: string;
  '@context'?: unknown;
  '@language'?: string | null;
  '@direction'?: string | null;
  '@nest'?: string;
}

/** How a local context is applied (JSON-LD 1.1 API §4.1.2): embedded, property-scoped or type-scoped. */
export type ContextMode = 'embedded' | 'property' | 'type';

const MODES: Record<ContextMode, { propagate: boolean; overrideProtected: boolean }> = {
  embedded: { propagate: true, overrideProtected: false },
  property: { propagate: true, overrideProtected: true },
  type: { propagate: false, overrideProtected: false },
};

/** Bound on the memoized contexts: beyond it (a hostile mix of contexts), documents go to jsonld.js. */
const MAX_CONTEXTS = 20_000;
let contextCount = 0;

// jsonld.js lib/url.js and lib/util.js, verbatim.
const ABSOLUTE_IRI = /^([A-Za-z][A-Za-z0-9+-.]*|_):[^\s]*$/;
const KEYWORD_LIKE = /^@[a-zA-Z]+$/;
export const BCP47 = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;

export function isAbsoluteIri(value: unknown): value is string {
  return typeof value === 'string' && ABSOLUTE_IRI.test(value);
}

const KEYWORDS = new Set([
  '@base', '@container', '@context', '@default', '@direction', '@embed', '@explicit', '@graph', '@id', '@included',
  '@index', '@json', '@language', '@list', '@nest', '@none', '@omitDefault', '@prefix', '@preserve', '@protected',
  '@requireAll', '@reverse', '@set', '@type', '@value', '@version', '@vocab',
]);

export function isKeyword(value: unknown): boolean {
  return typeof value === 'string' && KEYWORDS.has(value);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/** An immutable active context. Children are computed on first use and kept (see `apply`). */
export class ActiveContext {
  readonly mappings: ReadonlyMap<string, Readonly<TermDefinition>>;
  readonly vocab: string | undefined;
  /** Terms marked protected (jsonld.js `activeCtx.protected`). */
  readonly protectedTerms: ReadonlySet<string>;
  /** The context before type-scoped contexts were applied, restored when descending into a node object. */
  readonly previous: ActiveContext | null;
  private readonly children = new Map<ContextMode, Map<unknown, ActiveContext>>();
  private readonly vocabIris = new Map<string, string | null>();

  constructor(draft: DraftContext) {
    this.mappings = draft.mappings;
    this.vocab = draft.vocab;
    this.protectedTerms = draft.protectedTerms;
    this.previous = draft.previous;
    for (const definition of draft.mappings.values()) Object.freeze(definition);
  }

  /** `_expandIri(ctx, value, {vocab: true})`, memoized (keys repeat in every document). */
  expandVocab(value: string): string | null {
    let iri = this.vocabIris.get(value);
    if (iri === undefined) {
      iri = expandIri(this, value, { vocab: true, base: false }) as string | null;
      if (this.vocabIris.size < 4096) this.vocabIris.set(value, iri);
    }
    return iri;
  }

  /** The term definition's value for `key` (jsonld.js `getContextValue`), undefined when absent. */
  termValue<K extends keyof TermDefinition>(term: string, key: K): TermDefinition[K] | undefined {
    const definition = this.mappings.get(term);
    return definition && hasOwn(definition, key) ? definition[key] : undefined;
  }

  /**
   * The active context after processing `local` (one element of a `@context` value: a bundled URL, null, or a context
   * object held by a bundled context). Memoized: objects are compared by identity, so only bundled (never mutated)
   * context objects may be passed.
   */
  apply(local: unknown, mode: ContextMode): ActiveContext {
    let byLocal = this.children.get(mode);
    if (!byLocal) this.children.set(mode, (byLocal = new Map()));
    let child = byLocal.get(local);
    if (!child) {
      if (contextCount >= MAX_CONTEXTS) decline('too many distinct active contexts');
      if (Array.isArray(local)) {
        child = local.reduce<ActiveContext>((context, element) => context.apply(element, mode), this);
      } else {
        child = new ActiveContext(processLocalContext(this, local, MODES[mode], new Set()));
      }
      contextCount += 1;
      byLocal.set(local, child);
    }
    return child;
  }
}

/** A context under construction (jsonld.js clones the active context and edits the clone). */
interface DraftContext {
  mappings: Map<string, TermDefinition>;
  vocab: string | undefined;
  protectedTerms: Set<string>;
  previous: ActiveContext | null;
}

type ContextLike = ActiveContext | DraftContext;

export const INITIAL_CONTEXT = new ActiveContext({
  mappings: new Map(),
  vocab: undefined,
  protectedTerms: new Set(),
  previous: null,
});

function draftFrom(context: ContextLike, previous: ActiveContext | null): DraftContext {
  return {
    mappings: new Map(context.mappings),
    vocab: context.vocab,
    protectedTerms: new Set(context.protectedTerms),
    previous,
  };
}

/** jsonld.js `process` for one `@context` element, without the cache (the caller memoizes). */
function processLocalContext(
  active: ActiveContext | DraftContext,
  local: unknown,
  { propagate, overrideProtected }: { propagate: boolean; overrideProtected: boolean },
  cycles: Set<string>,
): DraftContext {
  // Type-scoped contexts remember the context to revert to (only the first one: `previousContext` is never nested).
  const previous = propagate ? active.previous : (active.previous ?? (active instanceof ActiveContext ? active : null));
  if (!propagate && previous === null) decline('type-scoped context on a context under construction');

  if (local === null) {
    if (!overrideProtected && active.protectedTerms.size !== 0) decline('invalid context nullification');
    return draftFrom(INITIAL_CONTEXT, null);
  }
  if (typeof local === 'string') {
    const document = bundledContexts.get(local);
    if (!document) decline(`context ${local} is not bundled`);
    const inner = isPlainObject(document) && hasOwn(document, '@context') ? document['@context'] : {};
    if (inner === null) decline(`context ${local} holds a null @context`);
    let draft: ActiveContext | DraftContext = active;
    for (const element of Array.isArray(inner) ? inner : [inner]) {
      if (typeof element === 'string' || element === null) {
        draft = processLocalContext(draft, element, { propagate, overrideProtected }, cycles);
      } else {
        draft = processContextObject(draft, element, { propagate, overrideProtected }, previous, cycles);
      }
    }
    return draft === active ? draftFrom(active, previous) : (draft as DraftContext);
  }
  return processContextObject(active, local, { propagate, overrideProtected }, previous, cycles);
}

function processContextObject(
  active: ContextLike,
  local: unknown,
  { overrideProtected }: { propagate: boolean; overrideProtected: boolean },
  previous: ActiveContext | null,
  cycles: Set<string>,
): DraftContext {
  let ctx = local;
  if (isPlainObject(ctx) && '@context' in ctx) ctx = ctx['@context'];
  if (!isPlainObject(ctx)) decline('a local context that is not an object');
  const rval = draftFrom(active, previous);
  const defined = new Map<string, boolean>();

  if ('@version' in ctx) {
    if (ctx['@version'] !== 1.1) decline('invalid @version value');
    defined.set('@version', true);
  }
  for (const unsupported of ['@base', '@language', '@direction', '@propagate', '@import']) {
    if (unsupported in ctx) decline(`${unsupported} in a context`);
  }
  if ('@vocab' in ctx) {
    const value = ctx['@vocab'];
    if (value === null) {
      rval.vocab = undefined;
    } else if (typeof value !== 'string') {
      decline('invalid vocab mapping');
    } else {
      const vocab = expandIri(rval, value, { vocab: true, base: true });
      if (!isAbsoluteIri(vocab)) decline('relative @vocab reference');
      rval.vocab = vocab;
    }
    defined.set('@vocab', true);
  }
  defined.set('@protected', (ctx['@protected'] as boolean | undefined) || false);

  for (const key in ctx) {
    createTermDefinition(rval, ctx, key, defined, overrideProtected);
    const value = ctx[key];
    if (isPlainObject(value) && '@context' in value) {
      // jsonld.js validates every scoped context when its term is defined; an invalid one fails the whole context.
      const scoped = value['@context'];
      let validate = true;
      if (typeof scoped === 'string') {
        if (cycles.has(scoped)) validate = false;
        else cycles.add(scoped);
      }
      if (validate) {
        let draft: DraftContext = draftFrom(rval, rval.previous);
        for (const element of Array.isArray(scoped) ? scoped : [scoped]) {
          draft = processLocalContext(draft, element, { propagate: true, overrideProtected: true }, cycles);
        }
      }
    }
  }
  return rval;
}

/** jsonld.js `createTermDefinition`, for the term-definition keys the fast path supports (others decline). */
function createTermDefinition(
  active: DraftContext,
  local: Record<string, unknown>,
  term: string,
  defined: Map<string, boolean>,
  overrideProtected = false,
): void {
  if (defined.has(term)) {
    if (defined.get(term)) return;
    decline('cyclic IRI mapping');
  }
  defined.set(term, false);
  let value = hasOwn(local, term) ? local[term] : undefined;

  if (isKeyword(term)) decline('keyword redefinition');
  if (KEYWORD_LIKE.test(term)) decline('reserved term');
  if (term === '') decline('empty term');

  const previousMapping = active.mappings.get(term);
  active.mappings.delete(term);

  let simpleTerm = false;
  if (typeof value === 'string' || value === null) {
    simpleTerm = true;
    value = { '@id': value };
  }
  if (!isPlainObject(value)) decline('invalid term definition');

  const mapping: TermDefinition = { reverse: false, _termHasColon: false };
  active.mappings.set(term, mapping);
  const validKeys = ['@container', '@id', '@language', '@reverse', '@type', '@context', '@direction', '@index', '@nest', '@prefix', '@protected'];
  for (const key in value) if (!validKeys.includes(key)) decline('invalid term definition');

  const colon = term.indexOf(':');
  mapping._termHasColon = colon > 0;

  if ('@reverse' in value) decline('@reverse term definition');
  if ('@id' in value) {
    const id = value['@id'];
    if (id !== null && typeof id !== 'string') decline('invalid IRI mapping');
    if (id === null) {
      mapping['@id'] = null;
    } else if (!isKeyword(id) && KEYWORD_LIKE.test(id)) {
      decline('reserved @id value');
    } else if (id !== term) {
      const iri = expandIri(active, id, { vocab: true, base: false }, local, defined);
      if (!isAbsoluteIri(iri) && !isKeyword(iri)) decline('invalid IRI mapping');
      if (/(?::[^:])|\//.test(term)) {
        const termDefined = new Map(defined).set(term, true);
        if (expandIri(active, term, { vocab: true, base: false }, local, termDefined) !== iri) decline('invalid IRI mapping');
      }
      mapping['@id'] = iri as string;
      mapping._prefix = simpleTerm && !mapping._termHasColon && /[:/?#[\]@]$/.test(iri as string);
    }
  }

  if (!('@id' in mapping)) {
    if (mapping._termHasColon) {
      const prefix = term.slice(0, colon);
      if (hasOwn(local, prefix)) createTermDefinition(active, local, prefix, defined);
      const prefixMapping = active.mappings.get(prefix);
      mapping['@id'] = prefixMapping ? `${String(prefixMapping['@id'])}${term.slice(colon + 1)}` : term;
    } else {
      if (active.vocab === undefined) decline('a term without @id and no @vocab');
      mapping['@id'] = active.vocab + term;
    }
  }

  if (value['@protected'] === true || (defined.get('@protected') === true && value['@protected'] !== false)) {
    active.protectedTerms.add(term);
    mapping.protected = true;
  }
  defined.set(term, true);

  if ('@type' in value) {
    let type = value['@type'];
    if (typeof type !== 'string') decline('invalid type mapping');
    if (type !== '@json' && type !== '@none' && type !== '@id' && type !== '@vocab') {
      type = expandIri(active, type, { vocab: true, base: false }, local, defined);
      if (!isAbsoluteIri(type) || (type as string).startsWith('_:')) decline('invalid type mapping');
    }
    mapping['@type'] = type as string;
  }

  if ('@container' in value) {
    const raw = value['@container'];
    const container = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? (raw as unknown[]) : raw === null ? [] : decline('invalid container mapping');
    if (!container.every((c): c is string => typeof c === 'string')) decline('invalid container mapping');
    const valid = ['@list', '@set', '@index', '@language', '@graph', '@id', '@type'];
    const hasSet = container.includes('@set');
    if (container.includes('@list')) {
      if (container.length !== 1) decline('invalid container mapping');
    } else if (container.includes('@graph')) {
      if (container.some((c) => c !== '@graph' && c !== '@id' && c !== '@index' && c !== '@set')) decline('invalid container mapping');
    } else if (container.length > (hasSet ? 2 : 1)) {
      decline('invalid container mapping');
    }
    if (container.includes('@type')) decline('@type container');
    if (!container.every((c) => valid.includes(c))) decline('invalid container mapping');
    mapping['@container'] = container;
  }

  if ('@index' in value) decline('@index term definition');
  if ('@context' in value) mapping['@context'] = value['@context'];
  if ('@language' in value && !('@type' in value)) {
    const language = value['@language'];
    if (language !== null && typeof language !== 'string') decline('invalid language mapping');
    mapping['@language'] = language === null ? null : language.toLowerCase();
  }
  if ('@prefix' in value) {
    if (/:|\//.test(term)) decline('@prefix on a compact IRI term');
    if (isKeyword(mapping['@id'])) decline('keyword used as a prefix');
    if (typeof value['@prefix'] !== 'boolean') decline('invalid @prefix value');
    mapping._prefix = value['@prefix'];
  }
  if ('@direction' in value) decline('@direction term definition');
  if ('@nest' in value) decline('@nest term definition');

  if (mapping['@id'] === '@context' || mapping['@id'] === '@preserve') decline('invalid keyword alias');

  if (previousMapping?.protected && !overrideProtected) {
    active.protectedTerms.add(term);
    mapping.protected = true;
    if (!deepCompare(previousMapping, mapping)) decline('protected term redefinition');
  }
}

/**
 * jsonld.js `_expandIri`. During context processing (`local` given) it defines the terms it depends on first. `base`
 * expansion never changes the value: the cryptosuites canonize with `base: null`, and contexts with `@base` decline.
 */
export function expandIri(
  active: ContextLike,
  value: unknown,
  relativeTo: { vocab: boolean; base: boolean },
  local?: Record<string, unknown>,
  defined?: Map<string, boolean>,
): unknown {
  if (value === null || typeof value !== 'string' || isKeyword(value)) return value;
  if (KEYWORD_LIKE.test(value)) return null;
  if (local && defined && hasOwn(local, value) && defined.get(value) !== true) {
    createTermDefinition(active as DraftContext, local, value, defined);
  }
  if (relativeTo.vocab) {
    const mapping = active.mappings.get(value);
    if (mapping && '@id' in mapping) return mapping['@id'];
  }
  const colon = value.indexOf(':');
  if (colon > 0) {
    const prefix = value.slice(0, colon);
    const suffix = value.slice(colon + 1);
    if (prefix === '_' || suffix.startsWith('//')) return value;
    if (local && defined && hasOwn(local, prefix)) createTermDefinition(active as DraftContext, local, prefix, defined);
    const mapping = active.mappings.get(prefix);
    if (mapping?._prefix) return `${String(mapping['@id'])}${suffix}`;
    if (isAbsoluteIri(value)) return value;
  }
  if (relativeTo.vocab && active.vocab !== undefined) return active.vocab + value;
  return value;
}

/** jsonld.js `_deepCompare` (`@container` compared as a set). */
function deepCompare(x1: unknown, x2: unknown): boolean {
  if (!(x1 && typeof x1 === 'object') || !(x2 && typeof x2 === 'object')) return x1 === x2;
  const x1Array = Array.isArray(x1);
  if (x1Array !== Array.isArray(x2)) return false;
  if (x1Array) {
    const a = x1 as unknown[];
    const b = x2 as unknown[];
    return a.length === b.length && a.every((item, i) => deepCompare(item, b[i]));
  }
  const o1 = x1 as Record<string, unknown>;
  const o2 = x2 as Record<string, unknown>;
  if (Object.keys(o1).length !== Object.keys(o2).length) return false;
  for (const key in o1) {
    let v1 = o1[key];
    let v2 = o2[key];
    if (key === '@container' && Array.isArray(v1) && Array.isArray(v2)) {
      v1 = [...(v1 as string[])].sort();
      v2 = [...(v2 as string[])].sort();
    }
    if (!deepCompare(v1, v2)) return false;
  }
  return true;
}

const urlClosures = new Map<string, readonly string[]>();

/**
 * The context URLs jsonld.js may load when it processes `url`: the URL itself and every URL named in a `@context`
 * inside its document (e.g. security v2 imports security v1), transitively.
 */
export function contextUrlClosure(url: string): readonly string[] {
  let closure = urlClosures.get(url);
  if (!closure) {
    const found = new Set<string>([url]);
    const visit = (node: unknown, underContext: boolean): void => {
      if (typeof node === 'string') {
        if (underContext && !found.has(node)) {
          found.add(node);
          visit(bundledContexts.get(node), false);
        }
      } else if (Array.isArray(node)) {
        for (const item of node) visit(item, underContext);
      } else if (node !== null && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) visit(value, key === '@context' || (underContext && key === '@import'));
      }
    };
    visit(bundledContexts.get(url), false);
    closure = Object.freeze([...found]);
    urlClosures.set(url, closure);
  }
  return closure;
}
