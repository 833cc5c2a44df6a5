/**
 * POST /wallet/presentations beyond Data Integrity by id (PGlite, and PostgreSQL when DATABASE_URL is set): a vp+jwt
 * signed with the holder's did:key verifies at POST /presentations/verify and is refused when replayed; a DCQL query
 * as a marketplace opening publishes it (marketplace buildDcqlQuery) resolves to the holder's matching verified credentials (an ecdsa-sd-2023 one
 * disclosing only the claims the query asks for); an unmet query answers 422 naming the credential query; a holder's
 * query never reaches another holder's credentials.
 */
import { expect } from 'chai';
import { decodeProtectedHeader, decodeJwt } from 'jose';
import request from 'supertest';
import type { Requirement } from '../core/marketplace-ports.ts';
import { buildDcqlQuery } from '../marketplace/index.ts';
import { awardBody } from './awards.http.test.ts';
import { bearer, forEachPlatform } from './helpers/platform.ts';
import { uniqueId } from './helpers/store.ts';

const PASSWORD = 'correct horse battery staple';
const SKILL = (slug: string) => `https://proofline.dev/frameworks/ai-fluency/v1/skills/${slug}`;
const REQUIREMENTS: Requirement[] = [
  { skill: SKILL('ai-assisted-sql'), minLevel: 'practitioner', required: true, weight: 3 },
  { skill: SKILL('analysis-verification'), minLevel: 'expert', required: false, weight: 1 },
  { skill: SKILL('ai-privacy'), minLevel: 'foundation', required: true, weight: 2 },
];

interface Tokens {
  accessToken: string;
}

forEachPlatform('wallet presentations: vp+jwt and DCQL', (platform) => {
  const app = () => platform().app;
  const auth = (tokens: Tokens): [string, string] => ['Authorization', `Bearer ${tokens.accessToken}`];

  async function newHolder(): Promise<{ did: string; tokens: Tokens }> {
    const email = `${uniqueId('vp')}@example.com`;
    const created = await request(app()).post('/wallet/accounts').send({ email, password: PASSWORD }).expect(201);
    const tokens = (await request(app()).post('/wallet/sessions').send({ email, password: PASSWORD }).expect(200)).body as Tokens;
    return { did: created.body.did as string, tokens };
  }
  async function award(did: string, achievement: string, options?: Record<string, unknown>): Promise<Record<string, unknown>> {
    const res = await request(app()).post('/awards').set(...bearer()).send(awardBody({ achievement, recipient: { did }, ...(options ? { options } : {}) }));
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.verifiableCredential as Record<string, unknown>;
  }
  async function sync(tokens: Tokens): Promise<{ id: string; credentialId: string }[]> {
    return (await request(app()).post('/wallet/credentials/sync').set(...auth(tokens)).expect(200)).body.added;
  }
  const challenge = async (domain: string) => (await request(app()).post('/challenges').send({ domain }).expect(200)).body.challenge as string;
  const present = (tokens: Tokens, body: Record<string, unknown>) => request(app()).post('/wallet/presentations').set(...auth(tokens)).send(body);
  const verifyVp = (verifiablePresentation: unknown, options: Record<string, unknown>) => request(app()).post('/presentations/verify').send({ verifiablePresentation, options });

  describe('vp+jwt', () => {
    it('signs a vp+jwt with the holder\'s did:key (nonce = challenge, aud = domain) that verifies once', async () => {
      const { did, tokens } = await newHolder();
      const issued = await award(did, 'prompt-engineering-foundation');
      const [kept] = await sync(tokens);
      const nonce = await challenge('jobs.example');
      const made = await present(tokens, { challenge: nonce, domain: 'jobs.example', format: 'vp+jwt', credentialIds: [kept!.id] }).expect(201);
      const jwt = made.body.verifiablePresentation as string;
      expect(jwt).to.be.a('string');
      const header = decodeProtectedHeader(jwt);
      expect(header).to.include({ alg: 'EdDSA', typ: 'vp+jwt' });
      expect(String(header.kid).split('#')[0]).to.equal(did);
      const payload = decodeJwt(jwt);
      expect(payload).to.include({ nonce, aud: 'jobs.example', holder: did });
      expect(payload.type).to.deep.equal(['VerifiablePresentation']);
      expect((payload.verifiableCredential as { id: string }[])[0]!.id).to.equal(issued.id);

      const verified = await verifyVp(jwt, { challenge: nonce, domain: 'jobs.example' });
      expect(verified.status, JSON.stringify(verified.body)).to.equal(200);
      expect(verified.body).to.include({ verified: true, format: 'vp+jwt', holder: did });
      expect(verified.body.credentials[0]).to.include({ verified: true, credentialId: issued.id });

      const replay = await verifyVp(jwt, { challenge: nonce, domain: 'jobs.example' }).expect(422);
      expect(replay.body.problemDetails.map((p: { code: string }) => p.code)).to.deep.equal(['CHALLENGE_REUSED']);
    });

    it('carries a selectively disclosed ecdsa-sd-2023 credential; another domain is refused', async () => {
      const { did, tokens } = await newHolder();
      await award(did, 'prompt-engineering-foundation', { cryptosuite: 'ecdsa-sd-2023' });
      const [kept] = await sync(tokens);
      const nonce = await challenge('jobs.example');
      const disclose = { [kept!.id]: ['/credentialSubject/achievement/name'] };
      const jwt = (await present(tokens, { challenge: nonce, domain: 'jobs.example', format: 'vp+jwt', credentialIds: [kept!.id], disclose }).expect(201)).body
        .verifiablePresentation as string;
      const derived = (decodeJwt(jwt).verifiableCredential as Record<string, { result?: unknown; achievement: Record<string, unknown> }>[])[0]!;
      expect(derived.credentialSubject!.result).to.equal(undefined);
      expect(Object.keys(derived.credentialSubject!.achievement).sort()).to.deep.equal(['id', 'name', 'type']);
      const elsewhere = await verifyVp(jwt, { challenge: nonce, domain: 'other.example' });
      expect(elsewhere.body.verified).to.equal(false);
      const verified = await verifyVp(jwt, { challenge: nonce, domain: 'jobs.example' });
      expect(verified.status, JSON.stringify(verified.body)).to.equal(200);
    });
  });

  describe('DCQL', () => {
    // The query an opening with these requirements publishes (GET /jobs/{id} → presentationRequest.dcql_query is
    // buildDcqlQuery(opening.requirements)); built here so the test does not depend on how openings are created.
    const dcqlQuery = buildDcqlQuery(REQUIREMENTS) as unknown as Record<string, unknown>;

    it('resolves an opening\'s query to the matching credentials; the SD one discloses only the asked claims', async () => {
      const { did, tokens } = await newHolder();
      const sql = await award(did, 'data-analysis-with-ai-practitioner', { cryptosuite: 'ecdsa-sd-2023' });
      const privacy = await award(did, 'responsible-ai-foundation');
      await award(did, 'prompt-engineering-foundation'); // matches nothing asked
      expect(await sync(tokens)).to.have.length(3);

      const nonce = await challenge('jobs.example');
      const made = await present(tokens, { challenge: nonce, domain: 'jobs.example', dcqlQuery }).expect(201);
      const vp = made.body.verifiablePresentation;
      const ids = vp.verifiableCredential.map((c: { id: string }) => c.id);
      expect(ids).to.have.members([sql.id, privacy.id]);
      const derived = vp.verifiableCredential.find((c: { id: string }) => c.id === sql.id);
      expect(derived.proof.proofValue).to.match(/^u2V0B/);
      const text = JSON.stringify(derived);
      expect(text).to.include(`${SKILL('ai-assisted-sql')}/levels/practitioner`);
      for (const withheld of ['"result"', '"evidence"', '"criteria"', '"description"']) expect(text).not.to.include(withheld);

      const verified = await verifyVp(vp, { challenge: nonce, domain: 'jobs.example' });
      expect(verified.status, JSON.stringify(verified.body)).to.equal(200);
      expect(verified.body.credentials.map((c: { verified: boolean }) => c.verified)).to.deep.equal([true, true]);
    });

    it('answers 422 naming the unmet credential query; another holder\'s credentials are never reached', async () => {
      const a = await newHolder();
      await award(a.did, 'data-analysis-with-ai-practitioner');
      await award(a.did, 'responsible-ai-foundation');
      await sync(a.tokens);

      const b = await newHolder();
      await award(b.did, 'responsible-ai-foundation');
      await sync(b.tokens);
      const nonce = await challenge('jobs.example');
      const unmet = await present(b.tokens, { challenge: nonce, dcqlQuery }).expect(422);
      expect(unmet.headers['content-type']).to.match(/^application\/problem\+json/);
      expect(unmet.body.errors).to.deep.equal([
        { pointer: '/dcqlQuery/credential_sets/0', detail: 'no verified credential in this wallet satisfies credential query "requirement_0"' },
      ]);
    });

    it('refuses a malformed query, and a request with both or neither of credentialIds and dcqlQuery (422)', async () => {
      const { tokens } = await newHolder();
      const nonce = await challenge('jobs.example');
      const malformed = await present(tokens, { challenge: nonce, dcqlQuery: { credentials: [] } }).expect(422);
      expect(malformed.body.errors[0].pointer).to.equal('/dcqlQuery');
      await present(tokens, { challenge: nonce, dcqlQuery, credentialIds: ['x'] }).expect(422);
      await present(tokens, { challenge: nonce }).expect(422);
      await present(tokens, { challenge: nonce, format: 'jwt', credentialIds: ['x'] }).expect(422);
    });
  });
});
