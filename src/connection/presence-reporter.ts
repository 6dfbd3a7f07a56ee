import { reducers } from './academy-schema.js';
import type { AcademySource } from './types.js';

/** No input for this long in any tab: the learner is idle. */
export const IDLE_AFTER_MS = 5 * 60_000;
/** How often a live page says it is still there (the module sweeps connections silent for 15 minutes). */
export const HEARTBEAT_EVERY_MS = 60_000;

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Tells the academy that this page is open, which lab it shows and whether the learner is idle, through the
 * module's `heartbeat` reducer. One reporter per page and academy however many `<lta-presence>` there are.
 * Tabs share their last activity over a BroadcastChannel, so a learner reading in one tab is not shown idle
 * because another tab sits in the background.
 */
class PresenceReporter {
  #users = 0;
  #lastActive = Date.now();
  #lastSent?: { lab: string; idle: boolean; at: number };
  #timer?: ReturnType<typeof setInterval>;
  #stopStatus?: () => void;
  #channel?: BroadcastChannel;

  readonly #source: AcademySource;
  readonly #lab: () => string;
  readonly #idleAfterMs: number;

  constructor(source: AcademySource, lab: () => string, idleAfterMs: number) {
    this.#source = source;
    this.#lab = lab;
    this.#idleAfterMs = idleAfterMs;
  }

  retain(): void {
    if (this.#users++ > 0) return;
    for (const type of ACTIVITY_EVENTS) addEventListener(type, this.#active, { passive: true, capture: true });
    document.addEventListener('visibilitychange', this.#report);
    // A learner's presence row exists only once registered: say where they are right after.
    document.addEventListener('lta-registered', this.#again);
    this.#channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('lta-presence') : undefined;
    this.#channel?.addEventListener('message', this.#heard);
    this.#stopStatus = this.#source.onStatus((status) => {
      if (status.state === 'live') this.#again();
    });
    // Often enough to notice going idle soon after it happens.
    this.#timer = setInterval(this.#report, Math.min(HEARTBEAT_EVERY_MS, this.#idleAfterMs) / 4);
    this.#report();
  }

  release(): void {
    if (--this.#users > 0) return;
    for (const type of ACTIVITY_EVENTS) removeEventListener(type, this.#active, { capture: true });
    document.removeEventListener('visibilitychange', this.#report);
    document.removeEventListener('lta-registered', this.#again);
    this.#channel?.close();
    this.#stopStatus?.();
    clearInterval(this.#timer);
  }

  /** Another widget on the page changed the lab: say so now. */
  refresh(): void {
    this.#report();
  }

  /** Report now even if nothing changed (a new connection, a new registration). */
  #again = (): void => {
    this.#lastSent = undefined;
    this.#report();
  };

  #active = (): void => {
    const wasIdle = this.#idle();
    this.#lastActive = Date.now();
    this.#channel?.postMessage(this.#lastActive);
    if (wasIdle) this.#report();
  };

  #heard = (event: MessageEvent): void => {
    if (typeof event.data === 'number' && event.data > this.#lastActive) this.#lastActive = event.data;
  };

  #idle(): boolean {
    return Date.now() - this.#lastActive > this.#idleAfterMs;
  }

  #report = (): void => {
    if (this.#source.status.state !== 'live') return;
    const lab = this.#lab();
    const idle = this.#idle();
    const last = this.#lastSent;
    if (last && last.lab === lab && last.idle === idle && Date.now() - last.at < HEARTBEAT_EVERY_MS) return;
    this.#lastSent = { lab, idle, at: Date.now() };
    this.#source.call(reducers.heartbeat, { currentLab: lab, idle }).catch(() => {
      // A lab the academy does not know (a practice lab) is still presence: report no lab instead.
      if (lab !== '') this.#source.call(reducers.heartbeat, { currentLab: '', idle }).catch(() => undefined);
    });
  };
}

const reporters = new WeakMap<AcademySource, PresenceReporter>();

/**
 * Starts reporting presence to `source` (idempotent per academy); returns a function that stops this user's
 * share of it. `lab` names the lab the page shows, read at each report; `idleAfterMs` defaults to 5 minutes.
 */
export function reportPresence(
  source: AcademySource,
  lab: () => string,
  idleAfterMs = IDLE_AFTER_MS,
): { stop: () => void; refresh: () => void } {
  let reporter = reporters.get(source);
  if (!reporter) {
    reporter = new PresenceReporter(source, lab, idleAfterMs);
    reporters.set(source, reporter);
  }
  reporter.retain();
  const used = reporter;
  return { stop: () => used.release(), refresh: () => used.refresh() };
}
