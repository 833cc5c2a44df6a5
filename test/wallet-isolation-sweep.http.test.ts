/**
 * Isolation, swept from the OpenAPI document (issue 5: "a test that walks every wallet route"): holder B gets 404 on
 * every /wallet route that names one of holder A's credentials, share links, email addresses or applications, and B's
 * listings hold nothing of A's. A route added later with a path parameter fails this test until it is covered here.
 */
import { expect } from 'chai';
import request from 'supertest';
import { awardBody } from './awards.http.test.ts';
import { bearer, forEachPlatform } from './helpers/platform.ts';
import { uniqueId } from './helpers/store.ts';

const PASSWORD = 'correct horse battery staple';
const JOB = 'kestrel-senior-agent-engineer';

forEachPlatform('wallet isolation sweep', (platform) => {
  const app = () => platform().app;

  async function holder() {
    const email = `${uniqueId('sweep')}@example.com`;
    const created = await request(app()).post('/wallet/accounts').send({ email, password: PASSWORD }).expect(201);
    const { accessToken } = (await request(app()).post('/wallet/sessions').send({ email, password: PASSWORD }).expect(200)).body;
    return { id: created.body.id as string, did: created.body.did as string, email, auth: ['Authorization', `Bearer ${accessToken as string}`] as [string, string] };
  }

  it("answers 404 to holder B for every wallet route naming holder A's ids, and lists nothing of A's", async () => {
    const a = await holder();
    const b = await holder();
    await request(app()).post('/awards').set(...bearer()).send(awardBody({ achievement: 'ai-agents-expert', recipient: { did: a.did }, result: { score: 91 } })).expect(201);
    const credentialId = (await request(app()).post('/wallet/credentials/sync').set(...a.auth).expect(200)).body.added[0].id as string;
    const shareId = (await request(app()).post('/wallet/shares').set(...a.auth).send({ credentialIds: [credentialId], expiresInSeconds: 3600 }).expect(201)).body.id as string;
    const email = await platform().store.holderEmails.startProof({ id: uniqueId('email'), holderId: a.id, email: `${uniqueId('a')}@example.org`, codeHash: 'x'.repeat(64), codeExpiresAt: new Date(Date.now() + 600_000), createdAt: new Date(), failedAttempts: 0 });
    const ch = (await request(app()).post(`/jobs/${JOB}/challenge`).expect(200)).body as { challenge: string; domain: string };
    const vp = (await request(app()).post('/wallet/presentations').set(...a.auth).send({ challenge: ch.challenge, domain: ch.domain, credentialIds: [credentialId] }).expect(201)).body.verifiablePresentation;
    const applied = await request(app()).post(`/jobs/${JOB}/applications`).send({ verifiablePresentation: vp, options: { challenge: ch.challenge } });
    expect(applied.status, JSON.stringify(applied.body)).to.be.oneOf([200, 201]);
    const applicationId = applied.body.applicationId as string;

    const idFor: Record<string, string> = {
      '/wallet/credentials/{id}': credentialId,
      '/wallet/shares/{id}': shareId,
      '/wallet/emails/{id}': email.id,
      '/wallet/applications/{applicationId}': applicationId,
    };
    const bodyFor: Record<string, object> = {
      confirmEmailProof: { code: '12345678' },
      consentToReveal: { share: {} },
    };
    const doc = (await request(app()).get('/openapi.json').expect(200)).body as { paths: Record<string, Record<string, { operationId: string }>> };
    let swept = 0;
    for (const [path, operations] of Object.entries(doc.paths)) {
      if (!path.startsWith('/wallet/') || !path.includes('{')) continue;
      const prefix = Object.keys(idFor).find((p) => path.startsWith(p));
      expect(prefix, `${path} is not covered by the isolation sweep`).to.exist;
      const url = path.replace(prefix!, prefix!.replace(/\{[^}]+\}/, idFor[prefix!]!));
      for (const [method, operation] of Object.entries(operations)) {
        const call = request(app())[method as 'get' | 'post' | 'delete'](url).set(...b.auth);
        const res = method === 'get' || method === 'delete' ? await call : await call.send(bodyFor[operation.operationId] ?? {});
        expect(res.status, `${method.toUpperCase()} ${path} (${operation.operationId}) as holder B`).to.equal(404);
        swept += 1;
      }
    }
    expect(swept).to.be.at.least(10);

    // Routes that take A's ids in the body.
    const challenge = (await request(app()).post('/challenges').send({ domain: 'jobs.example' }).expect(200)).body.challenge as string;
    await request(app()).post('/wallet/presentations').set(...b.auth).send({ challenge, credentialIds: [credentialId] }).expect(404);
    await request(app()).post('/wallet/presentations').set(...b.auth).send({ challenge, credentialIds: [credentialId], disclose: { [credentialId]: ['/issuer'] } }).expect(404);
    await request(app()).post('/wallet/shares').set(...b.auth).send({ credentialIds: [credentialId], expiresInSeconds: 3600 }).expect(404);

    // Listings of B: nothing of A's.
    const secrets = [credentialId, shareId, email.id, email.email, applicationId, a.did, a.email];
    for (const path of ['/wallet/account', '/wallet/credentials', '/wallet/shares', '/wallet/emails', '/wallet/applications', '/wallet/export', '/wallet/recommendations']) {
      const res = await request(app()).get(path).set(...b.auth);
      expect(res.status, path).to.equal(200);
      for (const secret of secrets) expect(res.text, `${path} shows ${secret}`).not.to.include(secret);
    }
    // And A still has everything.
    await request(app()).get(`/wallet/credentials/${credentialId}`).set(...a.auth).expect(200);
    expect((await request(app()).get('/wallet/applications').set(...a.auth).expect(200)).text).to.include(applicationId);
  });
});
