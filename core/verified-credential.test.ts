import { expect } from 'chai';
import { isUsableCredential, toVerifiedCredential, type VerifiedCredential, type VerifierResultLike } from './verified-credential.ts';

const result = (overrides: Partial<VerifierResultLike> = {}): VerifierResultLike => ({
  verified: true,
  credentialId: 'urn:uuid:1',
  issuer: 'did:web:academy.test',
  trusted: true,
  status: { revoked: false, suspended: false },
  skills: [{ id: 'https://skills.example/a', level: 'practitioner', name: 'A' }],
  ...overrides,
});

describe('VerifiedCredential', () => {
  it('is made only from a verifier result with verified === true', () => {
    const at = new Date('2026-03-01T00:00:00Z');
    expect(toVerifiedCredential(result({ verified: false }), at)).to.equal(null);
    const branded = toVerifiedCredential(result(), at);
    expect(branded).to.include({ credentialId: 'urn:uuid:1', trusted: true, revoked: false, checkedAt: '2026-03-01T00:00:00.000Z' });
    expect(Object.isFrozen(branded)).to.equal(true);
  });

  it('cannot be written as a plain object (type-level: tsc fails without the expect-error)', () => {
    // @ts-expect-error a claim that did not go through the verifier has no brand
    const forged: VerifiedCredential = { credentialId: null, issuer: null, trusted: true, revoked: false, suspended: false, skills: [], checkedAt: '' };
    expect(forged.trusted).to.equal(true);
  });

  it('counts only trusted, unrevoked, unsuspended credentials as usable', () => {
    const at = new Date();
    expect(isUsableCredential(toVerifiedCredential(result(), at)!)).to.equal(true);
    expect(isUsableCredential(toVerifiedCredential(result({ trusted: false }), at)!)).to.equal(false);
    expect(isUsableCredential(toVerifiedCredential(result({ status: { revoked: true, suspended: false } }), at)!)).to.equal(false);
    expect(isUsableCredential(toVerifiedCredential(result({ status: { revoked: null, suspended: true } }), at)!)).to.equal(false);
  });
});
