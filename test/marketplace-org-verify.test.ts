/**
 * verifyOrganisation by did:web (decision 0012): the organisation signs a presentation over our challenge, for its
 * organisation URL as domain, with a key of its did:web document. The document comes through the `resolveDid` port
 * (in production the guarded did:web resolver of verifier/; here a fixed document, as no test touches the network).
 * Signed with @digitalbazaar/vc, sharing no signing code with Proofline.
 */
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { expect } from 'chai';
import { createChallenge } from '../verifier/index.ts';
import { organisationUrl, verifyOrganisation } from '../marketplace/verify-organisation.ts';
import { independentLoader } from './helpers/independent-verifier.ts';
import { forEachStore, uniqueId } from './helpers/store.ts';
import type { Store } from '../core/ports.ts';

const PUBLIC_URL = 'http://academy.test';

async function didWebKey(did: string, fragment = 'key-1') {
  const generated = await Ed25519Multikey.generate();
  const id = `${did}#${fragment}`;
  const exported = await generated.export({ publicKey: true, secretKey: true });
  const keyPair = await Ed25519Multikey.from({ ...exported, id, controller: did });
  return { keyPair, method: { id, type: 'Multikey', controller: did, publicKeyMultibase: generated.publicKeyMultibase } };
}

forEachStore('verifyOrganisation by did:web', (getStore) => {
  const did = `did:web:${uniqueId('acorn')}.example`;
  let documents: Map<string, object>;
  let key: Awaited<ReturnType<typeof didWebKey>>;
  let orgId: string;
  const deps = (store: Store) => ({
    store,
    clock: () => new Date(),
    publicUrl: PUBLIC_URL,
    verification: { resolveDid: async (d: string) => documents.get(d) ?? null },
  });
  const challengeFor = async (store: Store) =>
    (await createChallenge(store.challenges, { clock: () => new Date(), randomBytes: (n) => globalThis.crypto.getRandomValues(new Uint8Array(n)), ttlSeconds: 300, domain: organisationUrl(PUBLIC_URL, orgId) })).challenge;
  const sign = (keyPair: typeof key.keyPair, challenge: string, domain = organisationUrl(PUBLIC_URL, orgId)) =>
    vc.signPresentation({
      presentation: vc.createPresentation({ holder: did }),
      suite: new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: eddsaRdfc2022 }),
      challenge,
      domain,
      documentLoader: independentLoader(),
    });

  before(async () => {
    key = await didWebKey(did);
    documents = new Map([[did, { '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'], id: did, verificationMethod: [key.method], authentication: [key.method.id], assertionMethod: [key.method.id] }]]);
    orgId = uniqueId('org');
    await getStore().organisations.create({ id: orgId, slug: orgId, name: 'Acorn', kind: 'sme', createdAt: new Date() });
  });

  it('refuses a key that is not in the DID document, another domain, and a replayed challenge; accepts the right proof once', async () => {
    const store = getStore();
    const stranger = await didWebKey(did, 'key-2');
    const first = await challengeFor(store);
    const wrongKey = await verifyOrganisation(deps(store), orgId, { method: 'did:web', did, challenge: first, presentation: await sign(stranger.keyPair, first) });
    expect(wrongKey.verified).to.equal(false);
    if (!wrongKey.verified) expect(wrongKey.problemDetails.map((p) => p.code)).not.to.include('CHALLENGE_MISMATCH');

    const elsewhere = await challengeFor(store);
    const wrongDomain = await verifyOrganisation(deps(store), orgId, { method: 'did:web', did, challenge: elsewhere, presentation: await sign(key.keyPair, elsewhere, 'https://other.example') });
    expect(wrongDomain.verified).to.equal(false);
    expect(await store.organisationVerifications.get(orgId)).to.equal(null);

    const challenge = await challengeFor(store);
    const presentation = await sign(key.keyPair, challenge);
    const result = await verifyOrganisation(deps(store), orgId, { method: 'did:web', did, challenge, presentation });
    expect(result.verified, JSON.stringify(result)).to.equal(true);
    const stored = await store.organisationVerifications.get(orgId);
    expect(stored!.verifiedBy).to.deep.equal({ method: 'did:web', did, verificationMethod: key.method.id });

    const replay = await verifyOrganisation(deps(store), orgId, { method: 'did:web', did, challenge, presentation });
    expect(replay.verified).to.equal(false);
    if (!replay.verified) expect(replay.problemDetails.map((p) => p.code)).to.include('CHALLENGE_REUSED');
  });

  it('refuses a presentation signed by another DID than the one claimed', async () => {
    const store = getStore();
    const otherDid = `did:web:${uniqueId('birch')}.example`;
    const other = await didWebKey(otherDid);
    documents.set(otherDid, { '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'], id: otherDid, verificationMethod: [other.method], authentication: [other.method.id] });
    const challenge = await challengeFor(store);
    const presentation = await vc.signPresentation({
      presentation: vc.createPresentation({ holder: otherDid }),
      suite: new DataIntegrityProof({ signer: other.keyPair.signer(), cryptosuite: eddsaRdfc2022 }),
      challenge,
      domain: organisationUrl(PUBLIC_URL, orgId),
      documentLoader: independentLoader(),
    });
    const result = await verifyOrganisation(deps(store), orgId, { method: 'did:web', did, challenge, presentation });
    expect(result.verified).to.equal(false);
    if (!result.verified) expect(result.problemDetails.map((p) => p.code)).to.include('HOLDER_BINDING_ERROR');
  });
});
