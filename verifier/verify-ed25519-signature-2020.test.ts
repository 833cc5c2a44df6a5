/**
 * Ed25519Signature2020 (the legacy suite of many Open Badges 3.0 credentials): the W3C vector verifies with the
 * conformance profile; one-field tampering fails with PROOF_VERIFICATION_ERROR (or the context check).
 */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { verifyCredential, type VerificationResult } from './index.ts';

const FILE = '/work/shared/vectors/w3c-vc-di-eddsa/Ed25519Signature2020/signed.json';
const NOW = new Date('2026-06-01T00:00:00Z');
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const signed = () => JSON.parse(readFileSync(FILE, 'utf8')) as Json;
const codes = (result: VerificationResult) => result.problemDetails.map((p) => p.code);
const explain = (result: VerificationResult) => JSON.stringify(result.problemDetails.map((p) => `${p.code}: ${p.detail}`));

describe('verifyCredential: Ed25519Signature2020', () => {
  it('verifies the W3C vector (conformance profile)', async () => {
    const result = await verifyCredential(signed(), { profile: 'conformance', now: NOW });
    expect(result.verified, explain(result)).to.equal(true);
    expect(result.format).to.equal('data-integrity');
  });

  it('fails the issuer binding by default (the vector\'s issuer does not control the did:key)', async () => {
    expect(codes(await verifyCredential(signed(), { now: NOW }))).to.deep.equal(['ISSUER_BINDING_ERROR']);
  });

  const tampers: Array<[string, (c: Json) => void, string[]]> = [
    ['the subject', (c) => (c.credentialSubject.alumniOf = 'Another School'), ['PROOF_VERIFICATION_ERROR']],
    ['an added property', (c) => (c.name = 'Other'), ['PROOF_VERIFICATION_ERROR']],
    ['proofValue', (c) => (c.proof.proofValue = c.proof.proofValue.slice(0, -2) + (c.proof.proofValue.endsWith('F') ? 'GG' : 'FF')), ['PROOF_VERIFICATION_ERROR']],
    ['created', (c) => (c.proof.created = '2023-02-24T23:36:39Z'), ['PROOF_VERIFICATION_ERROR']],
    ['the verification method', (c) => (c.proof.verificationMethod = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'), ['PROOF_VERIFICATION_ERROR']],
    ['the proof type (a cryptosuite added)', (c) => (c.proof.cryptosuite = 'eddsa-rdfc-2022'), ['UNSUPPORTED_PROOF']],
    ['the proof purpose', (c) => (c.proof.proofPurpose = 'authentication'), ['PROOF_VERIFICATION_ERROR']],
    ['a removed proof', (c) => delete c.proof, ['PROOF_MISSING']],
    ['a swapped context', (c) => (c['@context'][1] = 'https://www.w3.org/2018/credentials/examples/v1'), ['PROOF_VERIFICATION_ERROR']],
    ['the suite context removed', (c) => c['@context'].pop(), ['PROOF_VERIFICATION_ERROR']],
  ];
  for (const [what, mutate, expected] of tampers) {
    it(`rejects the vector with ${what} tampered`, async () => {
      const credential = signed();
      mutate(credential);
      const result = await verifyCredential(credential, { profile: 'conformance', now: NOW });
      expect(result.verified).to.equal(false);
      expect(codes(result), explain(result)).to.satisfy((list: string[]) => list.some((c) => expected.includes(c) || c === 'MALFORMED_VALUE_ERROR' || c === 'UNSUPPORTED_CONTEXT'));
    });
  }
});
