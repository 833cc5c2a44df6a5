/**
 * Pins this process, all its threads (libuv's pool that runs WebCrypto jobs, V8's background threads), to CPU 0 with
 * Linux `taskset`; returns how to undo it, or null when it could not (not Linux, no taskset, or
 * PROOFLINE_BENCH_PIN=off). On a small shared machine an unpinned comparison moves by a fifth between runs as other
 * processes come and go; on one core, ours and the reference share the same conditions and the ratio repeats.
 */
import { execFileSync } from 'node:child_process';

export function pinToOneCore(): (() => void) | null {
  if (process.env.PROOFLINE_BENCH_PIN === 'off' || process.platform !== 'linux') return null;
  try {
    const before = /: (.+)$/.exec(execFileSync('taskset', ['-pc', String(process.pid)], { encoding: 'utf8' }).trim())?.[1];
    execFileSync('taskset', ['-apc', '0', String(process.pid)], { stdio: 'ignore' });
    return () => {
      if (before) execFileSync('taskset', ['-apc', before, String(process.pid)], { stdio: 'ignore' });
    };
  } catch {
    return null;
  }
}
