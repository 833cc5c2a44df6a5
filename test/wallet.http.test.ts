/**
 * The wallet through HTTP (PGlite, and PostgreSQL when DATABASE_URL is set): holders sign up, receive Academy awards,
 * import other issuers' credentials, browse, recheck, export and present them to POST /presentations/verify; sessions
 * rotate and revoke; a holder reaches only their own credentials.
 */
import { expect } from 'chai';
import request from 'supertest';
import { awardBody } from './awards.http.test.ts';
import { issueWithFreshDidKey } from './helpers/independent-verifier.ts';
import { ADMIN_TOKEN, bearer, forEachPlatform } from './helpers/platform.ts';
import { uniqueId } from './helpers/store.ts';

const PASSWORD = 'correct horse battery staple';

interface Tokens {
  accessToken: string;
  refreshToken: string;
}

const externalCredential = (subjectDid: string) =>
  issueWithFreshDidKey(subjectDid, { name: 'Data literacy workshop (External Institute)' });

forEachPlatform('wallet API', (platform) => {
  const app = () => platform().app;
  const auth = (tokens: Tokens): [string, string] => ['Authorization', `Bearer ${tokens.accessToken}`];

  async function newHolder(): Promise<{ email: string; did: string; tokens: Tokens }> {
    const email = `${uniqueId('learner')}@example.com`;
    const created = await request(app()).post('/wallet/accounts').send({ email, password: PASSWORD }).expect(201);
    const tokens = (await request(app()).post('/wallet/sessions').send({ email, password: PASSWORD }).expect(200)).body as Tokens;
    return { email, did: created.body.did as string, tokens };
  }
  async function award(recipient: string, options?: Record<string, unknown>) {
    const res = await request(app()).post('/awards').set(...bearer()).send(awardBody({ recipient: { did: recipient }, ...(options ? { options } : {}) })).expect(201);
    return res.body.verifiableCredential as Record<string, unknown> | string;
  }
  async function syncOne(tokens: Tokens): Promise<string> {
    const res = await request(app()).post('/wallet/credentials/sync').set(...auth(tokens)).expect(200);
    expect(res.body.added).to.have.length(1);
    return res.body.added[0].id as string;
  }
  async function challenge(domain: string): Promise<string> {
    return (await request(app()).post('/challenges').send({ domain }).expect(200)).body.challenge as string;
  }
  const present = (tokens: Tokens, body: Record<string, unknown>) => request(app()).post('/wallet/presentations').set(...auth(tokens)).send(body);
  const verify = (verifiablePresentation: unknown, options: Record<string, unknown>) => request(app()).post('/presentations/verify').send({ verifiablePresentation, options });

  describe('holders', () => {
    it('signs up with an Ed25519 did:key whose secret is sealed under the KEK and never returned', async () => {
      const email = `${uniqueId('Learner')}@Example.com`;
      const res = await request(app()).post('/wallet/accounts').send({ email, password: PASSWORD }).expect(201);
      expect(res.body.email).to.equal(email.toLowerCase());
      expect(res.body.did).to.match(/^did:key:z6Mk[1-9A-HJ-NP-Za-km-z]+$/);
      expect(JSON.stringify(res.body)).not.to.match(/secret|password|encrypted/i);
      const [key] = await platform().store.holderKeys.listByHolder(res.body.id);
      expect(key!.encryptedSecretKey).to.match(/^v1\./);
      const holder = await platform().store.holders.getById(res.body.id);
      expect(holder!.passwordHash).to.match(/^scrypt\$15\$/);
      expect(holder!.passwordHash).not.to.include(PASSWORD);

      await request(app()).post('/wallet/accounts').send({ email: email.toUpperCase(), password: PASSWORD }).expect(409);
      await request(app()).post('/wallet/accounts').send({ email: `${uniqueId('x')}@example.com`, password: 'short' }).expect(422);
      await request(app()).post('/wallet/accounts').send({ email: 'not-an-email', password: PASSWORD }).expect(422);
    });

    it('refuses a wrong password and an unknown email alike', async () => {
      const { email } = await newHolder();
      const wrong = await request(app()).post('/wallet/sessions').send({ email, password: 'wrong password!' }).expect(401);
      const unknown = await request(app()).post('/wallet/sessions').send({ email: `${uniqueId('nobody')}@example.com`, password: PASSWORD }).expect(401);
      expect(wrong.body.detail).to.equal(unknown.body.detail);
    });

    it('locks an account after 5 failed sign-ins: even the right password is refused, with Retry-After', async () => {
      const { email } = await newHolder();
      for (let i = 0; i < 4; i += 1) await request(app()).post('/wallet/sessions').send({ email, password: `wrong-${i}-password` }).expect(401);
      const fifth = await request(app()).post('/wallet/sessions').send({ email, password: 'wrong-5-password' }).expect(429);
      expect(fifth.body.code).to.equal('RATE_LIMITED');
      const locked = await request(app()).post('/wallet/sessions').send({ email, password: PASSWORD }).expect(429);
      expect(Number(locked.headers['retry-after'])).to.be.within(1, 900);
    });

    it('locks an email without an account after 5 failures too: the answers do not tell whether an account exists', async () => {
      const { email } = await newHolder();
      const nobody = `${uniqueId('nobody')}@example.com`;
      for (let i = 0; i < 6; i += 1) {
        const known = await request(app()).post('/wallet/sessions').send({ email, password: `wrong-${i}-password` });
        const unknown = await request(app()).post('/wallet/sessions').send({ email: nobody, password: `wrong-${i}-password` });
        expect([unknown.status, unknown.body.code, unknown.body.detail], `attempt ${i + 1}`).to.deep.equal([known.status, known.body.code, known.body.detail]);
        expect(unknown.status).to.equal(i < 4 ? 401 : 429);
        expect(Math.abs(Number(unknown.headers['retry-after'] ?? 0) - Number(known.headers['retry-after'] ?? 0))).to.be.at.most(1);
      }
    });

    it('issues short-lived access tokens and rotates refresh tokens; a reused refresh token revokes the session', async () => {
      const { tokens } = await newHolder();
      await request(app()).get('/wallet/account').set(...auth(tokens)).expect(200);
      const signIn = await request(app()).post('/wallet/sessions').send({ email: (await request(app()).get('/wallet/account').set(...auth(tokens))).body.email, password: PASSWORD }).expect(200);
      expect(signIn.body).to.include({ tokenType: 'Bearer', expiresIn: 900, refreshExpiresIn: 2_592_000 });
      expect(signIn.headers['cache-control']).to.equal('no-store');

      const second = (await request(app()).post('/wallet/sessions/refresh').send({ refreshToken: tokens.refreshToken }).expect(200)).body as Tokens;
      expect(second.accessToken).not.to.equal(tokens.accessToken);
      expect(second.refreshToken).not.to.equal(tokens.refreshToken);
      // The rotated pair stops working; the new one works.
      await request(app()).get('/wallet/account').set(...auth(tokens)).expect(401);
      await request(app()).get('/wallet/account').set(...auth(second)).expect(200);
      // Reuse of the first refresh token: refused, and the whole family is revoked.
      await request(app()).post('/wallet/sessions/refresh').send({ refreshToken: tokens.refreshToken }).expect(401);
      await request(app()).get('/wallet/account').set(...auth(second)).expect(401);
      await request(app()).post('/wallet/sessions/refresh').send({ refreshToken: second.refreshToken }).expect(401);
      // Another sign-in (another family) is untouched.
      await request(app()).get('/wallet/account').set(...auth(signIn.body as Tokens)).expect(200);
    });

    it('signs out for real: the access and refresh tokens stop working', async () => {
      const { tokens } = await newHolder();
      await request(app()).delete('/wallet/sessions/current').set(...auth(tokens)).expect(204);
      await request(app()).get('/wallet/account').set(...auth(tokens)).expect(401);
      await request(app()).post('/wallet/sessions/refresh').send({ refreshToken: tokens.refreshToken }).expect(401);
    });

    it('refuses every holder route without a holder access token, an API token included', async () => {
      const routes: [string, string][] = [
        ['delete', '/wallet/sessions/current'],
        ['get', '/wallet/account'],
        ['post', '/wallet/did/rotate'],
        ['get', '/wallet/credentials'],
        ['post', '/wallet/credentials'],
        ['post', '/wallet/credentials/sync'],
        ['get', '/wallet/credentials/x'],
        ['post', '/wallet/credentials/x/recheck'],
        ['delete', '/wallet/credentials/x'],
        ['get', '/wallet/export'],
        ['post', '/wallet/presentations'],
      ];
      for (const [method, path] of routes) {
        const send = (r: request.Test) => (method === 'post' ? r.send({ verifiableCredential: 'x', challenge: 'c', credentialIds: ['x'] }) : r);
        const anonymous = await send((request(app()) as unknown as Record<string, (p: string) => request.Test>)[method]!(path));
        expect(anonymous.status, `${method} ${path}`).to.be.oneOf([401, 422]);
        const withApiToken = await send((request(app()) as unknown as Record<string, (p: string) => request.Test>)[method]!(path).set('Authorization', `Bearer ${ADMIN_TOKEN}`));
        expect(withApiToken.status, `${method} ${path} with an API token`).to.be.oneOf([401, 422]);
        if (method !== 'post') expect(anonymous.status).to.equal(401);
      }
    });
  });

  describe('receiving and presenting', () => {
    it('end to end: an award to the holder\'s DID is synced, presented with a fresh challenge, verified once', async () => {
      const { did, tokens } = await newHolder();
      const issued = (await award(did)) as Record<string, unknown>;
      const id = await syncOne(tokens);
      // Sync again: nothing new.
      expect((await request(app()).post('/wallet/credentials/sync').set(...auth(tokens)).expect(200)).body.added).to.deep.equal([]);

      const kept = (await request(app()).get(`/wallet/credentials/${id}`).set(...auth(tokens)).expect(200)).body;
      expect(kept).to.include({ source: 'academy', format: 'data-integrity', status: 'verified', verified: true, credentialId: issued.id });
      expect(kept.verifiableCredential).to.deep.equal(issued);
      expect(kept.skills.length).to.be.greaterThan(0);
      const row = await platform().store.credentials.getById(issued.id as string);
      const exported = (await request(app()).get('/wallet/export').set(...auth(tokens)).expect(200)).body;
      expect(exported.credentials.map((c: { secured: string }) => c.secured)).to.deep.equal([row!.secured]);

      const nonce = await challenge('jobs.example');
      const made = await present(tokens, { challenge: nonce, domain: 'jobs.example', credentialIds: [id] }).expect(201);
      const vp = made.body.verifiablePresentation;
      expect(vp.holder).to.equal(did);
      expect(vp.proof).to.include({ cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'authentication', challenge: nonce, domain: 'jobs.example' });
      const verified = await verify(vp, { challenge: nonce, domain: 'jobs.example' });
      expect(verified.status, JSON.stringify(verified.body)).to.equal(200);
      expect(verified.body).to.include({ verified: true, holder: did });
      expect(verified.body.credentials[0]).to.include({ verified: true, credentialId: issued.id });

      const replay = await verify(vp, { challenge: nonce, domain: 'jobs.example' }).expect(422);
      expect(replay.body.problemDetails.map((p: { code: string }) => p.code)).to.deep.equal(['CHALLENGE_REUSED']);
    });

    it('presents a vc+jwt award as an enveloped credential', async () => {
      const { did, tokens } = await newHolder();
      const jwt = (await award(did, { format: 'vc+jwt', alg: 'EdDSA' })) as string;
      const id = await syncOne(tokens);
      const kept = (await request(app()).get(`/wallet/credentials/${id}`).set(...auth(tokens)).expect(200)).body;
      expect(kept).to.include({ format: 'vc+jwt', verifiableCredential: jwt, status: 'verified' });
      const nonce = await challenge('jobs.example');
      const vp = (await present(tokens, { challenge: nonce, domain: 'jobs.example', credentialIds: [id] }).expect(201)).body.verifiablePresentation;
      const verified = await verify(vp, { challenge: nonce, domain: 'jobs.example' });
      expect(verified.status, JSON.stringify(verified.body)).to.equal(200);
    });

    it('imports another issuer\'s credential, verified and kept byte for byte', async () => {
      const { did, tokens } = await newHolder();
      const credential = await externalCredential(did);
      const text = `${JSON.stringify(credential, null, 2)}\n`;
      const res = await request(app()).post('/wallet/credentials').set(...auth(tokens)).send({ verifiableCredential: text }).expect(201);
      expect(res.body).to.include({ source: 'import', status: 'verified', verified: true, issuer: credential.issuer, name: credential.name });
      expect(res.body.verification).to.include({ verified: true });
      expect(res.body.verifiableCredential).to.deep.equal(credential);
      // The same bytes again: the kept copy, not a second one.
      const again = await request(app()).post('/wallet/credentials').set(...auth(tokens)).send({ verifiableCredential: text }).expect(200);
      expect(again.body.id).to.equal(res.body.id);
      const exported = (await request(app()).get('/wallet/export').set(...auth(tokens)).expect(200)).body;
      expect(exported.credentials.find((c: { id: string }) => c.id === res.body.id).secured).to.equal(text);
      // Presented with the holder's DID and verified (the verifier's trust registry is its own business).
      const nonce = await challenge('jobs.example');
      const vp = (await present(tokens, { challenge: nonce, domain: 'jobs.example', credentialIds: [res.body.id] }).expect(201)).body.verifiablePresentation;
      const verified = await verify(vp, { challenge: nonce, domain: 'jobs.example' });
      expect(verified.body.checks).to.include('proof');
      expect(verified.body.credentials[0].problemDetails.map((p: { code: string }) => p.code)).not.to.include('PROOF_VERIFICATION_ERROR');
    });

    it('keeps a tampered import as unverified with its problems, never shown as valid nor presented', async () => {
      const { did, tokens } = await newHolder();
      const credential = await externalCredential(did);
      const tampered = { ...credential, name: 'Doctorate in everything' };
      const res = await request(app()).post('/wallet/credentials').set(...auth(tokens)).send({ verifiableCredential: tampered }).expect(201);
      expect(res.body).to.include({ status: 'unverified', verified: false });
      expect(res.body.verification.problemDetails.map((p: { code: string }) => p.code)).to.include('PROOF_VERIFICATION_ERROR');
      expect(res.body.verifiableCredential).to.deep.equal(tampered);
      const verifiedOnly = (await request(app()).get('/wallet/credentials?status=verified').set(...auth(tokens)).expect(200)).body.credentials;
      expect(verifiedOnly.map((c: { id: string }) => c.id)).not.to.include(res.body.id);
      const nonce = await challenge('jobs.example');
      const refused = await present(tokens, { challenge: nonce, domain: 'jobs.example', credentialIds: [res.body.id] }).expect(422);
      expect(refused.body.errors[0].pointer).to.equal('/credentialIds/0');
      // Not a credential at all: refused, nothing kept.
      await request(app()).post('/wallet/credentials').set(...auth(tokens)).send({ verifiableCredential: 'hello' }).expect(422);
      expect((await request(app()).get('/wallet/credentials').set(...auth(tokens)).expect(200)).body.credentials).to.have.length(1);
    });

    it('filters, rechecks (revoked), deletes and exports', async () => {
      const { did, tokens } = await newHolder();
      const issued = (await award(did)) as Record<string, unknown>;
      const academyId = await syncOne(tokens);
      const external = await externalCredential(did);
      const importedId = (await request(app()).post('/wallet/credentials').set(...auth(tokens)).send({ verifiableCredential: external }).expect(201)).body.id as string;
      const list = async (query: string) =>
        ((await request(app()).get(`/wallet/credentials${query}`).set(...auth(tokens)).expect(200)).body.credentials as { id: string }[]).map((c) => c.id);
      expect(await list('')).to.deep.equal([importedId, academyId]);
      expect(await list(`?issuer=${encodeURIComponent(external.issuer as string)}`)).to.deep.equal([importedId]);
      const subject = issued.credentialSubject as { achievement: { id: string } };
      expect(await list(`?achievement=${encodeURIComponent(subject.achievement.id)}`)).to.deep.equal([academyId]);
      const skill = ((await request(app()).get(`/wallet/credentials/${academyId}`).set(...auth(tokens))).body.skills as string[])[0]!;
      expect(await list(`?skill=${encodeURIComponent(skill)}`)).to.deep.equal([academyId]);
      expect(await list('?expiresBefore=2100-01-01T00:00:00Z')).to.deep.equal([academyId]);
      expect(await list('?expiresAfter=2100-01-01T00:00:00Z')).to.deep.equal([importedId]);
      await request(app()).get('/wallet/credentials?status=bogus').set(...auth(tokens)).expect(422);

      await request(app()).post('/credentials/status').set(...bearer()).send({ credentialId: issued.id, credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose: 'revocation', status: true }] }).expect(200);
      const rechecked = (await request(app()).post(`/wallet/credentials/${academyId}/recheck`).set(...auth(tokens)).expect(200)).body;
      expect(rechecked).to.include({ status: 'revoked', verified: false });
      expect(rechecked.verification.problemDetails.map((p: { code: string }) => p.code)).to.deep.equal(['REVOKED']);
      expect(await list('?status=revoked')).to.deep.equal([academyId]);

      await request(app()).delete(`/wallet/credentials/${importedId}`).set(...auth(tokens)).expect(204);
      await request(app()).get(`/wallet/credentials/${importedId}`).set(...auth(tokens)).expect(404);
      const exported = (await request(app()).get('/wallet/export').set(...auth(tokens)).expect(200)).body;
      expect(exported).to.include({ format: 'proofline-wallet-export/1' });
      expect(exported.account.did).to.equal(did);
      expect(exported.credentials.map((c: { id: string; status: string }) => [c.id, c.status])).to.deep.equal([[academyId, 'revoked']]);
    });

    it('rotates the holder DID: new awards go to the new DID, earlier ones still present with the old key', async () => {
      const { did: oldDid, tokens } = await newHolder();
      await award(oldDid);
      const oldId = await syncOne(tokens);
      const rotated = (await request(app()).post('/wallet/did/rotate').set(...auth(tokens)).expect(200)).body;
      expect(rotated.did).to.match(/^did:key:z6Mk/).and.not.equal(oldDid);
      expect(rotated.dids.map((d: { did: string; status: string }) => [d.did, d.status])).to.deep.equal([[oldDid, 'retired'], [rotated.did, 'active']]);
      await award(rotated.did);
      const newId = await syncOne(tokens);
      for (const [id, holder] of [[oldId, oldDid], [newId, rotated.did]] as const) {
        const nonce = await challenge('jobs.example');
        const vp = (await present(tokens, { challenge: nonce, domain: 'jobs.example', credentialIds: [id] }).expect(201)).body.verifiablePresentation;
        expect(vp.holder).to.equal(holder);
        const verified = await verify(vp, { challenge: nonce, domain: 'jobs.example' });
        expect(verified.status, JSON.stringify(verified.body)).to.equal(200);
      }
    });
  });

  describe('isolation', () => {
    it('gives holder B a 404 for every route with holder A\'s credential ids, and nothing of A\'s in lists or exports', async () => {
      const a = await newHolder();
      const b = await newHolder();
      await award(a.did);
      const id = await syncOne(a.tokens);
      await request(app()).get(`/wallet/credentials/${id}`).set(...auth(b.tokens)).expect(404);
      await request(app()).post(`/wallet/credentials/${id}/recheck`).set(...auth(b.tokens)).expect(404);
      await request(app()).delete(`/wallet/credentials/${id}`).set(...auth(b.tokens)).expect(404);
      const nonce = await challenge('jobs.example');
      await present(b.tokens, { challenge: nonce, domain: 'jobs.example', credentialIds: [id] }).expect(404);
      expect((await request(app()).get('/wallet/credentials').set(...auth(b.tokens)).expect(200)).body.credentials).to.deep.equal([]);
      expect((await request(app()).get('/wallet/export').set(...auth(b.tokens)).expect(200)).body.credentials).to.deep.equal([]);
      // B's sync does not pull A's awards.
      expect((await request(app()).post('/wallet/credentials/sync').set(...auth(b.tokens)).expect(200)).body.added).to.deep.equal([]);
      // A's credential is untouched.
      expect((await request(app()).get(`/wallet/credentials/${id}`).set(...auth(a.tokens)).expect(200)).body.status).to.equal('verified');
    });
  });
});
