/** `proofline award --file`: the sample CSV through a real listening server; a second run issues nothing new. */
import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { awardFile } from '../cli/award-command.ts';
import { ADMIN_TOKEN, forEachPlatform } from './helpers/platform.ts';
import { listenOnLoopback } from './helpers/listen.ts';
import { uniqueId } from './helpers/store.ts';
import { readFileSync } from 'node:fs';
import { captureStream } from './helpers/capture-stream.ts';

forEachPlatform('proofline award --file', (platform) => {
  let url: string;
  let close: () => Promise<void>;
  before(async () => {
    ({ url, close } = await listenOnLoopback(platform().app));
  });
  after(() => close());

  it('awards every row of examples/awards.csv once, and nothing more when run again', async () => {
    // The sample file with run-unique idempotency keys (the test database is shared across runs).
    const run = uniqueId('csv');
    const csv = readFileSync(new URL('../examples/awards.csv', import.meta.url), 'utf8')
      .split('\n')
      .map((line, i) => (i === 0 || !line ? line : line.replace(/,([^,]*)$/, `,${run}-$1`)))
      .join('\n');
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'awards-')), 'awards.csv');
    writeFileSync(file, csv);
    const rows = csv.split('\n').filter(Boolean).length - 1;

    const first = captureStream();
    expect(await awardFile({ file, url, token: ADMIN_TOKEN, chunk: 7, progress: false }, first.stream)).to.equal(0);
    expect(first.text()).to.include(`${rows} issued, 0 already issued, 0 failed`);
    const second = captureStream();
    expect(await awardFile({ file, url, token: ADMIN_TOKEN, chunk: 50, progress: false }, second.stream)).to.equal(0);
    expect(second.text()).to.include(`0 issued, ${rows} already issued, 0 failed`);
  });

  it('reports a bad row by its line and exits non-zero', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'awards-')), 'bad.csv');
    writeFileSync(
      file,
      'achievement,recipient_did,recipient_email,score,level,assessment_id,project_url,artifact_sha256,idempotency_key\n' +
        `prompt-engineering-foundation,,ada@example.org,12,proficient,a1,,,${uniqueId('low')}\n`,
    );
    const out = captureStream();
    expect(await awardFile({ file, url, token: ADMIN_TOKEN, chunk: 10, progress: false }, out.stream)).to.equal(1);
    expect(out.text()).to.match(/line 2: VALIDATION_FAILED: .*pass mark/);
  });
});
