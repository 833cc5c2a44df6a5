/**
 * Awards addressed to an email reach the holder who proves the address (issue 5 item 2a), through HTTP and a real
 * SMTP exchange: the one-time code is read from the message a loopback SMTP server received. Wrong, expired and
 * exhausted codes are refused; one address has one prover; another holder's ids answer 404.
 */
import { expect } from 'chai';
import request from 'supertest';
import { createLogger } from '../http/logger.ts';
import { openPlatform, type Platform } from '../server.ts';
import { awardBody } from './awards.http.test.ts';
import { ADMIN_TOKEN, bearer, forEachPlatform, testConfig } from './helpers/platform.ts';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink.ts';
import { testStores, uniqueId } from './helpers/store.ts';

const PASSWORD = 'correct horse battery staple';

for (const testStore of testStores()) {
  describe(`wallet email addresses (${testStore.name})`, function () {
    this.timeout(120_000);
    let sink: SmtpSink;
    let platform: Platform;
    let offsetMs = 0;
    const app = () => platform.app;

    before(async () => {
      sink = await startSmtpSink();
      const store = await testStore.open();
      const logger = createLogger({ level: 'silent' });
      // A second platform on the shared test store, with mail going to the sink and a clock the test can move.
      platform = await openPlatform(testConfig({ PROOFLINE_SMTP_URL: sink.url, PROOFLINE_MAIL_FROM: 'Proofline <codes@academy.test>' }), {
        store,
        logger,
        clock: () => new Date(Date.now() + offsetMs),
      });
    });
    after(async () => {
      await platform.log.stop(); // not close(): the store is shared with the other tests
      await sink.close();
    });

    async function signIn(email: string): Promise<[string, string]> {
      const { accessToken } = (await request(app()).post('/wallet/sessions').send({ email, password: PASSWORD }).expect(200)).body;
      return ['Authorization', `Bearer ${accessToken as string}`];
    }
    async function newHolder(email = `${uniqueId('holder')}@example.com`): Promise<[string, string]> {
      await request(app()).post('/wallet/accounts').send({ email, password: PASSWORD }).expect(201);
      return signIn(email);
    }
    function codeSentTo(address: string): string {
      const mail = sink.messages.filter((m) => m.to.includes(address)).at(-1);
      expect(mail, `a message to ${address}`).to.exist;
      const match = /Your Proofline code: ([0-9]{8})/.exec(mail!.raw);
      expect(match, 'a code in the subject').to.exist;
      return match![1]!;
    }
    async function requestProof(auth: [string, string], email: string): Promise<string> {
      const res = await request(app()).post('/wallet/emails').set(...auth).send({ email }).expect(202);
      expect(res.body).to.include({ email: email.toLowerCase(), proven: false });
      return res.body.id as string;
    }
    const prove = (auth: [string, string], id: string, code: string) => request(app()).post(`/wallet/emails/${id}/proof`).set(...auth).send({ code });

    it('an award to an address arrives in the wallet once the holder proves the address', async () => {
      const address = `${uniqueId('Ada')}@Example.org`;
      const award = await request(app()).post('/awards').set(...bearer(ADMIN_TOKEN)).send(awardBody({ recipient: { email: address } })).expect(201);
      const holder = await newHolder();
      const id = await requestProof(holder, address);
      const code = codeSentTo(address.toLowerCase());
      expect(sink.messages.at(-1)!.from).to.equal('codes@academy.test');
      // Nothing arrives before the proof.
      expect((await request(app()).post('/wallet/credentials/sync').set(...holder).expect(200)).body.added).to.have.length(0);
      const wrong = code === '00000000' ? '11111111' : '00000000';
      const refused = await prove(holder, id, wrong).expect(422);
      expect(refused.headers['content-type']).to.match(/application\/problem\+json/);
      expect(refused.body.code).to.equal('VALIDATION_FAILED');
      const proven = await prove(holder, id, code).expect(200);
      expect(proven.body.email).to.include({ proven: true });
      expect(proven.body.added).to.have.length(1);
      const kept = await request(app()).get(`/wallet/credentials/${proven.body.added[0].id as string}`).set(...holder).expect(200);
      expect(kept.body.verifiableCredential).to.deep.equal(award.body.verifiableCredential); // as issued
      expect(kept.body.status).to.equal('verified');
      const listed = (await request(app()).get('/wallet/emails').set(...holder).expect(200)).body.emails;
      expect(listed).to.have.length(1);
      expect(listed[0]).to.include({ id, proven: true, codeExpiresAt: null });
    });

    it('one address has one prover: a second holder who gets a code is refused with 409', async () => {
      const address = `${uniqueId('shared')}@example.org`;
      const first = await newHolder();
      const second = await newHolder();
      const firstId = await requestProof(first, address);
      await prove(first, firstId, codeSentTo(address)).expect(200);
      const secondId = await requestProof(second, address);
      const res = await prove(second, secondId, codeSentTo(address)).expect(409);
      expect(res.body.code).to.equal('CONFLICT');
    });

    it('refuses an expired code; five tries per address and hour (a new code does not reset them); one code a minute', async () => {
      const address = `${uniqueId('retry')}@example.org`;
      const account = `${uniqueId('holder')}@example.com`;
      await newHolder(account);
      /** Moves the server's clock to `minutes` from now and signs in again there (access tokens last 15 minutes). */
      const at = async (minutes: number) => {
        offsetMs = minutes * 60_000;
        return signIn(account);
      };
      try {
        const id = await requestProof(await at(0), address);
        const expiredCode = codeSentTo(address);
        let holder = await at(16); // past the code's 15 minutes
        expect(JSON.stringify((await prove(holder, id, expiredCode).expect(422)).body)).to.match(/expired/);
        await requestProof(holder, address);
        const code = codeSentTo(address);
        // A second code within the minute is refused (mail to an address is rate-limited).
        const again = await request(app()).post('/wallet/emails').set(...holder).send({ email: address }).expect(429);
        expect(again.body.code).to.equal('RATE_LIMITED');
        expect(Number(again.headers['retry-after'])).to.be.greaterThan(0);
        const wrong = code === '99999999' ? '88888888' : '99999999';
        for (let i = 0; i < 5; i += 1) await prove(holder, id, wrong).expect(422);
        const locked = await prove(holder, id, code).expect(422);
        expect(JSON.stringify(locked.body)).to.match(/too many wrong codes/);
        // A new code does not reset the count within the hour after the last code expired...
        holder = await at(20);
        expect((await request(app()).post('/wallet/emails').set(...holder).send({ email: address }).expect(429)).body.code).to.equal('RATE_LIMITED');
        // ...after it, a new code works.
        holder = await at(16 + 15 + 61);
        await requestProof(holder, address);
        await prove(holder, id, codeSentTo(address)).expect(200);
      } finally {
        offsetMs = 0;
      }
    });

    it("another holder's address ids answer 404 on every email route; no token answers 401; bad input 422", async () => {
      const owner = await newHolder();
      const other = await newHolder();
      const address = `${uniqueId('mine')}@example.org`;
      const id = await requestProof(owner, address);
      await prove(other, id, codeSentTo(address)).expect(404);
      await request(app()).delete(`/wallet/emails/${id}`).set(...other).expect(404);
      expect((await request(app()).get('/wallet/emails').set(...other).expect(200)).body.emails).to.deep.equal([]);
      await request(app()).get('/wallet/emails').expect(401);
      await request(app()).post('/wallet/emails').send({ email: address }).expect(401);
      // Authentication comes before validation: no token is a 401 even with a bad body.
      await request(app()).post('/wallet/emails').send({ email: 'not an address' }).expect(401);
      await request(app()).post('/wallet/presentations').send({ nonsense: true }).expect(401);
      await request(app()).post('/wallet/emails').set(...owner).send({ email: 'not an address' }).expect(422);
      await request(app()).post(`/wallet/emails/${id}/proof`).set(...owner).send({ code: '12ab' }).expect(422);
      await request(app()).delete(`/wallet/emails/${id}`).set(...owner).expect(204);
      await request(app()).get('/wallet/emails').set(...owner).expect(200, { emails: [] });
    });
  });
}

forEachPlatform('wallet email addresses without mail', (platform) => {
  it('answers 503 MAIL_UNAVAILABLE when PROOFLINE_SMTP_URL is not set (no code is made or logged)', async () => {
    const email = `${uniqueId('nomail')}@example.com`;
    await request(platform().app).post('/wallet/accounts').send({ email, password: PASSWORD }).expect(201);
    const { accessToken } = (await request(platform().app).post('/wallet/sessions').send({ email, password: PASSWORD }).expect(200)).body;
    const res = await request(platform().app).post('/wallet/emails').set('Authorization', `Bearer ${accessToken as string}`).send({ email: 'someone@example.org' }).expect(503);
    expect(res.body.code).to.equal('MAIL_UNAVAILABLE');
    expect(res.headers['content-type']).to.match(/application\/problem\+json/);
    expect(platform().logLines.join('\n')).not.to.include('someone@example.org');
  });
});
