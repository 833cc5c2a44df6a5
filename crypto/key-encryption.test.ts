import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { ConfigError, ProoflineError } from '../core/errors.ts';
import { decryptSecret, encryptSecret } from './key-encryption.ts';

const kek = new Uint8Array(randomBytes(32));
const secret = new TextEncoder().encode('z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq');

function expectUnavailable(fn: () => unknown): void {
  expect(fn).to.throw(ProoflineError).with.property('code', 'KEY_UNAVAILABLE');
}

describe('encryptSecret', () => {
  it('writes a v1 envelope with a fresh IV each time', () => {
    const a = encryptSecret(kek, secret, 'key-1');
    const b = encryptSecret(kek, secret, 'key-1');
    expect(a).to.match(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(a).to.not.equal(b);
  });

  it('refuses a key-encryption key that is not 32 bytes', () => {
    expect(() => encryptSecret(new Uint8Array(16), secret, 'a')).to.throw(ConfigError);
  });
});

describe('decryptSecret', () => {
  it('round-trips the plaintext', () => {
    expect(decryptSecret(kek, encryptSecret(kek, secret, 'key-1'), 'key-1')).to.deep.equal(secret);
    expect(decryptSecret(kek, encryptSecret(kek, new Uint8Array(), ''), '')).to.deep.equal(new Uint8Array());
  });

  it('throws KEY_UNAVAILABLE for a wrong key-encryption key', () => {
    const envelope = encryptSecret(kek, secret, 'key-1');
    expectUnavailable(() => decryptSecret(new Uint8Array(randomBytes(32)), envelope, 'key-1'));
  });

  it('throws KEY_UNAVAILABLE for a wrong AAD', () => {
    expectUnavailable(() => decryptSecret(kek, encryptSecret(kek, secret, 'key-1'), 'key-2'));
  });

  it('throws KEY_UNAVAILABLE when any byte of the IV or ciphertext is flipped', () => {
    const envelope = encryptSecret(kek, secret, 'key-1');
    const [version, iv, sealed] = envelope.split('.') as [string, string, string];
    const flip = (text: string, at: number) => {
      const bytes = Buffer.from(text, 'base64url');
      bytes[at] = (bytes[at] as number) ^ 0x01;
      return bytes.toString('base64url');
    };
    const sealedLength = Buffer.from(sealed, 'base64url').length;
    for (let at = 0; at < sealedLength; at++) {
      expectUnavailable(() => decryptSecret(kek, `${version}.${iv}.${flip(sealed, at)}`, 'key-1'));
    }
    expectUnavailable(() => decryptSecret(kek, `${version}.${flip(iv, 0)}.${sealed}`, 'key-1'));
  });

  it('throws KEY_UNAVAILABLE for malformed envelopes', () => {
    for (const envelope of ['', 'v1', 'v2.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA', 'v1..', 'v1.AA.AAAAAAAAAAAAAAAAAAAAAA']) {
      expectUnavailable(() => decryptSecret(kek, envelope, 'key-1'));
    }
  });
});
