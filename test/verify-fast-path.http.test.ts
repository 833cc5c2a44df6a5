/**
 * verifyCredential on the fast path (the default) against the libraries only (`canonize: defaultCanonize(...)`, i.e.
 * PROOFLINE_FAST_CANONIZE=off): the same result, field for field, on every JSON document of ../shared/vectors and on
 * credentials issued through the real app (did:web issuer, status lists served and verified, revoked, tampered).
 * The did:key documents the resolver keeps are bounded and shared frozen.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import { systemClock } from '../core/clock.ts';
import { resolveDidKey } from '../crypto/did-key.ts';
import { fastVerifyStats } from '../crypto/fast-verify-data-integrity.ts';
import { generateKey } from '../crypto/generate-key.ts';
import { defaultCanonize } from '../crypto/verify-data-integrity.ts';
import { findIssuerByDid } from '../issuer/find-issuer.ts';
import { createDidResolver, DID_KEY_CACHE_LIMIT, didKeyCacheSize } from '../verifier/create-did-resolver.ts';
import { verifyCredential, type VerifyCredentialOptions } from '../verifier/index.ts';
import { awardBody } from './awards.http.test.ts';
import { bearer, forEachPlatform, ownIssuerVerification } from './helpers/platform.ts';
import { jsonFiles } from './helpers/vector-files.ts';

const VECTORS = '/work/shared/vectors';
const NOW = new Date('2026-06-01T00:00:00Z');
/** The libraries only: what PROOFLINE_FAST_CANONIZE=off (config.canonize 'jsonld') selects. */
const LIBRARIES_ONLY = { canonize: defaultCanonize('eddsa-rdfc-2022') };


describe('verifyCredential fast path: same results as the libraries only', () => {
  it('on every JSON document of ../shared/vectors, in both profiles', async () => {
    const before = fastVerifyStats.verified;
    let verified = 0;
    for (const file of jsonFiles(VECTORS)) {
      const input = JSON.parse(readFileSync(file, 'utf8')) as object;
      for (const profile of ['conformance', 'default'] as const) {
        const fast = await verifyCredential(structuredClone(input), { now: NOW, profile });
        const libraries = await verifyCredential(structuredClone(input), { now: NOW, profile, ...LIBRARIES_ONLY });
        expect(fast, `${path.relative(VECTORS, file)} (${profile})`).to.deep.equal(libraries);
        if (fast.verified) verified += 1;
      }
    }
    expect(verified).to.be.greaterThan(5);
    // The valid Data Integrity vectors were verified by the fast path itself, not handed to the library.
    expect(fastVerifyStats.verified - before).to.be.greaterThan(5);
  });
});

describe('did:key documents kept by the verifier', () => {
  it('are the resolver\'s documents, frozen, and never more than DID_KEY_CACHE_LIMIT', async function () {
    this.timeout(120_000);
    const dids = createDidResolver();
    const { publicKeyMultibase } = await generateKey('Ed25519');
    const did = `did:key:${publicKeyMultibase}`;
    const document = await dids.resolve(did);
    expect(document).to.deep.equal(await resolveDidKey(did));
    expect(Object.isFrozen(document)).to.equal(true);
    expect(await dids.resolve(did)).to.equal(document); // computed once
    for (let i = 0; i < DID_KEY_CACHE_LIMIT + 20; i++) {
      await dids.resolve(`did:key:${(await generateKey(i % 2 ? 'Ed25519' : 'P-256')).publicKeyMultibase}`);
    }
    expect(didKeyCacheSize()).to.equal(DID_KEY_CACHE_LIMIT);
    const again = await dids.resolve(did); // evicted: computed anew, equal
    expect(again).not.to.equal(document);
    expect(again).to.deep.equal(document);
    await dids.resolve('did:key:zNotAKey').then(
      () => expect.fail('resolved a malformed did:key'),
      (error: Error) => expect(error.name).to.equal('DidResolutionError'),
    );
    expect(didKeyCacheSize()).to.equal(DID_KEY_CACHE_LIMIT); // failures are not kept
  });
});

forEachPlatform('verifyCredential fast path on credentials issued through the app', (platform) => {
  function options(): VerifyCredentialOptions {
    const { store } = platform();
    return {
      now: systemClock(),
      ...ownIssuerVerification(platform()),
      trustedIssuers: async (did) => ({ trusted: (await findIssuerByDid(store, did)) !== null }),
    };
  }
  const award = async (awardOptions?: Record<string, unknown>) =>
    (await request(platform().app).post('/awards').set(...bearer()).send(awardBody(awardOptions ? { options: awardOptions } : {})).expect(201)).body
      .verifiableCredential as Record<string, unknown>;

  async function expectSame(credential: object, label: string) {
    const fast = await verifyCredential(structuredClone(credential), options());
    const libraries = await verifyCredential(structuredClone(credential), { ...options(), ...LIBRARIES_ONLY });
    expect(fast, label).to.deep.equal(libraries);
    return fast;
  }

  it('agrees on eddsa and P-256 awards, valid, revoked and tampered', async () => {
    const before = fastVerifyStats.verified;
    for (const awardOptions of [undefined, { cryptosuite: 'ecdsa-rdfc-2019' }]) {
      const credential = await award(awardOptions);
      const label = JSON.stringify(awardOptions ?? {});
      const valid = await expectSame(credential, label);
      expect(valid.verified, JSON.stringify(valid.problemDetails)).to.equal(true);
      expect(valid.checks).to.include('status');

      const subject = credential.credentialSubject as Record<string, unknown>;
      const tampered = { ...credential, credentialSubject: { ...subject, id: 'did:example:someone-else' } };
      expect((await expectSame(tampered, `${label} tampered`)).verified).to.equal(false);
      const forgedProof = { ...credential, proof: { ...(credential.proof as object), created: '2020-01-01T00:00:00Z' } };
      expect((await expectSame(forgedProof, `${label} proof edited`)).verified).to.equal(false);

      await request(platform().app)
        .post('/credentials/status')
        .set(...bearer())
        .send({ credentialId: credential.id, credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose: 'revocation', status: true }] })
        .expect(200);
      const revoked = await expectSame(credential, `${label} revoked`);
      expect(revoked.status.revoked).to.equal(true);
    }
    // Credentials and their status lists (did:web keys) went through the fast path.
    expect(fastVerifyStats.verified - before).to.be.greaterThan(4);
  });
});
