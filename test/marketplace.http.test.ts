/**
 * The jobs marketplace end to end (PGlite, and PostgreSQL when DATABASE_URL is set): an organisation posts an opening;
 * holders built in the test (their own did:key, presentations signed with @digitalbazaar/vc, no Proofline wallet code)
 * apply with awards issued to them; the employer sees a blind, ranked, explained view, re-verified on every request;
 * POST /match answers the same for a job board without storing anything.
 */
import { expect } from 'chai';
import request from 'supertest';
import { createToken } from '../http/tokens.ts';
import { awardBody } from './awards.http.test.ts';
import { bundledContexts } from '../contexts/bundled-contexts.ts';
import { canonicalJson } from '../core/canonical-json.ts';
import { sha256Hex } from '../crypto/digest.ts';
import { MATCH_RECEIPT_CONTEXT, securedDigest } from '../marketplace/match-receipt.ts';
import { createHolder, type Holder } from './helpers/holder.ts';
import { verifyWithDigitalBazaar } from './helpers/independent-verifier.ts';
import { bearer, forEachPlatform, TEST_PUBLIC_URL } from './helpers/platform.ts';
import { uniqueId } from './helpers/store.ts';

const SKILL = (slug: string) => `https://proofline.dev/frameworks/ai-fluency/v1/skills/${slug}`;
const REQUIREMENTS = [
  { skill: SKILL('ai-assisted-sql'), minLevel: 'practitioner', required: true, weight: 3 },
  { skill: SKILL('data-cleaning'), minLevel: 'practitioner', required: true, weight: 2 },
  { skill: SKILL('analysis-verification'), minLevel: 'foundation', required: false, weight: 2 },
  { skill: SKILL('ai-privacy'), minLevel: 'foundation', required: true, weight: 2, maxAgeMonths: 24 },
];

forEachPlatform('marketplace', (platform) => {
  const app = () => platform().app;
  let matchToken: string;
  let jobId: string;
  let alice: Holder;
  let bob: Holder;
  let aliceApplication: string;
  let bobApplication: string;
  let alicePrivacyCredential: string;

  before(async () => {
    matchToken = (await createToken(platform().store, { label: uniqueId('employer'), scopes: ['match'], now: new Date() })).token;
    alice = await createHolder();
    bob = await createHolder();
  });

  async function award(holder: Holder, achievement: string) {
    const res = await request(app()).post('/awards').set(...bearer()).send(awardBody({ achievement, recipient: { did: holder.did } }));
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.verifiableCredential as Record<string, unknown>;
  }
  async function apply(holder: Holder, credentials: object[]) {
    const { challenge, domain } = (await request(app()).post(`/jobs/${jobId}/challenge`).expect(200)).body as { challenge: string; domain: string };
    expect(domain).to.equal(`${TEST_PUBLIC_URL}/jobs/${jobId}`);
    const vp = await holder.signPresentation(credentials, { challenge, domain });
    return { vp, res: await request(app()).post(`/jobs/${jobId}/applications`).send({ verifiablePresentation: vp }) };
  }

  it('creates an organisation (platform admin) and an opening with the organisation\'s API key; the opening is a public JobPosting with DCQL and PE requests', async () => {
    await request(app()).post('/orgs').send({ name: 'Harborview', kind: 'public-body' }).expect(401);
    // A platform `match` token is for POST /match only; organisations are the admin's or come from employer sign-up.
    await request(app()).post('/orgs').set(...bearer(matchToken)).send({ name: 'Harborview', kind: 'public-body' }).expect(403);
    const org = (await request(app()).post('/orgs').set(...bearer()).send({ name: 'Harborview City Council', kind: 'public-body', slug: uniqueId('harborview') }).expect(201)).body;
    expect(org).to.include({ '@type': 'Organization', additionalType: 'public-body', verified: false });
    await request(app()).post('/orgs').set(...bearer()).send({ name: 'X', kind: 'startup' }).expect(422);
    // From here on the employer acts with its own organisation's API key (decision 0012).
    const key = await request(app()).post(`/orgs/${org.id}/api-keys`).set(...bearer()).send({ label: 'employer', scopes: ['jobs:write', 'applications:read', 'match'] }).expect(201);
    matchToken = key.body.key as string;

    jobId = uniqueId('analyst');
    const posting = (
      await request(app())
        .post(`/orgs/${org.id}/jobs`)
        .set(...bearer(matchToken))
        .send({ id: jobId, title: 'Data Analyst', description: 'Reports.', location: 'Harborview', remote: 'on-site', employmentType: 'full-time', requirements: REQUIREMENTS })
        .expect(201)
    ).body;
    expect(posting).to.include({ '@type': 'JobPosting', title: 'Data Analyst', employmentType: 'FULL_TIME' });

    const got = (await request(app()).get(`/jobs/${jobId}`).expect(200)).body;
    expect(got.hiringOrganization).to.include({ name: 'Harborview City Council', additionalType: 'public-body' });
    expect(got.skills[0]).to.include({ '@type': 'DefinedTerm', '@id': SKILL('ai-assisted-sql') });
    expect(got.skills[0].name).not.to.equal(SKILL('ai-assisted-sql'));
    expect(got.requirements).to.deep.equal(REQUIREMENTS);
    expect(got.presentationRequest.dcql_query.credentials).to.have.length(4);
    expect(got.presentationRequest.presentation_definition.input_descriptors).to.have.length(4);
    const list = (await request(app()).get('/jobs').expect(200)).body;
    expect(list.itemListElement.map((p: { identifier: string }) => p.identifier)).to.include.members([jobId, 'kestrel-senior-agent-engineer']);
    await request(app()).get('/jobs/no-such-job').expect(404);
  });

  it('accepts applications bound to the opening\'s challenge, once, and scores only verified credentials', async () => {
    const sql = await award(alice, 'data-analysis-with-ai-practitioner');
    const privacy = await award(alice, 'responsible-ai-foundation');
    alicePrivacyCredential = privacy.id as string;
    const applied = await apply(alice, [sql, privacy]);
    expect(applied.res.status, JSON.stringify(applied.res.body)).to.equal(201);
    expect(applied.res.body.match).to.include({ score: 100, eligible: true });
    aliceApplication = applied.res.body.applicationId;

    const replay = await request(app()).post(`/jobs/${jobId}/applications`).send({ verifiablePresentation: applied.vp }).expect(422);
    expect(replay.body.problemDetails.map((p: { code: string }) => p.code)).to.deep.equal(['CHALLENGE_REUSED']);

    // Bob presents his own foundation award plus a tampered copy of one: the tampered one is dropped, not scored.
    const own = await award(bob, 'data-analysis-with-ai-foundation');
    const forged = { ...(await award(bob, 'data-analysis-with-ai-expert')), name: 'Edited' };
    const bobs = await apply(bob, [own, forged]);
    expect(bobs.res.status, JSON.stringify(bobs.res.body)).to.equal(201);
    expect(bobs.res.body.match.eligible).to.equal(false);
    expect(bobs.res.body.rejected).to.have.length(1);
    expect(bobs.res.body.rejected[0].index).to.equal(1);
    bobApplication = bobs.res.body.applicationId;

    // A presentation for another domain is refused.
    const { challenge } = (await request(app()).post(`/jobs/${jobId}/challenge`).expect(200)).body;
    const elsewhere = await bob.signPresentation([own], { challenge, domain: 'other.example' });
    const refused = await request(app()).post(`/jobs/${jobId}/applications`).send({ verifiablePresentation: elsewhere }).expect(422);
    expect(refused.body.problemDetails.map((p: { code: string }) => p.code)).to.include('DOMAIN_MISMATCH');
  });

  it('ranks applications blind, with an explanation per requirement', async () => {
    await request(app()).get(`/jobs/${jobId}/matches`).expect(401);
    const res = await request(app()).get(`/jobs/${jobId}/matches`).set(...bearer(matchToken)).expect(200);
    const text = JSON.stringify(res.body);
    for (const did of [alice.did, bob.did]) expect(text).not.to.contain(did.slice('did:key:'.length));
    const ids = res.body.matches.map((m: { applicationId: string }) => m.applicationId);
    expect(ids).to.deep.equal([aliceApplication, bobApplication]);
    const [first, second] = res.body.matches;
    expect(first).to.include({ rank: 1, flagged: false });
    const privacy = first.match.requirements.find((r: { skill: string }) => r.skill === SKILL('ai-privacy'));
    expect(privacy.met).to.equal(true);
    expect(privacy.satisfiedBy).to.include({ level: 'foundation', via: 'exact' });
    expect(privacy.satisfiedBy.issuer).to.match(/^did:/);
    expect(privacy.satisfiedBy.checkedAt).to.be.a('string');
    const sql = second.match.requirements.find((r: { skill: string }) => r.skill === SKILL('ai-assisted-sql'));
    expect(sql).to.include({ met: false });
    expect(sql.nearMisses[0].reason).to.equal('level-too-low');
    expect(sql.wouldMeet).to.contain('at practitioner or higher');
  });

  /** A receipt verifies with an independent verifier (given only our bundled receipt context) and with POST /credentials/verify. */
  async function receiptVerifies(receipt: Record<string, unknown>): Promise<{ independent: boolean; ours: boolean }> {
    const independent = await verifyWithDigitalBazaar(receipt, { [MATCH_RECEIPT_CONTEXT]: bundledContexts.get(MATCH_RECEIPT_CONTEXT) as object });
    const ours = await request(app()).post('/credentials/verify').send({ verifiableCredential: receipt });
    // 200 verified, or 422 because the signature no longer covers the bytes (not for any other reason).
    if (ours.status !== 200) expect(ours.body.problemDetails.map((p: { code: string }) => p.code), JSON.stringify(ours.body)).to.deep.equal(['PROOF_VERIFICATION_ERROR']);
    return { independent: independent.verified === true, ours: ours.body.verified === true };
  }

  it('attaches a signed match receipt per application: verifiable offline, broken by altering the score or a digest', async () => {
    const res = await request(app()).get(`/jobs/${jobId}/matches`).set(...bearer(matchToken)).expect(200);
    const first = res.body.matches[0];
    const receipt = first.receipt as Record<string, unknown> & { credentialSubject: Record<string, unknown> & { reliedOn: { credentialId?: string; digestSha256: string }[] } };
    expect(receipt.type).to.deep.equal(['VerifiableCredential', 'MatchReceiptCredential']);
    expect(receipt.issuer).to.equal(first.match.requirements[0].satisfiedBy.issuer); // the Academy signed the awards and the receipt
    expect(receipt.credentialSubject).to.include({
      opening: `${TEST_PUBLIC_URL}/jobs/${jobId}`,
      requirementsDigest: sha256Hex(canonicalJson(REQUIREMENTS)),
      score: first.match.score,
      eligible: first.match.eligible,
    });
    // When the evidence relied on was checked (its oldest check), not the ranking time.
    const evidence = await platform().store.evidence.listByApplications([first.applicationId]);
    const relied = new Set(first.match.requirements.flatMap((r: { satisfiedBy?: { credential: number } }) => (r.satisfiedBy ? [r.satisfiedBy.credential] : [])));
    const oldest = Math.min(...evidence.filter((_, i) => relied.has(i)).map((e) => e.checkedAt.getTime()));
    expect(receipt.credentialSubject.checkedAt).to.equal(new Date(oldest).toISOString());
    expect(Date.parse(String(receipt.credentialSubject.checkedAt))).to.be.at.most(Date.parse(res.body.evaluatedAt));
    const stored = (await platform().store.applications.listByOpening(jobId)).find((a) => a.id === aliceApplication)!.credentials;
    expect(receipt.credentialSubject.reliedOn.map((r) => r.digestSha256)).to.have.members(stored.map(securedDigest));
    expect(receipt.credentialSubject.reliedOn.map((r) => r.credentialId)).to.include(alicePrivacyCredential);
    expect(JSON.stringify(res.body.matches.map((m: { receipt: unknown }) => m.receipt))).not.to.contain(alice.did.slice('did:key:'.length));
    expect(await receiptVerifies(receipt)).to.deep.equal({ independent: true, ours: true });

    const rescored = structuredClone(receipt);
    rescored.credentialSubject.score = first.match.score === 100 ? 99 : 100;
    expect(await receiptVerifies(rescored)).to.deep.equal({ independent: false, ours: false });
    const redigested = structuredClone(receipt);
    redigested.credentialSubject.reliedOn[0]!.digestSha256 = sha256Hex('another credential');
    expect(await receiptVerifies(redigested)).to.deep.equal({ independent: false, ours: false });
  });

  it('drops a credential revoked after applying at the next evaluation and flags the application', async () => {
    await request(app())
      .post('/credentials/status')
      .set(...bearer())
      .send({ credentialId: alicePrivacyCredential, credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose: 'revocation', status: true }] })
      .expect(200);
    const res = await request(app()).get(`/jobs/${jobId}/matches`).set(...bearer(matchToken)).expect(200);
    const aliceMatch = res.body.matches.find((m: { applicationId: string }) => m.applicationId === aliceApplication);
    expect(aliceMatch.flagged).to.equal(true);
    expect(aliceMatch.flags.join(' ')).to.contain('REVOKED');
    expect(aliceMatch.match.eligible).to.equal(false);
    expect(aliceMatch.match.requirements.find((r: { skill: string }) => r.skill === SKILL('ai-privacy')).met).to.equal(false);
    expect(aliceMatch.match.score).to.be.below(100);
  });

  it('POST /match: the same explained result for a job board, statelessly', async () => {
    const carol = await createHolder();
    const sql = await award(carol, 'data-analysis-with-ai-practitioner');
    const vp = await carol.signPresentation([sql], { challenge: 'board-nonce-1', domain: 'board.example' });
    const body = { requirements: REQUIREMENTS, verifiablePresentation: vp, options: { challenge: 'board-nonce-1', domain: 'board.example' } };
    await request(app()).post('/match').send(body).expect(401);
    const before = (await platform().store.applications.listByOpening(jobId)).length;
    const res = await request(app()).post('/match').set(...bearer(matchToken)).send(body);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.verified).to.equal(true);
    expect(res.body.match).to.include({ eligible: false });
    expect(res.body.match.requirements[0]).to.include({ met: true });
    expect(res.body.match.requirements[3].wouldMeet).to.contain('ai-privacy');
    expect(res.body.receipt.credentialSubject).to.include({ score: res.body.match.score, eligible: false, requirementsDigest: sha256Hex(canonicalJson(REQUIREMENTS)) });
    expect(res.body.receipt.credentialSubject).not.to.have.property('opening');
    expect(res.body.receipt.credentialSubject.reliedOn).to.deep.equal([{ credentialId: sql.id, digestSha256: securedDigest(sql) }]);
    expect(await receiptVerifies(res.body.receipt)).to.deep.equal({ independent: true, ours: true });
    // Stateless: the board's nonce is not consumed, so the same request answers again; nothing was stored.
    await request(app()).post('/match').set(...bearer(matchToken)).send(body).expect(200);
    expect((await platform().store.applications.listByOpening(jobId)).length).to.equal(before);
    const wrong = await request(app()).post('/match').set(...bearer(matchToken)).send({ ...body, options: { challenge: 'other' } }).expect(422);
    expect(wrong.body.problemDetails.map((p: { code: string }) => p.code)).to.include('CHALLENGE_MISMATCH');
  });
});
