import { expect } from 'chai';
import fc from 'fast-check';
import extractChunks from 'png-chunks-extract';
import { decodeSync } from 'png-chunk-itxt';
import { PNG } from 'pngjs';
import { bakePng } from './bake-png.ts';
import { PNG_CREDENTIAL_KEYWORD, readPngCredential } from './read-baked-credential.ts';

function tinyPng(width = 3, height = 2): Uint8Array {
  const png = new PNG({ width, height });
  png.data.fill(200);
  return new Uint8Array(PNG.sync.write(png));
}

const JSON_CREDENTIAL = '{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"name":"Prompt engineering – ünïcödé ✓"}';
const JWS = 'eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJkaWQ6a2V5OnoifQ.c2lnbmF0dXJl';

describe('bakePng', () => {
  it('adds one uncompressed iTXt chunk "openbadgecredential" just before IEND; the image still decodes', () => {
    const baked = bakePng(tinyPng(), JSON_CREDENTIAL);
    const chunks = extractChunks(baked);
    expect(chunks.map((c) => c.name)).to.deep.equal(['IHDR', 'IDAT', 'iTXt', 'IEND']);
    const itxt = decodeSync(chunks[2]!.data);
    expect(itxt).to.deep.equal({ keyword: PNG_CREDENTIAL_KEYWORD, compressionFlag: false, compressionMethod: 0, languageTag: '', translatedKeyword: '', text: JSON_CREDENTIAL });
    const decoded = PNG.sync.read(Buffer.from(baked));
    expect([decoded.width, decoded.height]).to.deep.equal([3, 2]);
  });

  it('replaces a credential baked already: there is only ever one', () => {
    const twice = bakePng(bakePng(tinyPng(), JSON_CREDENTIAL), JWS);
    expect(extractChunks(twice).filter((c) => c.name === 'iTXt')).to.have.length(1);
    expect(readPngCredential(twice)).to.equal(JWS);
  });

  it('round-trips any text exactly (property)', () => {
    const png = tinyPng();
    fc.assert(fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 300 }), (text) => readPngCredential(bakePng(png, text)) === text), { numRuns: 200 });
  });
});
