/** PROOFLINE_FAST_CANONIZE=off: issuing and verifying go through jsonld.js only, with the same results. */
import { expect } from 'chai';
import request from 'supertest';
import { openPlatform, type Platform } from '../server.ts';
import { createLogger } from '../http/logger.ts';
import { bearer, forEachPlatform, testConfig } from './helpers/platform.ts';
import { awardBody } from './awards.http.test.ts';

forEachPlatform('PROOFLINE_FAST_CANONIZE=off', (platform) => {
  let slow: Platform;
  before(async () => {
    slow = await openPlatform(testConfig({ PROOFLINE_FAST_CANONIZE: 'off' }), {
      store: platform().store,
      logger: createLogger({ level: 'silent' }),
      loadStarterCatalog: false,
    });
    expect(slow.config.canonize).to.equal('jsonld');
  });

  it('issues on the library path what the fast path verifies, and the reverse', async () => {
    const fromSlow = (await request(slow.app).post('/awards').set(...bearer()).send(awardBody()).expect(201)).body.verifiableCredential;
    const fromFast = (await request(platform().app).post('/awards').set(...bearer()).send(awardBody()).expect(201)).body.verifiableCredential;
    for (const [app, vc] of [
      [platform().app, fromSlow],
      [slow.app, fromFast],
      [slow.app, fromSlow],
    ] as const) {
      const res = await request(app).post('/credentials/verify').send({ verifiableCredential: vc }).expect(200);
      expect(res.body.verified).to.equal(true);
    }
    const tampered = { ...fromFast, name: 'Something else' };
    const refused = await request(slow.app).post('/credentials/verify').send({ verifiableCredential: tampered }).expect(422);
    expect(refused.body.problemDetails.map((p: { code: string }) => p.code)).to.include('PROOF_VERIFICATION_ERROR');
  });
});
