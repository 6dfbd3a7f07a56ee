/** Time as the scheduler sees it: replaceable so tests can move time by hand. */
export interface SchedulerClock {
  /** Microseconds since the Unix epoch. */
  now(): bigint;
  setTimer(callback: () => void, delayMillis: number): unknown;
  clearTimer(timer: unknown): void;
}

/** setTimeout cannot wait longer than this (about 24.8 days); longer waits re-arm. */
const LONGEST_TIMER_MILLIS = 2 ** 31 - 1;

export const systemClock: SchedulerClock = {
  now: () => BigInt(Date.now()) * 1000n,
  setTimer: (callback, delayMillis) => setTimeout(callback, Math.min(Math.max(0, delayMillis), LONGEST_TIMER_MILLIS)),
  clearTimer: (timer) => clearTimeout(timer as NodeJS.Timeout),
};
