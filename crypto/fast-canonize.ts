/**
 * The canonicalization fast path (issue 7): RDFC-1.0 N-Quads of a JSON-LD document through the precompiled bundled
 * contexts (contexts/fast-rdf/), falling back to the cryptosuite's own `canonize` (jsonld.js + rdf-canonize) whenever
 * the fast path declines. Same signature as the digitalbazaar cryptosuites' `canonize`, so a cryptosuite with it in
 * place of its own is a drop-in for DataIntegrityProof (which calls `canonize(document, {documentLoader, base: null,
 * safe: true})` for the document and again for the proof configuration).
 */
import * as rdfCanonize from 'rdf-canonize';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { bundledContexts } from '../contexts/bundled-contexts.ts';
import { toRdfDataset } from '../contexts/fast-rdf/to-rdf-dataset.ts';
import { createProofOptionsTemplates } from './fast-proof-options.ts';
import { canonizeSimple, fastRdfcDigest } from './fast-rdfc.ts';

export type CanonizeDocumentLoader = (url: string) => Promise<object>;

/** The options the digitalbazaar cryptosuites' `canonize` takes (and passes on to jsonld.js and rdf-canonize). */
export interface CanonizeOptions {
  documentLoader: CanonizeDocumentLoader;
  base?: string | null;
  safe?: boolean;
  skipExpansion?: boolean;
  [option: string]: unknown;
}

export type Canonize = (input: object, options: CanonizeOptions) => Promise<string>;

/** How often the fast path answered and how often it gave the document to the fallback, with the reasons. */
export interface FastCanonizeStats {
  fast: number;
  /** Of `fast`: canonicalized by crypto/fast-rdfc.ts (the others by rdf-canonize on the fast path's dataset). */
  simpleRdfc: number;
  /** Of `fast`: proof options rendered from a template (crypto/fast-proof-options.ts), without a walk. */
  templated: number;
  declined: number;
  readonly reasons: Map<string, number>;
}

export interface FastCanonize extends Canonize {
  readonly stats: FastCanonizeStats;
}

export interface FastCanonizeOptions {
  /** What declined documents go to: the cryptosuite's own `canonize` (default: eddsa-rdfc-2022's, jsonld.js). */
  fallback?: Canonize;
  /** false: every document goes to the fallback (the safety valve; counted as declined "disabled"). */
  enabled?: boolean;
}

/**
 * Options the fast path knows to be irrelevant to its result or handled (rdf-canonize's own options pass through).
 * Anything else (expandContext, processingMode, eventHandler, inputFormat...) goes to the fallback.
 */
const KNOWN_OPTIONS = new Set([
  'documentLoader', 'base', 'safe', 'skipExpansion', 'algorithm', 'format', 'rdfDirection', 'produceGeneralizedRdf',
  'maxWorkFactor', 'maxDeepIterations', 'signal', 'rejectURDNA2015', 'createMessageDigest', 'messageDigestAlgorithm',
  'canonicalIdMap',
]);

/** The cryptosuites' defaults, as their canonize applies them (`{...DEFAULTS, ...options}`). */
const DEFAULTS: Readonly<Record<string, unknown>> = { algorithm: 'RDFC-1.0', format: 'application/n-quads', base: null, safe: true };

/** `options[key]` as `{...DEFAULTS, ...options}` has it, without building that object (the common case needs none). */
function option(options: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(options, key) ? options[key] : DEFAULTS[key];
}

function ineligibleOption(options: Record<string, unknown>): string | null {
  for (const key in options) if (Object.hasOwn(options, key) && !KNOWN_OPTIONS.has(key)) return `option ${key}`;
  if (option(options, 'base') !== null) return 'a non-null base';
  if (options.skipExpansion) return 'skipExpansion';
  if (option(options, 'algorithm') !== 'RDFC-1.0') return 'an algorithm other than RDFC-1.0';
  if (option(options, 'format') !== 'application/n-quads') return 'a format other than N-Quads';
  if (options.produceGeneralizedRdf) return 'generalized RDF';
  if (typeof options.documentLoader !== 'function') return 'no documentLoader';
  return null;
}

/**
 * Context URLs each document loader was seen to serve with the bundled copy. The fast path uses the bundled contexts;
 * a loader serving another document for one of their URLs would make jsonld.js see something else, so it declines.
 */
const servedBundled = new WeakMap<CanonizeDocumentLoader, Set<string>>();

/** Whether the loader was already seen to serve all of `urls` (no promise: the common case, after the first call). */
function loaderSeenServing(loader: CanonizeDocumentLoader, urls: readonly string[]): boolean {
  const served = servedBundled.get(loader);
  if (served === undefined) return false;
  for (let i = 0; i < urls.length; i++) if (!served.has(urls[i]!)) return false;
  return true;
}

async function loaderServesBundled(loader: CanonizeDocumentLoader, urls: readonly string[]): Promise<boolean> {
  let served = servedBundled.get(loader);
  if (!served) servedBundled.set(loader, (served = new Set()));
  for (const url of urls) {
    if (served.has(url)) continue;
    let remote: unknown;
    try {
      remote = await loader(url);
    } catch {
      return false;
    }
    if ((remote as { document?: unknown } | null)?.document !== bundledContexts.get(url)) return false;
    served.add(url);
  }
  return true;
}

/** The fast path alone (no fallback), for building proof-options templates: canonical N-Quads or null. */
async function generalFastPath(document: Record<string, unknown>): Promise<{ nquads: string; contextUrls: readonly string[] } | null> {
  const result = toRdfDataset(document);
  if (result.declined !== undefined) return null;
  const nquads = canonizeSimple(result.dataset, 'sha256') ?? (await rdfCanonize.canonize(result.dataset, { algorithm: 'RDFC-1.0' }));
  return { nquads, contextUrls: result.contextUrls };
}

/** Shared by every fast canonize: a template depends only on the bundled contexts. */
const templates = createProofOptionsTemplates(generalFastPath);

export function createFastCanonize({ fallback = eddsaRdfc2022.canonize, enabled = true }: FastCanonizeOptions = {}): FastCanonize {
  const stats: FastCanonizeStats = { fast: 0, simpleRdfc: 0, templated: 0, declined: 0, reasons: new Map() };
  const declineWith = (reason: string, input: object, options: CanonizeOptions): Promise<string> => {
    stats.declined += 1;
    stats.reasons.set(reason, (stats.reasons.get(reason) ?? 0) + 1);
    return fallback(input, options);
  };
  const canonize = async (input: object, options: CanonizeOptions): Promise<string> => {
    if (!enabled) return declineWith('disabled', input, options);
    const ineligible = ineligibleOption(options);
    if (ineligible) return declineWith(ineligible, input, options);
    // rdf-canonize's own digest factory or identifier map are its business; otherwise the unique-hash case is ours.
    const digest = options.createMessageDigest || options.canonicalIdMap ? null : fastRdfcDigest(options.messageDigestAlgorithm ?? 'sha256');
    const rendered = digest === null ? null : await templates.render(input);
    if (rendered !== null) {
      if (!loaderSeenServing(options.documentLoader, rendered.contextUrls) && !(await loaderServesBundled(options.documentLoader, rendered.contextUrls))) {
        return declineWith('the document loader does not serve the bundled contexts', input, options);
      }
      stats.fast += 1;
      stats.templated += 1;
      return rendered.nquads;
    }
    const result = toRdfDataset(input);
    if (result.declined !== undefined) return declineWith(result.declined, input, options);
    if (!loaderSeenServing(options.documentLoader, result.contextUrls) && !(await loaderServesBundled(options.documentLoader, result.contextUrls))) {
      return declineWith('the document loader does not serve the bundled contexts', input, options);
    }
    stats.fast += 1;
    const simple = digest === null ? null : canonizeSimple(result.dataset, digest);
    if (simple !== null) {
      stats.simpleRdfc += 1;
      return simple;
    }
    const merged: Record<string, unknown> = { ...DEFAULTS, ...options };
    return rdfCanonize.canonize(result.dataset, merged as { algorithm: string });
  };
  return Object.assign(canonize, { stats });
}

/** A cryptosuite with the fast path in place of its `canonize` (which stays the fallback). */
export function withFastCanonize<Suite extends { canonize: Canonize }>(
  cryptosuite: Suite,
  options: Omit<FastCanonizeOptions, 'fallback'> = {},
): Suite & { canonize: FastCanonize } {
  return { ...cryptosuite, canonize: createFastCanonize({ ...options, fallback: cryptosuite.canonize }) };
}
