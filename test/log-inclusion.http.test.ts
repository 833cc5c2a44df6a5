/**
 * Issue 4 §7: a credential issued through the real app, its log receipt (after a checkpoint), and the verifier's
 * `requireLogInclusion` / checkLogInclusion: the genuine receipt passes; a wrong digest, a tampered proof element, a
 * checkpoint signed by another key and a missing receipt fail with their codes.
 */
import { generateKeyPairSync } from 'node:crypto';
import { expect } from 'chai';
import request from 'supertest';
import { ed25519RawPublicKey, ed25519Sign } from '../crypto/ed25519-raw.ts';
import { didDocumentFor } from '../issuer/issuer-documents.ts';
import type { LogReceipt } from '../log/create-transparency-log.ts';
import { formatVerifierKey, noteKeyId, parseNote, signNote } from '../log/checkpoint.ts';
import { checkLogInclusion, verifyCredential, type LogInclusionReceipt, type VerifyCredentialOptions } from '../verifier/index.ts';
import { awardBody } from './awards.http.test.ts';
import { bearer, forEachPlatform, type TestPlatform } from './helpers/platform.ts';
import { uniqueId } from './helpers/store.ts';

const codes = (problems: { code: string }[]) => problems.map((p) => p.code);

/** Flips one bit of a base64 value (the result is still canonical base64 of the same length). */
function flipBase64(text: string): string {
  const bytes = Buffer.from(text, 'base64');
  bytes[0]! ^= 0x01;
  return bytes.toString('base64');
}

forEachPlatform('Log inclusion receipts (verifier requireLogInclusion)', (platform) => {
  let credential: Record<string, unknown> | string;
  let digest: string;
  let receipt: LogReceipt;
  let logKey: string;

  const options = (receiptFor: (digest: string) => Promise<LogInclusionReceipt | null>, key = logKey): VerifyCredentialOptions => {
    const p: TestPlatform = platform();
    return {
      checkStatus: false,
      resolveDid: async (did) => {
        const issuer = await p.store.issuers.getByDid(did);
        return issuer && issuer.didMethod === 'web' ? didDocumentFor(p.store, issuer) : null;
      },
      requireLogInclusion: { logKey: key, receiptFor: (_credential, d) => receiptFor(d) },
    };
  };

  before(async function () {
    this.timeout(60_000);
    const p = platform();
    const res = await request(p.app).post('/awards').set(...bearer()).set('Idempotency-Key', uniqueId('incl')).send(awardBody()).expect(201);
    credential = res.body.verifiableCredential;
    digest = res.body.digest;
    expect(res.body.log.index).to.be.a('number');
    await p.log.checkpointNow();
    receipt = (await p.log.receipt(digest))!;
    logKey = (await p.log.logKey()).verifierKey;
  });

  it('a credential issued through the app, with its receipt, passes; the receipt carries the leaf', async () => {
    expect(receipt.leaf).to.be.a('string');
    expect(receipt.inclusion?.checkpoint).to.be.a('string');
    let askedFor: string | undefined;
    const result = await verifyCredential(credential, options(async (d) => {
      askedFor = d;
      return receipt;
    }));
    expect(result.problemDetails).to.deep.equal([]);
    expect(result.verified).to.equal(true);
    expect(result.checks).to.include('log-inclusion');
    expect(askedFor).to.equal(digest);

    const direct = checkLogInclusion({ credentialDigest: digest, receipt, logKey, expected: { keyId: undefined } });
    expect(direct.ok).to.equal(true);
    if (direct.ok) {
      expect(direct.event.credentialDigest).to.equal(digest);
      expect(direct.index).to.equal(receipt.index);
    }
  });

  it('a vc+jwt credential passes too (digest of the compact JWS)', async () => {
    const p = platform();
    const res = await request(p.app).post('/awards').set(...bearer()).send(awardBody({ options: { format: 'vc+jwt' } })).expect(201);
    await p.log.checkpointNow();
    const result = await verifyCredential(res.body.verifiableCredential, options(async (d) => p.log.receipt(d)));
    expect(result.problemDetails).to.deep.equal([]);
    expect(result.checks).to.include('log-inclusion');
  });

  it('fails with LOG_INCLUSION_INVALID for another credential\'s digest', async () => {
    const other = await verifyCredential(credential, options(async () => receipt));
    expect(other.verified).to.equal(true);
    const p = platform();
    const res = await request(p.app).post('/awards').set(...bearer()).send(awardBody()).expect(201);
    await p.log.checkpointNow();
    const otherReceipt = (await p.log.receipt(res.body.digest))!;
    const result = await verifyCredential(credential, options(async () => otherReceipt));
    expect(result.verified).to.equal(false);
    expect(codes(result.problemDetails)).to.deep.equal(['LOG_INCLUSION_INVALID']);
    expect(result.problemDetails[0]!.check).to.equal('log-inclusion');
    expect(result.problemDetails[0]!.detail).to.match(/not of this credential/);

    const wrongDigest = checkLogInclusion({ credentialDigest: 'ab'.repeat(32), receipt, logKey });
    expect(wrongDigest.ok).to.equal(false);
    expect(codes(wrongDigest.problems)).to.deep.equal(['LOG_INCLUSION_INVALID']);
    const wrongIssuer = checkLogInclusion({ credentialDigest: digest, receipt, logKey, expected: { issuer: 'did:web:elsewhere.example' } });
    expect(codes(wrongIssuer.problems)).to.deep.equal(['LOG_INCLUSION_INVALID']);
  });

  it('fails with LOG_INCLUSION_INVALID for a tampered proof element, leaf, index or size', async () => {
    const inclusion = receipt.inclusion!;
    expect(inclusion.proof.length).to.be.greaterThan(0);
    for (let i = 0; i < inclusion.proof.length; i++) {
      const proof = inclusion.proof.map((p, j) => (j === i ? flipBase64(p) : p));
      const tampered = { ...receipt, inclusion: { ...inclusion, proof } };
      const result = await verifyCredential(credential, options(async () => tampered));
      expect(codes(result.problemDetails), `proof element ${i}`).to.deep.equal(['LOG_INCLUSION_INVALID']);
    }
    const variants: LogInclusionReceipt[] = [
      { ...receipt, leaf: flipBase64(receipt.leaf) },
      { ...receipt, leaf: flipBase64(receipt.leaf), leafHash: undefined },
      { ...receipt, index: receipt.index + 1 },
      { ...receipt, inclusion: { ...inclusion, size: inclusion.size + 1 } },
      { ...receipt, inclusion: { ...inclusion, proof: [...inclusion.proof, inclusion.proof[0]!] } },
      { ...receipt, inclusion: { ...inclusion, proof: ['not base64!'] } },
    ];
    for (const variant of variants) {
      const result = checkLogInclusion({ credentialDigest: digest, receipt: variant, logKey });
      expect(codes(result.problems), JSON.stringify(variant).slice(0, 80)).to.deep.equal(['LOG_INCLUSION_INVALID']);
    }
  });

  it('fails with LOG_INCLUSION_INVALID for a checkpoint signed by another key, or a key that is not the log\'s', async () => {
    const inclusion = receipt.inclusion!;
    const { text } = parseNote(inclusion.checkpoint);
    const origin = text.split('\n')[0]!;
    const { privateKey } = generateKeyPairSync('ed25519');
    const raw = ed25519RawPublicKey(privateKey);
    const forged = await signNote(text, { name: origin, keyId: noteKeyId(origin, raw), sign: (m) => ed25519Sign(privateKey, m) });
    const forgedReceipt = { ...receipt, inclusion: { ...inclusion, checkpoint: forged } };
    // The log's key does not verify the forged note...
    const result = await verifyCredential(credential, options(async () => forgedReceipt));
    expect(codes(result.problemDetails)).to.deep.equal(['LOG_INCLUSION_INVALID']);
    expect(result.problemDetails[0]!.detail).to.match(/does not verify with the log key/);
    // ...and the genuine note does not verify with the other key.
    const otherKey = formatVerifierKey(origin, raw);
    const wrongKey = await verifyCredential(credential, options(async () => receipt, otherKey));
    expect(codes(wrongKey.problemDetails)).to.deep.equal(['LOG_INCLUSION_INVALID']);
    // A root swapped in the note text breaks the log's own signature.
    const lines = inclusion.checkpoint.split('\n');
    lines[2] = flipBase64(lines[2]!);
    expect(codes(checkLogInclusion({ credentialDigest: digest, receipt: { ...receipt, inclusion: { ...inclusion, checkpoint: lines.join('\n') } }, logKey }).problems)).to.deep.equal(['LOG_INCLUSION_INVALID']);
    expect(codes(checkLogInclusion({ credentialDigest: digest, receipt, logKey: 'not a key' }).problems)).to.deep.equal(['LOG_INCLUSION_INVALID']);
  });

  it('fails with LOG_INCLUSION_MISSING without a receipt, or with one that has no inclusion proof yet', async () => {
    const none = await verifyCredential(credential, options(async () => null));
    expect(none.verified).to.equal(false);
    expect(codes(none.problemDetails)).to.deep.equal(['LOG_INCLUSION_MISSING']);
    expect(none.problemDetails[0]!.check).to.equal('log-inclusion');
    const { inclusion: _inclusion, ...early } = receipt;
    const pending = await verifyCredential(credential, options(async () => early));
    expect(codes(pending.problemDetails)).to.deep.equal(['LOG_INCLUSION_MISSING']);
  });

  it('serves the receipt at GET /log/receipts/{digest} for wallets to keep; 404 for an unknown digest, 422 for a non-digest', async () => {
    const app = platform().app;
    const res = await request(app).get(`/log/receipts/${digest}`).expect(200);
    expect(res.body.index).to.equal(receipt.index);
    expect(res.body.leaf).to.equal(receipt.leaf);
    expect(res.body.inclusion.checkpoint).to.be.a('string');
    const result = await verifyCredential(credential, options(async (d) => (await request(app).get(`/log/receipts/${d}`).expect(200)).body));
    expect(result.problemDetails).to.deep.equal([]);
    expect((await request(app).get(`/log/receipts/${'0'.repeat(64)}`).expect(404)).headers['content-type']).to.match(/problem\+json/);
    await request(app).get('/log/receipts/XYZ').expect(422);
  });

  it('is not asked for when the credential\'s proof fails, nor without the option', async () => {
    let asked = 0;
    const forged = typeof credential === 'string' ? credential : { ...credential, name: 'Forged' };
    const result = await verifyCredential(forged, options(async () => (asked++, receipt)));
    expect(result.verified).to.equal(false);
    expect(asked).to.equal(0);
    expect(result.checks).not.to.include('log-inclusion');
    const { requireLogInclusion: _r, ...plain } = options(async () => null);
    expect((await verifyCredential(credential, plain)).checks).not.to.include('log-inclusion');
  });
});
