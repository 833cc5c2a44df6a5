/**
 * Selective disclosure through HTTP (PGlite, and PostgreSQL when DATABASE_URL is set): the Academy issues an
 * ecdsa-sd-2023 award; the holder's wallet keeps the base proof and presents a derived credential that discloses only
 * the achievement and the rubric level; POST /presentations/verify verifies it with a fresh challenge, the bytes hold
 * none of the withheld claims, a tampered derived credential fails, a base proof presented directly is refused, and
 * @digitalbazaar/vc with the library's ecdsa-sd-2023 verify suite agrees.
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { createVerifyCryptosuite } from '@digitalbazaar/ecdsa-sd-2023-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { expect } from 'chai';
import request from 'supertest';
import { awardBody } from './awards.http.test.ts';
import { independentLoader } from './helpers/independent-verifier.ts';
import { bearer, forEachPlatform } from './helpers/platform.ts';
import { uniqueId } from './helpers/store.ts';

const PASSWORD = 'correct horse battery staple';
const ACHIEVEMENT_AND_LEVEL = ['/credentialSubject/achievement', '/credentialSubject/result/1'];

interface Tokens {
  accessToken: string;
}

forEachPlatform('selective disclosure (ecdsa-sd-2023)', (platform) => {
  const app = () => platform().app;
  const auth = (tokens: Tokens): [string, string] => ['Authorization', `Bearer ${tokens.accessToken}`];

  async function newHolder(): Promise<{ did: string; tokens: Tokens }> {
    const email = `${uniqueId('sd')}@example.com`;
    const created = await request(app()).post('/wallet/accounts').send({ email, password: PASSWORD }).expect(201);
    const tokens = (await request(app()).post('/wallet/sessions').send({ email, password: PASSWORD }).expect(200)).body as Tokens;
    return { did: created.body.did as string, tokens };
  }
  async function awardSd(did: string): Promise<Record<string, unknown>> {
    const res = await request(app()).post('/awards').set(...bearer()).send(awardBody({ recipient: { did }, options: { cryptosuite: 'ecdsa-sd-2023' } })).expect(201);
    return res.body.verifiableCredential as Record<string, unknown>;
  }
  async function receive(tokens: Tokens): Promise<string> {
    const res = await request(app()).post('/wallet/credentials/sync').set(...auth(tokens)).expect(200);
    expect(res.body.added).to.have.length(1);
    return res.body.added[0].id as string;
  }
  const challenge = async (domain: string) => (await request(app()).post('/challenges').send({ domain }).expect(200)).body.challenge as string;
  const present = (tokens: Tokens, body: Record<string, unknown>) => request(app()).post('/wallet/presentations').set(...auth(tokens)).send(body);
  const verifyVp = (verifiablePresentation: unknown, options: Record<string, unknown>) => request(app()).post('/presentations/verify').send({ verifiablePresentation, options });
  const verifyVc = (verifiableCredential: unknown) => request(app()).post('/credentials/verify').send({ verifiableCredential });

  it('issues an ecdsa-sd-2023 base proof with the documented mandatory claims', async () => {
    const { did } = await newHolder();
    const issued = await awardSd(did);
    const proof = issued.proof as Record<string, unknown>;
    expect(proof).to.include({ type: 'DataIntegrityProof', cryptosuite: 'ecdsa-sd-2023', proofPurpose: 'assertionMethod' });
    expect(proof.proofValue).to.match(/^u2V0A/); // base proof header 0xd9 0x5d 0x00
    // The base proof is for the holder: a verifier refuses it (VC DI ECDSA §3.4, parseDerivedProofValue).
    const refused = await verifyVc(issued);
    expect(refused.body.verified).to.equal(false);
    const problem = refused.body.problemDetails.find((p: { code: string }) => p.code === 'PROOF_VERIFICATION_ERROR');
    expect(problem.detail).to.match(/base proof/);
  });

  it('presents only the achievement and the level; the verifier verifies it and the withheld claims are not in the bytes', async () => {
    const { did, tokens } = await newHolder();
    const issued = await awardSd(did);
    const id = await receive(tokens);
    const kept = (await request(app()).get(`/wallet/credentials/${id}`).set(...auth(tokens)).expect(200)).body;
    expect(kept).to.include({ status: 'verified' });
    expect(kept.verifiableCredential).to.deep.equal(issued); // the base proof, kept as issued

    const nonce = await challenge('jobs.example');
    const made = await present(tokens, { challenge: nonce, domain: 'jobs.example', credentialIds: [id], disclose: { [id]: ACHIEVEMENT_AND_LEVEL } }).expect(201);
    const bytes = made.text;
    for (const withheld of ['"value"', '"evidence"', 'pe-101-2026-11', 'prompt-lab', 'report.pdf', '"identifier"', '"identityHash"', '"credentialSchema"', issued.proof && (issued.proof as { proofValue: string }).proofValue]) {
      expect(bytes, `${String(withheld)} must not be disclosed`).not.to.include(withheld as string);
    }
    const vp = made.body.verifiablePresentation;
    const derived = vp.verifiableCredential[0];
    expect(derived.proof.proofValue).to.match(/^u2V0B/); // derived proof header 0xd9 0x5d 0x01
    expect(derived.credentialSubject.id).to.equal(did);
    expect(derived.credentialSubject.achievement.name).to.equal((issued.credentialSubject as { achievement: { name: string } }).achievement.name);
    expect(derived.credentialSubject.result).to.have.length(1);
    expect(derived.credentialSubject.result[0].achievedLevel).to.match(/proficient$/);
    expect(derived.issuer).to.deep.equal(issued.issuer);
    expect(derived.credentialStatus).to.deep.equal(issued.credentialStatus);
    expect(derived).not.to.have.property('name');

    const verified = await verifyVp(vp, { challenge: nonce, domain: 'jobs.example' });
    expect(verified.status, JSON.stringify(verified.body)).to.equal(200);
    expect(verified.body).to.include({ verified: true, holder: did });
    expect(verified.body.credentials[0]).to.include({ verified: true, credentialId: issued.id });
    expect(verified.body.credentials[0].checks).to.include('status');

    // Replayed: refused.
    const replay = await verifyVp(vp, { challenge: nonce, domain: 'jobs.example' }).expect(422);
    expect(replay.body.problemDetails.map((p: { code: string }) => p.code)).to.deep.equal(['CHALLENGE_REUSED']);

    // The derived credential alone verifies; tampered, it does not.
    expect((await verifyVc(derived)).body.verified).to.equal(true);
    const tampered = structuredClone(derived);
    tampered.credentialSubject.result[0].achievedLevel = String(tampered.credentialSubject.result[0].achievedLevel).replace(/proficient$/, 'distinguished');
    const forged = await verifyVc(tampered);
    expect(forged.body.verified).to.equal(false);
    expect(forged.body.problemDetails.map((p: { code: string }) => p.code)).to.include('PROOF_VERIFICATION_ERROR');
    const renamed = structuredClone(derived);
    renamed.credentialSubject.achievement.name = 'Expert in everything';
    expect((await verifyVc(renamed)).body.verified).to.equal(false);

    // An independent verifier: @digitalbazaar/vc with the library's ecdsa-sd-2023 verify suite.
    const independent = await vc.verifyCredential({
      credential: derived,
      suite: new DataIntegrityProof({ cryptosuite: createVerifyCryptosuite() }),
      documentLoader: independentLoader(),
      checkStatus: async () => ({ verified: true }),
    });
    expect(independent.verified, JSON.stringify(independent.error ?? independent)).to.equal(true);
  });

  it('an email-addressed award presented without its identity hash: the identifier is not in the bytes', async () => {
    const { tokens } = await newHolder();
    const email = `${uniqueId('learner')}@example.com`;
    const res = await request(app()).post('/awards').set(...bearer()).send(awardBody({ recipient: { email }, options: { cryptosuite: 'ecdsa-sd-2023' } })).expect(201);
    const issued = res.body.verifiableCredential as { credentialSubject: { identifier: { identityHash: string; salt: string }[] } };
    const { identityHash, salt } = issued.credentialSubject.identifier[0]!;
    const imported = await request(app()).post('/wallet/credentials').set(...auth(tokens)).send({ verifiableCredential: issued }).expect(201);
    expect(imported.body).to.include({ status: 'verified' });

    const nonce = await challenge('jobs.example');
    const made = await present(tokens, { challenge: nonce, domain: 'jobs.example', credentialIds: [imported.body.id], disclose: { [imported.body.id]: ACHIEVEMENT_AND_LEVEL } }).expect(201);
    for (const withheld of ['"identifier"', identityHash, salt, '"value"', '"evidence"']) expect(made.text).not.to.include(withheld);
    // No subject id to bind to the presenter: the verifier is asked not to require holder binding.
    const verified = await verifyVp(made.body.verifiablePresentation, { challenge: nonce, domain: 'jobs.example', holderBinding: false });
    expect(verified.status, JSON.stringify(verified.body)).to.equal(200);
  });

  it('without disclose presents every claim (still a derived proof), and it verifies', async () => {
    const { did, tokens } = await newHolder();
    const issued = await awardSd(did);
    const id = await receive(tokens);
    const nonce = await challenge('jobs.example');
    const vp = (await present(tokens, { challenge: nonce, domain: 'jobs.example', credentialIds: [id] }).expect(201)).body.verifiablePresentation;
    const derived = vp.verifiableCredential[0];
    expect(derived.proof.proofValue).to.match(/^u2V0B/);
    const { proof: _p, ...claims } = derived;
    const { proof: _b, ...issuedClaims } = issued;
    expect(claims).to.deep.equal(issuedClaims);
    const verified = await verifyVp(vp, { challenge: nonce, domain: 'jobs.example' });
    expect(verified.status, JSON.stringify(verified.body)).to.equal(200);
  });

  it('a share link serves the full disclosure, never the base proof', async () => {
    const { did, tokens } = await newHolder();
    const issued = await awardSd(did);
    const id = await receive(tokens);
    const created = await request(app()).post('/wallet/shares').set(...auth(tokens)).send({ credentialIds: [id], expiresInSeconds: 3600 }).expect(201);
    const served = await request(app()).get(`/shared/${created.body.token as string}`).expect(200);
    expect(served.text).not.to.include((issued.proof as { proofValue: string }).proofValue);
    const credential = served.body.verifiablePresentation.verifiableCredential[0];
    expect(credential.proof.proofValue).to.match(/^u2V0B/);
    expect((await verifyVc(credential)).body.verified).to.equal(true);
  });

  it('refuses a pointer the credential does not hold, and disclosure of a credential that is not ecdsa-sd-2023 (422)', async () => {
    const { did, tokens } = await newHolder();
    await awardSd(did);
    const sdId = await receive(tokens);
    await request(app()).post('/awards').set(...bearer()).send(awardBody({ recipient: { did } })).expect(201);
    const plainId = await receive(tokens);
    const nonce = await challenge('jobs.example');

    const missing = await present(tokens, { challenge: nonce, credentialIds: [sdId], disclose: { [sdId]: ['/credentialSubject/achievement', '/credentialSubject/nickname'] } }).expect(422);
    expect(missing.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(missing.body.errors).to.deep.equal([{ pointer: `/disclose/${sdId}/1`, detail: '/credentialSubject/nickname is not in the credential' }]);

    const plain = await present(tokens, { challenge: nonce, credentialIds: [plainId], disclose: { [plainId]: ['/credentialSubject/achievement'] } }).expect(422);
    expect(plain.body.errors[0].detail).to.match(/not an ecdsa-sd-2023 credential/);

    const stray = await present(tokens, { challenge: nonce, credentialIds: [plainId], disclose: { [sdId]: ['/name'] } }).expect(422);
    expect(stray.body.errors[0].pointer).to.equal(`/disclose/${sdId}`);

    const badPointer = await present(tokens, { challenge: nonce, credentialIds: [sdId], disclose: { [sdId]: ['credentialSubject'] } }).expect(422);
    expect(badPointer.body.code).to.equal('VALIDATION_FAILED');
  });

  it('isolation: holder B cannot present nor disclose holder A\'s credential (404)', async () => {
    const a = await newHolder();
    await awardSd(a.did);
    const aId = await receive(a.tokens);
    const b = await newHolder();
    const nonce = await challenge('jobs.example');
    await present(b.tokens, { challenge: nonce, credentialIds: [aId], disclose: { [aId]: ACHIEVEMENT_AND_LEVEL } }).expect(404);
    await present(b.tokens, { challenge: nonce, credentialIds: [aId], format: 'vp+jwt' }).expect(404);
  });

  it('issues ecdsa-sd-2023 through POST /credentials/issue (VC-API) too', async () => {
    const { issuers } = (await request(app()).get('/issuers').expect(200)).body;
    const academy = issuers.find((i: { slug: string }) => i.slug === 'academy') ?? issuers[0];
    const p256 = academy.dids.find((d: string) => d.startsWith('did:key:zDna')) as string;
    const credential = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      issuer: p256,
      validFrom: '2026-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:learner' },
    };
    const res = await request(app()).post('/credentials/issue').set(...bearer()).send({ credential, options: { cryptosuite: 'ecdsa-sd-2023' } });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.verifiableCredential.proof).to.include({ cryptosuite: 'ecdsa-sd-2023' });
    // The default cryptosuite (eddsa-rdfc-2022) needs an Ed25519 key, which this DID does not hold; the P-256 one does.
    expect((await request(app()).post('/credentials/issue').set(...bearer()).send({ credential })).status).to.equal(422);
    // JSON-LD safe mode holds for the base proof too: an undefined term would be left unsigned, so it is refused.
    const undefinedTerm = { ...credential, credentialSubject: { id: 'did:example:learner', favouriteColour: 'blue' } };
    const unsafe = await request(app()).post('/credentials/issue').set(...bearer()).send({ credential: undefinedTerm, options: { cryptosuite: 'ecdsa-sd-2023' } }).expect(422);
    expect(unsafe.body.code).to.equal('JSONLD_SAFE_MODE');
  });
});
