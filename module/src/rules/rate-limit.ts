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
    const inWindow = recent.filter((at) => at > windowStart);
    if (inWindow.length >= count) {
      const freedAt = inWindow[inWindow.length - count]! + BigInt(seconds) * MICROS;
      if (freedAt - now > longestWait) longestWait = freedAt - now;
    }
  }
  if (longestWait > 0n) return refuse(`Wait ${waitText(longestWait)} before sending another message`);
  const longest = limits.reduce((max, limit) => (limit.seconds > max.seconds ? limit : max));
  const horizon = now - BigInt(longest.seconds) * MICROS;
  const kept = recent.filter((at) => at > horizon).slice(-(longest.count - 1));
  return ok([...kept, now]);
}

/**
 * A token bucket: up to `burst` at once, refilled at `perHour` (in units: one call, or one byte for `save_bytes`).
 * `doing` finishes "You are … too fast".
 */
export interface Allowance {
  burst: number;
  perHour: number;
  doing: string;
}

/**
 * Every write a learner can make, and how fast. Figures are in `module/README.md` ("Limits"); keep them in step.
 * `newcomer_chat` is shared by every learner who has completed no lab yet; the others are per learner.
 */
export const ALLOWANCES = {
  edit: { burst: 5, perHour: 60, doing: 'editing messages' },
  delete: { burst: 10, perHour: 120, doing: 'deleting messages' },
  report: { burst: 3, perHour: 10, doing: 'reporting messages' },
  presence: { burst: 10, perHour: 360, doing: 'changing your status' },
  block: { burst: 5, perHour: 30, doing: 'blocking and unblocking' },
  profile: { burst: 3, perHour: 12, doing: 'changing your profile' },
  lab_start: { burst: 10, perHour: 120, doing: 'starting labs' },
  hint: { burst: 10, perHour: 120, doing: 'opening hints' },
  lab_reset: { burst: 10, perHour: 60, doing: 'resetting labs' },
  // The terminal saves 0.8 s after each command: a learner typing a command every 2 s must never see a refusal.
  save: { burst: 30, perHour: 1800, doing: 'saving' },
  save_bytes: { burst: 2 * 1024 * 1024, perHour: 8 * 1024 * 1024, doing: 'saving large lab states' },
  complete: { burst: 5, perHour: 60, doing: 'completing labs' },
  publish: { burst: 5, perHour: 20, doing: 'publishing labs' },
  // Sized for a class's first minutes (hundreds of fresh learners saying hello), not for one person: a flood of
  // identities still posts no more than a busy room would.
  newcomer_chat: { burst: 60, perHour: 1200, doing: 'posting as new learners' },
  cohort_join: { burst: 10, perHour: 60, doing: 'joining classes' },
  // Each try of an invite code is charged, right or wrong (`join_cohort_with_code` records wrong ones).
  cohort_code: { burst: 5, perHour: 20, doing: 'trying class codes' },
  cohort_manage: { burst: 10, perHour: 120, doing: 'managing classes' },
} as const satisfies Record<string, Allowance>;

/** A kind of write with an allowance. */
export type Action = keyof typeof ALLOWANCES;

/** What is left of an allowance: `tokens` as of `at` (microseconds). */
export interface BucketState {
  tokens: number;
  at: bigint;
}

/**
 * Take `cost` from a bucket at `now` (a missing bucket is full). Returns the bucket to store, or a refusal saying
 * how long until the call would pass. Costs stay below `burst` (a save is at most 256 KiB of 2 MiB).
 */
export function spendAllowance(
  allowance: Allowance,
  bucket: BucketState | undefined,
  now: bigint,
  cost = 1,
): Outcome<BucketState> {
  const perMicro = allowance.perHour / 3.6e9;
  const elapsed = bucket ? Math.max(0, Number(now - bucket.at)) : 0;
  const tokens = bucket ? Math.min(allowance.burst, bucket.tokens + elapsed * perMicro) : allowance.burst;
  if (tokens >= cost) return ok({ tokens: tokens - cost, at: now });
  const waitMicros = BigInt(Math.max(1, Math.ceil((cost - tokens) / perMicro)));
  return refuse(`You are ${allowance.doing} too fast; try again in ${waitText(waitMicros)}`);
}
