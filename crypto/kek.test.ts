import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { ConfigError } from '../core/errors.ts';
import { loadKek } from './kek.ts';

describe('loadKek', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'proofline-kek-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const hex = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

  it('reads 64 hex digits', () => {
    expect(Buffer.from(loadKek({ kek: hex, dataDir: root })).toString('hex')).to.equal(hex);
  });

  it('reads base64 and base64url of 32 bytes', () => {
    const bytes = Buffer.from(hex, 'hex');
    expect(Buffer.from(loadKek({ kek: bytes.toString('base64'), dataDir: root })).toString('hex')).to.equal(hex);
    expect(Buffer.from(loadKek({ kek: bytes.toString('base64url'), dataDir: root })).toString('hex')).to.equal(hex);
  });

  it('refuses values that are not 32 bytes with ConfigError', () => {
    for (const kek of ['abc', hex.slice(2), `${hex}00`, Buffer.alloc(16).toString('base64'), Buffer.alloc(33).toString('base64')]) {
      expect(() => loadKek({ kek, dataDir: root }), kek).to.throw(ConfigError);
    }
  });

  it('creates <dataDir>/kek with 32 random bytes, mode 0600, in a 0700 directory, and reuses it', function () {
    if (process.platform === 'win32') this.skip();
    const dataDir = path.join(root, 'data');
    const first = loadKek({ dataDir });
    const file = path.join(dataDir, 'kek');
    expect(first).to.have.length(32);
    expect(statSync(file).mode & 0o777).to.equal(0o600);
    expect(statSync(dataDir).mode & 0o777).to.equal(0o700);
    expect(readFileSync(file)).to.deep.equal(Buffer.from(first));
    expect(loadKek({ dataDir, kek: '' })).to.deep.equal(first);
  });

  it('refuses a kek file of the wrong size or readable by others', function () {
    if (process.platform === 'win32') this.skip();
    const file = path.join(root, 'kek');
    writeFileSync(file, Buffer.alloc(31), { mode: 0o600 });
    expect(() => loadKek({ dataDir: root })).to.throw(ConfigError);
    writeFileSync(file, Buffer.alloc(32));
    chmodSync(file, 0o644);
    expect(() => loadKek({ dataDir: root })).to.throw(ConfigError);
  });
});
