/**
 * Log receipts reach the holder and the public verifier (issue 4 §7), through HTTP on each store: the wallet keeps a
 * credential's receipt in its `verification` (synced awards and imports of this server's credentials), completes it
 * with the inclusion proof on recheck once a checkpoint covers the entry, and POST /credentials/verify checks it with
 * `options.requireLogInclusion: true` against the server's own log key.
 */
import { expect } from 'chai';
import request from 'supertest';
import { checkLogInclusion, type LogInclusionReceipt } from '../verifier/index.ts';
import { awardBody } from './awards.http.test.ts';
import { issueWithFreshDidKey } from './helpers/independent-verifier.ts';
import { bearer, forEachPlatform } from './helpers/platform.ts';
import { uniqueId } from './helpers/store.ts';

const PASSWORD = 'correct horse battery staple';
const codes = (problems: { code: string }[]) => problems.map((p) => p.code);

const externalCredential = (subjectDid: string) => issueWithFreshDidKey(subjectDid);

forEachPlatform('Log receipts in the wallet and at POST /credentials/verify', (platform) => {
  const app = () => platform().app;

  async function newHolder(): Promise<{ did: string; auth: [string, string] }> {
    const email = `${uniqueId('receipt')}@example.com`;
    const created = await request(app()).post('/wallet/accounts').send({ email, password: PASSWORD }).expect(201);
    const tokens = (await request(app()).post('/wallet/sessions').send({ email, password: PASSWORD }).expect(200)).body;
    return { did: created.body.did as string, auth: ['Authorization', `Bearer ${tokens.accessToken as string}`] };
  }
  async function award(did: string, options?: Record<string, unknown>) {
    const body = awardBody({ recipient: { did }, ...(options ? { options } : {}) });
    const res = await request(app()).post('/awards').set(...bearer()).send(body).expect(201);
    return res.body as { verifiableCredential: Record<string, unknown> | string; digest: string; log: { index: number; leafHash: string } };
  }

  it('keeps the receipt of a synced award, and gains its inclusion proof on recheck once a checkpoint covers it', async () => {
    const { did, auth } = await newHolder();
    const issued = await award(did);
    const added = (await request(app()).post('/wallet/credentials/sync').set(...auth).expect(200)).body.added;
    expect(added).to.have.length(1);
    const id = added[0].id as string;
    const kept = (await request(app()).get(`/wallet/credentials/${id}`).set(...auth).expect(200)).body;
    expect(kept.status).to.equal('verified');
    const early = kept.verification.logReceipt as LogInclusionReceipt;
    expect(early).to.include({ index: issued.log.index, leafHash: issued.log.leafHash });
    expect(early.leaf).to.be.a('string');
    expect(early.inclusion).to.equal(undefined);

    await platform().log.checkpointNow();
    const rechecked = (await request(app()).post(`/wallet/credentials/${id}/recheck`).set(...auth).expect(200)).body;
    const receipt = rechecked.verification.logReceipt as LogInclusionReceipt;
    expect(receipt.inclusion?.size).to.be.greaterThan(issued.log.index);
    const shown = (await request(app()).get(`/wallet/credentials/${id}`).set(...auth).expect(200)).body;
    expect(shown.verification.logReceipt).to.deep.equal(receipt);
    const logKey = (await platform().log.logKey()).verifierKey;
    expect(checkLogInclusion({ credentialDigest: issued.digest, receipt, logKey }).ok).to.equal(true);
  });

  it('keeps the receipt of an imported credential this server issued (JSON-LD and vc+jwt), none for another issuer\'s', async () => {
    const { did, auth } = await newHolder();
    const ours = await award(did);
    const jwt = await award(did, { format: 'vc+jwt' });
    await platform().log.checkpointNow();
    for (const issued of [ours, jwt]) {
      const res = await request(app()).post('/wallet/credentials').set(...auth).send({ verifiableCredential: issued.verifiableCredential }).expect(201);
      expect(res.body.source).to.equal('import');
      const receipt = res.body.verification.logReceipt as LogInclusionReceipt;
      expect(receipt.index).to.equal(issued.log.index);
      expect(receipt.inclusion?.checkpoint).to.be.a('string');
    }
    const external = await externalCredential(did);
    const res = await request(app()).post('/wallet/credentials').set(...auth).send({ verifiableCredential: external }).expect(201);
    expect(res.body.verification).not.to.have.property('logReceipt');
  });

  it('checks the receipt on POST /credentials/verify with options.requireLogInclusion: true', async () => {
    const { did } = await newHolder();
    const issued = await award(did);
    const verify = (verifiableCredential: unknown, options: Record<string, unknown>) =>
      request(app()).post('/credentials/verify').send({ verifiableCredential, options });

    // Not yet covered by a checkpoint: no proof to check.
    const early = await verify(issued.verifiableCredential, { requireLogInclusion: true }).expect(422);
    expect(codes(early.body.problemDetails)).to.deep.equal(['LOG_INCLUSION_MISSING']);
    // Without the option, nothing about the log.
    const plain = await verify(issued.verifiableCredential, {}).expect(200);
    expect(plain.body.checks).not.to.include('log-inclusion');

    await platform().log.checkpointNow();
    const covered = await verify(issued.verifiableCredential, { requireLogInclusion: true });
    expect(covered.status, JSON.stringify(covered.body)).to.equal(200);
    expect(covered.body.checks).to.include('log-inclusion');
    const jwt = await award(did, { format: 'vc+jwt' });
    await platform().log.checkpointNow();
    await verify(jwt.verifiableCredential, { requireLogInclusion: true }).expect(200);

    // Another issuer's credential: this server cannot produce its receipt.
    const external = await verify(await externalCredential(did), { requireLogInclusion: true }).expect(422);
    expect(codes(external.body.problemDetails)).to.include('LOG_INCLUSION_MISSING');
    // Our credential, altered: the proof fails first, the log is not asked.
    const altered = { ...(issued.verifiableCredential as Record<string, unknown>), name: 'Altered' };
    const tampered = await verify(altered, { requireLogInclusion: true }).expect(422);
    expect(tampered.body.checks).not.to.include('log-inclusion');

    await verify(issued.verifiableCredential, { requireLogInclusion: 'yes' }).expect(400);
  });
});
