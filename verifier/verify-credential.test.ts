/**
 * verifyCredential on credentials Proofline did not make: the W3C vectors (/work/shared/vectors, see its README for
 * sources and commits), credentials signed here by @digitalbazaar/vc and by jose, tampering, dates and JWT attacks.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import fc from 'fast-check';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import { CompactSign, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { createHmac } from 'node:crypto';
import { independentLoader } from '../test/helpers/independent-verifier.ts';
import { verifyCredential, type VerificationResult } from './index.ts';

const VECTORS = '/work/shared/vectors/';
const NOW = new Date('2026-06-01T00:00:00Z');
const vector = (path: string) => JSON.parse(readFileSync(VECTORS + path, 'utf8')) as Record<string, unknown>;
const codes = (result: VerificationResult) => result.problemDetails.map((p) => p.code);

function explain(result: VerificationResult): string {
  return JSON.stringify(result.problemDetails.map((p) => `${p.code}: ${p.detail}`));
}

describe('verifyCredential: W3C Data Integrity vectors (conformance profile)', () => {
  const valid = [
    'w3c-vc-di-eddsa/eddsa-rdfc-2022/signed.json',
    'w3c-vc-di-eddsa/proof-set-chain/signedProofSet1.json',
    'w3c-vc-di-eddsa/proof-set-chain/signedProofSet2.json',
    'w3c-vc-di-eddsa/proof-set-chain/signedProofChain1.json',
    'w3c-vc-di-eddsa/proof-set-chain/signedProofChain2.json',
    'w3c-vc-di-ecdsa/ecdsa-rdfc-2019-p256/signed.json',
    'w3c-vc-di-ecdsa/ecdsa-rdfc-2019-p384/signed.json',
  ];
  for (const file of valid) {
    it(`verifies ${file}`, async () => {
      const result = await verifyCredential(vector(file), { profile: 'conformance', now: NOW });
      expect(result.verified, explain(result)).to.equal(true);
      expect(result.checks).to.include.members(['context', 'data-model', 'proof', 'validity', 'status', 'schema']);
      expect(result.checks).not.to.include('issuer-binding');
    });
  }

  // w3c-ccg/data-integrity-test-suite-assertion: previousProof rules (manifest.json: *Ok* verify, *Fail* must not).
  const manifest = vector('w3c-ccg-data-integrity-test-suite-assertion/manifest.json') as { cases: { file: string; expect: { verified: boolean } }[] };
  for (const { file, expect: expected } of manifest.cases) {
    it(`${expected.verified ? 'verifies' : 'rejects with a named reason'} ${file}`, async () => {
      const result = await verifyCredential(vector(`w3c-ccg-data-integrity-test-suite-assertion/${file}`), { profile: 'conformance', now: NOW });
      expect(result.verified, explain(result)).to.equal(expected.verified);
      if (!expected.verified) {
        expect(codes(result)).to.satisfy((list: string[]) => list.some((c) => ['PROOF_VERIFICATION_ERROR', 'MALFORMED_VALUE_ERROR'].includes(c)));
      }
    });
  }

  it('rejects the employ vectors with UNSUPPORTED_CONTEXT: their citizenship context is not bundled and is never fetched', async () => {
    for (const file of ['w3c-vc-di-eddsa/eddsa-rdfc-2022-employ/signed.json', 'w3c-vc-di-ecdsa/ecdsa-rdfc-2019-p256-employ/signed.json', 'w3c-vc-di-ecdsa/ecdsa-rdfc-2019-p384-employ/signed.json']) {
      const result = await verifyCredential(vector(file), { profile: 'conformance', now: NOW });
      expect(codes(result), file).to.deep.equal(['UNSUPPORTED_CONTEXT']);
    }
  });

  it('names the proofs it does not support yet (the JCS cryptosuites) instead of skipping them', async () => {
    for (const file of ['w3c-vc-di-eddsa/eddsa-jcs-2022/signed.json', 'w3c-vc-di-ecdsa/ecdsa-jcs-2019-p256/signed.json']) {
      const result = await verifyCredential(vector(file), { profile: 'conformance', now: NOW });
      expect(codes(result), file).to.deep.equal(['UNSUPPORTED_PROOF']);
    }
  });

  it('fails the issuer binding by default: the vectors\' issuer does not control the did:key that signed', async () => {
    const result = await verifyCredential(vector('w3c-vc-di-eddsa/eddsa-rdfc-2022/signed.json'), { now: NOW });
    expect(codes(result)).to.deep.equal(['ISSUER_BINDING_ERROR']);
    expect(result.problemDetails[0]!.type).to.equal('https://www.w3.org/TR/vc-data-model#CRYPTOGRAPHIC_SECURITY_ERROR');
  });

  it('never fetches a status list it was not given a fetcher for: STATUS_UNAVAILABLE, not verified', async () => {
    const credential = {
      ...vector('w3c-vc-di-eddsa/eddsa-rdfc-2022/signed.json'),
      credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '5', statusListCredential: 'https://vc.example/status/1' },
    };
    // The proof no longer covers the document, so the status check does not even run: no fetch driven by a forgery.
    const forged = await verifyCredential(credential, { profile: 'conformance', now: NOW });
    expect(forged.checks).not.to.include('status');
    expect(codes(forged)).to.include('PROOF_VERIFICATION_ERROR');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Credentials made here by @digitalbazaar/vc and by jose.

type Curve = 'Ed25519' | 'P-256' | 'P-384';

/** The signer's loader shares no code with Proofline: npm context packages plus the W3C examples context from the vectors. */
const EXAMPLES_V2 = 'https://www.w3.org/ns/credentials/examples/v2';
const signingLoader = independentLoader({ [EXAMPLES_V2]: vector('contexts/www.w3.org/ns/credentials/examples/v2.json') });

async function newKey(curve: Curve) {
  const keyPair = curve === 'Ed25519' ? await Ed25519Multikey.generate() : await EcdsaMultikey.generate({ curve });
  const did = `did:key:${keyPair.publicKeyMultibase}`;
  keyPair.id = `${did}#${keyPair.publicKeyMultibase}`;
  keyPair.controller = did;
  return { keyPair, did, vm: keyPair.id };
}

function unsigned(issuer: string, extra: Record<string, unknown> = {}) {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
    id: 'urn:uuid:5f0c7a2e-0d4e-4c1e-9a53-0f1f3a0b9c11',
    type: ['VerifiableCredential', 'ExampleAlumniCredential'],
    issuer,
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:learner', alumniOf: 'The School of Examples' },
    ...extra,
  };
}

async function signWithDigitalBazaar(curve: Curve, extra: Record<string, unknown> = {}) {
  const { keyPair, did } = await newKey(curve);
  const suite = new DataIntegrityProof({
    signer: keyPair.signer() as never,
    date: '2026-01-02T00:00:00Z',
    cryptosuite: curve === 'Ed25519' ? eddsaRdfc2022 : ecdsaRdfc2019,
  });
  return vc.issue({ credential: unsigned(did, extra), suite, documentLoader: signingLoader, now: '2026-01-02T00:00:00Z' });
}

describe('verifyCredential: credentials signed by @digitalbazaar/vc', () => {
  for (const curve of ['Ed25519', 'P-256', 'P-384'] as const) {
    it(`verifies a ${curve} credential with the default profile (the issuer controls the key)`, async () => {
      const credential = await signWithDigitalBazaar(curve);
      const result = await verifyCredential(credential, { now: NOW });
      expect(result.verified, explain(result)).to.equal(true);
      expect(result.checks).to.include('issuer-binding');
      expect(result.format).to.equal('data-integrity');
      expect(result.status).to.deep.equal({ revoked: false, suspended: false });
    });
  }

  it('fails an expired credential with EXPIRED and a not-yet-valid one with NOT_YET_VALID, within the clock skew both pass', async () => {
    const expired = await signWithDigitalBazaar('Ed25519', { validUntil: '2026-03-01T00:00:00Z' });
    expect(codes(await verifyCredential(expired, { now: NOW }))).to.deep.equal(['EXPIRED']);
    expect((await verifyCredential(expired, { now: new Date('2026-03-01T00:04:00Z') })).verified).to.equal(true);
    const future = await signWithDigitalBazaar('Ed25519', { validFrom: '2027-01-01T00:00:00Z' });
    const result = await verifyCredential(future, { now: NOW });
    expect(codes(result)).to.deep.equal(['NOT_YET_VALID']);
    expect(result.problemDetails[0]!.check).to.equal('validity');
    expect((await verifyCredential(future, { now: new Date('2026-12-31T23:56:00Z') })).verified).to.equal(true);
    expect(codes(await verifyCredential(future, { now: new Date('2026-12-31T23:56:00Z'), clockSkewSeconds: 0 }))).to.deep.equal(['NOT_YET_VALID']);
  });

  it('uses the canonicalization function it is given', async () => {
    const credential = await signWithDigitalBazaar('Ed25519');
    let calls = 0;
    const canonize = async (document: object, options: Record<string, unknown>) => {
      calls += 1;
      return eddsaRdfc2022.canonize(document, options as never);
    };
    expect((await verifyCredential(credential, { now: NOW, canonize })).verified).to.equal(true);
    expect(calls).to.be.greaterThan(0);
    const broken = async () => '';
    expect(codes(await verifyCredential(credential, { now: NOW, canonize: broken }))).to.deep.equal(['PROOF_VERIFICATION_ERROR']);
  });

  it('reports trust from the registry it is given, with UNTRUSTED_ISSUER when the issuer is not in it', async () => {
    const credential = await signWithDigitalBazaar('Ed25519');
    const issuer = String(credential.issuer);
    const trusted = await verifyCredential(credential, { now: NOW, trustedIssuers: async (did) => ({ trusted: did === issuer }) });
    expect(trusted).to.include({ verified: true, trusted: true });
    const untrusted = await verifyCredential(credential, { now: NOW, trustedIssuers: async () => ({ trusted: false }) });
    expect(untrusted).to.include({ verified: false, trusted: false });
    expect(codes(untrusted)).to.deep.equal(['UNTRUSTED_ISSUER']);
    const none = await verifyCredential(credential, { now: NOW });
    expect(none.trusted).to.equal(false);
    expect(none.warnings.map((w) => w.code)).to.include('TRUST_NOT_CHECKED');
  });

  it('fails a credential that does not match the JSON Schema it names with SCHEMA_INVALID; an unknown schema is a warning', async () => {
    const credential = await signWithDigitalBazaar('Ed25519', { credentialSchema: { id: 'https://schemas.example/alumni.json', type: 'JsonSchema' } });
    const schema = (required: string) => ({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'https://schemas.example/alumni.json',
      type: 'object',
      properties: { credentialSubject: { type: 'object', required: [required] } },
    });
    const ok = await verifyCredential(credential, { now: NOW, loadSchema: async () => schema('alumniOf') });
    expect(ok.verified, explain(ok)).to.equal(true);
    const bad = await verifyCredential(credential, { now: NOW, loadSchema: async () => schema('degree') });
    expect(codes(bad)).to.deep.equal(['SCHEMA_INVALID']);
    const unknown = await verifyCredential(credential, { now: NOW });
    expect(unknown.verified).to.equal(true);
    expect(unknown.warnings.map((w) => w.code)).to.include('SCHEMA_NOT_CHECKED');
  });

  it('rejects a credential whose context is not bundled before any canonicalization', async () => {
    const credential = await signWithDigitalBazaar('Ed25519');
    const swapped = { ...credential, '@context': ['https://www.w3.org/ns/credentials/v2', 'https://evil.example/context.json'] };
    expect(codes(await verifyCredential(swapped, { now: NOW }))).to.deep.equal(['UNSUPPORTED_CONTEXT']);
  });

  it('answers PARSING_ERROR for input that is neither JSON nor a JWS, and never throws', async () => {
    for (const input of ['not a credential', '{"broken"', '', 'a.b', [] as unknown as object]) {
      const result = await verifyCredential(input, { now: NOW });
      expect(result.verified).to.equal(false);
      expect(codes(result)).to.have.length.greaterThan(0);
    }
  });
});

describe('verifyCredential: one-field tampering is always rejected (property)', () => {
  let signed: Record<string, unknown>;
  before(async () => {
    signed = (await signWithDigitalBazaar('Ed25519')) as Record<string, unknown>;
  });

  interface Signed {
    credentialSubject: Record<string, string>;
    proof?: Record<string, string>;
    type: string[];
    [key: string]: unknown;
  }
  type Mutation = (c: Signed) => void;
  const mutations: Record<string, (text: string) => Mutation> = {
    subject: (text) => (c) => void (c.credentialSubject.alumniOf = `${c.credentialSubject.alumniOf}${text || 'x'}`),
    subjectId: (text) => (c) => void (c.credentialSubject.id = `did:example:${text || 'other'}x`),
    proofValue: (text) => (c) => {
      const value = String(c.proof!.proofValue);
      const i = text.length % (value.length - 1) + 1;
      const replacement = value[i] === 'A' ? 'B' : 'A';
      c.proof!.proofValue = value.slice(0, i) + replacement + value.slice(i + 1);
    },
    created: (text) => (c) => void (c.proof!.created = `2026-01-0${(text.length % 9) + 3}T00:00:00Z`),
    cryptosuite: () => (c) => void (c.proof!.cryptosuite = 'ecdsa-rdfc-2019'),
    addedProperty: (text) => (c) => void (c.description = `added ${text}`),
    addedSubjectProperty: (text) => (c) => void (c.credentialSubject.name = `added ${text}`),
    swappedContext: () => (c) => void (c['@context'] = ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/2018/credentials/examples/v1']),
    removedProof: () => (c) => void delete c.proof,
    validFrom: (text) => (c) => void (c.validFrom = `2025-0${(text.length % 9) + 1}-01T00:00:00Z`),
    issuer: () => (c) => void (c.issuer = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'),
    type: () => (c) => void c.type.push('OtherCredential'),
  };

  it('rejects every mutation of every kind', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(mutations)), fc.string({ maxLength: 8 }), async (kind, text) => {
        const copy = structuredClone(signed);
        mutations[kind]!(text)(copy as unknown as Signed);
        const result = await verifyCredential(copy, { now: NOW });
        expect(result.verified, `${kind} ${JSON.stringify(text)}`).to.equal(false);
        expect(result.problemDetails.length).to.be.greaterThan(0);
      }),
      { numRuns: 60 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// vc+jwt made by jose.

/** A key made by jose; its did:key is derived from the public JWK by the Multikey libraries. */
async function joseKey(curve: Curve) {
  const alg = { Ed25519: 'EdDSA', 'P-256': 'ES256', 'P-384': 'ES384' }[curve];
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true, ...(curve === 'Ed25519' ? { crv: 'Ed25519' } : {}) });
  const jwk = await exportJWK(privateKey);
  const publicJwk = await exportJWK(publicKey);
  const keyPair = curve === 'Ed25519' ? await Ed25519Multikey.fromJwk({ jwk: publicJwk }) : await EcdsaMultikey.fromJwk({ jwk: publicJwk });
  const did = `did:key:${keyPair.publicKeyMultibase}`;
  return { did, vm: `${did}#${keyPair.publicKeyMultibase}`, jwk, publicJwk };
}

async function signJwt(payload: object, header: Record<string, unknown>, jwk: JWK): Promise<string> {
  const key = await importJWK(jwk, String(header.alg));
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader(header as never).sign(key);
}

function b64(value: object | string): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

describe('verifyCredential: vc+jwt signed by jose', () => {
  const algs = { Ed25519: 'EdDSA', 'P-256': 'ES256', 'P-384': 'ES384' } as const;
  for (const curve of ['Ed25519', 'P-256', 'P-384'] as const) {
    it(`verifies a ${algs[curve]} vc+jwt whose kid is a did:key of the issuer`, async () => {
      const { did, vm, jwk } = await joseKey(curve);
      const jwt = await signJwt(unsigned(did), { alg: algs[curve], typ: 'vc+jwt', cty: 'vc', kid: vm, iss: did }, jwk);
      const result = await verifyCredential(jwt, { now: NOW });
      expect(result.verified, explain(result)).to.equal(true);
      expect(result).to.include({ format: 'vc+jwt', issuer: did });
      expect(result.checks).to.include.members(['proof', 'issuer-binding']);
    });
  }

  it('verifies a vc+jwt inside a VC 2.0 EnvelopedVerifiableCredential', async () => {
    const { did, vm, jwk } = await joseKey('Ed25519');
    const jwt = await signJwt(unsigned(did), { alg: 'EdDSA', typ: 'vc+jwt', kid: vm }, jwk);
    const envelope = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: 'EnvelopedVerifiableCredential', id: `data:application/vc+jwt,${jwt}` };
    expect((await verifyCredential(envelope, { now: NOW })).verified).to.equal(true);
  });

  describe('JWT attacks', () => {
    it('rejects alg none', async () => {
      const { did, vm } = await joseKey('Ed25519');
      const jwt = `${b64({ alg: 'none', typ: 'vc+jwt', kid: vm })}.${b64(unsigned(did))}.`;
      const result = await verifyCredential(jwt, { now: NOW });
      expect(result.verified).to.equal(false);
      expect(codes(result)).to.satisfy((list: string[]) => list.includes('PARSING_ERROR') || list.includes('PROOF_VERIFICATION_ERROR'));
      const withSignature = `${b64({ alg: 'none', typ: 'vc+jwt', kid: vm })}.${b64(unsigned(did))}.AAAA`;
      expect(codes(await verifyCredential(withSignature, { now: NOW }))).to.deep.equal(['PROOF_VERIFICATION_ERROR']);
    });

    it('rejects HS256 keyed with the issuer\'s public key', async () => {
      for (const curve of ['Ed25519', 'P-256'] as const) {
        const { did, vm, publicJwk } = await joseKey(curve);
        const signingInput = `${b64({ alg: 'HS256', typ: 'vc+jwt', kid: vm })}.${b64(unsigned(did))}`;
        for (const secret of [JSON.stringify(publicJwk), Buffer.from(publicJwk.x!, 'base64url'), did.slice('did:key:'.length)]) {
          const mac = createHmac('sha256', secret).update(signingInput).digest('base64url');
          const result = await verifyCredential(`${signingInput}.${mac}`, { now: NOW });
          expect(codes(result)).to.deep.equal(['PROOF_VERIFICATION_ERROR']);
          expect(result.problemDetails[0]!.detail).to.match(/alg/);
        }
      }
    });

    it('rejects a wrong typ', async () => {
      const { did, vm, jwk } = await joseKey('Ed25519');
      for (const typ of ['JWT', 'vp+jwt', undefined]) {
        const jwt = await signJwt(unsigned(did), { alg: 'EdDSA', kid: vm, ...(typ ? { typ } : {}) }, jwk);
        const result = await verifyCredential(jwt, { now: NOW });
        expect(codes(result), String(typ)).to.deep.equal(['PROOF_VERIFICATION_ERROR']);
        expect(result.problemDetails[0]!.detail).to.match(/typ/);
      }
    });

    it('rejects ES256/EdDSA swaps: the algorithm comes from the key, not from the token', async () => {
      const ed = await joseKey('Ed25519');
      const p256 = await joseKey('P-256');
      // Signed with the P-256 key but naming the Ed25519 key, and vice versa.
      const swapped1 = await signJwt(unsigned(ed.did), { alg: 'ES256', typ: 'vc+jwt', kid: ed.vm }, p256.jwk);
      const swapped2 = await signJwt(unsigned(p256.did), { alg: 'EdDSA', typ: 'vc+jwt', kid: p256.vm }, ed.jwk);
      // Header alg edited to the other family over a genuine signature.
      const genuine = await signJwt(unsigned(ed.did), { alg: 'EdDSA', typ: 'vc+jwt', kid: ed.vm }, ed.jwk);
      const relabelled = `${b64({ alg: 'ES256', typ: 'vc+jwt', kid: ed.vm })}.${genuine.split('.')[1]}.${genuine.split('.')[2]}`;
      for (const jwt of [swapped1, swapped2, relabelled]) {
        expect(codes(await verifyCredential(jwt, { now: NOW }))).to.deep.equal(['PROOF_VERIFICATION_ERROR']);
      }
    });

    it('rejects a signature by another key of the right type, a forged payload and a missing kid', async () => {
      const issuer = await joseKey('Ed25519');
      const attacker = await joseKey('Ed25519');
      const forged = await signJwt(unsigned(issuer.did), { alg: 'EdDSA', typ: 'vc+jwt', kid: issuer.vm }, attacker.jwk);
      expect(codes(await verifyCredential(forged, { now: NOW }))).to.deep.equal(['PROOF_VERIFICATION_ERROR']);
      const genuine = await signJwt(unsigned(issuer.did), { alg: 'EdDSA', typ: 'vc+jwt', kid: issuer.vm }, issuer.jwk);
      const [h, , s] = genuine.split('.');
      const edited = `${h}.${b64({ ...unsigned(issuer.did), credentialSubject: { id: 'did:example:mallory', alumniOf: 'x' } })}.${s}`;
      expect(codes(await verifyCredential(edited, { now: NOW }))).to.deep.equal(['PROOF_VERIFICATION_ERROR']);
      const noKid = await signJwt(unsigned(issuer.did), { alg: 'EdDSA', typ: 'vc+jwt' }, issuer.jwk);
      expect(codes(await verifyCredential(noKid, { now: NOW }))).to.deep.equal(['PROOF_VERIFICATION_ERROR']);
    });

    it('fails the issuer binding when the key is not the issuer\'s, and an iss that is not the issuer in any profile', async () => {
      const signer = await joseKey('Ed25519');
      const other = await joseKey('Ed25519');
      const jwt = await signJwt(unsigned(other.did), { alg: 'EdDSA', typ: 'vc+jwt', kid: signer.vm }, signer.jwk);
      expect(codes(await verifyCredential(jwt, { now: NOW }))).to.deep.equal(['ISSUER_BINDING_ERROR']);
      expect((await verifyCredential(jwt, { now: NOW, profile: 'conformance' })).verified).to.equal(true);
      const lying = await signJwt(unsigned(signer.did), { alg: 'EdDSA', typ: 'vc+jwt', kid: signer.vm, iss: other.did }, signer.jwk);
      expect(codes(await verifyCredential(lying, { now: NOW, profile: 'conformance' }))).to.deep.equal(['ISSUER_BINDING_ERROR']);
    });
  });
});
