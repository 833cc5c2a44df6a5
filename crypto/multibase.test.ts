import { expect } from 'chai';
import fc from 'fast-check';
import { ValidationError } from '../core/errors.ts';
import { base58btcDecode, base58btcEncode, decodePublicKeyMultibase, encodePublicKeyMultibase } from './multibase.ts';

describe('base58btcEncode', () => {
  it('matches known encodings (draft-msporny-base58 §5)', () => {
    expect(base58btcEncode(new TextEncoder().encode('Hello World!'))).to.equal('2NEpo7TZRRrLZSi2U');
    expect(base58btcEncode(Uint8Array.from([0, 0, 0x28, 0x7f, 0xb4, 0xcd]))).to.equal('11233QC4');
    expect(base58btcEncode(new Uint8Array())).to.equal('');
  });
});

describe('base58btcDecode', () => {
  it('inverts base58btcEncode for any bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
      expect(base58btcDecode(base58btcEncode(bytes))).to.deep.equal(bytes);
    }));
  });

  it('refuses characters outside the alphabet', () => {
    expect(() => base58btcDecode('0OIl')).to.throw(ValidationError);
  });
});

describe('decodePublicKeyMultibase', () => {
  it('recognises Ed25519 and P-256 Multikeys and round-trips with encodePublicKeyMultibase', () => {
    for (const [multibase, algorithm] of [
      ['z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2', 'Ed25519'],
      ['zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP', 'P-256'],
    ] as const) {
      const decoded = decodePublicKeyMultibase(multibase);
      expect(decoded.algorithm).to.equal(algorithm);
      expect(encodePublicKeyMultibase(decoded.algorithm, decoded.raw)).to.equal(multibase);
    }
  });

  it('refuses other key types and non-base58btc strings', () => {
    for (const value of ['z6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc', 'u6Mk', '', 'z']) {
      expect(() => decodePublicKeyMultibase(value), value).to.throw(ValidationError);
    }
  });
});
