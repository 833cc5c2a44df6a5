import { expect } from 'chai';
import { ValidationError } from '../core/errors.ts';
import { ed25519Sign, ed25519Verify, rawPublicKeyFromMultibase } from './ed25519-raw.ts';
import { base58btcDecode } from './multibase.ts';

// RFC 8032 §7.1 TEST 2.
const SECRET = Buffer.from('4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb', 'hex');
const PUBLIC = Buffer.from('3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c', 'hex');
const MESSAGE = Buffer.from('72', 'hex');
const SIGNATURE =
  '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00';

describe('ed25519Sign', () => {
  it('produces the RFC 8032 test signature from a 32-byte seed or a 64-byte seed || public key', () => {
    expect(Buffer.from(ed25519Sign(SECRET, MESSAGE)).toString('hex')).to.equal(SIGNATURE);
    expect(Buffer.from(ed25519Sign(Buffer.concat([SECRET, PUBLIC]), MESSAGE)).toString('hex')).to.equal(SIGNATURE);
  });

  it('refuses a secret of another length', () => {
    expect(() => ed25519Sign(new Uint8Array(31), MESSAGE)).to.throw(ValidationError);
  });
});

describe('ed25519Verify', () => {
  it('accepts the RFC 8032 signature and rejects altered data without throwing', () => {
    const signature = Buffer.from(SIGNATURE, 'hex');
    expect(ed25519Verify(PUBLIC, MESSAGE, signature)).to.equal(true);
    expect(ed25519Verify(PUBLIC, Buffer.from('73', 'hex'), signature)).to.equal(false);
    expect(ed25519Verify(PUBLIC, MESSAGE, signature.subarray(1))).to.equal(false);
    expect(ed25519Verify(new Uint8Array(5), MESSAGE, signature)).to.equal(false);
  });
});

describe('rawPublicKeyFromMultibase', () => {
  it('strips the multicodec header', () => {
    const multibase = 'z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2';
    const raw = rawPublicKeyFromMultibase(multibase);
    expect(raw).to.have.length(32);
    expect(raw).to.deep.equal(base58btcDecode(multibase.slice(1)).subarray(2));
    expect(rawPublicKeyFromMultibase('zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP')).to.have.length(33);
  });
});
