/**
 * POST /challenges and POST /presentations/verify end to end (PGlite, and PostgreSQL when DATABASE_URL is set): a
 * holder built in the test presents awards issued to its DID through the app. Replay (reused, expired, foreign
 * challenges; concurrent submissions), domain, holder binding, vp+jwt, VC 1.1 JWT presentations (did-jwt-vc), rate
 * limiting.
 */
import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { createJWT, EdDSASigner } from 'did-jwt';
import { createVerifiableCredentialJwt, createVerifiablePresentationJwt } from 'did-jwt-vc';
import { base64url, decodeProtectedHeader } from 'jose';
import request from 'supertest';
import type { Clock } from '../core/clock.ts';
import { createApp } from '../http/create-app.ts';
import { findIssuerByDid } from '../issuer/find-issuer.ts';
import { DEFAULT_PURGE_GRACE_MS, purgeExpiredRecords } from '../storage/purge-expired-records.ts';
import { verifierRoutes, type VerifierRouteDeps } from '../verifier/routes.ts';
import { trustedIssuersFromStore } from '../verifier/trusted-issuers-from-store.ts';
import { awardBody } from './awards.http.test.ts';
import { createHolder, envelope, type Holder } from './helpers/holder.ts';
import { bearer, forEachPlatform, ownIssuerVerification, TEST_PUBLIC_URL, type TestPlatform } from './helpers/platform.ts';

export function verifierDeps(platform: TestPlatform, overrides: Partial<VerifierRouteDeps> = {}): VerifierRouteDeps {
  const { store } = platform;
  return {
    clock: () => new Date(),
    ...ownIssuerVerification(platform),
    trustedIssuers: trustedIssuersFromStore(store, { ownIssuers: async (did) => (await findIssuerByDid(store, did)) !== null }),
    store,
    ...overrides,
  };
}

export function verifierApp(platform: TestPlatform, overrides: Partial<VerifierRouteDeps> = {}) {
  return createApp({ store: platform.store, logger: platform.logger, publicUrl: TEST_PUBLIC_URL, routes: verifierRoutes(verifierDeps(platform, overrides)) });
}

const codes = (body: { problemDetails: { code: string }[] }) => body.problemDetails.map((p) => p.code);
/** The compact JWS of a vc+jwt award (a string, or a VC 2.0 envelope around one). */
const unwrap = (value: Record<string, unknown> | string) => (typeof value === 'string' ? value : String(value.id).replace(/^data:application\/vc\+jwt,/, ''));
const OTHER_HOLDER = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

forEachPlatform('POST /presentations/verify', (platform) => {
  let app: ReturnType<typeof createApp>;
  let holder: Holder;
  /** The verifier's clock: tests move it to expire challenges. */
  let offsetMs = 0;
  const clock: Clock = () => new Date(Date.now() + offsetMs);
  before(async () => {
    app = verifierApp(platform(), { clock });
    holder = await createHolder();
  });
  afterEach(() => {
    offsetMs = 0;
  });

  async function award(recipient = holder.did, options?: Record<string, unknown>) {
    const res = await request(platform().app)
      .post('/awards')
      .set(...bearer())
      .send(awardBody({ recipient: { did: recipient }, ...(options ? { options } : {}) }))
      .expect(201);
    return res.body.verifiableCredential as Record<string, unknown> | string;
  }
  async function challenge(domain?: string): Promise<string> {
    const res = await request(app).post('/challenges').send(domain ? { domain } : {}).expect(200);
    return res.body.challenge as string;
  }
  const verify = (verifiablePresentation: unknown, options: Record<string, unknown>) =>
    request(app).post('/presentations/verify').send({ verifiablePresentation, options });

  it('issues 128-bit base64url challenges, with or without a body', async () => {
    const a = await challenge();
    const b = (await request(app).post('/challenges').expect(200)).body.challenge as string;
    for (const c of [a, b]) {
      expect(c).to.match(/^[A-Za-z0-9_-]{22}$/);
      expect(Buffer.from(c, 'base64url')).to.have.length(16);
    }
    expect(a).not.to.equal(b);
    await request(app).post('/challenges').send({ domain: 42 }).expect(422);
  });

  it('verifies a Data Integrity presentation of an award to the holder, once', async () => {
    const vc = (await award()) as Record<string, unknown>;
    const nonce = await challenge('jobs.example');
    const vp = await holder.signPresentation([vc], { challenge: nonce, domain: 'jobs.example' });
    const res = await verify(vp, { challenge: nonce, domain: 'jobs.example' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body).to.include({ verified: true, holder: holder.did, format: 'data-integrity' });
    expect(res.body.checks).to.include.members(['context', 'data-model', 'proof', 'challenge', 'domain', 'holder-binding', 'credentials']);
    expect(res.body.credentials).to.have.length(1);
    expect(res.body.credentials[0]).to.include({ verified: true, trusted: true, credentialId: vc.id });
    expect(res.body.credentials[0]).not.to.have.property('credential');
    expect(res.body.credentials[0].skills.length).to.be.greaterThan(0);
    expect(res.body).not.to.have.property('presentation');

    const again = await verify(vp, { challenge: nonce, domain: 'jobs.example' }).expect(422);
    expect(codes(again.body)).to.deep.equal(['CHALLENGE_REUSED']);
    expect(again.body.problemDetails[0].type).to.equal('https://w3id.org/security#INVALID_CHALLENGE_ERROR');
  });

  it('accepts exactly one of several concurrent submissions of one presentation', async () => {
    const vc = (await award()) as Record<string, unknown>;
    for (let round = 0; round < 2; round += 1) {
      const nonce = await challenge();
      const vp = await holder.signPresentation([vc], { challenge: nonce });
      const results = await Promise.all(Array.from({ length: 6 }, () => verify(vp, { challenge: nonce })));
      expect(results.map((r) => r.status).sort()).to.deep.equal([200, 422, 422, 422, 422, 422]);
      for (const r of results.filter((x) => x.status === 422)) expect(codes(r.body)).to.deep.equal(['CHALLENGE_REUSED']);
    }
  });

  it('rejects an expired challenge (CHALLENGE_EXPIRED) and a foreign one (CHALLENGE_UNKNOWN)', async () => {
    const vc = (await award()) as Record<string, unknown>;
    const nonce = await challenge();
    const vp = await holder.signPresentation([vc], { challenge: nonce });
    offsetMs = 5 * 60_000 + 1000;
    expect(codes((await verify(vp, { challenge: nonce }).expect(422)).body)).to.deep.equal(['CHALLENGE_EXPIRED']);
    offsetMs = 0;

    const foreign = Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(16))).toString('base64url');
    const forged = await holder.signPresentation([vc], { challenge: foreign });
    expect(codes((await verify(forged, { challenge: foreign }).expect(422)).body)).to.deep.equal(['CHALLENGE_UNKNOWN']);
  });

  it('refuses a presentation over a challenge the housekeeping purged (CHALLENGE_UNKNOWN): purging keeps single use', async () => {
    // The platform runs the purge hourly on the real clock (nothing here is a day past expiry yet).
    expect(await platform().purges.runOnce()).to.have.all.keys('challenges', 'holderSessions', 'employerSessions', 'signInFailures');
    const vc = (await award()) as Record<string, unknown>;
    const nonce = await challenge();
    const vp = await holder.signPresentation([vc], { challenge: nonce });
    // A day and six minutes later, challenges issued by now (5 minutes' TTL) are a day past expiry.
    const purged = await purgeExpiredRecords(platform().store, { now: new Date(Date.now() + DEFAULT_PURGE_GRACE_MS + 6 * 60_000) });
    expect(purged.challenges).to.be.greaterThan(0);
    expect(codes((await verify(vp, { challenge: nonce }).expect(422)).body)).to.deep.equal(['CHALLENGE_UNKNOWN']);
  });

  it('rejects a presentation signed over another challenge or for another domain', async () => {
    const vc = (await award()) as Record<string, unknown>;
    const nonce = await challenge('jobs.example');
    const other = await challenge();
    const signedOverOther = await holder.signPresentation([vc], { challenge: other, domain: 'jobs.example' });
    expect(codes((await verify(signedOverOther, { challenge: nonce, domain: 'jobs.example' }).expect(422)).body)).to.deep.equal(['CHALLENGE_MISMATCH']);

    const forEvil = await holder.signPresentation([vc], { challenge: nonce, domain: 'evil.example' });
    const wrongDomain = await verify(forEvil, { challenge: nonce, domain: 'jobs.example' }).expect(422);
    expect(codes(wrongDomain.body)).to.deep.equal(['DOMAIN_MISMATCH']);
    expect(wrongDomain.body.problemDetails[0].type).to.equal('https://w3id.org/security#INVALID_DOMAIN_ERROR');
    // The challenge was made for jobs.example: a presentation for evil.example cannot use it, even when asked to.
    expect(codes((await verify(forEvil, { challenge: nonce, domain: 'evil.example' }).expect(422)).body)).to.deep.equal(['DOMAIN_MISMATCH']);
    expect(codes((await verify(forEvil, { challenge: nonce }).expect(422)).body)).to.deep.equal(['DOMAIN_MISMATCH']);
    // None of these consumed it.
    const right = await holder.signPresentation([vc], { challenge: nonce, domain: 'jobs.example' });
    await verify(right, { challenge: nonce, domain: 'jobs.example' }).expect(200);
  });

  it('rejects a tampered presentation without consuming its challenge', async () => {
    const vc = (await award()) as Record<string, unknown>;
    const nonce = await challenge();
    const vp = await holder.signPresentation([vc], { challenge: nonce });
    const tampered = structuredClone(vp) as { verifiableCredential: { credentialSubject: { result: { value?: string }[] } }[] };
    tampered.verifiableCredential[0]!.credentialSubject.result[0]!.value = '100';
    const res = await verify(tampered, { challenge: nonce }).expect(422);
    expect(codes(res.body)).to.deep.equal(['PROOF_VERIFICATION_ERROR']);
    expect(res.body.credentials).to.deep.equal([]);
    await verify(vp, { challenge: nonce }).expect(200);
  });

  it('rejects HOLDER_BINDING_ERROR when the presenter is not the subject, unless holderBinding is false', async () => {
    const someoneElses = (await award(OTHER_HOLDER)) as Record<string, unknown>;
    const nonce = await challenge();
    const vp = await holder.signPresentation([someoneElses], { challenge: nonce });
    const res = await verify(vp, { challenge: nonce }).expect(422);
    expect(codes(res.body)).to.deep.equal(['HOLDER_BINDING_ERROR']);
    expect(res.body.problemDetails[0].check).to.equal('holder-binding');
    expect(res.body.credentials[0].verified).to.equal(true);

    const nonce2 = await challenge();
    const allowed = await holder.signPresentation([someoneElses], { challenge: nonce2 });
    await verify(allowed, { challenge: nonce2, holderBinding: false }).expect(200);

    // A presentation claiming another holder than its signer.
    const nonce3 = await challenge();
    const claimed = await holder.signPresentation([someoneElses], { challenge: nonce3, holder: OTHER_HOLDER });
    expect(codes((await verify(claimed, { challenge: nonce3 }).expect(422)).body)).to.deep.equal(['HOLDER_BINDING_ERROR']);
  });

  it('names a credential that does not verify inside a valid presentation', async () => {
    const vc = (await award()) as Record<string, unknown>;
    const nonce = await challenge();
    const broken = { ...vc, name: 'Altered after issuance' };
    const vp = await holder.signPresentation([broken], { challenge: nonce });
    const res = await verify(vp, { challenge: nonce }).expect(422);
    expect(codes(res.body)).to.deep.equal(['CREDENTIAL_NOT_VERIFIED']);
    expect(codes(res.body.credentials[0])).to.deep.equal(['PROOF_VERIFICATION_ERROR']);
  });

  it('verifies a vp+jwt signed with jose (nonce = challenge, aud = domain) holding a vc+jwt and a Data Integrity award', async () => {
    const jwt = (await award(holder.did, { format: 'vc+jwt', alg: 'ES256' })) as string;
    const di = (await award()) as Record<string, unknown>;
    const nonce = await challenge('jobs.example');
    const payload = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiablePresentation'],
      holder: holder.did,
      verifiableCredential: [envelope(jwt), di],
      nonce,
      aud: 'jobs.example',
    };
    const wrongTyp = await holder.signVpJwt(payload, { typ: 'vc+jwt' });
    expect(codes((await verify(wrongTyp, { challenge: nonce, domain: 'jobs.example' }).expect(422)).body)).to.deep.equal(['PROOF_VERIFICATION_ERROR']);
    const wrongNonce = await holder.signVpJwt({ ...payload, nonce: 'not-the-challenge' });
    expect(codes((await verify(wrongNonce, { challenge: nonce, domain: 'jobs.example' }).expect(422)).body)).to.deep.equal(['CHALLENGE_MISMATCH']);
    const wrongAud = await holder.signVpJwt({ ...payload, aud: 'evil.example' });
    expect(codes((await verify(wrongAud, { challenge: nonce, domain: 'jobs.example' }).expect(422)).body)).to.deep.equal(['DOMAIN_MISMATCH']);

    const vpJwt = await holder.signVpJwt(payload);
    const res = await verify(vpJwt, { challenge: nonce, domain: 'jobs.example' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body).to.include({ verified: true, format: 'vp+jwt', holder: holder.did });
    expect(res.body.credentials.map((c: { format: string }) => c.format)).to.deep.equal(['vc+jwt', 'data-integrity']);
    expect(codes((await verify(vpJwt, { challenge: nonce, domain: 'jobs.example' }).expect(422)).body)).to.deep.equal(['CHALLENGE_REUSED']);
  });

  it('verifies a VC 1.1 JWT presentation made with did-jwt-vc (vp claim, nonce = challenge, aud = domain) once; refuses none, HS256, other nonce or aud', async () => {
    // A did:key holder of its own (did-jwt signs with the raw secret key) and a VC 1.1 JWT credential from another issuer.
    const pair = await Ed25519Multikey.generate();
    const holderDid = `did:key:${pair.publicKeyMultibase}`;
    const holderJwt = { did: holderDid, signer: EdDSASigner(pair.secretKey as Uint8Array), alg: 'EdDSA' };
    const issuerPair = await Ed25519Multikey.generate();
    const issuerDid = `did:key:${issuerPair.publicKeyMultibase}`;
    const vc1 = await createVerifiableCredentialJwt(
      { sub: holderDid, nbf: Math.floor(Date.now() / 1000) - 60, vc: { '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiableCredential'], credentialSubject: { name: 'Ada' } } },
      { did: issuerDid, signer: EdDSASigner(issuerPair.secretKey as Uint8Array), alg: 'EdDSA' },
    );
    const awardJwt = unwrap(await award(holderDid, { format: 'vc+jwt' }));
    const di = (await award(holderDid)) as Record<string, unknown>;
    // The other issuer is not in this platform's registry: trust everyone here, this test is about the presentation.
    const lenient = verifierApp(platform(), { clock, trustedIssuers: async () => ({ trusted: true }) });
    const verifyHere = (vp: unknown, options: Record<string, unknown>) => request(lenient).post('/presentations/verify').send({ verifiablePresentation: vp, options });
    const nonce = await challenge('jobs.example');
    const expected = { challenge: nonce, domain: 'jobs.example' };
    const present = (claims: Record<string, unknown>) =>
      createVerifiablePresentationJwt(
        { vp: { '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiablePresentation'], verifiableCredential: [vc1, awardJwt] }, ...claims },
        holderJwt,
      );
    const vpJwt = await present({ nonce, aud: 'jobs.example' });
    expect(decodeProtectedHeader(vpJwt).typ).to.equal('JWT');

    const [, body] = vpJwt.split('.') as [string, string, string];
    const none = `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${body}.AAAA`;
    const hsHeader = base64url.encode(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const hs256 = `${hsHeader}.${body}.${createHmac('sha256', pair.publicKey as Uint8Array).update(`${hsHeader}.${body}`).digest('base64url')}`;
    for (const forged of [none, hs256]) {
      expect(codes((await verifyHere(forged, expected).expect(422)).body)).to.deep.equal(['PROOF_VERIFICATION_ERROR']);
    }
    expect(codes((await verifyHere(await present({ nonce: 'not-the-challenge', aud: 'jobs.example' }), expected).expect(422)).body)).to.deep.equal(['CHALLENGE_MISMATCH']);
    expect(codes((await verifyHere(await present({ nonce, aud: 'evil.example' }), expected).expect(422)).body)).to.deep.equal(['DOMAIN_MISMATCH']);

    // None of the refusals above consumed the challenge.
    const res = await verifyHere(vpJwt, expected);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body).to.include({ verified: true, format: 'vp+jwt', holder: holderDid });
    expect(res.body.credentials.map((c: { format: string }) => c.format)).to.deep.equal(['vc+jwt', 'vc+jwt']);
    expect(res.body.credentials[0].issuer).to.equal(issuerDid);
    expect(codes((await verifyHere(vpJwt, expected).expect(422)).body)).to.deep.equal(['CHALLENGE_REUSED']);

    // A JSON-LD credential inside a `vp` claim (did-jwt-vc's builder accepts VC 1.1 objects only; did-jwt signs any claims).
    const nonceDi = await challenge();
    const withDi = await createJWT(
      { vp: { '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiablePresentation'], verifiableCredential: [di] }, nonce: nonceDi },
      { issuer: holderDid, signer: holderJwt.signer },
      { alg: 'EdDSA', typ: 'JWT' },
    );
    const diRes = await verifyHere(withDi, { challenge: nonceDi });
    expect(diRes.status, JSON.stringify(diRes.body)).to.equal(200);
    expect(diRes.body.credentials.map((c: { format: string }) => c.format)).to.deep.equal(['data-integrity']);

    // Presented by someone who is not the credentials' subject: holder binding.
    const stranger = await Ed25519Multikey.generate();
    const nonce2 = await challenge();
    const theirs = await createVerifiablePresentationJwt(
      { vp: { '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiablePresentation'], verifiableCredential: [vc1] }, nonce: nonce2 },
      { did: `did:key:${stranger.publicKeyMultibase}`, signer: EdDSASigner(stranger.secretKey as Uint8Array), alg: 'EdDSA' },
    );
    expect(codes((await verifyHere(theirs, { challenge: nonce2 }).expect(422)).body)).to.deep.equal(['HOLDER_BINDING_ERROR']);
  });

  it('is mounted by server.ts: the platform app issues challenges and verifies presentations once', async () => {
    const vc = (await award()) as Record<string, unknown>;
    const nonce = (await request(platform().app).post('/challenges').send({}).expect(200)).body.challenge as string;
    const vp = await holder.signPresentation([vc], { challenge: nonce });
    const send = () => request(platform().app).post('/presentations/verify').send({ verifiablePresentation: vp, options: { challenge: nonce } });
    const [a, b] = await Promise.all([send(), send()]);
    expect([a.status, b.status].sort()).to.deep.equal([200, 422]);
    expect(await request(platform().app).get('/openapi.json').then((r) => Object.keys(r.body.paths))).to.include.members(['/challenges', '/presentations/verify', '/trust/issuers']);
  });

  it('answers 400 for malformed requests', async () => {
    const nonce = await challenge();
    const vp = await holder.signPresentation([], { challenge: nonce });
    for (const body of [
      {},
      { verifiablePresentation: vp },
      { verifiablePresentation: vp, options: {} },
      { verifiablePresentation: 42, options: { challenge: nonce } },
      { verifiablePresentation: vp, options: { challenge: nonce, unknown: 1 } },
      { verifiablePresentation: vp, options: { challenge: nonce, holderBinding: 'no' } },
      { verifiablePresentation: vp, options: { challenge: nonce }, extra: 1 },
    ]) {
      const res = await request(app).post('/presentations/verify').send(body).expect(400);
      expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
    }
    // A presentation with no credentials (DID authentication) verifies.
    await verify(vp, { challenge: nonce }).expect(200);
  });

  it('rate-limits each verifier route per client: 429 RATE_LIMITED as problem+json', async () => {
    const limited = verifierApp(platform(), { rateLimit: { windowMs: 60_000, limit: 3 } });
    for (let i = 0; i < 3; i += 1) await request(limited).post('/challenges').expect(200);
    const res = await request(limited).post('/challenges').expect(429);
    expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(res.body.code).to.equal('RATE_LIMITED');
    expect(Number(res.headers['retry-after'])).to.be.greaterThan(0);
    // Each route counts on its own.
    await request(limited).post('/presentations/verify').send({}).expect(400);
    await request(limited).post('/credentials/verify').send({}).expect(400);
    for (let i = 0; i < 2; i += 1) await request(limited).post('/credentials/verify').send({});
    expect((await request(limited).post('/credentials/verify').send({}).expect(429)).body.code).to.equal('RATE_LIMITED');
  });
});
