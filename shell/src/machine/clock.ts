import type { ShellClock } from '../types.js';

/** Real time: what a learner's terminal runs on. */
export const REAL_CLOCK: ShellClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/**
 * The machine's clock, shared by its parts (process start times, `uptime`) and `sleep`. While a background job's
 * commands run (`cmd &` runs beside the prompt in simulated time, see `machine/processes/`), `divert` takes the time
 * its `sleep`s would have waited, so the prompt comes back at once and the job stays running for that long.
 */
export class MachineClock {
  divert: ((ms: number) => void) | undefined;

  constructor(private readonly source: ShellClock) {}

  now(): number {
    return this.source.now();
  }

  /** Waits `ms` (or until `signal` aborts), unless a background job is taking the time. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (this.divert) {
      this.divert(ms);
      return Promise.resolve();
    }
    return this.source.sleep(ms, signal);
  }
}
