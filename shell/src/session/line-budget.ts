/** Longest a timer can wait (setTimeout's limit): just-bash's own deadline is set this far off, ours takes over. */
export const NO_DEADLINE_MS = 2 ** 31 - 1;

/**
 * The wall-clock time one command line may run (`ShellLimits.maxRunMs`), counted only while the shell works: time
 * spent waiting for the person at the terminal (a password, an editor, a pager or `top` on the full screen) does not
 * count, since a learner may read a manual page or edit a file for minutes. just-bash's deadline cannot pause, so it
 * is set out of reach and this budget ends the line instead, by aborting `signal` as Ctrl-C would.
 */
export class LineBudget {
  private readonly controller = new AbortController();
  /** Time left when the current stretch of work started. */
  private left: number;
  private since = Date.now();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Waits for the person under way (a password asked inside a pager's line is one more). */
  private waits = 0;
  private over = false;
  /** Aborted when the caller aborts (Ctrl-C) or the budget runs out. */
  readonly signal: AbortSignal;

  constructor(ms: number, caller?: AbortSignal) {
    this.left = ms;
    this.signal = caller ? AbortSignal.any([caller, this.controller.signal]) : this.controller.signal;
    this.arm();
  }

  /** True once the line ran out of time. */
  get ranOut(): boolean {
    return this.over;
  }

  /** Milliseconds of work the line has left. */
  remaining(): number {
    return this.waits > 0 ? this.left : Math.max(0, this.left - (Date.now() - this.since));
  }

  /** Runs `wait` (the person at the terminal answering) with the clock stopped. */
  async waitForPerson<T>(wait: () => Promise<T>): Promise<T> {
    if (this.waits++ === 0) {
      this.left = this.remaining();
      clearTimeout(this.timer);
    }
    try {
      return await wait();
    } finally {
      if (--this.waits === 0) {
        this.since = Date.now();
        this.arm();
      }
    }
  }

  /**
   * The line is over: no more timer, and whatever still waits on its signal stops (a sleep that `timeout` or
   * Ctrl-C stopped waiting for would otherwise keep its timer for as long as it asked: `sleep 600`).
   */
  end(): void {
    clearTimeout(this.timer);
    this.waits = Number.POSITIVE_INFINITY;
    this.controller.abort();
  }

  private arm(): void {
    if (this.over) return;
    this.timer = setTimeout(() => {
      this.over = true;
      this.controller.abort();
    }, this.left);
  }
}
