/**
 * The fast path's steady-state tail, run by the fast-path bench as a child process on the same core:
 * `tsx bench/fast-path-tail.ts <case name> <verify|issue> <ops> <warm-up ms>`. Only our operation runs in this
 * process, so its young generation holds only its own garbage: in the bench's own process, the reference's jsonld.js
 * work shares the heap, and scavenges that land in our rounds pause ~6 ms instead of ~1.3 ms (that tail is printed
 * there too, as measured). Prints one JSON line: rate, p50, p99, p99.9, scavenges and their mean pause, and how many
 * operations took more than 3x the median, with how many of those overlapped a GC.
 */
import { signDataIntegrity } from '../crypto/sign-data-integrity.ts';
import { verifyCredential } from '../verifier/verify-credential.ts';
import { fastPathFixtures } from './fast-path-cases.ts';
import { recordGc } from './record-gc.ts';

export interface SteadyTail {
  perSecond: number;
  p50: number;
  p99: number;
  p999: number;
  ops: number;
  scavenges: number;
  scavengeMeanMs: number;
  majorGcs: number;
  slow: number;
  slowWithGc: number;
}

const [caseName, op, opsArg, warmArg] = process.argv.slice(2);
const { documentLoader, key, created, cases } = await fastPathFixtures();
const credential = cases.find((c) => c.name === caseName)?.credential;
if (!credential || (op !== 'verify' && op !== 'issue')) throw new Error(`usage: fast-path-tail.ts <${cases.map((c) => c.name).join('|')}> <verify|issue> <ops> <warm-up ms>`);
const signed = await signDataIntegrity(credential, { key, cryptosuite: 'eddsa-rdfc-2022', documentLoader, created });
const run =
  op === 'verify'
    ? async () => {
        const result = await verifyCredential(signed, { documentLoader, now: created });
        if (!result.verified) throw new Error(`${caseName} did not verify: ${JSON.stringify(result.problemDetails)}`);
      }
    : () => signDataIntegrity(credential, { key, cryptosuite: 'eddsa-rdfc-2022', documentLoader, created });

const gc = recordGc();

// Warm up until V8 has tiered the code up (a one-time cost of a fresh process), then time each operation.
const warmUntil = performance.now() + Number(warmArg);
for (let i = 0; i < 20 || performance.now() < warmUntil; i++) await run();
const ops = Number(opsArg);
const timed: { from: number; ms: number }[] = [];
const start = performance.now();
for (let i = 0; i < ops; i++) {
  const from = performance.now();
  await run();
  timed.push({ from, ms: performance.now() - from });
}
const end = performance.now();
const during = await gc.count([[start, end]]);
gc.stop();

const sorted = timed.map((t) => t.ms).sort((a, b) => a - b);
const quantile = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const slow = timed.filter((t) => t.ms > 3 * quantile(0.5));
const tail: SteadyTail = {
  perSecond: ops / ((end - start) / 1000),
  p50: quantile(0.5),
  p99: quantile(0.99),
  p999: quantile(0.999),
  ops,
  scavenges: during.scavenges,
  scavengeMeanMs: during.scavengeMs / Math.max(1, during.scavenges),
  majorGcs: during.major,
  slow: slow.length,
  slowWithGc: slow.filter((t) => gc.within(t.from, t.from + t.ms)).length,
};
console.log(JSON.stringify(tail));
