import { compactVerify, decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { expect } from 'chai';
import { didKeyFromMultibase, verificationMethodIdForDidKey } from './did-key.ts';
import { generateKey } from './generate-key.ts';
import { publicJwkFromMultibase, signVcJwt } from './sign-vc-jwt.ts';
import { importKey } from './unlocked-key.ts';

async function freshKey(algorithm: 'Ed25519' | 'P-256') {
  const { publicKeyMultibase, secretKey } = await generateKey(algorithm);
  const did = didKeyFromMultibase(publicKeyMultibase);
  return importKey({ id: verificationMethodIdForDidKey(did), publicKeyMultibase, secretKey });
}

describe('signVcJwt', () => {
  for (const [algorithm, alg] of [['Ed25519', 'EdDSA'], ['P-256', 'ES256']] as const) {
    it(`signs a vc+jwt with ${alg} that jose verifies with the public JWK`, async () => {
      const key = await freshKey(algorithm);
      const credential = {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiableCredential'],
        issuer: { id: key.controller, name: 'Academy' },
        credentialSubject: { id: 'did:example:learner' },
      };
      const jws = await signVcJwt(credential, { key });
      const publicKey = await importJWK(publicJwkFromMultibase(key.publicKeyMultibase), alg);
      const { payload, protectedHeader } = await jwtVerify(jws, publicKey, { algorithms: [alg], typ: 'vc+jwt' });
      expect(protectedHeader).to.deep.equal({ alg, typ: 'vc+jwt', cty: 'vc', kid: key.id, iss: key.controller });
      expect(payload).to.deep.equal(credential);
      const { payload: bytes } = await compactVerify(jws, publicKey, { algorithms: [alg] });
      expect(JSON.parse(new TextDecoder().decode(bytes))).to.deep.equal(credential);
    });
  }

  it('leaves iss out when asked or when the issuer has no id', async () => {
    const key = await freshKey('Ed25519');
    const credential = { issuer: { name: 'no id' }, credentialSubject: {} };
    expect(decodeProtectedHeader(await signVcJwt(credential, { key }))).to.not.have.property('iss');
    expect(decodeProtectedHeader(await signVcJwt({ issuer: 'did:example:1' }, { key, includeIssuer: false }))).to.not.have.property('iss');
  });

  it('fails verification for another key or a disallowed algorithm', async () => {
    const key = await freshKey('Ed25519');
    const other = await freshKey('Ed25519');
    const jws = await signVcJwt({ issuer: key.controller }, { key });
    const otherKey = await importJWK(publicJwkFromMultibase(other.publicKeyMultibase), 'EdDSA');
    const ownKey = await importJWK(publicJwkFromMultibase(key.publicKeyMultibase), 'EdDSA');
    await jwtVerify(jws, otherKey, { algorithms: ['EdDSA'] }).then(
      () => expect.fail('verified with the wrong key'),
      (error: { code: string }) => expect(error.code).to.equal('ERR_JWS_SIGNATURE_VERIFICATION_FAILED'),
    );
    await jwtVerify(jws, ownKey, { algorithms: ['ES256'] }).then(
      () => expect.fail('verified with a disallowed algorithm'),
      (error: { code: string }) => expect(error.code).to.equal('ERR_JOSE_ALG_NOT_ALLOWED'),
    );
  });
});

describe('publicJwkFromMultibase', () => {
  it('converts the W3C vector keys to JWKs', () => {
    // vc-di-eddsa keyPair.json: publicKeyMultibase is 0xed01 || 32-byte key.
    expect(publicJwkFromMultibase('z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2')).to.include({ kty: 'OKP', crv: 'Ed25519' });
    const p256 = publicJwkFromMultibase('zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP');
    expect(p256).to.include({ kty: 'EC', crv: 'P-256' });
    expect(Buffer.from(p256.x as string, 'base64url')).to.have.length(32);
    expect(Buffer.from(p256.y as string, 'base64url')).to.have.length(32);
  });
});
