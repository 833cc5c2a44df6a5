/**
 * `npm run bench [-- name ...]`: every benchmark prints medians and ratios against a reference measured in the same
 * run. Without names, all of them, in this order; with names (e.g. `npm run bench -- verify wallet`), only those.
 */
import { runCanonizeBench } from './canonize.bench.ts';
import { runFastPathBench } from './fast-path.bench.ts';
import { runIssueBench } from './issue.bench.ts';
import { runLogBench } from './log.bench.ts';
import { runMarketplaceBench } from './marketplace.bench.ts';
import { runPresentationBench } from './presentations.bench.ts';
import { runVerifyBench } from './verify.bench.ts';
import { runWalletBench } from './wallet.bench.ts';

const BENCHES: Record<string, () => Promise<void>> = {
  canonize: runCanonizeBench,
  'fast-path': runFastPathBench,
  issue: runIssueBench,
  verify: runVerifyBench,
  presentations: runPresentationBench,
  wallet: runWalletBench,
  marketplace: runMarketplaceBench,
  log: runLogBench,
};

process.env.SCARF_ANALYTICS = 'false';
const names = process.argv.slice(2);
const unknown = names.filter((n) => !Object.hasOwn(BENCHES, n));
if (unknown.length > 0) {
  console.error(`Unknown bench ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
for (const name of names.length > 0 ? names : Object.keys(BENCHES)) await BENCHES[name]!();
