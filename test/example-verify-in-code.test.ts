/**
 * examples/verify-in-code.ts (the README's "Verify in your own code") runs as written: a credential another issuer
 * signed (with @digitalbazaar/vc) verifies, trusted only when its issuer is named; a tampered one fails by name.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { issueWithFreshDidKey } from './helpers/independent-verifier.ts';

const run = promisify(execFile);
const EXAMPLE = path.resolve(import.meta.dirname, '../examples/verify-in-code.ts');

async function verifyWithExample(credential: object, trusted: string[] = []): Promise<{ code: number; out: Record<string, unknown> }> {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'proofline-example-')), 'credential.json');
  writeFileSync(file, JSON.stringify({ verifiableCredential: credential }));
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', EXAMPLE, file, ...trusted], { cwd: path.resolve(import.meta.dirname, '..') });
    return { code: 0, out: JSON.parse(stdout) as Record<string, unknown> };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, out: JSON.parse(failed.stdout) as Record<string, unknown> };
  }
}

describe('examples/verify-in-code.ts', function () {
  this.timeout(60_000);

  it('verifies another issuer\'s credential, trusted only when its issuer is named, and names what a tampered one fails', async () => {
    const credential = await issueWithFreshDidKey('did:example:learner', { name: 'Prompt engineering' });
    const issuer = String(credential.issuer);

    const untrusted = await verifyWithExample(credential);
    expect(untrusted.code).to.equal(1);
    expect(untrusted.out).to.include({ verified: false, trusted: false, issuer });
    expect(untrusted.out.problems).to.deep.equal(['UNTRUSTED_ISSUER']);

    const trusted = await verifyWithExample(credential, [issuer]);
    expect(trusted.code).to.equal(0);
    expect(trusted.out).to.include({ verified: true, trusted: true, issuer });
    expect(trusted.out.checks).to.include.members(['proof', 'validity', 'trust']);

    const tampered = await verifyWithExample({ ...credential, name: 'Data analysis' }, [issuer]);
    expect(tampered.code).to.equal(1);
    expect(tampered.out.problems).to.deep.equal(['PROOF_VERIFICATION_ERROR']);
  });
});
