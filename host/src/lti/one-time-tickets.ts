/**
 * Short-lived, single-use random handles the tool hands to a browser between two requests (a launch waiting for
 * platform storage, an instructor's open picker): each can be taken back once, before it expires, and at most `max`
 * wait at once so a flood of requests cannot grow memory without bound.
 */
import { randomBytes } from 'node:crypto';
import { LaunchRefusedError } from './launch-refused-error.js';

/** Deletes the entries of `entries` that expired before `now`: entries added in expiry order, so from the front. */
export function dropExpired<V>(entries: Map<string, V>, until: (value: V) => number, now: number): void {
  for (const [key, value] of entries) {
    if (until(value) >= now) return;
    entries.delete(key);
  }
}

export class OneTimeTickets<T> {
  /** handle -> value and when it stops being valid (ms); insertion order is expiry order. */
  readonly #tickets = new Map<string, { value: T; until: number }>();

  constructor(
    readonly lifetimeMs: number,
    readonly max: number,
    /** What the learner reads when too many are waiting. */
    readonly busyMessage: string,
  ) {}

  /** A new handle for `value`; throws LaunchRefusedError (503) when `max` are waiting. */
  issue(value: T): string {
    const now = Date.now();
    dropExpired(this.#tickets, (ticket) => ticket.until, now);
    if (this.#tickets.size >= this.max) throw new LaunchRefusedError(this.busyMessage, 503);
    const handle = randomBytes(18).toString('base64url');
    this.#tickets.set(handle, { value, until: now + this.lifetimeMs });
    return handle;
  }

  /** The value of a handle, once; undefined when it is unknown, already taken or expired. */
  take(handle: string): T | undefined {
    const ticket = this.#tickets.get(handle);
    this.#tickets.delete(handle);
    return ticket && ticket.until >= Date.now() ? ticket.value : undefined;
  }
}
