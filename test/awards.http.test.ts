/**
 * Awards through HTTP, checked by verifiers that share no code with Proofline (@digitalbazaar/vc with its own loader;
 * jose for vc+jwt).
 */
import { expect } from 'chai';
import request from 'supertest';
import * as jose from 'jose';
import { bearer, forEachPlatform } from './helpers/platform.ts';
import { verifyWithDigitalBazaar } from './helpers/independent-verifier.ts';
import { uniqueId } from './helpers/store.ts';
import { publicJwkFromMultibase } from '../crypto/sign-vc-jwt.ts';

const HOLDER = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

export function awardBody(overrides: Record<string, unknown> = {}) {
  return {
    achievement: 'prompt-engineering-foundation',
    recipient: { did: HOLDER },
    result: { score: 88, rubricLevel: 'proficient' },
    evidence: { assessmentId: 'pe-101-2026-11', projectUrl: 'https://github.com/learner/prompt-lab', artifacts: [{ name: 'report.pdf', sha256: 'ab'.repeat(32) }] },
    ...overrides,
  };
}

forEachPlatform('POST /awards', (platform) => {
  it('issues an OpenBadgeCredential (VC 2.0) that @digitalbazaar/vc verifies with its own loader', async () => {
    const res = await request(platform().app).post('/awards').set(...bearer()).set('Idempotency-Key', uniqueId('award')).send(awardBody()).expect(201);
    const vc = res.body.verifiableCredential;
    expect(vc['@context'][0]).to.equal('https://www.w3.org/ns/credentials/v2');
    expect(vc.type).to.deep.equal(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(vc.credentialSubject.id).to.equal(HOLDER);
    expect(vc.credentialSubject.achievement.alignment.length).to.be.greaterThan(0);
    expect(vc.credentialSchema[0].type).to.equal('JsonSchema');
    expect(vc.validFrom).to.be.a('string');
    expect(vc.validUntil).to.be.a('string');
    expect(vc.credentialStatus.map((s: { statusPurpose: string }) => s.statusPurpose)).to.deep.equal(['revocation', 'suspension']);
    expect(vc.proof.cryptosuite).to.equal('eddsa-rdfc-2022');
    const result = await verifyWithDigitalBazaar(vc);
    expect(result.verified, JSON.stringify(result.error ?? result)).to.equal(true);
  });

  it('issues ecdsa-rdfc-2019 (P-256) on request, also verified independently', async () => {
    const res = await request(platform().app)
      .post('/awards')
      .set(...bearer())
      .send(awardBody({ options: { cryptosuite: 'ecdsa-rdfc-2019' } }))
      .expect(201);
    expect(res.body.verifiableCredential.proof.cryptosuite).to.equal('ecdsa-rdfc-2019');
    const result = await verifyWithDigitalBazaar(res.body.verifiableCredential);
    expect(result.verified, JSON.stringify(result.error ?? result)).to.equal(true);
  });

  for (const alg of ['EdDSA', 'ES256'] as const) {
    it(`issues vc+jwt (${alg}) that jose verifies against the issuer's published key`, async () => {
      const res = await request(platform().app)
        .post('/awards')
        .set(...bearer())
        .send(awardBody({ options: { format: 'vc+jwt', alg } }))
        .expect(201);
      const jwt: string = res.body.verifiableCredential;
      expect(jwt.split('.')).to.have.length(3);
      const header = jose.decodeProtectedHeader(jwt);
      expect(header).to.include({ alg, typ: 'vc+jwt' });
      // The key is looked up from the issuer's DID (did:key: the multibase key is the DID's method-specific id).
      const did = String(header.kid).split('#')[0]!;
      const jwk = publicJwkFromMultibase(did.slice('did:key:'.length));
      const { payload } = await jose.jwtVerify(jwt, await jose.importJWK(jwk, alg), { algorithms: [alg], typ: 'vc+jwt' });
      expect(payload.type).to.deep.equal(['VerifiableCredential', 'OpenBadgeCredential']);
      expect((payload.issuer as { id: string }).id).to.equal(did);
    });
  }

  it('returns the same credential, byte for byte, for a retried Idempotency-Key', async () => {
    const key = uniqueId('retry');
    const first = await request(platform().app).post('/awards').set(...bearer()).set('Idempotency-Key', key).send(awardBody()).expect(201);
    const again = await request(platform().app).post('/awards').set(...bearer()).set('Idempotency-Key', key).send(awardBody()).expect(200);
    expect(again.headers['idempotent-replayed']).to.equal('true');
    expect(JSON.stringify(again.body.verifiableCredential)).to.equal(JSON.stringify(first.body.verifiableCredential));
    const other = await request(platform().app)
      .post('/awards')
      .set(...bearer())
      .set('Idempotency-Key', key)
      .send(awardBody({ result: { score: 95, rubricLevel: 'proficient' } }))
      .expect(422);
    expect(other.body.code).to.equal('IDEMPOTENCY_KEY_REUSED');
  });

  it('gives concurrent retries of one key a single credential', async () => {
    const key = uniqueId('race');
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => request(platform().app).post('/awards').set(...bearer()).set('Idempotency-Key', key).send(awardBody())),
    );
    const ids = new Set(responses.map((r) => r.body.credentialId));
    expect(ids.size).to.equal(1);
    expect(responses.filter((r) => r.status === 201)).to.have.length(1);
  });

  it('hashes an email recipient as an OB 3.0 IdentityObject, never the address in clear', async () => {
    const res = await request(platform().app)
      .post('/awards')
      .set(...bearer())
      .send(awardBody({ recipient: { email: 'Ada.Lovelace@example.org' } }))
      .expect(201);
    const text = JSON.stringify(res.body);
    expect(text.toLowerCase()).not.to.include('lovelace');
    const [identity] = res.body.verifiableCredential.credentialSubject.identifier;
    expect(identity).to.include({ type: 'IdentityObject', identityType: 'emailAddress', hashed: true });
    const { createHash } = await import('node:crypto');
    const expected = 'sha256$' + createHash('sha256').update('ada.lovelace@example.org' + identity.salt).digest('hex');
    expect(identity.identityHash).to.equal(expected);
  });

  it('verifies at the same server\'s POST /credentials/verify, with skills and trust, until revoked', async () => {
    const app = platform().app;
    const issued = await request(app).post('/awards').set(...bearer()).send(awardBody()).expect(201);
    expect(issued.body.log.index).to.be.a('number');
    const vc = issued.body.verifiableCredential;
    const ok = await request(app).post('/credentials/verify').send({ verifiableCredential: vc }).expect(200);
    expect(ok.body).to.include({ verified: true, trusted: true });
    expect(ok.body.skills.map((s: { level?: string }) => s.level)).to.include('foundation');
    await request(app)
      .post('/credentials/status')
      .set(...bearer())
      .send({ credentialId: vc.id, credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose: 'revocation', status: true }] })
      .expect(200);
    const revoked = await request(app).post('/credentials/verify').send({ verifiableCredential: vc }).expect(422);
    expect(revoked.body.verified).to.equal(false);
    expect(revoked.body.problemDetails.map((p: { code: string }) => p.code)).to.include('REVOKED');
  });

  it('answers 404 problem+json for an unknown achievement', async () => {
    const res = await request(platform().app).post('/awards').set(...bearer()).send(awardBody({ achievement: 'no-such-thing' })).expect(404);
    expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(res.body.code).to.equal('NOT_FOUND');
  });
});
