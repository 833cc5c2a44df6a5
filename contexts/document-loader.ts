/**
 * The static JSON-LD document loader: bundled contexts, documents the caller adds, and an optional resolver hook
 * (used for DIDs). It never fetches: any other URL is refused with UnsupportedContextError (DESIGN.md §5).
 */
import { ProoflineError, UnsupportedContextError } from '../core/errors.ts';
import { bundledContexts } from './bundled-contexts.ts';

/** What jsonld.js expects a document loader to return. */
export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: object;
}

export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

export interface DocumentLoaderOptions {
  /** Extra documents served as they are (e.g. our own DID documents), checked after the bundled contexts. */
  documents?: Map<string, object> | Record<string, object>;
  /** Last resort for URLs not held above (e.g. `did:key:...`); return null to refuse the URL. */
  resolve?: (url: string) => Promise<object | null>;
}

export const bundledContextUrls: readonly string[] = Object.freeze([...bundledContexts.keys()]);

export function isBundledContext(url: string): boolean {
  return bundledContexts.has(url);
}

export function createDocumentLoader({ documents, resolve }: DocumentLoaderOptions = {}): DocumentLoader {
  const extra = documents instanceof Map ? new Map(documents) : new Map(Object.entries(documents ?? {}));
  return async function documentLoader(url: string): Promise<RemoteDocument> {
    const held = bundledContexts.get(url) ?? extra.get(url);
    if (held) return { contextUrl: null, documentUrl: url, document: held };
    if (resolve) {
      let document: object | null;
      try {
        document = await resolve(url);
      } catch (error) {
        if (error instanceof ProoflineError) throw error;
        throw new UnsupportedContextError(url, error);
      }
      if (document) return { contextUrl: null, documentUrl: url, document };
    }
    throw new UnsupportedContextError(url);
  };
}

/** The bundled contexts only, one loader for every caller that passes none (a loader made per call costs each verification). */
export const bundledDocumentLoader: DocumentLoader = createDocumentLoader();
