/**
 * verifyJwtProof keeps each did:key verification method's key once found (a pure function of the DID URL): a second
 * verification needs no DID document, and what is kept is the key, never a verdict. A forged signature, a key of
 * another did:key, and a method the DID does not have still fail once the issuer's key is kept.
 */
import { expect } from 'chai';
import { didKeyFromMultibase, verificationMethodIdForDidKey } from '../crypto/did-key.ts';
import { generateKey } from '../crypto/generate-key.ts';
import { signVcJwt } from '../crypto/sign-vc-jwt.ts';
import { importKey } from '../crypto/unlocked-key.ts';
import { createDidResolver, type DidResolver } from './create-did-resolver.ts';
import { verifyJwtProof } from './verify-jwt-proof.ts';

async function freshKey(id?: (did: string) => string) {
  const { publicKeyMultibase, secretKey } = await generateKey('Ed25519');
  const did = didKeyFromMultibase(publicKeyMultibase);
  return importKey({ id: id ? id(did) : verificationMethodIdForDidKey(did), publicKeyMultibase, secretKey });
}

const credential = (issuer: string) => ({
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  type: ['VerifiableCredential'],
  issuer,
  credentialSubject: { id: 'did:example:learner' },
});

/** A resolver that counts how often a DID document is asked for. */
function countingResolver(): DidResolver & { resolved: number } {
  const inner = createDidResolver();
  const counted = {
    resolved: 0,
    resolve: async (did: string) => {
      counted.resolved += 1;
      return inner.resolve(did);
    },
    dereference: async (didUrl: string) => {
      counted.resolved += 1;
      return inner.dereference(didUrl);
    },
  };
  return counted;
}

describe('verifyJwtProof: kept did:key methods', () => {
  it('verifies a second time without a DID document, and still checks every signature', async () => {
    const key = await freshKey();
    const jws = await signVcJwt(credential(key.controller), { key });
    const dids = countingResolver();
    const first = await verifyJwtProof(jws, { dids });
    expect(first).to.include({ ok: true, controller: key.controller });
    const resolvedOnce = dids.resolved;
    expect(resolvedOnce).to.be.greaterThan(0);
    expect(await verifyJwtProof(jws, { dids })).to.include({ ok: true, controller: key.controller });
    expect(dids.resolved).to.equal(resolvedOnce);

    // The same kid, a signature that is not the key's: refused although the key is kept.
    const [header, payload, signature] = jws.split('.') as [string, string, string];
    const flipped = signature.slice(0, 10) + (signature[10] === 'A' ? 'B' : 'A') + signature.slice(11);
    const forged = await verifyJwtProof(`${header}.${payload}.${flipped}`, { dids });
    expect(forged.ok).to.equal(false);
    // Another payload under the kept key's header: refused.
    const otherPayload = Buffer.from(JSON.stringify(credential('did:example:other'))).toString('base64url');
    expect((await verifyJwtProof(`${header}.${otherPayload}.${signature}`, { dids })).ok).to.equal(false);
  });

  it('keeps keys per DID URL: another did:key, or a fragment the DID does not have, is looked up and judged on its own', async () => {
    const issuer = await freshKey();
    await verifyJwtProof(await signVcJwt(credential(issuer.controller), { key: issuer }), { dids: createDidResolver() });
    // Signed by another key but naming the kept issuer's method: the kept key does not verify it.
    const intruder = await freshKey(() => issuer.id);
    const impostor = await signVcJwt(credential(issuer.controller), { key: intruder });
    expect((await verifyJwtProof(impostor, { dids: createDidResolver() })).ok).to.equal(false);
    // A method id the did:key document does not list.
    const wrongFragment = await freshKey((did) => `${did}#not-a-key`);
    const result = await verifyJwtProof(await signVcJwt(credential(wrongFragment.controller), { key: wrongFragment }), { dids: createDidResolver() });
    expect(result.ok).to.equal(false);
  });
});
