/**
 * Stored evidence and re-checks end to end (docs/decisions/0011), PGlite and PostgreSQL: award → Proofline wallet →
 * apply → ranked from stored evidence → revoke → the next ranking drops the credential and flags the application,
 * and the organisation's webhook gets an `application.flagged` delivery in the outbox; suspend/unsuspend flags and
 * unflags; POST /jobs/{id}/recheck re-verifies on demand; matches come in pages. Employer calls use the platform admin
 * token (who may act for any organisation; organisation sessions and API keys are decision 0012's tests).
 */
import { expect } from 'chai';
import request from 'supertest';
import { securedDigest } from '../marketplace/match-receipt.ts';
import { awardBody } from './awards.http.test.ts';
import { bearer, forEachPlatform, TEST_PUBLIC_URL } from './helpers/platform.ts';
import { uniqueId } from './helpers/store.ts';

const SKILL = (slug: string) => `https://proofline.dev/frameworks/ai-fluency/v1/skills/${slug}`;
const REQUIREMENTS = [
  { skill: SKILL('ai-assisted-sql'), minLevel: 'practitioner', required: true, weight: 3 },
  { skill: SKILL('data-cleaning'), minLevel: 'practitioner', required: true, weight: 2 },
  { skill: SKILL('ai-privacy'), minLevel: 'foundation', required: true, weight: 2, maxAgeMonths: 24 },
];
const PASSWORD = 'correct horse battery staple';

interface Candidate {
  did: string;
  auth: [string, string];
}

forEachPlatform('marketplace stored evidence and re-checks', (platform) => {
  const app = () => platform().app;
  let orgId: string;
  let jobId: string;
  let webhookId: string;

  before(async () => {
    orgId = (await request(app()).post('/orgs').set(...bearer()).send({ name: 'Evidence Ltd', kind: 'sme', slug: uniqueId('evidence') }).expect(201)).body.id;
    jobId = uniqueId('evidence-analyst');
    await request(app())
      .post(`/orgs/${orgId}/jobs`)
      .set(...bearer())
      .send({ id: jobId, title: 'Analyst', description: 'Reports.', location: 'Remote', remote: 'remote', requirements: REQUIREMENTS })
      .expect(201);
  });

  async function walletHolder(): Promise<Candidate> {
    const email = `${uniqueId('candidate')}@example.com`;
    const created = await request(app()).post('/wallet/accounts').send({ email, password: PASSWORD }).expect(201);
    const tokens = (await request(app()).post('/wallet/sessions').send({ email, password: PASSWORD }).expect(200)).body as { accessToken: string };
    return { did: created.body.did as string, auth: ['Authorization', `Bearer ${tokens.accessToken}`] };
  }
  async function award(holder: Candidate, achievement: string): Promise<string> {
    const res = await request(app()).post('/awards').set(...bearer()).send(awardBody({ achievement, recipient: { did: holder.did } })).expect(201);
    return (res.body.verifiableCredential as { id: string }).id;
  }
  /** Syncs the holder's awards into the wallet, presents them all for the opening's challenge, applies. */
  async function applyFromWallet(holder: Candidate): Promise<string> {
    await request(app()).post('/wallet/credentials/sync').set(...holder.auth).expect(200);
    const held = (await request(app()).get('/wallet/credentials').set(...holder.auth).expect(200)).body.credentials as { id: string }[];
    const { challenge, domain } = (await request(app()).post(`/jobs/${jobId}/challenge`).expect(200)).body;
    const vp = (await request(app()).post('/wallet/presentations').set(...holder.auth).send({ challenge, domain, credentialIds: held.map((c) => c.id) }).expect(201)).body
      .verifiablePresentation;
    const res = await request(app()).post(`/jobs/${jobId}/applications`).send({ verifiablePresentation: vp });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.applicationId as string;
  }
  const matches = async (query = '') => (await request(app()).get(`/jobs/${jobId}/matches${query}`).set(...bearer()).expect(200)).body;
  const setStatus = (credentialId: string, statusPurpose: string, status: boolean) =>
    request(app()).post('/credentials/status').set(...bearer()).send({ credentialId, credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose, status }] }).expect(200);
  const deliveries = async () =>
    (await request(app()).get(`/orgs/${orgId}/webhooks/${webhookId}/deliveries`).set(...bearer()).expect(200)).body.deliveries as {
      event: string;
      status: string;
      payload: { type: string; data: { applicationId: string; flags: string[] } };
    }[];

  it('registers a webhook endpoint: https only, the secret returned once', async () => {
    await request(app()).post(`/orgs/${orgId}/webhooks`).send({ url: 'https://hooks.example/p', events: ['application.flagged'] }).expect(401);
    for (const url of ['http://hooks.example/p', 'https://127.0.0.1/p', 'https://user:pw@hooks.example/p', 'https://hooks.example:8443/p', 'not a url']) {
      const res = await request(app()).post(`/orgs/${orgId}/webhooks`).set(...bearer()).send({ url, events: ['application.flagged'] });
      expect(res.status, url).to.equal(422);
      expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
    }
    await request(app()).post(`/orgs/${orgId}/webhooks`).set(...bearer()).send({ url: 'https://hooks.example/p', events: ['job.created'] }).expect(422);
    await request(app()).post('/orgs/no-such-org/webhooks').set(...bearer()).send({ url: 'https://hooks.example/p', events: ['application.flagged'] }).expect(404);
    const created = await request(app())
      .post(`/orgs/${orgId}/webhooks`)
      .set(...bearer())
      .send({ url: 'https://hooks.example/proofline', events: ['application.flagged', 'application.unflagged'] })
      .expect(201);
    expect(created.body.secret).to.match(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.headers['cache-control']).to.equal('no-store');
    // At rest the secret is sealed under the KEK, never in the clear.
    const stored = (await platform().store.webhooks.getEndpoint(created.body.id))!.secret;
    expect(stored).to.match(/^v1\./);
    expect(stored).not.to.contain(created.body.secret.slice('whsec_'.length));
    webhookId = created.body.id;
    const listed = (await request(app()).get(`/orgs/${orgId}/webhooks`).set(...bearer()).expect(200)).body.endpoints;
    expect(listed).to.have.length(1);
    expect(JSON.stringify(listed)).not.to.contain(created.body.secret);
  });

  let alice: Candidate;
  let aliceApplication: string;
  let alicePrivacy: string;

  it('stores the verifier\'s evidence per credential at apply time and ranks from it', async () => {
    alice = await walletHolder();
    await award(alice, 'data-analysis-with-ai-practitioner');
    alicePrivacy = await award(alice, 'responsible-ai-foundation');
    aliceApplication = await applyFromWallet(alice);

    const stored = (await platform().store.applications.listByOpening(jobId)).find((a) => a.id === aliceApplication)!;
    const evidence = await platform().store.evidence.listByApplications([aliceApplication]);
    expect(evidence).to.have.length(2);
    expect(evidence.map((e) => e.digest)).to.deep.equal(stored.credentials.map(securedDigest));
    const privacy = evidence.find((e) => e.credentialId === alicePrivacy)!;
    expect(privacy).to.include({ verified: true, trusted: true, revoked: false, suspended: false });
    expect(privacy.problems).to.deep.equal([]);
    expect(privacy.issuer).to.match(/^did:/);
    expect(privacy.validFrom).to.be.a('string');
    expect(privacy.skills.map((s) => s.id)).to.include(SKILL('ai-privacy'));
    expect(privacy.statusEntries.map((e) => e.purpose)).to.have.members(['revocation', 'suspension']);
    expect(privacy.statusEntries[0]!.url).to.match(new RegExp(`^${TEST_PUBLIC_URL}/status-lists/`));

    const ranked = await matches();
    expect(ranked).to.include({ total: 1, offset: 0 });
    expect(ranked.matches[0]).to.include({ rank: 1, applicationId: aliceApplication, flagged: false });
    expect(ranked.matches[0].match).to.include({ score: 100, eligible: true });
    expect(ranked.matches[0].receipt.credentialSubject.reliedOn.map((r: { digestSha256: string }) => r.digestSha256)).to.have.members(evidence.map((e) => e.digest));
    expect(JSON.stringify(ranked)).not.to.contain(alice.did.slice('did:key:'.length));
    // The receipt signs when the evidence it relies on was checked (the oldest such check), not the time of ranking.
    expect(ranked.matches[0].receipt.credentialSubject.checkedAt).to.equal(new Date(Math.min(...evidence.map((e) => e.checkedAt.getTime()))).toISOString());
    const older = new Date(Math.min(...evidence.map((e) => e.checkedAt.getTime())) - 3_600_000);
    await platform().store.evidence.save([{ ...privacy, checkedAt: older }]);
    const again = await matches();
    expect(again.matches[0].receipt.credentialSubject.checkedAt).to.equal(older.toISOString());
    expect(again.evaluatedAt).not.to.equal(older.toISOString());
    await platform().store.evidence.save([privacy]);
  });

  it('a revoked credential drops out of the next ranking, the application is flagged and the webhook queued', async () => {
    await setStatus(alicePrivacy, 'revocation', true);
    const ranked = await matches();
    const aliceMatch = ranked.matches.find((m: { applicationId: string }) => m.applicationId === aliceApplication);
    expect(aliceMatch.flagged).to.equal(true);
    expect(aliceMatch.flags.join(' ')).to.contain('REVOKED');
    expect(aliceMatch.match.eligible).to.equal(false);
    expect(aliceMatch.match.requirements.find((r: { skill: string }) => r.skill === SKILL('ai-privacy')).met).to.equal(false);
    expect(aliceMatch.match.score).to.equal(71.43);
    const [evidence] = (await platform().store.evidence.listByApplications([aliceApplication])).filter((e) => e.credentialId === alicePrivacy);
    expect(evidence!.problems).to.deep.equal(['REVOKED']);

    const queued = await deliveries();
    expect(queued).to.have.length(1);
    expect(queued[0]).to.deep.include({ event: 'application.flagged', status: 'pending' });
    expect(queued[0]!.payload.type).to.equal('application.flagged');
    expect(queued[0]!.payload.data.applicationId).to.equal(aliceApplication);
    expect(queued[0]!.payload.data.flags.join(' ')).to.contain('REVOKED');
    expect(JSON.stringify(queued)).not.to.contain(alice.did.slice('did:key:'.length));
  });

  it('a suspension flags, and reinstating unflags (both events queued)', async () => {
    const bob = await walletHolder();
    await award(bob, 'data-analysis-with-ai-practitioner');
    const privacy = await award(bob, 'responsible-ai-foundation');
    const bobApplication = await applyFromWallet(bob);
    expect((await matches()).matches[0].applicationId).to.equal(bobApplication);

    await setStatus(privacy, 'suspension', true);
    let bobMatch = (await matches()).matches.find((m: { applicationId: string }) => m.applicationId === bobApplication);
    expect(bobMatch).to.include({ flagged: true });
    expect(bobMatch.flags.join(' ')).to.contain('SUSPENDED');
    expect(bobMatch.match.eligible).to.equal(false);

    await setStatus(privacy, 'suspension', false);
    bobMatch = (await matches()).matches.find((m: { applicationId: string }) => m.applicationId === bobApplication);
    expect(bobMatch).to.include({ flagged: false, rank: 1 });
    expect(bobMatch.match).to.include({ eligible: true, score: 100 });
    const events = (await deliveries()).filter((d) => d.payload.data.applicationId === bobApplication).map((d) => d.event);
    expect(events).to.deep.equal(['application.unflagged', 'application.flagged']);
  });

  it('POST /jobs/{id}/recheck verifies every application again now; pages of matches', async () => {
    await request(app()).post(`/jobs/${jobId}/recheck`).expect(401);
    await request(app()).post('/jobs/no-such-job/recheck').set(...bearer()).expect(404);
    const summary = (await request(app()).post(`/jobs/${jobId}/recheck`).set(...bearer()).expect(200)).body;
    expect(summary).to.include({ openingId: jobId, applications: 2, credentials: 4 });
    expect(summary.flagged).to.deep.equal([]);

    const page = await matches('?limit=1&offset=1');
    expect(page).to.include({ total: 2, offset: 1 });
    expect(page.matches).to.have.length(1);
    expect(page.matches[0]).to.include({ rank: 2, applicationId: aliceApplication });
    await request(app()).get(`/jobs/${jobId}/matches?limit=0`).set(...bearer()).expect(422);
    await request(app()).get(`/jobs/${jobId}/matches?limit=abc`).set(...bearer()).expect(422);
  });

  it('the periodic re-check picks up evidence older than 10 minutes, and evidence a status change marked stale', async () => {
    const carol = await walletHolder();
    await award(carol, 'data-analysis-with-ai-practitioner');
    const privacyId = await award(carol, 'responsible-ai-foundation');
    const carolApplication = await applyFromWallet(carol);
    // Passes go on where the last one stopped (the shared PostgreSQL test database may hold other stale evidence).
    const recheckUntilFresh = async (target: { applicationId: string; position: number }) => {
      for (let pass = 0; pass < 100; pass++) {
        await platform().rechecks.runOnce();
        const stale = await platform().store.evidence.listStale(new Date(Date.now() - 10 * 60_000), 100_000);
        if (!stale.some((r) => r.applicationId === target.applicationId && r.position === target.position)) return;
      }
      expect.fail('the re-check worker never reached the stale evidence');
    };
    const carolMatch = async () => (await matches()).matches.find((m: { applicationId: string }) => m.applicationId === carolApplication);
    const before = (await platform().store.evidence.listByApplications([carolApplication])).find((e) => e.credentialId === privacyId)!;
    const ref = { applicationId: carolApplication, position: before.position };
    await setStatus(privacyId, 'revocation', true);
    expect((await carolMatch()).match.eligible).to.equal(false);

    // As if the after-status-change re-check had failed: the evidence still says the credential counts.
    const aged = new Date(Date.now() - 11 * 60_000);
    await platform().store.evidence.save([{ ...before, checkedAt: aged }]);
    expect((await carolMatch()).match.eligible).to.equal(true);
    expect((await platform().store.evidence.listStale(new Date(Date.now() - 10 * 60_000), 100_000)).map(({ applicationId, position }) => ({ applicationId, position }))).to.deep.include(ref);
    await recheckUntilFresh(ref);
    let after = (await platform().store.evidence.listByApplications([carolApplication])).find((e) => e.credentialId === privacyId)!;
    expect(after.problems).to.deep.equal(['REVOKED']);
    expect(after.checkedAt.getTime()).to.be.greaterThan(aged.getTime());
    expect((await carolMatch()).match.eligible).to.equal(false);

    // recheckStatusEntry marks what it re-checks stale first (the epoch), so a failure leaves it first in line.
    await platform().store.evidence.save([before]);
    await platform().store.evidence.markStale([ref]);
    const marked = (await platform().store.evidence.listByApplications([carolApplication])).find((e) => e.credentialId === privacyId)!;
    expect(marked.checkedAt.getTime()).to.equal(0);
    expect((await platform().store.evidence.listStale(new Date(Date.now() - 10 * 60_000), 1))[0]).to.include(ref);
    await recheckUntilFresh(ref);
    after = (await platform().store.evidence.listByApplications([carolApplication])).find((e) => e.credentialId === privacyId)!;
    expect(after.problems).to.deep.equal(['REVOKED']);
    expect(after.checkedAt.getTime()).to.be.greaterThan(0);
    expect((await platform().store.evidence.listStale(new Date(Date.now() - 10 * 60_000), 100_000)).map(({ applicationId, position }) => ({ applicationId, position }))).not.to.deep.include(ref);
  });
});
