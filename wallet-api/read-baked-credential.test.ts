import { expect } from 'chai';
import encodeChunks from 'png-chunks-encode';
import extractChunks from 'png-chunks-extract';
import { encodeSync } from 'png-chunk-itxt';
import { PNG } from 'pngjs';
import { bakePng } from './bake-png.ts';
import { BakedImageError, readBakedCredential, readPngCredential, readSvgCredential, type BakedImageProblem } from './read-baked-credential.ts';

function tinyPng(): Uint8Array {
  const png = new PNG({ width: 3, height: 2 });
  png.data.fill(200);
  return new Uint8Array(PNG.sync.write(png));
}

function problemOf(read: () => unknown): { problem: BakedImageProblem; code: string } {
  try {
    read();
  } catch (error) {
    expect(error).to.be.instanceOf(BakedImageError);
    const e = error as BakedImageError;
    expect(e.details).to.deep.equal([{ pointer: '/', detail: e.problem }]);
    return { problem: e.problem, code: e.code };
  }
  throw new Error('expected the image to be refused');
}

const itxt = (keyword: string, text: string, compressionFlag = false) => ({
  name: 'iTXt',
  data: encodeSync({ keyword, compressionFlag, compressionMethod: 0, languageTag: '', translatedKeyword: '', text }),
});

function withChunks(...extra: { name: string; data: Uint8Array }[]): Uint8Array {
  const chunks = extractChunks(tinyPng());
  return encodeChunks([...chunks.slice(0, -1), ...extra, chunks[chunks.length - 1]!]);
}

describe('readPngCredential', () => {
  it('reads the text of the one openbadgecredential chunk and ignores other iTXt chunks', () => {
    expect(readPngCredential(withChunks(itxt('Comment', 'hello'), itxt('openbadgecredential', '{"a":1}')))).to.equal('{"a":1}');
  });

  it('refuses a PNG without, or with two, credential chunks (422 VALIDATION_FAILED)', () => {
    expect(problemOf(() => readPngCredential(tinyPng()))).to.deep.equal({ problem: 'NO_BAKED_CREDENTIAL', code: 'VALIDATION_FAILED' });
    const two = withChunks(itxt('openbadgecredential', '{"a":1}'), itxt('openbadgecredential', '{"a":2}'));
    expect(problemOf(() => readPngCredential(two))).to.deep.equal({ problem: 'MULTIPLE_BAKED_CREDENTIALS', code: 'VALIDATION_FAILED' });
  });

  it('refuses a compressed credential chunk without inflating it', () => {
    expect(problemOf(() => readPngCredential(withChunks(itxt('openbadgecredential', '{"a":1}', true)))).problem).to.equal('COMPRESSED_CREDENTIAL');
  });

  it('refuses truncated, corrupted and foreign bytes as IMAGE_UNREADABLE (422 UNSUPPORTED_FORMAT)', () => {
    const baked = bakePng(tinyPng(), '{"a":1}');
    const corrupted = Uint8Array.from(baked);
    corrupted[40] = corrupted[40]! ^ 0xff;
    // A chunk that claims 2 GB: refused before anything is allocated.
    const huge = Uint8Array.from(baked);
    new DataView(huge.buffer).setUint32(33, 0x7ffffff0);
    for (const bytes of [baked.subarray(0, baked.length - 6), baked.subarray(0, 20), corrupted, huge, new TextEncoder().encode('GIF89a...'), new Uint8Array(0)]) {
      expect(problemOf(() => readPngCredential(bytes))).to.deep.equal({ problem: 'IMAGE_UNREADABLE', code: 'UNSUPPORTED_FORMAT' });
    }
  });

  it('refuses credential text that is not UTF-8', () => {
    const chunk = itxt('openbadgecredential', 'x');
    const data = Uint8Array.from([...chunk.data.subarray(0, -1), 0xc3, 0x28]);
    expect(problemOf(() => readPngCredential(withChunks({ name: 'iTXt', data }))).problem).to.equal('IMAGE_UNREADABLE');
  });
});

describe('readSvgCredential', () => {
  const svg = (inner: string, rootAttributes = '') => `<svg xmlns="http://www.w3.org/2000/svg"${rootAttributes}>${inner}</svg>`;

  it('reads the CDATA body (whitespace around it trimmed) or the verify attribute', () => {
    expect(readSvgCredential(svg('<!-- c --><openbadges:credential>\n  <![CDATA[\n{"a":"<b>"}\n]]>\n</openbadges:credential>'))).to.equal('{"a":"<b>"}');
    expect(readSvgCredential(svg('<openbadges:credential verify="a.b.c"/>'))).to.equal('a.b.c');
    expect(readSvgCredential(svg('<openbadges:credential>{&quot;a&quot;:&#49;}</openbadges:credential>'))).to.equal('{"a":1}');
    expect(readBakedCredential(new TextEncoder().encode(`\uFEFF${svg('<g><openbadges:credential verify="a.b.c"></openbadges:credential></g>')}`), 'image/svg+xml')).to.equal('a.b.c');
  });

  it('refuses a DOCTYPE (entity declarations, external references) before reading anything', () => {
    const laughs = '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>' + svg('<openbadges:credential>&b;</openbadges:credential>');
    const external = '<!DOCTYPE svg SYSTEM "http://127.0.0.1/evil.dtd">' + svg('<openbadges:credential>&ext;</openbadges:credential>');
    for (const text of [laughs, external]) expect(problemOf(() => readSvgCredential(text))).to.deep.equal({ problem: 'SVG_DECLARATION_REFUSED', code: 'UNSUPPORTED_FORMAT' });
  });

  it('refuses undeclared entities, markup inside the credential and malformed documents', () => {
    for (const text of [
      svg('<openbadges:credential>&ext;</openbadges:credential>'),
      svg('<openbadges:credential><x/>{}</openbadges:credential>'),
      svg('<openbadges:credential>{}'),
      '<html><openbadges:credential verify="a.b.c"/></html>',
      'not markup at all',
      svg('<openbadges:credential verify=a.b.c/>'),
    ]) {
      expect(problemOf(() => readSvgCredential(text)).problem, text).to.equal('IMAGE_UNREADABLE');
    }
    expect(problemOf(() => readSvgCredential(Uint8Array.from([0x3c, 0xff, 0xfe]))).problem).to.equal('IMAGE_UNREADABLE');
  });

  it('refuses none, two, or an element with both a verify attribute and a body', () => {
    expect(problemOf(() => readSvgCredential(svg('<circle r="1"/>'))).problem).to.equal('NO_BAKED_CREDENTIAL');
    expect(problemOf(() => readSvgCredential(svg('<openbadges:credential>  </openbadges:credential>'))).problem).to.equal('NO_BAKED_CREDENTIAL');
    expect(problemOf(() => readSvgCredential(svg('<openbadges:credential verify="a.b.c"/><openbadges:credential verify="d.e.f"/>'))).problem).to.equal('MULTIPLE_BAKED_CREDENTIALS');
    expect(problemOf(() => readSvgCredential(svg('<openbadges:credential verify="a.b.c">{"a":1}</openbadges:credential>'))).problem).to.equal('MULTIPLE_BAKED_CREDENTIALS');
  });

  it('does not mistake a credential element inside a CDATA section or comment for one', () => {
    expect(problemOf(() => readSvgCredential(svg('<!-- <openbadges:credential verify="a.b.c"/> --><style><![CDATA[ <openbadges:credential verify="a.b.c"/> ]]></style>'))).problem).to.equal('NO_BAKED_CREDENTIAL');
  });
});
