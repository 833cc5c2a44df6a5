/**
 * A background pass run every `intervalMs` (webhook deliveries, evidence re-checks, purging expired records): never two
 * passes of one worker at once, the timer does not keep the process alive, and `stop()` waits for the pass in flight. A
 * failed pass is reported to `onError` and answered with `fallback()`.
 */
export interface IntervalWorker<T> {
  start(): void;
  stop(): Promise<void>;
  /** One pass now (tests, and the timer); joins the pass in flight if there is one. */
  runOnce(): Promise<T>;
}

export function createIntervalWorker<T>(pass: () => Promise<T>, { intervalMs, onError, fallback }: { intervalMs: number; onError: (error: unknown) => void; fallback: () => T }): IntervalWorker<T> {
  let timer: ReturnType<typeof setInterval> | null = null;
  let running: Promise<T> | null = null;
  const runOnce = () => {
    running ??= pass()
      .catch((error: unknown) => {
        onError(error);
        return fallback();
      })
      .finally(() => (running = null));
    return running;
  };
  return {
    start() {
      if (timer) return;
      timer = setInterval(() => void runOnce(), intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
    runOnce,
  };
}
