import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { bundledContexts, contextFilePath } from './bundled-contexts.ts';
import * as urls from './urls.ts';

// The shared conformance vectors sit beside the repository: <repo>/../shared/vectors/contexts (see its README).
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vectorsDir = path.resolve(repoRoot, '..', 'shared', 'vectors', 'contexts');
const OWN_CONTEXTS = 'https://proofline.dev/contexts/';
const require = createRequire(import.meta.url);

/**
 * Bundled contexts the shared vectors do not hold, each with its source: the published file its npm package ships
 * (the bundled document must equal it). Anything else missing from the vectors fails the comparison below.
 */
const NOT_IN_VECTORS: ReadonlyMap<string, { source: string; file: string }> = new Map([
  [
    urls.STATUS_LIST_2021_V1,
    {
      source: '@digitalbazaar/vc-status-list-context 3.x (BSD-3-Clause), the W3C CCG VC Status List 2021 context',
      file: path.join(path.dirname(require.resolve('@digitalbazaar/vc-status-list-context/package.json')), 'contexts', 'vc-status-list-v1.jsonld'),
    },
  ],
]);

describe('bundledContexts', () => {
  it('holds every well-known context URL of contexts/urls.ts', () => {
    for (const url of Object.values(urls)) expect(bundledContexts.has(url), url).to.equal(true);
  });

  it('holds documents equal to the published contexts in the shared vectors', function () {
    if (!existsSync(vectorsDir)) this.skip(); // no ../shared/vectors/contexts checkout: nothing to compare with
    for (const [url, document] of bundledContexts) {
      if (url.startsWith(OWN_CONTEXTS)) continue; // ours: published by Proofline, not in the W3C / 1EdTech vectors
      if (NOT_IN_VECTORS.has(url)) continue; // compared with its named source below
      const file = path.join(vectorsDir, contextFilePath(url));
      expect(existsSync(file), `vector for ${url}`).to.equal(true);
      expect(document, url).to.deep.equal(JSON.parse(readFileSync(file, 'utf8')));
    }
  });

  it('holds the contexts the shared vectors lack exactly as their named source publishes them', () => {
    for (const [url, { source, file }] of NOT_IN_VECTORS) {
      expect(bundledContexts.has(url), url).to.equal(true);
      expect(existsSync(path.join(vectorsDir, contextFilePath(url))), `${url} is now in the vectors: compare it there`).to.equal(false);
      expect(bundledContexts.get(url), `${url} (${source})`).to.deep.equal(JSON.parse(readFileSync(file, 'utf8')));
    }
  });
});

describe('contextFilePath', () => {
  it('maps a URL to <host>/<path>.json', () => {
    expect(contextFilePath(urls.CREDENTIALS_V2)).to.equal('www.w3.org/ns/credentials/v2.json');
    expect(contextFilePath(urls.OB_V3P0)).to.equal('purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json');
  });
});
