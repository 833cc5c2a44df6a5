/** Revocation and suspension through POST /credentials/status, observed in the served, signed status lists. */
import { expect } from 'chai';
import request from 'supertest';
import { gunzipSync } from 'node:zlib';
import { bearer, forEachPlatform, TEST_PUBLIC_URL } from './helpers/platform.ts';
import { verifyWithDigitalBazaar } from './helpers/independent-verifier.ts';
import { awardBody } from './awards.http.test.ts';

/** Reads bit `index` of a served list without Proofline code: multibase base64url → gunzip → left-most bit first. */
function bitOf(listCredential: { credentialSubject: { encodedList: string } }, index: number): boolean {
  const encoded = listCredential.credentialSubject.encodedList;
  expect(encoded[0]).to.equal('u');
  const bytes = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
  expect(bytes.length * 8).to.be.at.least(131_072);
  return (bytes[index >> 3]! & (0x80 >> (index & 7))) !== 0;
}

forEachPlatform('POST /credentials/status', (platform) => {
  const app = () => platform().app;

  async function issue() {
    const res = await request(app()).post('/awards').set(...bearer()).send(awardBody()).expect(201);
    const vc = res.body.verifiableCredential;
    const [revocation, suspension] = vc.credentialStatus as { statusListCredential: string; statusListIndex: string }[];
    return { id: vc.id as string, revocation: revocation!, suspension: suspension! };
  }

  async function list(url: string) {
    expect(url.startsWith(`${TEST_PUBLIC_URL}/status-lists/`)).to.equal(true);
    const res = await request(app()).get(url.slice(TEST_PUBLIC_URL.length)).expect(200);
    return res.body;
  }

  const setStatus = (credentialId: string, statusPurpose: string, status: boolean) =>
    request(app())
      .post('/credentials/status')
      .set(...bearer())
      .send({ credentialId, credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose, status }] });

  it('serves a signed BitstringStatusListCredential that @digitalbazaar/vc verifies', async () => {
    const { revocation } = await issue();
    const served = await list(revocation.statusListCredential);
    expect(served.type).to.include('BitstringStatusListCredential');
    expect(served.credentialSubject.statusPurpose).to.equal('revocation');
    const result = await verifyWithDigitalBazaar(served);
    expect(result.verified, JSON.stringify(result.error ?? result)).to.equal(true);
  });

  it('revokes: the served list has the bit set at once; revocation cannot be undone', async () => {
    const credential = await issue();
    const index = Number(credential.revocation.statusListIndex);
    expect(bitOf(await list(credential.revocation.statusListCredential), index)).to.equal(false);
    const res = await setStatus(credential.id, 'revocation', true).expect(200);
    expect(res.body.credentialStatus[0]).to.include({ statusPurpose: 'revocation', status: true, changed: true });
    expect(bitOf(await list(credential.revocation.statusListCredential), index)).to.equal(true);
    const undo = await setStatus(credential.id, 'revocation', false).expect(409);
    expect(undo.body.code).to.equal('CONFLICT');
    expect(bitOf(await list(credential.revocation.statusListCredential), index)).to.equal(true);
  });

  it('suspends and unsuspends: the bit is set, then cleared; the revocation list is untouched', async () => {
    const credential = await issue();
    const index = Number(credential.suspension.statusListIndex);
    await setStatus(credential.id, 'suspension', true).expect(200);
    expect(bitOf(await list(credential.suspension.statusListCredential), index)).to.equal(true);
    expect(bitOf(await list(credential.revocation.statusListCredential), Number(credential.revocation.statusListIndex))).to.equal(false);
    const again = await setStatus(credential.id, 'suspension', true).expect(200);
    expect(again.body.credentialStatus[0].changed).to.equal(false);
    await setStatus(credential.id, 'suspension', false).expect(200);
    expect(bitOf(await list(credential.suspension.statusListCredential), index)).to.equal(false);
  });

  it('answers 404 for a credential id it never issued', async () => {
    const res = await setStatus('urn:uuid:00000000-0000-4000-8000-000000000000', 'revocation', true).expect(404);
    expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(res.body.code).to.equal('NOT_FOUND');
  });

  it('answers 404 for an unknown status list', async () => {
    await request(app()).get('/status-lists/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('allocates random, distinct indices (not sequential)', async () => {
    const indices: number[] = [];
    for (let i = 0; i < 8; i++) indices.push(Number((await issue()).revocation.statusListIndex));
    expect(new Set(indices).size).to.equal(indices.length);
    const sorted = [...indices].sort((a, b) => a - b);
    const gaps = sorted.slice(1).map((v, i) => v - sorted[i]!);
    // Eight draws from 131,072: consecutive indices would be a sign of sequential allocation.
    expect(gaps.every((g) => g === 1)).to.equal(false);
  });
});
