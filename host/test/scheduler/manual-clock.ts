import type { SchedulerClock } from '../../src/scheduler/clock.js';

/** A clock moved by hand: timers fire, in time order, only when the test advances time past them. */
export class ManualClock implements SchedulerClock {
  micros = 1_700_000_000_000_000n;
  private timers = new Map<number, { at: bigint; callback: () => void }>();
  private nextId = 1;
  now = () => this.micros;
  setTimer = (callback: () => void, delayMillis: number) => {
    this.timers.set(this.nextId, { at: this.micros + BigInt(Math.max(0, delayMillis)) * 1000n, callback });
    return this.nextId++;
  };
  clearTimer = (timer: unknown) => void this.timers.delete(timer as number);
  advanceMillis(millis: number): void {
    const target = this.micros + BigInt(millis) * 1000n;
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= target).sort((a, b) => (a[1].at < b[1].at ? -1 : 1))[0];
      if (!due) break;
      this.timers.delete(due[0]);
      if (due[1].at > this.micros) this.micros = due[1].at;
      due[1].callback();
    }
    this.micros = target;
  }
}
