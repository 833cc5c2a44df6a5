import { createPrivateKey, createPublicKey, sign as edSign, verify as edVerify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { LogFormatError } from './log-format-error.ts';
import {
  formatVerifierKey,
  noteKeyId,
  parseNote,
  parseVerifierKey,
  signNote,
  verifyNote,
  type NoteSigner,
  type VerifyFunction,
} from './signed-note.ts';

const vectors = JSON.parse(readFileSync(new URL('./fixtures/signed-note-vectors.json', import.meta.url), 'utf8')) as {
  peterNeumann: { signerKey: string; verifierKey: string; keyId: string; text: string; signatureLine: string; note: string };
  enochRoot: { verifierKey: string; keyId: string; signatureLine: string };
  plusKey: { verifierKey: string; name: string; keyId: string };
};
const peter = vectors.peterNeumann;
const enoch = vectors.enochRoot;

// Ed25519 through node:crypto, as crypto/ will inject it: raw 32-byte seeds and public keys.
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');
function ed25519FromSeed(seed: Uint8Array) {
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = new Uint8Array(createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(-32));
  const sign = (message: Uint8Array) => new Uint8Array(edSign(null, message, privateKey));
  return { publicKey, sign };
}
const ed25519Verify: VerifyFunction = (publicKey, message, signature) => {
  const key = createPublicKey({ key: Buffer.concat([SPKI_ED25519, publicKey]), format: 'der', type: 'spki' });
  return edVerify(null, message, key, signature);
};

/** PRIVATE+KEY+<name>+<hex id>+base64(0x01 || seed), golang.org/x/mod/sumdb/note's signer key. */
function peterSigner(): NoteSigner & { publicKey: Uint8Array } {
  const typed = Buffer.from(peter.signerKey.split('+').slice(4).join('+'), 'base64');
  expect(typed[0]).to.equal(0x01);
  const { publicKey, sign } = ed25519FromSeed(typed.subarray(1));
  return { name: 'PeterNeumann', keyId: noteKeyId('PeterNeumann', publicKey), sign, publicKey };
}

describe('signed note: golang.org/x/mod/sumdb/note known answers', () => {
  it('derives the PeterNeumann key ID and verifier key from its seed', () => {
    const signer = peterSigner();
    expect(Buffer.from(signer.keyId).toString('hex')).to.equal(peter.keyId);
    expect(formatVerifierKey('PeterNeumann', signer.publicKey)).to.equal(peter.verifierKey);
  });

  it('signs the PeterNeumann note byte for byte (TestSign)', async () => {
    expect(await signNote(peter.text, peterSigner())).to.equal(peter.note);
    expect(peter.note).to.equal(`${peter.text}\n${peter.signatureLine}`);
  });

  it('opens the PeterNeumann note and ignores EnochRoot\'s signature unless trusted (TestOpen)', () => {
    const both = `${peter.text}\n${peter.signatureLine}${enoch.signatureLine}`;
    const byPeter = verifyNote(both, peter.verifierKey, ed25519Verify);
    expect(byPeter).to.deep.include({ verified: true, text: peter.text });
    const byEnoch = verifyNote(both, enoch.verifierKey, ed25519Verify);
    expect(byEnoch).to.deep.include({ verified: true, text: peter.text });
    const enochOnly = `${peter.text}\n${enoch.signatureLine}`;
    expect(verifyNote(enochOnly, peter.verifierKey, ed25519Verify)).to.include({ verified: false, problem: 'UNKNOWN_KEY' });
    expect(verifyNote(peter.note, enoch.verifierKey, ed25519Verify)).to.include({ verified: false, problem: 'UNKNOWN_KEY' });
  });

  it('parses verifier keys of other implementations, including base64 with a "+"', () => {
    for (const { verifierKey, keyId } of [peter, enoch, vectors.plusKey]) {
      const key = parseVerifierKey(verifierKey);
      expect(Buffer.from(key.keyId).toString('hex')).to.equal(keyId);
      expect(formatVerifierKey(key.name, key.publicKey)).to.equal(verifierKey);
    }
    expect(parseVerifierKey(vectors.plusKey.verifierKey).name).to.equal('TEST');
  });

  it('refuses every truncation and every one-character change of a verifier key (TestNewVerifier)', () => {
    const key = peter.verifierKey;
    for (let i = 0; i <= key.length; i++) {
      for (let j = i + 1; j <= key.length; j++) {
        if (i === 0 && j === key.length) continue;
        expect(() => parseVerifierKey(key.slice(i, j)), key.slice(i, j)).to.throw(LogFormatError);
      }
    }
    for (let i = 0; i < key.length; i++) {
      const changed = key.slice(0, i) + String.fromCharCode(key.charCodeAt(i) + 1) + key.slice(i + 1);
      expect(() => parseVerifierKey(changed), changed).to.throw(LogFormatError);
    }
    // Wrong length key and unknown algorithm, each with its key hash adjusted.
    for (const bad of [
      'PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==',
      'PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
    ]) {
      expect(() => parseVerifierKey(bad), bad).to.throw(LogFormatError);
    }
  });

  it('rejects a note with a known key whose signature does not verify', () => {
    const sig = peter.signatureLine;
    const bad = `${peter.text}\n${sig.slice(0, 60)}ABCD${sig.slice(60)}`;
    expect(verifyNote(bad, peter.verifierKey, ed25519Verify)).to.include({ verified: false, problem: 'INVALID_SIGNATURE' });
    // Even next to a good one: a failing signature of a known key rejects the note.
    const mixed = `${peter.text}\n${sig}${sig.slice(0, 60)}ABCD${sig.slice(60)}`;
    expect(verifyNote(mixed, peter.verifierKey, ed25519Verify)).to.include({ verified: false, problem: 'INVALID_SIGNATURE' });
  });

  it('rejects malformed notes (TestOpen bad messages) and more than 100 signatures', () => {
    const text = peter.text;
    const sig = peter.signatureLine;
    const bad = [
      text,
      `${text}\n`,
      `${text}\n${sig.slice(0, -1)}`,
      `\x01${text}\n${sig}`,
      `${text}\n\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`,
      `${text}\n${sig}Unexpected line.\n`,
      `${text}\n${sig.repeat(101)}`,
      `${text}\n- PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`,
    ];
    for (const note of bad) {
      expect(verifyNote(note, peter.verifierKey, ed25519Verify), JSON.stringify(note)).to.include({
        verified: false,
        problem: 'MALFORMED_NOTE',
      });
    }
    const invalidUtf8 = Buffer.concat([Buffer.from([0xff]), Buffer.from(peter.note)]);
    expect(verifyNote(invalidUtf8, peter.verifierKey, ed25519Verify)).to.include({ problem: 'MALFORMED_NOTE' });
    expect(verifyNote(Buffer.from(peter.note), peter.verifierKey, ed25519Verify)).to.include({ verified: true });
  });

  it('splits the text at the last blank line, so a text may hold blank lines', async () => {
    const text = 'line one\n\nline three\n';
    const note = await signNote(text, peterSigner());
    expect(parseNote(note).text).to.equal(text);
    expect(verifyNote(note, peter.verifierKey, ed25519Verify)).to.deep.include({ verified: true, text });
  });

  it('refuses to sign what is not a note text, or with a bad key name', async () => {
    const signer = peterSigner();
    for (const text of ['abc', '', 'tab\there\n']) {
      let error: unknown;
      await signNote(text, signer).catch((e: unknown) => (error = e));
      expect(error, JSON.stringify(text)).to.be.instanceOf(LogFormatError);
    }
    for (const name of ['', 'a b', 'a+b', 'a\u00a0b']) {
      let error: unknown;
      await signNote(peter.text, { ...signer, name }).catch((e: unknown) => (error = e));
      expect(error, JSON.stringify(name)).to.be.instanceOf(LogFormatError);
    }
  });
});
