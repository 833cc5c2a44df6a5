import { createPrivateKey, createPublicKey, sign as edSign, verify as edVerify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import {
  formatCheckpoint,
  formatVerifierKey,
  noteKeyId,
  parseCheckpoint,
  signNote,
  verifyCheckpoint,
  verifyNote,
  type VerifyFunction,
} from './checkpoint.ts';
import { LogFormatError } from './log-format-error.ts';

// A fixed Ed25519 key (seed 00 01 02 ... 1f) through node:crypto, as crypto/ will inject it.
const seed = Uint8Array.from({ length: 32 }, (_, i) => i);
const privateKey = createPrivateKey({
  key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
  format: 'der',
  type: 'pkcs8',
});
const publicKey = new Uint8Array(createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(-32));
const sign = (message: Uint8Array) => new Uint8Array(edSign(null, message, privateKey));
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');
const verify: VerifyFunction = (key, message, signature) =>
  edVerify(null, message, createPublicKey({ key: Buffer.concat([SPKI_ED25519, key]), format: 'der', type: 'spki' }), signature);

const ORIGIN = 'proofline.example/log';
const signer = { name: ORIGIN, keyId: noteKeyId(ORIGIN, publicKey), sign };
const readFixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const merkle = readFixture('rfc6962-vectors.json') as { rootHashes: string[] };
const notes = readFixture('signed-note-vectors.json') as {
  checkpointExample: { note: string; origin: string; size: number; rootHash: string };
};
const root8 = new Uint8Array(Buffer.from(merkle.rootHashes[8]!, 'hex'));

// Regression goldens, made by this code; the key ID was checked separately (Python hashlib) and the format is pinned
// by the golang.org/x/mod known answers in signed-note.test.ts.
const GOLDEN_KEY = 'proofline.example/log+cf9d411d+AQOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4';
const GOLDEN_NOTE =
  'proofline.example/log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\n' +
  '\u2014 proofline.example/log z51BHdDbzHAanI4MzEZ9eROj8hJvkf3pw8cb0DSRppWG/VSrJB8nB3h/kk4zmroPpGbmxwD6HnwN66YghN05+wZUNwg=\n';

describe('checkpoint (C2SP tlog-checkpoint)', () => {
  it('formats the note text: origin, decimal size, base64 root, each line ending in a newline', () => {
    expect(formatCheckpoint({ origin: ORIGIN, size: 8, rootHash: root8 })).to.equal(
      'proofline.example/log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n',
    );
    expect(formatCheckpoint({ origin: ORIGIN, size: 0, rootHash: root8, extensions: ['x y'] })).to.equal(
      'proofline.example/log\n0\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\nx y\n',
    );
  });

  it('signs a checkpoint with a fixed key into the golden note, which verifies', async () => {
    expect(formatVerifierKey(ORIGIN, publicKey)).to.equal(GOLDEN_KEY);
    const note = await signNote(formatCheckpoint({ origin: ORIGIN, size: 8, rootHash: root8 }), signer);
    expect(note).to.equal(GOLDEN_NOTE);
    const result = verifyCheckpoint(note, GOLDEN_KEY, verify, { origin: ORIGIN });
    expect(result.verified).to.equal(true);
    if (result.verified) {
      expect(result.checkpoint.size).to.equal(8);
      expect(Buffer.from(result.checkpoint.rootHash).toString('hex')).to.equal(merkle.rootHashes[8]);
    }
  });

  it('rejects the golden note after any one-byte change', () => {
    const bytes = Buffer.from(GOLDEN_NOTE);
    for (let i = 0; i < bytes.length; i++) {
      for (const mask of [0x01, 0x20]) {
        const changed = Buffer.from(bytes);
        changed[i]! ^= mask;
        expect(verifyCheckpoint(changed, GOLDEN_KEY, verify).verified, `byte ${i} ^ ${mask}`).to.equal(false);
      }
    }
  });

  it('rejects a note signed by another key, or by the right key for another origin', async () => {
    const other = createPrivateKey({
      key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.alloc(32, 7)]),
      format: 'der',
      type: 'pkcs8',
    });
    const forged = await signNote(formatCheckpoint({ origin: ORIGIN, size: 8, rootHash: root8 }), {
      ...signer,
      sign: (message) => new Uint8Array(edSign(null, message, other)),
    });
    expect(verifyCheckpoint(forged, GOLDEN_KEY, verify)).to.include({ verified: false, problem: 'INVALID_SIGNATURE' });
    const elsewhere = await signNote(formatCheckpoint({ origin: 'other.example/log', size: 8, rootHash: root8 }), signer);
    expect(verifyCheckpoint(elsewhere, GOLDEN_KEY, verify, { origin: ORIGIN })).to.include({ problem: 'ORIGIN_MISMATCH' });
    const notACheckpoint = await signNote('hello\n', signer);
    expect(verifyNote(notACheckpoint, GOLDEN_KEY, verify).verified).to.equal(true);
    expect(verifyCheckpoint(notACheckpoint, GOLDEN_KEY, verify)).to.include({ problem: 'MALFORMED_CHECKPOINT' });
  });

  it('parses the example of the tlog-checkpoint spec', () => {
    const { note, origin, size, rootHash } = notes.checkpointExample;
    const text = note.slice(0, note.lastIndexOf('\n\n') + 1);
    const checkpoint = parseCheckpoint(text);
    expect(checkpoint).to.deep.equal({ origin, size, rootHash: new Uint8Array(Buffer.from(rootHash, 'base64')) });
    expect(formatCheckpoint(checkpoint)).to.equal(text);
  });

  it('round-trips extension lines', () => {
    const text = formatCheckpoint({ origin: ORIGIN, size: 3, rootHash: root8, extensions: ['one', 'two'] });
    expect(parseCheckpoint(text).extensions).to.deep.equal(['one', 'two']);
  });

  it('refuses malformed checkpoint texts', () => {
    const rootB64 = Buffer.from(root8).toString('base64');
    const bad = [
      `${ORIGIN}\n8\n${rootB64}`, // no final newline
      `${ORIGIN}\n8\n`, // two lines
      `\n8\n${rootB64}\n`, // empty origin
      `${ORIGIN}\n08\n${rootB64}\n`, // leading zero
      `${ORIGIN}\n-1\n${rootB64}\n`,
      `${ORIGIN}\n1e3\n${rootB64}\n`,
      `${ORIGIN}\n9007199254740993\n${rootB64}\n`, // beyond 2^53
      `${ORIGIN}\n8\n${rootB64.slice(0, -1)}\n`, // truncated base64
      `${ORIGIN}\n8\n${Buffer.alloc(31).toString('base64')}\n`, // 31 bytes
      `${ORIGIN}\n8\n${rootB64.slice(0, -2)}h=\n`, // non-canonical base64 (stray bits)
      `${ORIGIN}\n8\n${rootB64}\n\n`, // empty extension line
      `${ORIGIN}\n8\n${rootB64}\ta\n`,
    ];
    for (const text of bad) expect(() => parseCheckpoint(text), JSON.stringify(text)).to.throw(LogFormatError);
    expect(() => formatCheckpoint({ origin: '', size: 1, rootHash: root8 })).to.throw(LogFormatError);
    expect(() => formatCheckpoint({ origin: 'a\nb', size: 1, rootHash: root8 })).to.throw(LogFormatError);
    expect(() => formatCheckpoint({ origin: ORIGIN, size: -1, rootHash: root8 })).to.throw(LogFormatError);
    expect(() => formatCheckpoint({ origin: ORIGIN, size: 1, rootHash: root8.slice(1) })).to.throw(LogFormatError);
    expect(() => formatCheckpoint({ origin: ORIGIN, size: 1, rootHash: root8, extensions: [''] })).to.throw(LogFormatError);
  });
});
