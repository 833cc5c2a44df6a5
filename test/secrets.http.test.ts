/**
 * Security by default: mutating routes need a scoped token, and no private key ever appears in a response or a log
 * line. The test decrypts every stored key with the KEK and searches all responses and logs for the secret bytes.
 */
import { expect } from 'chai';
import request from 'supertest';
import { decryptSecret } from '../crypto/key-encryption.ts';
import { createToken } from '../http/tokens.ts';
import { bearer, forEachPlatform } from './helpers/platform.ts';
import { awardBody } from './awards.http.test.ts';

/** Every spelling of a secret key a leak could take. */
function spellings(secretKey: Uint8Array): string[] {
  const text = Buffer.from(secretKey).toString('utf8'); // the Multikey secretKeyMultibase (z...)
  const buffer = Buffer.from(secretKey);
  return [text, buffer.toString('hex'), buffer.toString('base64'), buffer.toString('base64url')].filter((s) => s.length >= 16);
}

forEachPlatform('tokens and secrets', (platform) => {
  it('refuses a mutating route without a token (401) and with a token lacking the scope (403)', async () => {
    const app = platform().app;
    const none = await request(app).post('/awards').send(awardBody()).expect(401);
    expect(none.body.code).to.equal('UNAUTHENTICATED');
    expect(none.headers['www-authenticate']).to.match(/^Bearer/);
    const { token } = await createToken(platform().store, { label: 'catalog only', scopes: ['catalog'], now: new Date() });
    const wrong = await request(app).post('/awards').set(...bearer(token)).send(awardBody()).expect(403);
    expect(wrong.body.code).to.equal('FORBIDDEN');
    await request(app).post('/credentials/status').set(...bearer(token)).send({ credentialId: 'x', credentialStatus: [] }).expect(403);
    await request(app).post('/credentials/issue').set(...bearer(token)).send({ credential: {} }).expect(403);
  });

  it('lets a revoked token do nothing', async () => {
    const { token, record } = await createToken(platform().store, { label: 'to revoke', scopes: ['issue'], now: new Date() });
    await request(platform().app).post('/awards').set(...bearer(token)).send(awardBody()).expect(201);
    await platform().store.tokens.revoke(record.id, new Date());
    await request(platform().app).post('/awards').set(...bearer(token)).send(awardBody()).expect(401);
  });

  it('never returns or logs a private key, whatever the route', async () => {
    const { app, store, issuerDeps, logLines } = platform();
    const responses: string[] = [];
    const keep = (res: request.Response) => responses.push(JSON.stringify(res.headers) + res.text);
    for (const format of [{}, { cryptosuite: 'ecdsa-rdfc-2019' }, { format: 'vc+jwt' }, { format: 'vc+jwt', alg: 'ES256' }]) {
      const res = await request(app).post('/awards').set(...bearer()).send(awardBody({ options: format })).expect(201);
      keep(res);
      const vc = res.body.verifiableCredential;
      if (typeof vc === 'object') keep(await request(app).get(new URL(vc.credentialStatus[0].statusListCredential).pathname).expect(200));
    }
    for (const path of ['/issuers', '/issuers/academy', '/.well-known/did.json', '/achievements', '/openapi.json', '/healthz']) {
      keep(await request(app).get(path));
    }
    // The platform's own issuers (storage tests in the same database insert placeholder keys of their own).
    const issuers = (await store.issuers.list()).filter((i) => i.slug === 'academy' || i.slug.startsWith('web-issuer'));
    const secrets: string[] = [];
    for (const issuer of issuers) {
      for (const key of await store.keys.listByIssuer(issuer.id)) {
        const secret = decryptSecret(issuerDeps.kek, key.encryptedSecretKey, `proofline:secret-key:${key.id}`);
        secrets.push(...spellings(secret));
        // The envelope itself is not for the wire either.
        secrets.push(key.encryptedSecretKey);
      }
    }
    expect(secrets.length).to.be.greaterThan(8);
    const haystacks = [...responses, ...logLines];
    expect(logLines.length).to.be.greaterThan(0);
    for (const secret of secrets) {
      for (const text of haystacks) expect(text.includes(secret), 'a secret key leaked').to.equal(false);
    }
    // Nor the bearer token.
    for (const line of logLines) expect(line).not.to.include('test-admin-token');
  });
});
