import { expect } from 'chai';
import fc from 'fast-check';
import { bakeSvg, OB3_SVG_NAMESPACE } from './bake-svg.ts';
import { readSvgCredential, scanSvg } from './read-baked-credential.ts';

const SVG = '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>\n';
const JSON_CREDENTIAL = '{"name":"A ]]> inside a string, & < > \\" ü ✓","proof":{}}';
const JWS = 'eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJkaWQ6a2V5OnoifQ.c2lnbmF0dXJl';

describe('bakeSvg', () => {
  it('declares xmlns:openbadges on the root and puts the JSON in CDATA directly after the start tag', () => {
    const baked = bakeSvg(SVG, '{"a":1}');
    expect(baked).to.equal(
      `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns:openbadges="${OB3_SVG_NAMESPACE}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">` +
        '<openbadges:credential><![CDATA[{"a":1}]]></openbadges:credential><circle cx="5" cy="5" r="4"/></svg>\n',
    );
  });

  it('puts a vc+jwt in the verify attribute (OB 3.0 §5.3.2.1)', () => {
    const baked = bakeSvg(SVG, JWS);
    expect(baked).to.include(`<openbadges:credential verify="${JWS}"></openbadges:credential>`);
    expect(readSvgCredential(baked)).to.equal(JWS);
  });

  it('keeps JSON byte for byte, "]]>" included', () => {
    expect(readSvgCredential(bakeSvg(SVG, JSON_CREDENTIAL))).to.equal(JSON_CREDENTIAL);
  });

  it('replaces a credential baked already and keeps one namespace declaration', () => {
    const twice = bakeSvg(bakeSvg(SVG, JSON_CREDENTIAL), JWS);
    expect(scanSvg(twice).credentials).to.have.length(1);
    expect(twice.match(/xmlns:openbadges=/g)).to.have.length(1);
    expect(readSvgCredential(twice)).to.equal(JWS);
  });

  it('bakes into a self-closing root', () => {
    const baked = bakeSvg('<svg xmlns="http://www.w3.org/2000/svg"/>', '{"a":1}');
    expect(baked).to.match(/^<svg [^>]*><openbadges:credential><!\[CDATA\[\{"a":1\}\]\]><\/openbadges:credential><\/svg>$/);
  });

  it('round-trips any JSON text exactly (property)', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 3 }), fc.string({ unit: 'grapheme', maxLength: 40 }), (json, s) => {
        const text = JSON.stringify({ v: JSON.parse(json) as unknown, s: `${s}]]>` });
        return readSvgCredential(bakeSvg(SVG, text)) === text;
      }),
      { numRuns: 200 },
    );
  });
});
