/**
 * POST /credentials/verify and verifyCredential on credentials issued through the real app (PGlite, and PostgreSQL
 * when DATABASE_URL is set): status read from the served lists, skills, schema, trust. The verifier routes are mounted
 * here on their own app (server.ts wiring comes separately), with deps built from the platform.
 */
import { expect } from 'chai';
import request from 'supertest';
import { systemClock } from '../core/clock.ts';
import { encodeBitstring, MIN_STATUS_LIST_LENGTH } from '../core/status-bitstring.ts';
import { createApp } from '../http/create-app.ts';
import { findIssuerByDid } from '../issuer/find-issuer.ts';
import { createLocalStatusListFetcher, verifyCredential, type VerificationResult } from '../verifier/index.ts';
import { verifierRoutes, type VerifierRouteDeps } from '../verifier/routes.ts';
import { awardBody } from './awards.http.test.ts';
import { bearer, forEachPlatform, ownIssuerVerification, TEST_PUBLIC_URL, type TestPlatform } from './helpers/platform.ts';

function verifierDeps(platform: TestPlatform): VerifierRouteDeps {
  const { store } = platform;
  return {
    clock: systemClock,
    ...ownIssuerVerification(platform),
    trustedIssuers: async (did) => ({ trusted: (await findIssuerByDid(store, did)) !== null }),
  };
}

/** The parts of an awarded OpenBadgeCredential these tests read. */
interface Awarded {
  id: string;
  issuer: { id: string };
  validFrom: string;
  validUntil: string;
  credentialSubject: { achievement: { id: string }; result: { value?: string }[] };
  [key: string]: unknown;
}

const codes = (body: { problemDetails: { code: string }[] }) => body.problemDetails.map((p) => p.code);

forEachPlatform('POST /credentials/verify', (platform) => {
  let verifierApp: ReturnType<typeof createApp>;
  before(() => {
    const p = platform();
    verifierApp = createApp({ store: p.store, logger: p.logger, publicUrl: TEST_PUBLIC_URL, routes: verifierRoutes(verifierDeps(p)) });
  });

  async function award(options?: Record<string, unknown>) {
    const res = await request(platform().app).post('/awards').set(...bearer()).send(awardBody(options ? { options } : {})).expect(201);
    return res.body.verifiableCredential as Awarded | string;
  }
  const verify = (verifiableCredential: unknown, options?: object) =>
    request(verifierApp).post('/credentials/verify').send({ verifiableCredential, ...(options ? { options } : {}) });
  const setStatus = (credentialId: string, statusPurpose: string, status: boolean) =>
    request(platform().app)
      .post('/credentials/status')
      .set(...bearer())
      .send({ credentialId, credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose, status }] })
      .expect(200);

  it('verifies an awarded OpenBadgeCredential: every check, trusted, status read, skills with levels', async () => {
    const vc = (await award()) as Awarded;
    const res = await verify(vc).expect(200);
    expect(res.body.verified, JSON.stringify(res.body.problemDetails)).to.equal(true);
    expect(res.body.checks).to.include.members(['context', 'data-model', 'proof', 'issuer-binding', 'validity', 'status', 'schema', 'trust']);
    expect(res.body).to.include({ issuer: vc.issuer.id, trusted: true, format: 'data-integrity', credentialId: vc.id });
    expect(res.body.status).to.deep.equal({ revoked: false, suspended: false });
    expect(res.body.warnings).to.deep.equal([]);
    expect(res.body).not.to.have.property('credential');
    const leveled = res.body.skills.filter((s: { level?: string }) => s.level);
    expect(leveled.length).to.be.greaterThan(0);
    for (const skill of leveled) {
      expect(skill.level).to.be.oneOf(['foundation', 'practitioner', 'expert']);
      expect(skill.id).not.to.match(/\/levels\//);
      expect(skill).to.include({ issuer: vc.issuer.id, validFrom: vc.validFrom, achievementId: vc.credentialSubject.achievement.id });
    }
  });

  for (const options of [{ cryptosuite: 'ecdsa-rdfc-2019' }, { format: 'vc+jwt', alg: 'EdDSA' }, { format: 'vc+jwt', alg: 'ES256' }]) {
    it(`verifies an award issued as ${JSON.stringify(options)}`, async () => {
      const res = await verify(await award(options)).expect(200);
      expect(res.body.verified, JSON.stringify(res.body.problemDetails)).to.equal(true);
      expect(res.body.checks).to.include('status');
      expect(res.body.skills.length).to.be.greaterThan(0);
    });
  }

  it('answers 422 REVOKED once the issuer revokes, read from the signed list', async () => {
    const vc = (await award()) as Awarded;
    await verify(vc).expect(200);
    await setStatus(vc.id, 'revocation', true);
    const res = await verify(vc).expect(422);
    expect(res.body.verified).to.equal(false);
    expect(codes(res.body)).to.deep.equal(['REVOKED']);
    expect(res.body.problemDetails[0].check).to.equal('status');
    expect(res.body.status).to.deep.equal({ revoked: true, suspended: false });
  });

  it('answers 422 SUSPENDED while suspended, 200 again once unsuspended (vc+jwt too)', async () => {
    const jwt = (await award({ format: 'vc+jwt', alg: 'ES256' })) as string;
    const id = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()).id as string;
    await setStatus(id, 'suspension', true);
    const res = await verify(jwt).expect(422);
    expect(codes(res.body)).to.deep.equal(['SUSPENDED']);
    expect(res.body.status).to.deep.equal({ revoked: false, suspended: true });
    await setStatus(id, 'suspension', false);
    await verify(jwt).expect(200);
  });

  it('does not verify a credential whose status list cannot be fetched', async () => {
    const vc = (await award()) as Awarded;
    const deps = verifierDeps(platform());
    const unreachable = await verifyCredential(vc, { ...deps, fetchStatusList: async () => Promise.reject(new Error('unreachable')) });
    expect(unreachable.verified).to.equal(false);
    expect(unreachable.problemDetails.map((p) => p.code)).to.deep.equal(['STATUS_UNAVAILABLE', 'STATUS_UNAVAILABLE']);
    expect(unreachable.problemDetails[0]!.type).to.equal('https://www.w3.org/ns/credentials/status-list#STATUS_RETRIEVAL_ERROR');
    expect(unreachable.status).to.deep.equal({ revoked: null, suspended: null });
    const none: VerificationResult = await verifyCredential(vc, { ...deps, fetchStatusList: undefined });
    expect(none.problemDetails.map((p) => p.code)).to.deep.equal(['STATUS_UNAVAILABLE', 'STATUS_UNAVAILABLE']);
  });

  it('refuses an altered status list', async () => {
    const vc = (await award()) as Awarded;
    const deps = verifierDeps(platform());
    const altered = await verifyCredential(vc, {
      ...deps,
      fetchStatusList: async (url) => {
        const list = structuredClone(await deps.fetchStatusList!(url)) as { credentialSubject: { encodedList: string } };
        // Every bit set: differs from any list the issuer signed.
        list.credentialSubject.encodedList = encodeBitstring(MIN_STATUS_LIST_LENGTH, Array.from({ length: MIN_STATUS_LIST_LENGTH }, (_, i) => i));
        return list;
      },
    });
    expect(altered.problemDetails.map((p) => p.code), JSON.stringify(altered.problemDetails)).to.deep.equal(['STATUS_VERIFICATION_ERROR', 'STATUS_VERIFICATION_ERROR']);
  });

  it('refuses remote status list URLs without fetching them', async () => {
    const fetcher = createLocalStatusListFetcher({ publicUrl: TEST_PUBLIC_URL, load: async () => ({}) });
    for (const url of ['https://other.example/status-lists/1', `${TEST_PUBLIC_URL}/status-lists/../admin`, 'http://127.0.0.1/status-lists/1']) {
      let refused = false;
      await Promise.resolve(fetcher(url)).catch(() => (refused = true));
      expect(refused, url).to.equal(true);
    }
  });

  it('fails EXPIRED after validUntil and UNTRUSTED_ISSUER for an issuer outside the registry', async () => {
    const vc = (await award()) as Awarded;
    const deps = verifierDeps(platform());
    const later = await verifyCredential(vc, { ...deps, now: new Date(Date.parse(vc.validUntil) + 3600_000) });
    expect(later.problemDetails.map((p) => p.code)).to.deep.equal(['EXPIRED']);
    const untrusted = await verifyCredential(vc, { ...deps, trustedIssuers: async () => ({ trusted: false }) });
    expect(untrusted.problemDetails.map((p) => p.code)).to.deep.equal(['UNTRUSTED_ISSUER']);
    const scoped = await verifyCredential(vc, { ...deps, trustedIssuers: async () => ({ trusted: true, scope: ['Certificate'] }) });
    expect(scoped.problemDetails.map((p) => p.code)).to.deep.equal(['UNTRUSTED_ISSUER']);
  });

  it('answers 422 with named problems for a tampered credential', async () => {
    const vc = (await award()) as Awarded;
    vc.credentialSubject.result[0]!.value = '100';
    const res = await verify(vc).expect(422);
    expect(codes(res.body)).to.deep.equal(['PROOF_VERIFICATION_ERROR']);
    expect(res.body.checks).not.to.include('status');
  });

  it('answers 400 for malformed requests', async () => {
    const vc = await award();
    for (const body of [{}, { verifiableCredential: 42 }, { verifiableCredential: vc, options: { unknown: true } }, { verifiableCredential: vc, extra: 1 }, { verifiableCredential: vc, options: { profile: 'lenient' } }]) {
      const res = await request(verifierApp).post('/credentials/verify').send(body).expect(400);
      expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
    }
    await verify(vc, { profile: 'conformance' }).expect(200);
  });
});
