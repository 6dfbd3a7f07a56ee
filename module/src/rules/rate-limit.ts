import { ok, refuse, type Outcome } from './outcome.js';

/** A limit of `count` messages in any `seconds`-long window. */
export interface RateWindow {
  count: number;
  seconds: number;
}

/** The chat limits: a burst of 5 in 10 seconds, 60 an hour. */
export const CHAT_LIMITS: readonly RateWindow[] = [
  { count: 5, seconds: 10 },
  { count: 60, seconds: 3600 },
];

const MICROS = 1_000_000n;

function waitText(micros: bigint): string {
  const seconds = Number((micros + MICROS - 1n) / MICROS);
  if (seconds < 120) return `${seconds} s`;
  return `${Math.ceil(seconds / 60)} min`;
}

/**
 * Admit one more message at `now` given the send times of recent ones (microseconds, oldest first). Returns the
 * send times to keep: only those that can still count against a window, so the list stays bounded by the largest
 * window's allowance.
 */
export function admitMessage(
  recent: readonly bigint[],
  now: bigint,
  limits: readonly RateWindow[] = CHAT_LIMITS,
): Outcome<bigint[]> {
  let longestWait = 0n;
  for (const { count, seconds } of limits) {
    const windowStart = now - BigInt(seconds) * MICROS;
    const inWindow = recent.filter(at => at > windowStart);
    if (inWindow.length >= count) {
      const freedAt = inWindow[inWindow.length - count]! + BigInt(seconds) * MICROS;
      if (freedAt - now > longestWait) longestWait = freedAt - now;
    }
  }
  if (longestWait > 0n) return refuse(`Wait ${waitText(longestWait)} before sending another message`);
  const longest = limits.reduce((max, limit) => (limit.seconds > max.seconds ? limit : max));
  const horizon = now - BigInt(longest.seconds) * MICROS;
  const kept = recent.filter(at => at > horizon).slice(-(longest.count - 1));
  return ok([...kept, now]);
}
