/** `npm run bench`: every benchmark prints medians and ratios against a reference measured in the same run. */
import { runCanonizeBench } from './canonize.bench.ts';
import { runFastPathBench } from './fast-path.bench.ts';
import { runIssueBench } from './issue.bench.ts';
import { runLogBench } from './log.bench.ts';
import { runVerifyBench } from './verify.bench.ts';

process.env.SCARF_ANALYTICS = 'false';
await runCanonizeBench();
await runFastPathBench();
await runIssueBench();
await runVerifyBench();
await runLogBench();
