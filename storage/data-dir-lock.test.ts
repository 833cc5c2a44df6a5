import { expect } from 'chai';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lockDataDir } from './data-dir-lock.ts';
import { ProoflineError } from '../core/errors.ts';

describe('lockDataDir', () => {
  const dir = () => mkdtempSync(path.join(os.tmpdir(), 'lock-'));

  it('refuses a second owner while the first is alive', () => {
    const lock = path.join(dir(), 'pgdata.lock');
    // Another live process holds it (pid 1 is always alive).
    writeFileSync(lock, '1');
    expect(() => lockDataDir(lock)).to.throw(ProoflineError).with.property('code', 'CONFLICT');
  });

  it('takes over a lock left by a dead process and removes it on release', () => {
    const lock = path.join(dir(), 'pgdata.lock');
    writeFileSync(lock, '2147483646');
    const release = lockDataDir(lock);
    expect(existsSync(lock)).to.equal(true);
    release();
    expect(existsSync(lock)).to.equal(false);
  });
});
