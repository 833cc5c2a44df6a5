/**
 * The transparency log through HTTP on the real app: entries written in the issuance and status transactions, a
 * gap-free sequence under concurrency, and proofs from the API checked with log/merkle.ts against signed checkpoints.
 */
import { createServer } from 'node:http';
import { expect } from 'chai';
import request from 'supertest';
import { ed25519Verify } from '../crypto/ed25519-raw.ts';
import { awardAchievement } from '../issuer/award-achievement.ts';
import { createTransparencyLog } from '../log/create-transparency-log.ts';
import { decodeBase64 } from '../log/base64.ts';
import { parseVerifierKey, verifyCheckpoint } from '../log/checkpoint.ts';
import { leafHash, verifyConsistency, verifyInclusion } from '../log/merkle.ts';
import { awardBody } from './awards.http.test.ts';
import { bearer, forEachPlatform, type TestPlatform } from './helpers/platform.ts';
import { rejectionOf, uniqueId } from './helpers/store.ts';

const b64 = (text: string) => {
  const bytes = decodeBase64(text);
  if (!bytes) throw new Error(`not base64: ${text}`);
  return bytes;
};

async function award(platform: TestPlatform): Promise<{ credentialId: string; digest: string }> {
  const res = await request(platform.app).post('/awards').set(...bearer()).set('Idempotency-Key', uniqueId('log')).send(awardBody()).expect(201);
  return { credentialId: res.body.credentialId, digest: res.body.digest };
}

async function setStatus(platform: TestPlatform, credentialId: string, statusPurpose: 'revocation' | 'suspension', status: boolean) {
  await request(platform.app)
    .post('/credentials/status')
    .set(...bearer())
    .send({ credentialId, credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose, status }] })
    .expect(200);
}

/** The served checkpoint, verified with the served key. */
async function servedCheckpoint(platform: TestPlatform) {
  const key = (await request(platform.app).get('/log/key').expect(200)).text.trim();
  const res = await request(platform.app).get('/log/checkpoint').expect(200);
  expect(res.headers['content-type']).to.match(/^text\/plain/);
  const verified = verifyCheckpoint(res.text, key, ed25519Verify, { origin: parseVerifierKey(key).name });
  if (!verified.verified) throw new Error(`checkpoint does not verify: ${verified.detail}`);
  return verified.checkpoint;
}

async function allEntries(platform: TestPlatform, size: number) {
  const entries: { index: number; leaf: string; event: Record<string, unknown> | null }[] = [];
  while (entries.length < size) {
    const res = await request(platform.app).get(`/log/entries?start=${entries.length}&end=${size}`).expect(200);
    expect(res.body.entries.length).to.be.greaterThan(0);
    entries.push(...res.body.entries);
  }
  return entries;
}

forEachPlatform('Transparency log', (platform) => {
  it('writes one entry per issuance and status change, in their transactions', async () => {
    const before = (await platform().store.log.head()).size;
    const credentialsBefore = await platform().store.credentials.count();
    const awarded = [];
    for (let i = 0; i < 4; i++) awarded.push(await award(platform()));
    await setStatus(platform(), awarded[0]!.credentialId, 'revocation', true);
    await setStatus(platform(), awarded[0]!.credentialId, 'revocation', true); // no change: no entry
    await setStatus(platform(), awarded[1]!.credentialId, 'suspension', true);
    await setStatus(platform(), awarded[1]!.credentialId, 'suspension', false);
    const after = (await platform().store.log.head()).size;
    expect(await platform().store.credentials.count()).to.equal(credentialsBefore + 4);
    expect(after - before).to.equal(4 + 3);
    const res = await request(platform().app).get(`/log/entries?start=${before}&end=${after}`).expect(200);
    expect(res.body.entries.map((e: { event: { type: string } }) => e.event.type)).to.deep.equal([
      'issuance', 'issuance', 'issuance', 'issuance', 'revocation', 'suspension', 'unsuspension',
    ]);
    for (const { digest } of awarded) expect(await platform().store.log.findIssuance(digest)).not.to.equal(null);
    const revocation = res.body.entries[4].event;
    expect(revocation.credentialDigest).to.equal(awarded[0]!.digest);
    // No personal data: the learner's DID never reaches the log.
    expect(JSON.stringify(res.body)).not.to.include('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK');
  });

  it('leaves neither credential nor entry when the issuance transaction rolls back', async () => {
    const p = platform();
    const before = (await p.store.log.head()).size;
    const credentialsBefore = await p.store.credentials.count();
    let digest = '';
    const issuer = (await p.store.issuers.getBySlug('academy'))!;
    const failure = new Error('fails after the log append');
    const deps = {
      ...p.issuerDeps,
      onIssued: async (tx: Parameters<typeof p.log.onIssued>[0], event: Parameters<typeof p.log.onIssued>[1]) => {
        await p.log.onIssued(tx, event);
        digest = event.record.digest;
        throw failure;
      },
    };
    const { achievement: _a, ...rest } = awardBody();
    expect(await rejectionOf(awardAchievement(deps, issuer, { achievement: 'prompt-engineering-foundation', ...rest } as never, null))).to.equal(failure);
    expect(digest).to.match(/^[0-9a-f]{64}$/);
    expect((await p.store.log.head()).size).to.equal(before);
    expect(await p.store.credentials.count()).to.equal(credentialsBefore);
    expect(await p.store.log.findIssuance(digest)).to.equal(null);
    // The next append reuses the index the rolled-back one had: no gap.
    await award(p);
    expect((await p.store.log.head()).size).to.equal(before + 1);
  });

  it('gives concurrent awards a gap-free sequence, one issuance entry each', async function () {
    this.timeout(60_000);
    const p = platform();
    const before = (await p.store.log.head()).size;
    const results = await Promise.all(Array.from({ length: 24 }, () => award(p)));
    const after = (await p.store.log.head()).size;
    expect(after - before).to.equal(24);
    const entries = await allEntries(p, after);
    entries.forEach((entry, i) => expect(entry.index).to.equal(i));
    const digests = new Set(entries.slice(before).map((e) => e.event?.credentialDigest));
    for (const { digest } of results) expect(digests.has(digest)).to.equal(true);
  });

  it('serves inclusion proofs that verify against the signed checkpoint, for every entry (sampled past 2000)', async function () {
    this.timeout(60_000);
    const p = platform();
    await award(p);
    await p.log.checkpointNow();
    const checkpoint = await servedCheckpoint(p);
    const entries = await allEntries(p, checkpoint.size);
    // One listening server for hundreds of requests (supertest would start one per request on an app).
    const server = createServer(p.app).listen(0, '127.0.0.1');
    // A persistent test database grows run after run: past 2000 entries, the first and last 1000 and a random sample.
    const checked = entries.length <= 2000 ? entries : entries.filter((_, i) => i < 1000 || i >= entries.length - 1000 || Math.random() < 0.05);
    try {
      for (const entry of checked) {
        const res = await request(server).get(`/log/proofs/inclusion?index=${entry.index}&size=${checkpoint.size}`).expect(200);
        const hash = leafHash(b64(entry.leaf));
        expect(res.body.leafHash).to.equal(Buffer.from(hash).toString('base64'));
        const proof = res.body.proof.map(b64);
        expect(verifyInclusion(hash, entry.index, checkpoint.size, proof, checkpoint.rootHash), `entry ${entry.index}`).to.equal(true);
      }
    } finally {
      server.close();
    }
    // By credential digest, against the latest checkpoint (the default size), with the signed note attached.
    const last = entries.filter((e) => e.event?.type === 'issuance').at(-1)!;
    const byDigest = await request(p.app).get(`/log/proofs/inclusion?digest=${String(last.event!.credentialDigest)}`).expect(200);
    expect(byDigest.body).to.include({ index: last.index, size: checkpoint.size });
    expect(verifyCheckpoint(byDigest.body.checkpoint, (await p.log.logKey()).verifierKey, ed25519Verify).verified).to.equal(true);
    expect(verifyInclusion(leafHash(b64(last.leaf)), last.index, checkpoint.size, byDigest.body.proof.map(b64), checkpoint.rootHash)).to.equal(true);
  });

  it('serves consistency proofs between two checkpoints that verify', async function () {
    this.timeout(60_000);
    const p = platform();
    await award(p);
    const first = await servedCheckpoint(p).then(async (c) => (c.size === (await p.store.log.head()).size ? c : (await p.log.checkpointNow(), servedCheckpoint(p))));
    for (let i = 0; i < 3; i++) await award(p);
    await p.log.checkpointNow();
    const second = await servedCheckpoint(p);
    expect(second.size).to.equal(first.size + 3);
    const res = await request(p.app).get(`/log/proofs/consistency?from=${first.size}&to=${second.size}`).expect(200);
    expect(res.body.checkpoints.from).to.be.a('string');
    expect(verifyConsistency(first.size, second.size, res.body.proof.map(b64), first.rootHash, second.rootHash)).to.equal(true);
    // From every earlier size: the roots come from the recomputed tree.
    const { rootFromLeafHashes } = await import('../log/merkle.ts');
    const hashes = (await allEntries(p, second.size)).map((e) => leafHash(b64(e.leaf)));
    for (const from of [1, 2, 3, Math.floor(second.size / 2), second.size - 1, second.size]) {
      const proof = await request(p.app).get(`/log/proofs/consistency?from=${from}&to=${second.size}`).expect(200);
      const ok = verifyConsistency(from, second.size, proof.body.proof.map(b64), rootFromLeafHashes(hashes.slice(0, from)), second.rootHash);
      expect(ok, `from ${from}`).to.equal(true);
    }
    // A log never signs two roots for one size: asking again signs nothing new.
    expect((await p.log.checkpointNow()).size).to.equal(second.size);
  });

  it('gives a receipt: index, leaf hash and an inclusion proof once a checkpoint covers the credential', async () => {
    const p = platform();
    const { digest } = await award(p);
    const early = await p.log.receipt(digest, { withProof: false });
    expect(early?.index).to.be.a('number');
    expect(early?.inclusion).to.equal(undefined);
    await p.log.checkpointNow();
    const receipt = (await p.log.receipt(digest))!;
    expect(receipt.index).to.equal(early!.index);
    const checkpoint = await servedCheckpoint(p);
    const { inclusion } = receipt;
    expect(inclusion?.size).to.equal(checkpoint.size);
    expect(verifyInclusion(b64(receipt.leafHash), receipt.index, inclusion!.size, inclusion!.proof.map(b64), checkpoint.rootHash)).to.equal(true);
    expect(await p.log.receipt('00'.repeat(32))).to.equal(null);
  });

  it('checkpoints on its own once started: after M entries, with the same key in every process', async () => {
    const p = platform();
    const other = createTransparencyLog({
      store: p.store,
      kek: p.issuerDeps.kek,
      origin: p.log.origin,
      pollIntervalMs: 20,
      checkpointEveryEntries: 1,
      checkpointIntervalMs: 3_600_000,
    });
    expect((await other.logKey()).verifierKey).to.equal((await p.log.logKey()).verifierKey);
    other.start();
    let size = 0;
    try {
      await award(p);
      size = (await p.store.log.head()).size;
      const deadline = Date.now() + 10_000;
      while (((await p.store.log.latestCheckpoint())?.size ?? 0) < size) {
        if (Date.now() > deadline) throw new Error('no checkpoint within 10 s');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      await other.stop();
    }
    expect((await servedCheckpoint(p)).size).to.equal(size);
  });

  it('serves the verifier key in the C2SP format, named after the origin', async () => {
    const res = await request(platform().app).get('/log/key').expect(200);
    const key = parseVerifierKey(res.text.trim());
    expect(key.name).to.equal('academy.test/log');
    expect(res.text.trim()).to.equal((await platform().log.logKey()).verifierKey);
  });

  it('answers problem+json for bad queries, unknown entries and sizes beyond the tree', async () => {
    const app = platform().app;
    const size = (await platform().store.log.head()).size;
    const problem = async (path: string, status: number) => {
      const res = await request(app).get(path).expect(status);
      expect(res.headers['content-type'], path).to.match(/^application\/problem\+json/);
      return res.body;
    };
    await problem('/log/entries?start=-1', 422);
    await problem('/log/entries?start=01', 422);
    await problem('/log/entries?start=5&end=5', 422);
    await problem('/log/entries?start=0&evil=1', 422);
    await problem('/log/proofs/inclusion?index=abc', 422);
    await problem('/log/proofs/inclusion?index=0&digest=' + 'a'.repeat(64), 422);
    await problem('/log/proofs/inclusion', 422);
    await problem('/log/proofs/inclusion?digest=XYZ', 422);
    await problem(`/log/proofs/inclusion?index=${size + 10}`, 404);
    await problem(`/log/proofs/inclusion?digest=${'0'.repeat(64)}`, 404);
    await problem(`/log/proofs/inclusion?index=0&size=${size + 1}`, 422);
    await problem('/log/proofs/inclusion?index=1&size=1', 422);
    await problem(`/log/proofs/consistency?from=2&to=${size + 1}`, 422);
    await problem('/log/proofs/consistency?from=3&to=2', 422);
    await problem('/log/proofs/consistency', 422);
    const page = await request(app).get('/log/entries?start=0&end=999999').expect(200);
    expect(page.body.entries.length).to.equal(Math.min(1000, size));
  });
});
