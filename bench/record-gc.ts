/**
 * Garbage collections seen by a PerformanceObserver while a bench runs: how many scavenges (young generation) and
 * other GCs started within given time windows, with their pauses, and whether one started within an operation.
 */
import { PerformanceObserver, constants as perfConstants } from 'node:perf_hooks';

/** Garbage collections during given time windows: scavenges (young generation) and the others, with pauses. */
export interface GcCount {
  scavenges: number;
  scavengeMs: number;
  major: number;
  majorMs: number;
}

/** Records every GC (performance.now() start, duration, minor or not) until `stop`. */
export function recordGc(): {
  count: (windows: readonly [number, number][]) => Promise<GcCount>;
  stop: () => void;
  /** Whether a GC started within [from, to] (after `count`, which lets the entries in). */
  within: (from: number, to: number) => boolean;
} {
  const seen: { start: number; duration: number; minor: boolean }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as unknown as { detail?: { kind?: number } }).detail?.kind;
      seen.push({ start: entry.startTime, duration: entry.duration, minor: kind === perfConstants.NODE_PERFORMANCE_GC_MINOR });
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    // Entries arrive asynchronously: let them in before counting.
    count: async (windows) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const count: GcCount = { scavenges: 0, scavengeMs: 0, major: 0, majorMs: 0 };
      for (const gc of seen) {
        if (!windows.some(([from, to]) => gc.start >= from && gc.start <= to)) continue;
        if (gc.minor) {
          count.scavenges += 1;
          count.scavengeMs += gc.duration;
        } else {
          count.major += 1;
          count.majorMs += gc.duration;
        }
      }
      return count;
    },
    stop: () => observer.disconnect(),
    within: (from, to) => seen.some((gc) => gc.start >= from && gc.start <= to),
  };
}
