/**
 * VC Data Model 1.1 JWT credentials (`vc` claim), made here by did-jwt-vc: did:key (EdDSA), did:jwk (ES256) and a
 * did:web issuer through `resolveDid`; `iss`/`sub`/`nbf`/`exp` become issuer, subject and validity; tampering, `none`,
 * HS256 and a foreign `iss` fail with named reasons.
 */
import { expect } from 'chai';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { ES256Signer, EdDSASigner, type Signer } from 'did-jwt';
import { createVerifiableCredentialJwt, type JwtCredentialPayload } from 'did-jwt-vc';
import { base64url, CompactSign, exportJWK, generateKeyPair } from 'jose';
import { createHmac } from 'node:crypto';
import { verifyCredential, type VerificationResult } from './index.ts';

const NOW = new Date('2026-06-01T00:00:00Z');
const at = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const codes = (result: VerificationResult) => result.problemDetails.map((p) => p.code);
const explain = (result: VerificationResult) => JSON.stringify(result.problemDetails.map((p) => `${p.code}: ${p.detail}`));

function payload(overrides: Partial<JwtCredentialPayload> = {}): JwtCredentialPayload {
  return {
    sub: 'did:example:learner',
    nbf: at('2026-01-01T00:00:00Z'),
    exp: at('2027-01-01T00:00:00Z'),
    jti: 'urn:uuid:6a1b1f4c-2b5e-4f7a-9c3e-6f0d1a2b3c4d',
    vc: {
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      type: ['VerifiableCredential'],
      credentialSubject: { name: 'Ada' },
    },
    ...overrides,
  };
}

interface Issuer {
  did: string;
  signer: Signer;
  alg: 'EdDSA' | 'ES256';
}

async function didKeyIssuer(): Promise<Issuer> {
  const pair = await Ed25519Multikey.generate();
  const did = `did:key:${pair.publicKeyMultibase}`;
  return { did, signer: EdDSASigner(pair.secretKey as Uint8Array), alg: 'EdDSA' };
}

async function didJwkIssuer(): Promise<Issuer & { publicJwk: Record<string, unknown> }> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const { d, ...publicJwk } = await exportJWK(privateKey);
  const did = `did:jwk:${base64url.encode(JSON.stringify(publicJwk))}`;
  return { did, signer: ES256Signer(base64url.decode(d as string)), alg: 'ES256', publicJwk };
}

const sign = (issuer: Issuer, body = payload()) => createVerifiableCredentialJwt(body, { did: issuer.did, signer: issuer.signer, alg: issuer.alg });

function reencode(jwt: string, change: (header: Record<string, unknown>, body: Record<string, unknown>) => void, signature?: string): string {
  const [h, p, s] = jwt.split('.') as [string, string, string];
  const header = JSON.parse(new TextDecoder().decode(base64url.decode(h))) as Record<string, unknown>;
  const body = JSON.parse(new TextDecoder().decode(base64url.decode(p))) as Record<string, unknown>;
  change(header, body);
  return `${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify(body))}.${signature ?? s}`;
}

describe('verifyCredential: VC 1.1 JWT credentials (did-jwt-vc)', () => {
  it('verifies a did:key (EdDSA) credential made by did-jwt-vc and maps iss/sub/nbf/exp/jti', async () => {
    const issuer = await didKeyIssuer();
    const result = await verifyCredential(await sign(issuer), { now: NOW });
    expect(result.verified, explain(result)).to.equal(true);
    expect(result.format).to.equal('vc+jwt');
    expect(result.issuer).to.equal(issuer.did);
    expect(result.credentialId).to.equal('urn:uuid:6a1b1f4c-2b5e-4f7a-9c3e-6f0d1a2b3c4d');
    expect(result.checks).to.include.members(['proof', 'issuer-binding', 'context', 'data-model', 'validity']);
    const credential = result.credential as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(credential.credentialSubject.id).to.equal('did:example:learner');
    expect(Date.parse(credential.issuanceDate)).to.equal(Date.parse('2026-01-01T00:00:00Z'));
    expect(Date.parse(credential.expirationDate)).to.equal(Date.parse('2027-01-01T00:00:00Z'));
    expect(credential).not.to.have.property('proof');
  });

  it('verifies a did:jwk (ES256) credential', async () => {
    const result = await verifyCredential(await sign(await didJwkIssuer()), { now: NOW });
    expect(result.verified, explain(result)).to.equal(true);
  });

  it('resolves a did:web issuer through resolveDid (the guarded resolver in the server)', async () => {
    const key = await didJwkIssuer();
    const did = 'did:web:issuer.example';
    const document = {
      '@context': ['https://www.w3.org/ns/did/v1'],
      id: did,
      verificationMethod: [{ id: `${did}#key-1`, type: 'JsonWebKey2020', controller: did, publicKeyJwk: key.publicJwk }],
      assertionMethod: [`${did}#key-1`],
    };
    const jwt = await sign({ ...key, did });
    const asked: string[] = [];
    const result = await verifyCredential(jwt, { now: NOW, resolveDid: async (d) => (asked.push(d), d === did ? document : null) });
    expect(result.verified, explain(result)).to.equal(true);
    expect(asked).to.include(did);
    // The key must be an assertionMethod.
    const noAssertion = await verifyCredential(jwt, { now: NOW, resolveDid: async () => ({ ...document, assertionMethod: [] }) });
    expect(codes(noAssertion)).to.deep.equal(['PROOF_VERIFICATION_ERROR']);
  });

  it('reports exp and nbf as EXPIRED and NOT_YET_VALID', async () => {
    const issuer = await didKeyIssuer();
    const expired = await verifyCredential(await sign(issuer, payload({ exp: at('2026-02-01T00:00:00Z') })), { now: NOW });
    expect(codes(expired)).to.deep.equal(['EXPIRED']);
    const early = await verifyCredential(await sign(issuer, payload({ nbf: at('2026-07-01T00:00:00Z') })), { now: NOW });
    expect(codes(early)).to.deep.equal(['NOT_YET_VALID']);
  });

  it('rejects a tampered payload, a foreign signature, alg none and HS256 keyed with the public key', async () => {
    const issuer = await didKeyIssuer();
    const jwt = await sign(issuer);
    const tampered = reencode(jwt, (_h, body) => ((body.vc as Record<string, any>).credentialSubject.name = 'Eve')); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(codes(await verifyCredential(tampered, { now: NOW }))).to.deep.equal(['PROOF_VERIFICATION_ERROR']);
    const other = await sign(await didKeyIssuer());
    const foreign = `${jwt.split('.').slice(0, 2).join('.')}.${other.split('.')[2]}`;
    expect(codes(await verifyCredential(foreign, { now: NOW }))).to.deep.equal(['PROOF_VERIFICATION_ERROR']);
    const none = reencode(jwt, (h) => (h.alg = 'none'), 'AA');
    expect(codes(await verifyCredential(none, { now: NOW }))).to.deep.equal(['PROOF_VERIFICATION_ERROR']);
    const unsigned = reencode(jwt, (h) => (h.alg = 'HS256'));
    const [h, p] = unsigned.split('.') as [string, string];
    const hs = `${h}.${p}.${base64url.encode(createHmac('sha256', issuer.did).update(`${h}.${p}`).digest())}`;
    const result = await verifyCredential(hs, { now: NOW });
    expect(codes(result)).to.deep.equal(['PROOF_VERIFICATION_ERROR']);
    expect(result.problemDetails[0]!.detail).to.match(/alg "HS256" is not accepted/);
  });

  it('rejects a credential whose vc.issuer is not the JWT iss', async () => {
    const issuer = await didKeyIssuer();
    const body = payload();
    (body.vc as Record<string, unknown>).issuer = 'did:example:someone-else';
    const result = await verifyCredential(await sign(issuer, body), { now: NOW });
    expect(codes(result)).to.include('ISSUER_BINDING_ERROR');
  });

  it('resolves did:jwk for vc+jwt (VC-JOSE-COSE) too: kid did:jwk:…#0', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const { d: _d, ...publicJwk } = await exportJWK(privateKey);
    const did = `did:jwk:${base64url.encode(JSON.stringify(publicJwk))}`;
    const credential = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      issuer: did,
      validFrom: '2026-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:learner' },
    };
    const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(credential)))
      .setProtectedHeader({ alg: 'ES256', typ: 'vc+jwt', kid: `${did}#0` })
      .sign(privateKey);
    const result = await verifyCredential(jws, { now: NOW });
    expect(result.verified, explain(result)).to.equal(true);
    expect(result.issuer).to.equal(did);
  });
});
