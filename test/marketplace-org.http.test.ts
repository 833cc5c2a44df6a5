/**
 * Marketplace organisations (decision 0012), on PGlite and PostgreSQL: employer sign-up/sign-in with lockout,
 * per-organisation API keys (shown once, stored hashed, revocable), isolation between organisations on every
 * organisation route, verification by a credential, and blind review with consent-gated reveal: a candidate applying
 * from the Proofline wallet is never named to the employer before consenting, and is after. Recommendations for a
 * holder from their wallet's verified credentials.
 */
import { expect } from 'chai';
import request from 'supertest';
import { createToken } from '../http/tokens.ts';
import { sha256Hex } from '../crypto/digest.ts';
import { awardBody } from './awards.http.test.ts';
import { bearer, forEachPlatform, TEST_PUBLIC_URL } from './helpers/platform.ts';
import { uniqueId } from './helpers/store.ts';

const PASSWORD = 'correct horse battery staple';
const SKILL = (slug: string) => `https://proofline.dev/frameworks/ai-fluency/v1/skills/${slug}`;
const REQUIREMENTS = [
  { skill: SKILL('ai-assisted-sql'), minLevel: 'practitioner', required: true, weight: 3 },
  { skill: SKILL('data-cleaning'), minLevel: 'foundation', required: false, weight: 1 },
];

interface Employer {
  orgId: string;
  email: string;
  session: string;
}

forEachPlatform('marketplace organisations', (platform) => {
  const app = () => platform().app;
  const as = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];

  async function signUpEmployer(name: string): Promise<Employer> {
    const email = `${uniqueId('owner')}@${name.toLowerCase()}.example`;
    const res = await request(app()).post('/employers/sign-up').send({ email, password: PASSWORD, organisation: { name, kind: 'sme', slug: uniqueId(name.toLowerCase()) } });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.employer).to.include({ email, role: 'owner' });
    expect(JSON.stringify(res.body)).not.to.match(/password|scrypt/i);
    const signedIn = await request(app()).post('/employers/sign-in').send({ email, password: PASSWORD }).expect(200);
    expect(signedIn.headers['cache-control']).to.equal('no-store');
    const session = signedIn.body;
    expect(session).to.include({ tokenType: 'Bearer', expiresIn: 3600 });
    expect(session.accessToken).to.match(/^ple_/);
    return { orgId: res.body.organisation.id, email, session: session.accessToken };
  }
  async function postOpening(token: string, orgId: string) {
    const id = uniqueId('analyst');
    const res = await request(app())
      .post(`/orgs/${orgId}/jobs`)
      .set(...as(token))
      .send({ id, title: 'Analyst', description: 'Reports.', location: 'Remote', remote: 'remote', requirements: REQUIREMENTS });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return id;
  }
  async function newCandidate() {
    const email = `${uniqueId('candidate')}@example.com`;
    const account = (await request(app()).post('/wallet/accounts').send({ email, password: PASSWORD }).expect(201)).body as { did: string };
    const tokens = (await request(app()).post('/wallet/sessions').send({ email, password: PASSWORD }).expect(200)).body as { accessToken: string };
    return { email, did: account.did, token: tokens.accessToken };
  }
  async function awardAndSync(candidate: { did: string; token: string }, achievement: string): Promise<string> {
    await request(app()).post('/awards').set(...bearer()).send(awardBody({ achievement, recipient: { did: candidate.did } })).expect(201);
    const synced = await request(app()).post('/wallet/credentials/sync').set(...as(candidate.token)).expect(200);
    return synced.body.added[0].id as string;
  }
  /** Applies from the Proofline wallet: the presentation is signed with the holder's wallet did:key. */
  async function applyFromWallet(candidate: { token: string }, jobId: string, credentialIds: string[]): Promise<string> {
    const { challenge, domain } = (await request(app()).post(`/jobs/${jobId}/challenge`).expect(200)).body;
    const made = await request(app()).post('/wallet/presentations').set(...as(candidate.token)).send({ challenge, domain, credentialIds });
    expect(made.status, JSON.stringify(made.body)).to.equal(201);
    const applied = await request(app()).post(`/jobs/${jobId}/applications`).send({ verifiablePresentation: made.body.verifiablePresentation });
    expect(applied.status, JSON.stringify(applied.body)).to.equal(201);
    return applied.body.applicationId as string;
  }

  let a: Employer;
  let b: Employer;
  let jobA: string;
  let applicationA: string;
  let candidate: { email: string; did: string; token: string };
  let sqlCredential: string;
  const didBody = () => candidate.did.slice('did:key:'.length);

  before(async () => {
    a = await signUpEmployer('Acorn');
    b = await signUpEmployer('Birch');
  });

  describe('employer accounts', () => {
    it('signs in with the password only; a wrong one and an unknown email get the same 401; five failures lock the account', async () => {
      const wrong = await request(app()).post('/employers/sign-in').send({ email: a.email, password: 'wrong password!' }).expect(401);
      const unknown = await request(app()).post('/employers/sign-in').send({ email: `${uniqueId('nobody')}@example.com`, password: PASSWORD }).expect(401);
      expect(wrong.body.detail).to.equal(unknown.body.detail);
      await request(app()).post('/employers/sign-in').send({ email: a.email.toUpperCase(), password: PASSWORD }).expect(200);

      const victim = await signUpEmployer('Cedar');
      for (let i = 0; i < 4; i += 1) await request(app()).post('/employers/sign-in').send({ email: victim.email, password: `wrong-${i}-password` }).expect(401);
      await request(app()).post('/employers/sign-in').send({ email: victim.email, password: 'wrong-5-password' }).expect(429);
      const locked = await request(app()).post('/employers/sign-in').send({ email: victim.email, password: PASSWORD }).expect(429);
      expect(locked.body.code).to.equal('RATE_LIMITED');
      expect(Number(locked.headers['retry-after'])).to.be.within(1, 900);
      // An email without an account is locked the same way: the 429 does not tell that the victim's account exists.
      const nobody = `${uniqueId('nobody')}@example.com`;
      for (let i = 0; i < 4; i += 1) await request(app()).post('/employers/sign-in').send({ email: nobody, password: `wrong-${i}-password` }).expect(401);
      await request(app()).post('/employers/sign-in').send({ email: nobody, password: 'wrong-5-password' }).expect(429);
      const alsoLocked = await request(app()).post('/employers/sign-in').send({ email: nobody, password: PASSWORD }).expect(429);
      expect([alsoLocked.body.code, alsoLocked.body.detail]).to.deep.equal([locked.body.code, locked.body.detail]);
      expect(Number(alsoLocked.headers['retry-after'])).to.be.within(1, 900);
      // The stored hash is scrypt, never the password.
      const stored = await platform().store.employers.getByEmail(victim.email);
      expect(stored!.passwordHash).to.match(/^scrypt\$/);
    });

    it('refuses duplicate emails and weak input; an owner adds a recruiter, who cannot manage keys', async () => {
      await request(app()).post('/employers/sign-up').send({ email: a.email, password: PASSWORD, organisation: { name: 'Dup', kind: 'sme', slug: uniqueId('dup') } }).expect(409);
      await request(app()).post('/employers/sign-up').send({ email: `${uniqueId('x')}@example.com`, password: 'short', organisation: { name: 'X', kind: 'sme' } }).expect(422);
      const email = `${uniqueId('recruiter')}@acorn.example`;
      await request(app()).post(`/orgs/${a.orgId}/members`).set(...as(a.session)).send({ email, password: PASSWORD, role: 'recruiter' }).expect(201);
      const recruiter = (await request(app()).post('/employers/sign-in').send({ email, password: PASSWORD }).expect(200)).body.accessToken as string;
      await request(app()).post(`/orgs/${a.orgId}/api-keys`).set(...as(recruiter)).send({ label: 'x', scopes: ['match'] }).expect(403);
      jobA = await postOpening(recruiter, a.orgId);
      const members = (await request(app()).get(`/orgs/${a.orgId}/members`).set(...as(a.session)).expect(200)).body.members;
      expect(members.map((m: { role: string }) => m.role).sort()).to.deep.equal(['owner', 'recruiter']);
      // Signing out ends the session at once.
      await request(app()).post('/employers/sign-out').set(...as(recruiter)).expect(204);
      await request(app()).post(`/orgs/${a.orgId}/jobs`).set(...as(recruiter)).send({}).expect(401);
    });
  });

  it('removes a member, whose sessions stop at once; the last owner stays', async () => {
    const email = `${uniqueId('leaver')}@acorn.example`;
    const added = (await request(app()).post(`/orgs/${a.orgId}/members`).set(...as(a.session)).send({ email, password: PASSWORD, role: 'recruiter' }).expect(201)).body as { id: string };
    const leaver = (await request(app()).post('/employers/sign-in').send({ email, password: PASSWORD }).expect(200)).body.accessToken as string;
    // Signed in: an invalid opening is looked at (422); once removed, the same token is nobody (401).
    await request(app()).post(`/orgs/${a.orgId}/jobs`).set(...as(leaver)).send({}).expect(422);
    await request(app()).delete(`/orgs/${a.orgId}/members/${added.id}`).set(...as(a.session)).expect(204);
    await request(app()).post(`/orgs/${a.orgId}/jobs`).set(...as(leaver)).send({}).expect(401);
    await request(app()).post('/employers/sign-in').send({ email, password: PASSWORD }).expect(401);
    await request(app()).delete(`/orgs/${a.orgId}/members/${added.id}`).set(...as(a.session)).expect(404);
    const owners = (await request(app()).get(`/orgs/${a.orgId}/members`).set(...as(a.session)).expect(200)).body.members.filter((m: { role: string }) => m.role === 'owner');
    expect(owners).to.have.length(1);
    expect((await request(app()).delete(`/orgs/${a.orgId}/members/${owners[0].id as string}`).set(...as(a.session)).expect(409)).body.code).to.equal('CONFLICT');
  });

  it('refuses an expired or revoked employer session', async () => {
    const employer = (await platform().store.employers.getByEmail(a.email))!;
    const token = (suffix: string) => `ple_${suffix.padEnd(43, 'x')}`;
    const now = Date.now();
    const session = (t: string, expiresAt: Date, revokedAt: Date | null = null) => ({ id: uniqueId('s'), employerId: employer.id, hash: sha256Hex(t), expiresAt, createdAt: new Date(now - 7_200_000), revokedAt });
    const [expired, revoked, live] = [token(uniqueId('expired')), token(uniqueId('revoked')), token(uniqueId('live'))];
    await platform().store.employers.insertSession(session(expired, new Date(now - 1000)));
    await platform().store.employers.insertSession(session(revoked, new Date(now + 3_600_000), new Date(now - 1000)));
    await platform().store.employers.insertSession(session(live, new Date(now + 3_600_000)));
    await request(app()).get(`/orgs/${a.orgId}/members`).set(...as(expired)).expect(401);
    await request(app()).get(`/orgs/${a.orgId}/members`).set(...as(revoked)).expect(401);
    await request(app()).get(`/orgs/${a.orgId}/members`).set(...as(live)).expect(200);
  });

  describe('organisation API keys', () => {
    it('are shown once, stored hashed, scoped, listed without the secret, and stop working when revoked', async () => {
      const created = await request(app()).post(`/orgs/${a.orgId}/api-keys`).set(...as(a.session)).send({ label: 'ATS', scopes: ['jobs:write', 'applications:read'] }).expect(201);
      const key = created.body.key as string;
      expect(key).to.match(/^plk_[A-Za-z0-9_-]{43}$/);
      expect(created.headers['cache-control']).to.equal('no-store');
      const [stored] = (await platform().store.organisationApiKeys.listByOrganisation(a.orgId)).filter((k) => k.id === created.body.apiKey.id);
      expect(stored!.hash).to.equal(sha256Hex(key));
      const listed = await request(app()).get(`/orgs/${a.orgId}/api-keys`).set(...as(a.session)).expect(200);
      expect(JSON.stringify(listed.body)).not.to.contain(key);
      expect(listed.body.apiKeys.map((k: { id: string }) => k.id)).to.include(created.body.apiKey.id);

      await postOpening(key, a.orgId);
      // A key cannot manage keys, and an organisation scope cannot be widened to org:admin.
      await request(app()).get(`/orgs/${a.orgId}/api-keys`).set(...as(key)).expect(403);
      await request(app()).post(`/orgs/${a.orgId}/api-keys`).set(...as(a.session)).send({ label: 'x', scopes: ['org:admin'] }).expect(422);
      await request(app()).post(`/orgs/${a.orgId}/api-keys`).set(...as(a.session)).send({ label: 'x', scopes: ['admin'] }).expect(422);

      await request(app()).delete(`/orgs/${a.orgId}/api-keys/${created.body.apiKey.id}`).set(...as(a.session)).expect(204);
      await request(app()).post(`/orgs/${a.orgId}/jobs`).set(...as(key)).send({}).expect(401);
      await request(app()).delete(`/orgs/${b.orgId}/api-keys/${created.body.apiKey.id}`).set(...as(b.session)).expect(404);
    });

    it('keep the platform admin token working for platform administration; a platform match token is not an organisation', async () => {
      await request(app()).post('/orgs').set(...bearer()).send({ name: 'Admin-made', kind: 'nonprofit', slug: uniqueId('admin-made') }).expect(201);
      const adminKey = await request(app()).post(`/orgs/${b.orgId}/api-keys`).set(...bearer()).send({ label: 'by admin', scopes: ['match'] }).expect(201);
      expect(adminKey.body.apiKey.organisationId).to.equal(b.orgId);
      const matchToken = (await createToken(platform().store, { label: uniqueId('board'), scopes: ['match'], now: new Date() })).token;
      await request(app()).post('/orgs').set(...as(matchToken)).send({ name: 'X', kind: 'sme' }).expect(403);
      await request(app()).post(`/orgs/${a.orgId}/jobs`).set(...as(matchToken)).send({}).expect(403);
      await request(app()).get(`/jobs/${jobA}/matches`).set(...as(matchToken)).expect(403);
    });
  });

  describe('openings', () => {
    it('are edited or closed by their own organisation only; requirements are fixed once posted', async () => {
      const id = await postOpening(a.session, a.orgId);
      await request(app()).patch(`/jobs/${id}`).set(...as(b.session)).send({ status: 'closed' }).expect(404);
      await request(app()).patch(`/jobs/${id}`).set(...as(a.session)).send({ requirements: REQUIREMENTS }).expect(422);
      expect((await request(app()).patch(`/jobs/${id}`).set(...as(a.session)).send({}).expect(200)).body.identifier).to.equal(id);
      const edited = await request(app()).patch(`/jobs/${id}`).set(...as(a.session)).send({ title: 'Senior Analyst', status: 'closed' }).expect(200);
      expect(edited.body).to.include({ title: 'Senior Analyst' });
      expect(edited.body.requirements).to.deep.equal(REQUIREMENTS);
      expect((await request(app()).get('/jobs').expect(200)).body.itemListElement.map((p: { identifier: string }) => p.identifier)).not.to.include(id);
      await request(app()).post(`/jobs/${id}/challenge`).expect(404);
      await request(app()).patch(`/jobs/${id}`).set(...as(a.session)).send({ status: 'open' }).expect(200);
      await request(app()).post(`/jobs/${id}/challenge`).expect(200);
    });
  });

  describe('blind review with consent-gated reveal', () => {
    /** Every employer route that can show something about the application, as organisation A's owner sees them. */
    const employerViews = () => [
      request(app()).get(`/jobs/${jobA}/matches`).set(...as(a.session)),
      request(app()).get(`/jobs/${jobA}/applications/${applicationA}`).set(...as(a.session)),
      request(app()).post(`/jobs/${jobA}/applications/${applicationA}/shortlist`).set(...as(a.session)),
      request(app()).get(`/jobs/${jobA}`),
      request(app()).get('/jobs'),
      request(app()).get(`/orgs/${a.orgId}`),
      request(app()).get(`/orgs/${a.orgId}/members`).set(...as(a.session)),
      request(app()).get(`/orgs/${a.orgId}/api-keys`).set(...as(a.session)),
    ];
    before(async () => {
      candidate = await newCandidate();
      sqlCredential = await awardAndSync(candidate, 'data-analysis-with-ai-practitioner');
      applicationA = await applyFromWallet(candidate, jobA, [sqlCredential]);
    });

    it('names the candidate nowhere before consent, on every employer route (asserted on the bytes)', async () => {
      const responses = await Promise.all(employerViews());
      for (const [i, res] of responses.entries()) {
        expect(res.status, `employer view ${i}`).to.be.below(300);
        for (const secret of [candidate.email, didBody(), 'Ada Lovelace']) expect(res.text, `employer view ${i}`).not.to.contain(secret);
      }
      // And every GET an organisation may call (the OpenAPI document lists them, other modules' routes included).
      const openapi = (await request(app()).get('/openapi.json').expect(200)).body as { paths: Record<string, Record<string, { security?: { bearer?: string[] }[] }>> };
      for (const [template, operations] of Object.entries(openapi.paths)) {
        const scope = operations['get']?.security?.[0]?.bearer?.[0];
        if (!scope || !['jobs:write', 'applications:read', 'applications:write', 'org:admin', 'match'].includes(scope)) continue;
        const path = template.replace('{id}', template.startsWith('/orgs') ? a.orgId : jobA).replace('{applicationId}', applicationA).replace(/\{[A-Za-z]+\}/g, 'unknown');
        const res = await request(app()).get(path).set(...as(a.session));
        for (const secret of [candidate.email, didBody(), 'Ada Lovelace']) expect(res.text, `GET ${template}`).not.to.contain(secret);
      }
      const view = (await request(app()).get(`/jobs/${jobA}/applications/${applicationA}`).set(...as(a.session)).expect(200)).body;
      expect(view.shortlist).to.include({ status: 'shortlisted', consent: 'pending' });
      expect(view).not.to.have.property('candidate');
    });

    it('shows the candidate their applications with the pending request; a decline keeps them hidden', async () => {
      await request(app()).get('/wallet/applications').expect(401);
      await request(app()).get('/wallet/applications').set(...as(a.session)).expect(401);
      const mine = (await request(app()).get('/wallet/applications').set(...as(candidate.token)).expect(200)).body.applications;
      const entry = mine.find((x: { applicationId: string }) => x.applicationId === applicationA);
      expect(entry).to.deep.include({ openingId: jobA, title: 'Analyst' });
      expect(entry.organisation.name).to.equal('Acorn');
      expect(entry.revealRequest).to.include({ consent: 'pending' });

      // Someone else cannot answer for the candidate.
      const other = await newCandidate();
      await request(app()).post(`/wallet/applications/${applicationA}/consent`).set(...as(other.token)).send({}).expect(404);

      await request(app()).post(`/wallet/applications/${applicationA}/decline`).set(...as(candidate.token)).expect(200);
      for (const res of await Promise.all(employerViews())) expect(res.text).not.to.contain(didBody());
    });

    it('reveals the DID and the contact the candidate chose, after consent only', async () => {
      const consented = await request(app())
        .post(`/wallet/applications/${applicationA}/consent`)
        .set(...as(candidate.token))
        .send({ share: { name: 'Ada Lovelace', email: candidate.email } })
        .expect(200);
      expect(consented.body.candidate).to.deep.equal({ name: 'Ada Lovelace', email: candidate.email, did: candidate.did });
      const view = (await request(app()).get(`/jobs/${jobA}/applications/${applicationA}`).set(...as(a.session)).expect(200)).body;
      expect(view.shortlist.consent).to.equal('given');
      expect(view.candidate).to.deep.equal({ name: 'Ada Lovelace', email: candidate.email, did: candidate.did });
      const matches = (await request(app()).get(`/jobs/${jobA}/matches`).set(...as(a.session)).expect(200)).body.matches;
      expect(matches.find((m: { applicationId: string }) => m.applicationId === applicationA).candidate.did).to.equal(candidate.did);
      // Organisation B sees nothing of it.
      await request(app()).get(`/jobs/${jobA}/applications/${applicationA}`).set(...as(b.session)).expect(404);
    });
  });

  describe('isolation between organisations', () => {
    it('answers 404 to organisation B on every route about organisation A, whatever B\'s scopes', async () => {
      const keyB = (await request(app()).post(`/orgs/${b.orgId}/api-keys`).set(...as(b.session)).send({ label: 'B all', scopes: ['jobs:write', 'applications:read', 'applications:write', 'match'] }).expect(201)).body.key as string;
      const keyA = (await request(app()).post(`/orgs/${a.orgId}/api-keys`).set(...as(a.session)).send({ label: 'A', scopes: ['match'] }).expect(201)).body.apiKey.id as string;
      const opening = { id: uniqueId('x'), title: 'X', description: 'X', location: 'X', remote: 'remote', requirements: REQUIREMENTS };
      const walk: [string, string, object?][] = [
        ['post', `/orgs/${a.orgId}/jobs`, opening],
        ['patch', `/jobs/${jobA}`, { status: 'closed' }],
        ['get', `/jobs/${jobA}/matches`],
        ['get', `/jobs/${jobA}/applications/${applicationA}`],
        ['post', `/jobs/${jobA}/applications/${applicationA}/shortlist`],
        ['get', `/orgs/${a.orgId}/members`],
        ['post', `/orgs/${a.orgId}/members`, { email: `${uniqueId('m')}@example.com`, password: PASSWORD, role: 'recruiter' }],
        ['get', `/orgs/${a.orgId}/api-keys`],
        ['post', `/orgs/${a.orgId}/api-keys`, { label: 'x', scopes: ['match'] }],
        ['delete', `/orgs/${a.orgId}/api-keys/${keyA}`],
        ['post', `/orgs/${a.orgId}/verification/challenge`],
        ['post', `/orgs/${a.orgId}/verification`, { method: 'credential', verifiableCredential: {} }],
      ];
      for (const token of [b.session, keyB]) {
        for (const [method, path, body] of walk) {
          const call = (request(app()) as unknown as Record<string, (p: string) => request.Test>)[method]!(path).set(...as(token));
          const res = body ? await call.send(body) : await call;
          const owner = token === b.session;
          // B's owner has every scope: 404. B's key lacks org:admin: 403 on the admin routes before any lookup.
          const expected = !owner && /members|api-keys|verification/.test(path) ? 403 : 404;
          expect(res.status, `${method} ${path} as ${owner ? 'owner' : 'key'}: ${res.text}`).to.equal(expected);
          expect(res.text).not.to.contain(didBody());
        }
      }
      // Every organisation route the app serves (the OpenAPI document lists them all, other modules' included), called
      // by B's owner on A's organisation or opening: 404, or 422 where an empty body fails validation before any lookup.
      const openapi = (await request(app()).get('/openapi.json').expect(200)).body as { paths: Record<string, Record<string, { security?: { bearer?: string[] }[]; requestBody?: unknown }>> };
      const orgScopes = new Set(['jobs:write', 'applications:read', 'applications:write', 'org:admin']);
      let swept = 0;
      for (const [template, operations] of Object.entries(openapi.paths)) {
        if (!/^\/(orgs|jobs)\/\{id\}/.test(template)) continue;
        for (const [method, operation] of Object.entries(operations)) {
          const scope = operation.security?.[0]?.bearer?.[0];
          if (!scope || !orgScopes.has(scope)) continue;
          const path = template
            .replace('{id}', template.startsWith('/orgs') ? a.orgId : jobA)
            .replace('{applicationId}', applicationA)
            .replace(/\{[A-Za-z]+\}/g, keyA);
          const call = (request(app()) as unknown as Record<string, (p: string) => request.Test>)[method]!(path).set(...as(b.session));
          const res = operation.requestBody ? await call.send({}) : await call;
          expect(res.status, `${method.toUpperCase()} ${template}: ${res.text}`).to.be.oneOf(operation.requestBody ? [404, 422] : [404]);
          expect(res.text).not.to.contain(didBody());
          swept += 1;
        }
      }
      expect(swept).to.be.at.least(walk.length);
      // Nothing was changed in A by B.
      expect((await platform().store.organisationApiKeys.listByOrganisation(a.orgId)).find((k) => k.id === keyA)!.revokedAt).to.equal(null);
      expect(await platform().store.openings.get(opening.id)).to.equal(null);
    });
  });

  describe('verified organisations', () => {
    it('verifies an organisation by a credential about it from a trusted issuer; shown on the organisation and its JobPostings', async () => {
      const orgUrl = `${TEST_PUBLIC_URL}/orgs/${a.orgId}`;
      const issuers = (await request(app()).get('/issuers').expect(200)).body.issuers as { slug: string; did: string }[];
      const academy = issuers.find((i) => i.slug === 'academy') ?? issuers[0]!;
      const unsigned = {
        issuer: academy.did,
        '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        name: 'Registered organisation',
        credentialSubject: { id: orgUrl, type: ['AchievementSubject'], achievement: { id: `${TEST_PUBLIC_URL}/achievements/registered-org`, type: ['Achievement'], name: 'Registered organisation', description: 'Registered.', criteria: { narrative: 'Registry check.' } } },
      };
      const issued = await request(app()).post('/credentials/issue').set(...bearer()).send({ credential: unsigned });
      expect(issued.status, JSON.stringify(issued.body)).to.equal(201);
      const credential = issued.body.verifiableCredential;

      await request(app()).post(`/orgs/${b.orgId}/verification`).set(...as(b.session)).send({ method: 'credential', verifiableCredential: credential }).expect(422);
      const tampered = { ...credential, name: 'Edited' };
      const refused = await request(app()).post(`/orgs/${a.orgId}/verification`).set(...as(a.session)).send({ method: 'credential', verifiableCredential: tampered }).expect(422);
      expect(refused.body.verified).to.equal(false);
      expect((await request(app()).get(`/orgs/${a.orgId}`).expect(200)).body.verified).to.equal(false);

      const verified = await request(app()).post(`/orgs/${a.orgId}/verification`).set(...as(a.session)).send({ method: 'credential', verifiableCredential: credential });
      expect(verified.status, JSON.stringify(verified.body)).to.equal(200);
      const org = (await request(app()).get(`/orgs/${a.orgId}`).expect(200)).body;
      expect(org).to.include({ verified: true });
      expect(org.verifiedBy).to.include({ method: 'credential', credentialId: credential.id });
      expect(org.verifiedBy.issuer).to.match(/^did:/);
      expect(org.verifiedAt).to.be.a('string');
      const posting = (await request(app()).get(`/jobs/${jobA}`).expect(200)).body;
      expect(posting.hiringOrganization).to.include({ verified: true });
      expect(posting.hiringOrganization.verifiedBy.method).to.equal('credential');
    });

    it("refuses a same-name impostor: a name is not an identity, and another organisation's credential is not ours", async () => {
      const name = 'Acme';
      const real = await signUpEmployer(name);
      const impostor = await signUpEmployer(name);
      const issuers = (await request(app()).get('/issuers').expect(200)).body.issuers as { slug: string; did: string }[];
      const academy = issuers.find((i) => i.slug === 'academy') ?? issuers[0]!;
      const issue = async (subject: Record<string, unknown>) => {
        const unsigned = {
          issuer: academy.did,
          '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
          type: ['VerifiableCredential', 'OpenBadgeCredential'],
          name: 'Registered organisation',
          credentialSubject: { ...subject, type: ['AchievementSubject'], achievement: { id: `${TEST_PUBLIC_URL}/achievements/registered-org`, type: ['Achievement'], name: 'Registered organisation', description: 'Registered.', criteria: { narrative: 'Registry check.' } } },
        };
        const issued = await request(app()).post('/credentials/issue').set(...bearer()).send({ credential: unsigned });
        expect(issued.status, JSON.stringify(issued.body)).to.equal(201);
        return issued.body.verifiableCredential as object;
      };
      // The real organisation's credential (its URL as subject id, and its name) does not verify the impostor.
      const realCredential = await issue({ id: `${TEST_PUBLIC_URL}/orgs/${real.orgId}`, name });
      const stolen = await request(app()).post(`/orgs/${impostor.orgId}/verification`).set(...as(impostor.session)).send({ method: 'credential', verifiableCredential: realCredential }).expect(422);
      expect(stolen.body.problemDetails.map((p: { code: string }) => p.code)).to.include('SUBJECT_MISMATCH');
      // Nor does a credential naming the organisation without its id, for either of them.
      const byName = await issue({ name });
      await request(app()).post(`/orgs/${impostor.orgId}/verification`).set(...as(impostor.session)).send({ method: 'credential', verifiableCredential: byName }).expect(422);
      await request(app()).post(`/orgs/${real.orgId}/verification`).set(...as(real.session)).send({ method: 'credential', verifiableCredential: byName }).expect(422);
      expect((await request(app()).get(`/orgs/${impostor.orgId}`).expect(200)).body.verified).to.equal(false);
      await request(app()).post(`/orgs/${real.orgId}/verification`).set(...as(real.session)).send({ method: 'credential', verifiableCredential: realCredential }).expect(200);
      // Its digest is now bound to the real organisation (the store lookup the refusal of a reused credential reads).
      const digest = (await request(app()).get(`/orgs/${real.orgId}`).expect(200)).body.verifiedBy.credentialDigest as string;
      expect(await platform().store.organisations.verifiedByCredentialDigest(digest)).to.deep.equal([real.orgId]);
    });

    it('refuses a did:web proof that is not a did:web or not signed over the challenge', async () => {
      const { challenge, domain } = (await request(app()).post(`/orgs/${b.orgId}/verification/challenge`).set(...as(b.session)).expect(200)).body;
      expect(domain).to.equal(`${TEST_PUBLIC_URL}/orgs/${b.orgId}`);
      await request(app()).post(`/orgs/${b.orgId}/verification`).set(...as(b.session)).send({ method: 'did:web', did: 'did:key:z6Mkabc', challenge, verifiablePresentation: {} }).expect(422);
      const res = await request(app()).post(`/orgs/${b.orgId}/verification`).set(...as(b.session)).send({ method: 'did:web', did: 'did:web:birch.example', challenge, verifiablePresentation: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'] } });
      expect(res.status, res.text).to.equal(422);
      expect(res.body.verified).to.equal(false);
    });
  });

  describe('recommendations', () => {
    it('ranks open positions for a holder from their wallet\'s verified credentials, explained', async () => {
      await request(app()).get('/wallet/recommendations').expect(401);
      const res = await request(app()).get('/wallet/recommendations').set(...as(candidate.token)).expect(200);
      expect(res.body.credentialsUsed).to.be.at.least(1);
      const recommendations = res.body.recommendations as { rank: number; openingId: string; match: { score: number; eligible: boolean; requirements: { skill: string; met: boolean }[] } }[];
      expect(recommendations.map((r) => r.rank)).to.deep.equal(recommendations.map((_, i) => i + 1));
      const ours = recommendations.find((r) => r.openingId === jobA);
      expect(ours, JSON.stringify(recommendations.map((r) => r.openingId))).to.not.equal(undefined);
      expect(ours!.match.eligible).to.equal(true);
      expect(ours!.match.requirements.find((r) => r.skill === SKILL('ai-assisted-sql'))!.met).to.equal(true);
      // Ordered: eligible first, then by score.
      for (let i = 1; i < recommendations.length; i += 1) {
        const [p, q] = [recommendations[i - 1]!.match, recommendations[i]!.match];
        expect(Number(p.eligible) > Number(q.eligible) || (p.eligible === q.eligible && p.score >= q.score)).to.equal(true);
      }
      // A holder with nothing in the wallet gets nothing recommended.
      const empty = await newCandidate();
      expect((await request(app()).get('/wallet/recommendations').set(...as(empty.token)).expect(200)).body.recommendations).to.deep.equal([]);
    });

    it('authenticates the holder before validating the input: no token and a bad body or query answer 401', async () => {
      const bad = { share: { email: 'not an email', extra: true } };
      for (const token of [undefined, 'plh_not-a-token']) {
        const consent = request(app()).post(`/wallet/applications/${uniqueId('app')}/consent`);
        const res = await (token ? consent.set(...as(token)) : consent).send(bad);
        expect(res.status, res.text).to.equal(401);
        expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
      }
      await request(app()).get('/wallet/recommendations?limit=abc').expect(401);
      await request(app()).get('/wallet/applications?x=1').expect(401);
      await request(app()).post(`/wallet/applications/${'x'.repeat(300)}/decline`).expect(401);
      // With a token, the same bad input is the client's mistake (422), not a 401.
      await request(app()).post(`/wallet/applications/${uniqueId('app')}/consent`).set(...as(candidate.token)).send(bad).expect(422);
    });

    it('counts an ecdsa-sd-2023 credential (checked through its full disclosure, as the wallet checks it)', async () => {
      const holder = await newCandidate();
      await request(app()).post('/awards').set(...bearer()).send(awardBody({ recipient: { did: holder.did }, options: { cryptosuite: 'ecdsa-sd-2023' } })).expect(201);
      await request(app()).post('/wallet/credentials/sync').set(...as(holder.token)).expect(200);
      const res = await request(app()).get('/wallet/recommendations').set(...as(holder.token)).expect(200);
      expect(res.body).to.include({ credentialsUsed: 1, credentialsIgnored: 0 });
    });
  });
});
