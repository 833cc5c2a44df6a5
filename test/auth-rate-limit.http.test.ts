/**
 * PROOFLINE_AUTH_RATE_LIMIT: sign-up, sign-in and refresh of holders and employers are limited per client and minute
 * (429 RATE_LIMITED with Retry-After); other routes are not counted against it.
 */
import { expect } from 'chai';
import request from 'supertest';
import { createLogger } from '../http/logger.ts';
import { openPlatform, type Platform } from '../server.ts';
import { testConfig } from './helpers/platform.ts';
import { testStores, uniqueId } from './helpers/store.ts';

describe('auth rate limit (pglite)', function () {
  this.timeout(120_000);
  let platform: Platform;
  before(async () => {
    const [pglite] = testStores();
    platform = await openPlatform(testConfig({ PROOFLINE_AUTH_RATE_LIMIT: '3' }), { store: await pglite!.open(), logger: createLogger({ level: 'silent' }), loadStarterCatalog: false });
  });
  after(() => platform.log.stop()); // not close(): the store is shared with the other tests

  it('refuses the 4th holder sign-in of a minute with 429 and Retry-After', async () => {
    const body = { email: `${uniqueId('limited')}@example.com`, password: 'wrong password here' };
    for (let i = 0; i < 3; i += 1) await request(platform.app).post('/wallet/sessions').send(body).expect(401);
    const limited = await request(platform.app).post('/wallet/sessions').send(body).expect(429);
    expect(limited.body.code).to.equal('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).to.be.greaterThan(0);
    await request(platform.app).get('/healthz').expect(200);
  });

  it('limits employer sign-in the same way', async () => {
    const body = { email: `${uniqueId('employer')}@example.com`, password: 'wrong password here' };
    for (let i = 0; i < 3; i += 1) await request(platform.app).post('/employers/sign-in').send(body).expect(401);
    expect((await request(platform.app).post('/employers/sign-in').send(body).expect(429)).body.code).to.equal('RATE_LIMITED');
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => testConfig({ PROOFLINE_AUTH_RATE_LIMIT: '0' })).to.throw(/PROOFLINE_AUTH_RATE_LIMIT/);
  });
});
