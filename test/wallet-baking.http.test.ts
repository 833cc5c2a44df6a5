/**
 * Baked badges through HTTP (PGlite, and PostgreSQL when DATABASE_URL is set): GET /wallet/credentials/{id}/badge.png
 * and .svg bake the kept credential in (OB 3.0 §5.3), POST /wallet/credentials/image imports it back byte for byte,
 * a share link's QR code is drawn where the layout says, another holder gets 404, hostile images get a 4xx.
 *
 * No QR decoder (jsqr, zxing) is installed, so the QR is checked module by module against QRCode.create(url) at the
 * position badge-image.ts's layout gives, instead of being decoded.
 */
import { request as httpRequest } from 'node:http';
import { expect } from 'chai';
import encodeChunks from 'png-chunks-encode';
import extractChunks from 'png-chunks-extract';
import { decodeSync, encodeSync } from 'png-chunk-itxt';
import { PNG } from 'pngjs';
import request from 'supertest';
import { awardBody } from './awards.http.test.ts';
import { issueWithFreshDidKey } from './helpers/independent-verifier.ts';
import { bearer, forEachPlatform } from './helpers/platform.ts';
import { listenOnLoopback } from './helpers/listen.ts';
import { uniqueId } from './helpers/store.ts';
import { BADGE_SIDE, placeQr, qrMatrix, QR_QUIET_MODULES, QR_SCALE } from '../wallet-api/badge-image.ts';
import { MAX_BADGE_IMAGE_BYTES } from '../wallet-api/badge-routes.ts';

const PASSWORD = 'correct horse battery staple';

interface Holder {
  id: string;
  did: string;
  auth: [string, string];
}

function binary(res: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

function pngOf(width: number, height: number, rgb: [number, number, number]): Buffer {
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) png.data.set([...rgb, 255], i * 4);
  return PNG.sync.write(png);
}

function withItxt(png: Uint8Array, ...texts: string[]): Buffer {
  const chunks = extractChunks(png);
  const extra = texts.map((text) => ({
    name: 'iTXt',
    data: encodeSync({ keyword: 'openbadgecredential', compressionFlag: false, compressionMethod: 0, languageTag: '', translatedKeyword: '', text }),
  }));
  return Buffer.from(encodeChunks([...chunks.slice(0, -1), ...extra, chunks[chunks.length - 1]!]));
}

forEachPlatform('baked badges', (platform) => {
  const app = () => platform().app;

  async function newHolder(): Promise<Holder> {
    const email = `${uniqueId('baker')}@example.com`;
    const created = await request(app()).post('/wallet/accounts').send({ email, password: PASSWORD }).expect(201);
    const tokens = (await request(app()).post('/wallet/sessions').send({ email, password: PASSWORD }).expect(200)).body as { accessToken: string };
    return { id: created.body.id as string, did: created.body.did as string, auth: ['Authorization', `Bearer ${tokens.accessToken}`] };
  }
  /** An Academy award to the holder, received into the wallet: its wallet id and exact kept bytes. */
  async function awarded(holder: Holder, body: Record<string, unknown> = {}): Promise<{ id: string; secured: string }> {
    const awardRes = await request(app()).post('/awards').set(...bearer()).send(awardBody({ recipient: { did: holder.did }, ...body }));
    expect(awardRes.status, JSON.stringify(awardRes.body)).to.equal(201);
    const synced = await request(app()).post('/wallet/credentials/sync').set(...holder.auth).expect(200);
    expect(synced.body.added).to.have.length(1);
    const id = synced.body.added[0].id as string;
    return { id, secured: (await platform().store.walletCredentials.get(holder.id, id))!.secured };
  }
  const badge = (holder: Holder, id: string, format: 'png' | 'svg', query: Record<string, string> = {}) =>
    request(app()).get(`/wallet/credentials/${id}/badge.${format}`).query(query).set(...holder.auth).buffer(true).parse(binary);
  const importImage = (holder: Holder, type: string, body: Buffer | string) =>
    request(app()).post('/wallet/credentials/image').set(...holder.auth).set('Content-Type', type).send(body);
  async function share(holder: Holder, credentialIds: string[]): Promise<{ id: string; url: string; token: string }> {
    return (await request(app()).post('/wallet/shares').set(...holder.auth).send({ credentialIds, expiresInSeconds: 3600 }).expect(201)).body;
  }
  function expectProblem(res: request.Response, status: number, code: string, detail?: string): void {
    // The badge routes parse every answer as bytes.
    const body = (Buffer.isBuffer(res.body) ? JSON.parse(res.body.toString('utf8')) : res.body) as { code?: string; errors?: { detail: string }[] };
    expect(res.status, JSON.stringify(body)).to.equal(status);
    expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(body.code).to.equal(code);
    if (detail) expect(body.errors?.[0]?.detail).to.equal(detail);
  }

  describe('bake → import from the image → the same bytes', () => {
    it('a vc+jwt pasted with a trailing newline is the same credential (no whitespace kept), and its SVG badge is served', async () => {
      const alice = await newHolder();
      const { id, secured } = await awarded(alice, { options: { format: 'vc+jwt', alg: 'EdDSA' } });
      const again = await request(app()).post('/wallet/credentials').set(...alice.auth).send({ verifiableCredential: `\n${secured}\n` }).expect(200);
      expect(again.body.id).to.equal(id);
      const bob = await newHolder();
      const imported = await request(app()).post('/wallet/credentials').set(...bob.auth).send({ verifiableCredential: `${secured}\n` }).expect(201);
      expect((await platform().store.walletCredentials.get(bob.id, imported.body.id))!.secured).to.equal(secured);
      await badge(bob, imported.body.id, 'svg').expect(200);
    });

    it('an ecdsa-sd-2023 credential whose base proof cannot be derived is refused (422), never baked', async () => {
      const alice = await newHolder();
      const { id, secured } = await awarded(alice, { options: { cryptosuite: 'ecdsa-sd-2023' } });
      const broken = JSON.parse(secured) as { proof: { proofValue: string } };
      broken.proof.proofValue = `u2V0A${'A'.repeat(40)}`; // a base-proof header with garbage after it
      const imported = await request(app()).post('/wallet/credentials').set(...alice.auth).send({ verifiableCredential: broken }).expect(201);
      expect(imported.body.id).not.to.equal(id);
      const res = await badge(alice, imported.body.id, 'png');
      expectProblem(res, 422, 'VALIDATION_FAILED');
    });

    it('ecdsa-sd-2023: the badge carries the full disclosure, never the holder-only base proof, and it verifies', async () => {
      const alice = await newHolder();
      const { id, secured } = await awarded(alice, { options: { cryptosuite: 'ecdsa-sd-2023' } });
      // The kept credential has the base proof (CBOR header 0xd95d00: multibase "u2V0A").
      expect((JSON.parse(secured) as { proof: { proofValue: string } }).proof.proofValue.startsWith('u2V0A')).to.equal(true);
      const image = (await badge(alice, id, 'png').expect(200)).body as Buffer;
      const [chunk] = extractChunks(image).filter((c) => c.name === 'iTXt');
      const baked = JSON.parse(decodeSync(chunk!.data).text) as { proof: { proofValue: string } };
      expect(baked.proof.proofValue.startsWith('u2V0B')).to.equal(true); // derived proof (0xd95d01)
      expect(decodeSync(chunk!.data).text).not.to.include((JSON.parse(secured) as { proof: { proofValue: string } }).proof.proofValue);
      const verified = await request(app()).post('/credentials/verify').send({ verifiableCredential: baked });
      expect(verified.status, JSON.stringify(verified.body.problemDetails)).to.equal(200);
      const bob = await newHolder();
      expect((await importImage(bob, 'image/png', image).expect(201)).body).to.include({ status: 'verified' });
    });

    for (const [format, options] of [
      ['data-integrity', undefined],
      ['vc+jwt', { format: 'vc+jwt', alg: 'EdDSA' }],
    ] as const) {
      it(`PNG, ${format}: a valid PNG with one iTXt "openbadgecredential" chunk holding the kept bytes; imported back identical`, async () => {
        const alice = await newHolder();
        const { id, secured } = await awarded(alice, options ? { options } : {});
        const res = await badge(alice, id, 'png').expect(200);
        expect(res.headers['content-type']).to.equal('image/png');
        expect(res.headers['cache-control']).to.equal('private, no-store');
        const image = res.body as Buffer;
        const decoded = PNG.sync.read(image);
        expect([decoded.width, decoded.height]).to.deep.equal([BADGE_SIDE, BADGE_SIDE]);
        const itxt = extractChunks(image).filter((c) => c.name === 'iTXt');
        expect(itxt).to.have.length(1);
        expect(decodeSync(itxt[0]!.data)).to.deep.include({ keyword: 'openbadgecredential', compressionFlag: false, text: secured });

        // The holder re-importing their own badge: the same bytes, so the same kept copy.
        const again = await importImage(alice, 'image/png', image).expect(200);
        expect(again.body.id).to.equal(id);
        // Another holder importing it: a new copy, byte-identical, verified.
        const bob = await newHolder();
        const imported = await importImage(bob, 'image/png', image).expect(201);
        expect(imported.body).to.include({ format, status: 'verified', source: 'import' });
        expect((await platform().store.walletCredentials.get(bob.id, imported.body.id))!.secured).to.equal(secured);
      });

      it(`SVG, ${format}: xmlns:openbadges on the root, the credential in <openbadges:credential>; imported back identical`, async () => {
        const alice = await newHolder();
        const { id, secured } = await awarded(alice, options ? { options } : {});
        const res = await badge(alice, id, 'svg').expect(200);
        expect(res.headers['content-type']).to.match(/^image\/svg\+xml/);
        const svg = (res.body as Buffer).toString('utf8');
        expect(svg).to.match(/^<svg xmlns:openbadges="https:\/\/purl\.imsglobal\.org\/ob\/v3p0" xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*><openbadges:credential/);
        if (format === 'vc+jwt') expect(svg).to.include(`<openbadges:credential verify="${secured}"></openbadges:credential>`);
        else expect(svg).to.include(`<openbadges:credential><![CDATA[${secured}]]></openbadges:credential>`);
        expect(svg).to.include('<title>Prompt Engineering: Foundation — Proofline Academy</title>');

        const bob = await newHolder();
        const imported = await importImage(bob, 'image/svg+xml', svg).expect(201);
        expect(imported.body).to.include({ format, status: 'verified' });
        expect((await platform().store.walletCredentials.get(bob.id, imported.body.id))!.secured).to.equal(secured);
      });
    }

    it('imports another issuer\'s credential baked into an image, verified, byte for byte', async () => {
      const alice = await newHolder();
      const external = JSON.stringify(await issueWithFreshDidKey(alice.did, { name: 'Data literacy workshop (External Institute)' }), null, 2);
      const imported = await importImage(alice, 'image/png', withItxt(pngOf(4, 4, [10, 20, 30]), external)).expect(201);
      expect(imported.body).to.include({ status: 'verified', name: 'Data literacy workshop (External Institute)' });
      expect((await platform().store.walletCredentials.get(alice.id, imported.body.id))!.secured).to.equal(external);
    });
  });

  describe('the picture', () => {
    async function achievementWithImage(image: string): Promise<string> {
      const slug = uniqueId('badge-art').toLowerCase().replace(/[^a-z0-9]+/g, '-');
      await request(app())
        .post('/achievements')
        .set(...bearer())
        .send({ slug, name: 'Badge Art', description: 'An achievement with its own image.', level: 'foundation', criteria: { narrative: 'Made a badge.' }, skills: [{ skill: 'structured-output' }], image })
        .expect(201);
      return slug;
    }

    it('uses the achievement\'s inline data: PNG, baked', async () => {
      const alice = await newHolder();
      const art = pngOf(7, 5, [200, 30, 40]);
      const slug = await achievementWithImage(`data:image/png;base64,${art.toString('base64')}`);
      const { id, secured } = await awarded(alice, { achievement: slug, result: { score: 90 } });
      const image = (await badge(alice, id, 'png').expect(200)).body as Buffer;
      const decoded = PNG.sync.read(image);
      expect([decoded.width, decoded.height, ...decoded.data.subarray(0, 3)]).to.deep.equal([7, 5, 200, 30, 40]);
      expect((await importImage(alice, 'image/png', image).expect(200)).body.id).to.equal(id);
      expect(decodeSync(extractChunks(image).find((c) => c.name === 'iTXt')!.data).text).to.equal(secured);
      // The .svg of the same credential: a PNG is not of the right type, so a generated badge.
      expect(((await badge(alice, id, 'svg').expect(200)).body as Buffer).toString()).to.include('<circle');
      // With a QR code: the inline picture on top, centred, the QR block below it.
      const link = await share(alice, [id]);
      const withQr = PNG.sync.read((await badge(alice, id, 'png', { share: link.token }).expect(200)).body as Buffer);
      const side = (qrMatrix(link.url).size + 2 * QR_QUIET_MODULES) * QR_SCALE;
      expect([withQr.width, withQr.height]).to.deep.equal([side, 5 + side]);
      const left = Math.floor((side - 7) / 2);
      expect([...withQr.data.subarray(left * 4, left * 4 + 3)]).to.deep.equal([200, 30, 40]);
    });

    it('uses an inline data: SVG, but not one with a script; never fetches a remote image', async () => {
      const alice = await newHolder();
      const inline = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect id="own-art" width="4" height="4"/></svg>';
      const { id } = await awarded(alice, { achievement: await achievementWithImage(`data:image/svg+xml,${encodeURIComponent(inline)}`), result: { score: 90 } });
      const svg = ((await badge(alice, id, 'svg').expect(200)).body as Buffer).toString();
      expect(svg).to.match(/^<svg xmlns:openbadges="https:\/\/purl\.imsglobal\.org\/ob\/v3p0" xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 4 4"><openbadges:credential>/);
      expect(svg).to.include('<rect id="own-art"');
      // With a QR code: our frame, the inline SVG as a data: image in it (never inlined as markup), the QR path.
      const framed = ((await badge(alice, id, 'svg', { share: (await share(alice, [id])).token }).expect(200)).body as Buffer).toString();
      expect(framed).to.include(`href="data:image/svg+xml;base64,${Buffer.from(inline).toString('base64')}"`);
      expect(framed).to.match(/<path fill="#000000"[^>]* d="M/);

      const scripted = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
      const { id: id2 } = await awarded(alice, { achievement: await achievementWithImage(`data:image/svg+xml,${encodeURIComponent(scripted)}`), result: { score: 90 } });
      const generated = ((await badge(alice, id2, 'svg').expect(200)).body as Buffer).toString();
      expect(generated).not.to.include('<script');
      expect(generated).to.include('<title>Badge Art — Proofline Academy</title>');

      // Links, animations, outside references and tracking pixels are not inert either: the generated picture instead.
      for (const active of [
        '<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><rect width="4" height="4"/></a></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://tracker.example/p.gif" width="1" height="1"/></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="https://evil.example/s.svg#x"/></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><rect width="4" height="4"><set attributeName="fill" to="red"/></rect></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><rect width="4" height="4" style="fill: url(https://evil.example/f)"/></svg>',
      ]) {
        const { id: activeId } = await awarded(alice, { achievement: await achievementWithImage(`data:image/svg+xml,${encodeURIComponent(active)}`), result: { score: 90 } });
        const served = ((await badge(alice, activeId, 'svg').expect(200)).body as Buffer).toString();
        // (The baked credential still names the image, percent-encoded in its data: URL; the markup is not used.)
        expect(served, active).not.to.match(/<a href="javascript|<image href="https:|xlink:href="https:|<set |url\(https:/);
        expect(served).to.include('<title>Badge Art — Proofline Academy</title>');
      }

      // test/setup.ts makes any outbound request fail: a fetch would surface as a 500 here.
      const { id: id3 } = await awarded(alice, { achievement: await achievementWithImage('https://images.example.com/badge.png'), result: { score: 90 } });
      const remote = PNG.sync.read((await badge(alice, id3, 'png').expect(200)).body as Buffer);
      expect(remote.width).to.equal(BADGE_SIDE);
    });
  });

  describe('QR code of a share link', () => {
    it('draws the QR of the holder\'s live link (token or URL) below the badge, module for module; no view is counted', async () => {
      const alice = await newHolder();
      const { id } = await awarded(alice);
      const link = await share(alice, [id]);
      const matrix = qrMatrix(link.url);
      for (const given of [link.token, link.url]) {
        const image = PNG.sync.read((await badge(alice, id, 'png', { share: given }).expect(200)).body as Buffer);
        const quiet = QR_QUIET_MODULES * QR_SCALE;
        expect(image.height).to.equal(BADGE_SIDE + (matrix.size * QR_SCALE + 2 * quiet));
        const at = placeQr(link.url, matrix.size, image.width, BADGE_SIDE);
        const darkAt = (x: number, y: number) => image.data[(y * image.width + x) * 4]! < 128;
        for (let row = -QR_QUIET_MODULES; row < matrix.size + QR_QUIET_MODULES; row++) {
          for (let col = -QR_QUIET_MODULES; col < matrix.size + QR_QUIET_MODULES; col++) {
            const inside = row >= 0 && col >= 0 && row < matrix.size && col < matrix.size;
            const centre = [at.x + col * QR_SCALE + QR_SCALE / 2, at.y + row * QR_SCALE + QR_SCALE / 2] as const;
            expect(darkAt(...centre), `module ${row},${col}`).to.equal(inside && matrix.dark(row, col));
          }
        }
      }
      const svg = ((await badge(alice, id, 'svg', { share: link.token }).expect(200)).body as Buffer).toString();
      const d = /<path fill="#000000"[^>]* d="([^"]+)"/.exec(svg)![1]!;
      const drawn = new Set([...d.matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map((m) => `${m[2]},${m[1]}`));
      const expected = new Set<string>();
      for (let row = 0; row < matrix.size; row++) for (let col = 0; col < matrix.size; col++) if (matrix.dark(row, col)) expected.add(`${row},${col}`);
      expect(drawn).to.deep.equal(expected);

      const listed = await request(app()).get('/wallet/shares').set(...alice.auth).expect(200);
      expect(listed.body.shares[0]).to.include({ id: link.id, views: 0 });
    });

    it('refuses a link that is not the holder\'s (404), not live (410), not presenting this credential or not a link (422)', async () => {
      const alice = await newHolder();
      const bob = await newHolder();
      const { id } = await awarded(alice);
      const { id: other } = await awarded(alice, { result: { score: 91, rubricLevel: 'proficient' } });
      const { id: bobs } = await awarded(bob);
      const bobLink = await share(bob, [bobs]);
      expectProblem(await badge(alice, id, 'png', { share: bobLink.token }), 404, 'NOT_FOUND');
      expectProblem(await badge(alice, id, 'png', { share: (await share(alice, [other])).token }), 422, 'VALIDATION_FAILED');
      expectProblem(await badge(alice, id, 'svg', { share: 'https://evil.example/not-a-link' }), 422, 'VALIDATION_FAILED');
      const revoked = await share(alice, [id]);
      await request(app()).delete(`/wallet/shares/${revoked.id}`).set(...alice.auth).expect(204);
      expectProblem(await badge(alice, id, 'png', { share: revoked.url }), 410, 'GONE');
    });
  });

  describe('isolation', () => {
    it('holder B gets 404 for holder A\'s badge routes; no token gets 401', async () => {
      const alice = await newHolder();
      const bob = await newHolder();
      const { id } = await awarded(alice);
      const link = await share(alice, [id]);
      for (const format of ['png', 'svg'] as const) {
        expectProblem(await badge(bob, id, format), 404, 'NOT_FOUND');
        expectProblem(await badge(bob, id, format, { share: link.token }), 404, 'NOT_FOUND');
        expectProblem(await request(app()).get(`/wallet/credentials/${id}/badge.${format}`), 401, 'UNAUTHENTICATED');
        expectProblem(await request(app()).get(`/wallet/credentials/${id}/badge.${format}`).set(...bearer()), 401, 'UNAUTHENTICATED');
      }
      expectProblem(await request(app()).post('/wallet/credentials/image').set('Content-Type', 'image/png').send(pngOf(2, 2, [0, 0, 0])), 401, 'UNAUTHENTICATED');
    });
  });

  describe('hostile images', () => {
    it('answers 4xx problem+json with a stable reason, never 500', async () => {
      const alice = await newHolder();
      const { id } = await awarded(alice);
      const baked = (await badge(alice, id, 'png').expect(200)).body as Buffer;
      const svg = ((await badge(alice, id, 'svg').expect(200)).body as Buffer).toString();

      expectProblem(await importImage(alice, 'image/png', baked.subarray(0, baked.length - 20)), 422, 'UNSUPPORTED_FORMAT', 'IMAGE_UNREADABLE');
      expectProblem(await importImage(alice, 'image/png', Buffer.from('GIF89a not a png')), 422, 'UNSUPPORTED_FORMAT', 'IMAGE_UNREADABLE');
      expectProblem(await importImage(alice, 'image/svg+xml', baked), 422, 'UNSUPPORTED_FORMAT', 'IMAGE_UNREADABLE');
      expectProblem(await importImage(alice, 'image/png', pngOf(2, 2, [1, 2, 3])), 422, 'VALIDATION_FAILED', 'NO_BAKED_CREDENTIAL');
      expectProblem(await importImage(alice, 'image/png', withItxt(pngOf(2, 2, [1, 2, 3]), '{"a":1}', '{"b":2}')), 422, 'VALIDATION_FAILED', 'MULTIPLE_BAKED_CREDENTIALS');
      const twoInSvg = svg.replace('</svg>', '<openbadges:credential verify="a.b.c"></openbadges:credential></svg>');
      expectProblem(await importImage(alice, 'image/svg+xml', twoInSvg), 422, 'VALIDATION_FAILED', 'MULTIPLE_BAKED_CREDENTIALS');
      // A baked text that is no credential: the import service refuses it, as for POST /wallet/credentials.
      expectProblem(await importImage(alice, 'image/png', withItxt(pngOf(2, 2, [1, 2, 3]), 'hello')), 422, 'VALIDATION_FAILED');

      const laughs = `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "${'a'.repeat(100)}"><!ENTITY b "${'&a;'.repeat(100)}"><!ENTITY c "${'&b;'.repeat(100)}">]>` +
        '<svg xmlns="http://www.w3.org/2000/svg"><openbadges:credential>&c;</openbadges:credential></svg>';
      expectProblem(await importImage(alice, 'image/svg+xml', laughs), 422, 'UNSUPPORTED_FORMAT', 'SVG_DECLARATION_REFUSED');
      const external = '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg"><openbadges:credential>&x;</openbadges:credential></svg>';
      expectProblem(await importImage(alice, 'image/svg+xml', external), 422, 'UNSUPPORTED_FORMAT', 'SVG_DECLARATION_REFUSED');
      expectProblem(await importImage(alice, 'image/svg+xml', '<svg><openbadges:credential>&x;</openbadges:credential></svg>'), 422, 'UNSUPPORTED_FORMAT', 'IMAGE_UNREADABLE');

      const huge = svg.replace('</svg>', `<!--${'x'.repeat(MAX_BADGE_IMAGE_BYTES)}--></svg>`);
      expectProblem(await importImage(alice, 'image/svg+xml', huge), 413, 'PAYLOAD_TOO_LARGE');
      expectProblem(await importImage(alice, 'application/json', JSON.stringify({ verifiableCredential: 'x' })), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expectProblem(await importImage(alice, 'text/plain', 'hello'), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expectProblem(await importImage(alice, 'image/gif', Buffer.from('GIF89a')), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expectProblem(await importImage(alice, 'image/png', Buffer.alloc(0)), 400, 'MALFORMED_REQUEST');
      expectProblem(await badge(alice, id, 'png', { other: 'x' }), 422, 'VALIDATION_FAILED');
    });

    it('answers 413 to an oversized chunked upload (no Content-Length) without reading it all', async () => {
      const alice = await newHolder();
      const server = await listenOnLoopback(app());
      try {
        const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = httpRequest(`${server.url}/wallet/credentials/image`, { method: 'POST', headers: { [alice.auth[0]]: alice.auth[1], 'Content-Type': 'image/svg+xml', 'Transfer-Encoding': 'chunked' } }, (res) => {
            let body = '';
            res.on('data', (chunk: Buffer) => (body += chunk.toString()));
            res.on('end', () => {
              // The server answered before reading everything; the rest of the upload is abandoned.
              req.destroy();
              resolve({ status: res.statusCode!, body });
            });
          });
          req.on('error', reject);
          const chunk = Buffer.alloc(64 * 1024, 0x20);
          let sent = 0;
          const pump = () => {
            while (sent <= MAX_BADGE_IMAGE_BYTES + 128 * 1024) {
              sent += chunk.length;
              if (!req.write(chunk)) return void req.once('drain', pump);
            }
            req.end();
          };
          req.write('<svg xmlns="http://www.w3.org/2000/svg">');
          pump();
        });
        expect(answer.status).to.equal(413);
        expect(JSON.parse(answer.body)).to.include({ code: 'PAYLOAD_TOO_LARGE' });
      } finally {
        await server.close();
      }
    });
  });
});
