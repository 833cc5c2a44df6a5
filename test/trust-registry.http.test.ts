/**
 * The trusted-issuer registry on the server as server.ts wires it: GET /trust/issuers (public), POST and DELETE
 * (admin), and its effect on POST /credentials/verify for an Open Badges credential of another issuer (signed in the
 * test with @digitalbazaar/vc): untrusted until registered, then trusted within its scope (achievement types, skill
 * URI prefixes). Our own issuers are always trusted.
 */
import { expect } from 'chai';
import request from 'supertest';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { awardBody } from './awards.http.test.ts';
import { independentLoader } from './helpers/independent-verifier.ts';
import { bearer, forEachPlatform } from './helpers/platform.ts';

const SKILL = 'https://skills.other-academy.example/framework/prompting';

/** An OpenBadgeCredential from another academy (a did:key of its own), aligned to one skill of its framework. */
async function otherAcademyBadge(): Promise<{ did: string; credential: Record<string, unknown> }> {
  const key = await Ed25519Multikey.generate();
  const did = `did:key:${key.publicKeyMultibase}`;
  key.id = `${did}#${key.publicKeyMultibase}`;
  key.controller = did;
  const credential = {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: `urn:uuid:${globalThis.crypto.randomUUID()}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: did, type: ['Profile'], name: 'Other Academy' },
    validFrom: '2026-01-01T00:00:00Z',
    name: 'Prompting Certificate',
    credentialSubject: {
      id: 'did:example:learner',
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://other-academy.example/achievements/prompting',
        type: ['Achievement'],
        name: 'Prompting',
        description: 'Writes prompts that work.',
        criteria: { narrative: 'Passed the prompting assessment.' },
        achievementType: 'Certificate',
        alignment: [{ type: ['Alignment'], targetName: 'Prompting', targetUrl: SKILL, targetFramework: 'Other Academy Skills' }],
      },
    },
  };
  const suite = new DataIntegrityProof({ signer: key.signer(), cryptosuite: eddsaRdfc2022 });
  return { did, credential: await vc.issue({ credential, suite, documentLoader: independentLoader() }) };
}

const codes = (body: { problemDetails: { code: string }[] }) => body.problemDetails.map((p) => p.code);

forEachPlatform('Trusted-issuer registry', (platform) => {
  const verify = (verifiableCredential: unknown) => request(platform().app).post('/credentials/verify').send({ verifiableCredential });
  const trust = (body: Record<string, unknown>) => request(platform().app).post('/trust/issuers').set(...bearer()).send(body);

  it('trusts our own issuers without a registry entry', async () => {
    const res = await request(platform().app).post('/awards').set(...bearer()).send(awardBody()).expect(201);
    const verified = await verify(res.body.verifiableCredential).expect(200);
    expect(verified.body.trusted).to.equal(true);
  });

  it('reports another issuer untrusted until it is registered, then trusted; removed, untrusted again', async () => {
    const { did, credential } = await otherAcademyBadge();
    const before = await verify(credential).expect(422);
    expect(before.body.trusted).to.equal(false);
    expect(codes(before.body)).to.deep.equal(['UNTRUSTED_ISSUER']);
    expect(before.body.skills.map((s: { id: string }) => s.id)).to.deep.equal([SKILL]);

    const added = await trust({ did, name: 'Other Academy' }).expect(201);
    expect(added.body).to.include({ did, name: 'Other Academy', scope: null });
    const listed = await request(platform().app).get('/trust/issuers').expect(200);
    expect(listed.body.issuers.find((i: { did: string }) => i.did === did)).to.include({ name: 'Other Academy' });

    const after = await verify(credential).expect(200);
    expect(after.body).to.include({ verified: true, trusted: true, issuer: did });

    await request(platform().app).delete(`/trust/issuers/${encodeURIComponent(did)}`).set(...bearer()).expect(204);
    await request(platform().app).delete(`/trust/issuers/${encodeURIComponent(did)}`).set(...bearer()).expect(404);
    expect(codes((await verify(credential).expect(422)).body)).to.deep.equal(['UNTRUSTED_ISSUER']);
  });

  it('respects the scope: achievement types and skill URI prefixes', async () => {
    const { did, credential } = await otherAcademyBadge();
    const cases: [Record<string, unknown>, boolean][] = [
      [{ skillPrefixes: ['https://skills.other-academy.example/'] }, true],
      [{ skillPrefixes: ['https://skills.elsewhere.example/'] }, false],
      [{ achievementTypes: ['Certificate'] }, true],
      [{ achievementTypes: ['Badge'] }, false],
      [{ achievementTypes: ['Badge'], skillPrefixes: [SKILL] }, true],
      [{}, true],
    ];
    for (const [i, [scope, trusted]] of cases.entries()) {
      // Added once, then replaced.
      await trust({ did, name: 'Other Academy', scope }).expect(i === 0 ? 201 : 200);
      const res = await verify(credential);
      expect(res.body.trusted, JSON.stringify(scope)).to.equal(trusted);
      expect(res.status, JSON.stringify(scope)).to.equal(trusted ? 200 : 422);
      if (!trusted) expect(codes(res.body)).to.deep.equal(['UNTRUSTED_ISSUER']);
    }
  });

  it('needs an admin token to change the registry, and refuses malformed entries', async () => {
    const { did } = await otherAcademyBadge();
    await request(platform().app).post('/trust/issuers').send({ did, name: 'X' }).expect(401);
    await request(platform().app).delete(`/trust/issuers/${encodeURIComponent(did)}`).expect(401);
    for (const body of [{ did: 'not-a-did', name: 'X' }, { did, name: '' }, { did, name: 'X', scope: { skills: [] } }, { did, name: 'X', extra: 1 }]) {
      await trust(body).expect(422);
    }
  });
});
