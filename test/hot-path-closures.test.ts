import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';

const ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/**
 * The platform runs under tsx, whose esbuild transform names every closure bound to a name with
 * Object.defineProperty as the closure is created. On a verification's hot path that was a visible cost (one such
 * closure made per vc+jwt verification cost about 4% of its rate; five per Data Integrity verification about 15%), so
 * a steady-state verification with all checks must create none. The count is exact, not a timing.
 */
describe('verification hot path', function () {
  this.timeout(120_000);

  it('names no closure per verification (eddsa-rdfc-2022 and vc+jwt with all checks, a presentation; caches warm)', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', './test/helpers/count-function-naming.mjs', '--import', 'tsx', 'test/helpers/verify-counting-function-naming.ts'],
      { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' } },
    );
    const report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, Record<string, number>>;
    expect(Object.keys(report)).to.have.members(['eddsa-rdfc-2022', 'vc+jwt', 'presentation']);
    for (const [format, named] of Object.entries(report)) expect(named, format).to.deep.equal({});
  });

  it('the counting preload sees a closure named by tsx (the check above can fail)', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        './test/helpers/count-function-naming.mjs',
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        "const { namedClosure } = await import('./test/helpers/named-closure.ts'); globalThis.__countFunctionNaming = true; namedClosure(); namedClosure(); globalThis.__countFunctionNaming = false; console.log(JSON.stringify([...globalThis.__functionNamingCounts.values()]));",
      ],
      { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' } },
    );
    expect(JSON.parse(stdout.trim())).to.deep.equal([2]);
  });
});
