import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import type { KeyRecord } from '../core/keys.ts';
import { generateKey } from './generate-key.ts';
import { clearUnlockedKeyCache, importKey, sealSecretKey, unlockKey, verifierFor } from './unlocked-key.ts';
import { rejectionOf } from '../test/helpers/rejection.ts';

const kek = new Uint8Array(randomBytes(32));

async function record(algorithm: KeyRecord['algorithm'], id = 'did:web:academy.example#key-1'): Promise<KeyRecord> {
  const { publicKeyMultibase, secretKey } = await generateKey(algorithm);
  return {
    id,
    issuerId: 'issuer-1',
    purpose: 'assertion',
    algorithm,
    publicKeyMultibase,
    encryptedSecretKey: sealSecretKey(kek, id, secretKey),
    status: 'active',
    createdAt: new Date('2026-01-01T00:00:00Z'),
    retiredAt: null,
  };
}


describe('generateKey', () => {
  it('makes Ed25519 and P-256 Multikeys whose secret round-trips through importKey', async () => {
    for (const [algorithm, prefix] of [['Ed25519', 'z6Mk'], ['P-256', 'zDna']] as const) {
      const { publicKeyMultibase, secretKey } = await generateKey(algorithm);
      expect(publicKeyMultibase.startsWith(prefix)).to.equal(true);
      const key = await importKey({ id: `did:key:${publicKeyMultibase}#${publicKeyMultibase}`, publicKeyMultibase, secretKey });
      expect(key.algorithm).to.equal(algorithm);
      expect(key.publicKeyMultibase).to.equal(publicKeyMultibase);
    }
  });

  it('is deterministic for an Ed25519 seed', async () => {
    const seed = new Uint8Array(32).fill(7);
    expect(await generateKey('Ed25519', { seed })).to.deep.equal(await generateKey('Ed25519', { seed }));
  });
});

describe('unlockKey', () => {
  beforeEach(() => clearUnlockedKeyCache());

  it('unlocks a stored key whose signer verifies with verifierFor', async () => {
    for (const algorithm of ['Ed25519', 'P-256'] as const) {
      const stored = await record(algorithm);
      const key = await unlockKey(stored, kek);
      expect(key.id).to.equal(stored.id);
      expect(key.controller).to.equal('did:web:academy.example');
      const data = new TextEncoder().encode('hello');
      const signature = await key.signer().sign({ data });
      expect(signature).to.have.length(64);
      const verifier = await verifierFor(stored.publicKeyMultibase, stored.id);
      expect(await verifier.verify({ data, signature })).to.equal(true);
      expect(await verifier.verify({ data: new TextEncoder().encode('hellO'), signature })).to.equal(false);
    }
  });

  it('imports a key once and serves later calls from the cache', async () => {
    const stored = await record('Ed25519');
    const [a, b] = await Promise.all([unlockKey(stored, kek), unlockKey(stored, kek)]);
    expect(a).to.equal(b);
    expect(await unlockKey(stored, kek)).to.equal(a);
  });

  it('refuses a wrong key-encryption key even when the key is cached', async () => {
    const stored = await record('P-256');
    await unlockKey(stored, kek);
    const error = await rejectionOf(unlockKey(stored, new Uint8Array(randomBytes(32))));
    expect(error).to.have.property('code', 'KEY_UNAVAILABLE');
  });

  it('refuses an envelope moved onto another key id, or a swapped public key', async () => {
    const stored = await record('Ed25519');
    const other = await record('Ed25519', 'did:web:academy.example#key-2');
    expect(await rejectionOf(unlockKey({ ...other, encryptedSecretKey: stored.encryptedSecretKey }, kek))).to.have.property(
      'code',
      'KEY_UNAVAILABLE',
    );
    expect(await rejectionOf(unlockKey({ ...stored, publicKeyMultibase: other.publicKeyMultibase }, kek))).to.have.property(
      'code',
      'KEY_UNAVAILABLE',
    );
  });

  it('refuses a retired key: it verifies but no longer signs', async () => {
    const stored = await record('Ed25519');
    expect(await rejectionOf(unlockKey({ ...stored, status: 'retired' }, kek))).to.have.property('code', 'KEY_UNAVAILABLE');
  });
});
