import type { SatsValue } from '../engine/index.js';

/** A decoded `ScheduleAt`: run once at a time, or repeatedly every so many microseconds. */
export type ScheduleAt = { kind: 'time'; atMicros: bigint } | { kind: 'interval'; everyMicros: bigint };

/** Reads a `ScheduleAt` column value (sum: 0 = Interval(TimeDuration), 1 = Time(Timestamp)). */
export function readScheduleAt(value: SatsValue | undefined): ScheduleAt {
  if (typeof value === 'object' && value !== null && 'tag' in value && typeof value.value === 'bigint') {
    if (value.tag === 0) return { kind: 'interval', everyMicros: value.value < 0n ? -value.value : value.value };
    if (value.tag === 1) return { kind: 'time', atMicros: value.value };
  }
  throw new Error(`not a ScheduleAt value: ${String(value)}`);
}

/**
 * The first tick of an interval after `now`, counted from the time the last run was due, so late runs do not
 * push every later run back (SpacetimeDB skips missed ticks the same way).
 */
export function nextIntervalTick(lastDueMicros: bigint, everyMicros: bigint, nowMicros: bigint): bigint {
  if (everyMicros === 0n) return lastDueMicros;
  if (nowMicros < lastDueMicros) return lastDueMicros + everyMicros;
  const ticks = (nowMicros - lastDueMicros) / everyMicros + 1n;
  return lastDueMicros + ticks * everyMicros;
}
