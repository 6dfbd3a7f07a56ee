/** The calendar of the academy: learners' days in their time zone (streaks) and leaderboard weeks. */

/** An accepted time zone, or why not, in words a learner can act on (the module's `Outcome`). */
export type TimeZoneCheck = { ok: true; value: string } | { ok: false; problem: string };

const MICROS_PER_DAY = 86_400_000_000n;
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The learner's calendar date in `zone` turned into a day number. Dates come from the IANA rules of the runtime's
 * ICU (Node has full ICU; SpacetimeDB bundles ICU data in its V8 host since clockworklabs/SpacetimeDB#4253), so a
 * DST switch never skips or repeats a day. Only if a runtime lacks `Intl` time zones do days fall back to UTC.
 */
function formatterFor(zone: string): Intl.DateTimeFormat | undefined {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    if (typeof Intl === 'undefined' || typeof Intl.DateTimeFormat !== 'function') return undefined;
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hourCycle: 'h23',
      });
    } catch {
      return undefined;
    }
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** Accept an IANA time zone name the runtime knows (`Europe/Paris`, `America/Los_Angeles`, `UTC`). */
export function checkTimeZone(requested: string): TimeZoneCheck {
  const zone = requested.trim();
  if (zone === 'UTC') return { ok: true, value: zone };
  if (zone.length === 0 || zone.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(zone) || !formatterFor(zone)) {
    return { ok: false, problem: `Unknown time zone "${zone.slice(0, 64)}": use an IANA name such as Europe/Paris` };
  }
  return { ok: true, value: zone };
}

/** Days since 1970-01-01 of the date it is in `zone` at `micros` since the epoch. */
export function localDay(zone: string, micros: bigint): number {
  const utcDay = Number(micros / MICROS_PER_DAY) - (micros < 0n && micros % MICROS_PER_DAY !== 0n ? 1 : 0);
  const formatter = zone === 'UTC' ? undefined : formatterFor(zone);
  if (!formatter) return utcDay;
  const parts = formatter.formatToParts(new Date(Number(micros / 1000n)));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const date = Date.UTC(part('year'), part('month') - 1, part('day'));
  return Number.isFinite(date) ? Math.floor(date / 86_400_000) : utcDay;
}

/** Leaderboard week (UTC, Monday to Sunday) numbered from Monday 1970-01-05 = 1. */
export function weekNumber(micros: bigint): number {
  const day = Math.floor(Number(micros / 1000n) / 86_400_000);
  return Math.floor((day + 3) / 7);
}

/** A learner's streak after verified activity on `today`. */
export interface Streak {
  lastActiveDay: number;
  current: number;
  longest: number;
}

/**
 * Activity on the day after the last active day extends the streak; the same day changes nothing; any gap starts
 * again at 1. A day earlier than the last active one (possible after moving west) also changes nothing.
 */
export function advanceStreak(streak: Streak, today: number): Streak {
  if (today <= streak.lastActiveDay) return streak;
  const current = today === streak.lastActiveDay + 1 ? streak.current + 1 : 1;
  return { lastActiveDay: today, current, longest: Math.max(streak.longest, current) };
}
