import { expect } from 'chai';
import QRCode from 'qrcode';
import { badgeColour, badgeFacts, escapeXml, inlineImage, MAX_INLINE_IMAGE_BYTES, placeQr, qrMatrix, QR_QUIET_MODULES, QR_SCALE } from './badge-image.ts';

const credential = {
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  issuer: { id: 'did:web:academy.test', name: 'Proofline Academy' },
  credentialSubject: { id: 'did:key:z6Mk', achievement: { id: 'https://academy.test/achievements/pe', name: 'Prompt Engineering', image: { id: 'data:image/png;base64,iVBORw0K', type: 'Image' } } },
};
const record = (format: 'data-integrity' | 'vc+jwt', secured: string) => ({ format, secured, name: 'Kept name', issuer: 'did:web:academy.test', achievementId: 'https://academy.test/achievements/pe' });
const jwt = (payload: object) => `eyJhbGciOiJFZERTQSJ9.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.c2ln`;

describe('badgeFacts', () => {
  it('reads achievement name, issuer name and image from a Data Integrity credential', () => {
    expect(badgeFacts(record('data-integrity', JSON.stringify(credential)))).to.deep.equal({
      achievementName: 'Prompt Engineering',
      issuerName: 'Proofline Academy',
      seed: 'https://academy.test/achievements/pe',
      image: 'data:image/png;base64,iVBORw0K',
    });
  });

  it('reads a vc+jwt payload, VC 2.0 (the credential itself) or VC 1.1 (its vc claim)', () => {
    expect(badgeFacts(record('vc+jwt', jwt(credential))).achievementName).to.equal('Prompt Engineering');
    expect(badgeFacts(record('vc+jwt', jwt({ iss: 'did:x', vc: credential }))).issuerName).to.equal('Proofline Academy');
  });

  it('falls back to what the wallet kept when the credential says less', () => {
    const bare = { issuer: 'did:key:z6MkIssuer', credentialSubject: [{ id: 'did:key:z' }] };
    expect(badgeFacts({ ...record('data-integrity', JSON.stringify(bare)), issuer: 'did:key:z6MkIssuer' })).to.include({ achievementName: 'Kept name', issuerName: 'did:key:z6MkIssuer', image: null });
    expect(badgeFacts({ ...record('vc+jwt', 'not.a.jwt'), name: null, issuer: null, achievementId: null })).to.deep.equal({ achievementName: 'Credential', issuerName: 'Unknown issuer', seed: 'Credential', image: null });
  });
});

describe('inlineImage', () => {
  it('decodes a data: URL of the requested type, base64 or percent-encoded', () => {
    expect(inlineImage(`data:image/png;base64,${Buffer.from('png bytes').toString('base64')}`, 'image/png')!.toString()).to.equal('png bytes');
    expect(inlineImage(`data:image/svg+xml;charset=utf-8,${encodeURIComponent('<svg/>')}`, 'image/svg+xml')!.toString()).to.equal('<svg/>');
  });

  it('ignores other types, remote URLs, malformed and oversized payloads', () => {
    expect(inlineImage('data:image/png;base64,AAAA', 'image/svg+xml')).to.equal(null);
    expect(inlineImage('https://images.example.com/badge.png', 'image/png')).to.equal(null);
    expect(inlineImage('data:image/svg+xml,%E0%A4%A', 'image/svg+xml')).to.equal(null);
    expect(inlineImage(null, 'image/png')).to.equal(null);
    expect(inlineImage(`data:image/png;base64,${Buffer.alloc(MAX_INLINE_IMAGE_BYTES + 3).toString('base64')}`, 'image/png')).to.equal(null);
  });
});

describe('badge drawing helpers', () => {
  it('derives one stable colour per achievement', () => {
    expect(badgeColour('a')).to.deep.equal(badgeColour('a'));
    expect(badgeColour('a')).not.to.deep.equal(badgeColour('b'));
    for (const channel of badgeColour('x')) expect(channel).to.be.within(0, 255);
  });

  it('draws the QR matrix qrcode makes, centred with a 4-module quiet zone', () => {
    const url = 'http://academy.test/shared/pls_AAAAAAAAAAAAAAAAAAAAAA';
    const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
    const matrix = qrMatrix(url);
    expect(matrix.size).to.equal(modules.size);
    for (let r = 0; r < modules.size; r++) for (let c = 0; c < modules.size; c++) expect(matrix.dark(r, c)).to.equal(modules.get(r, c) === 1);
    const placed = placeQr(url, matrix.size, 400, 360);
    const block = (matrix.size + 2 * QR_QUIET_MODULES) * QR_SCALE;
    expect(placed).to.deep.equal({ url, x: Math.floor((400 - block) / 2) + QR_QUIET_MODULES * QR_SCALE, y: 360 + QR_QUIET_MODULES * QR_SCALE, scale: QR_SCALE, modules: matrix.size });
  });

  it('escapes markup and drops characters XML forbids', () => {
    expect(escapeXml('<a & "b" \'c\'>\u0000\u0007\u001f\t\n')).to.equal('&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;\t\n');
  });
});
