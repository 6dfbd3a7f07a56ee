/**
 * The way out of the terminal for keyboard users. A shell needs Tab (completion) and Escape, so xterm takes both and
 * the terminal would be a keyboard trap (WCAG 2.1.2). As in VS Code's terminal, Escape then Tab (or Shift+Tab) hands
 * the Tab to the browser, which moves focus on; Tab alone still completes, and Escape still reaches the shell.
 */
export class KeyboardExit {
  private armed = false;

  /** @param onChange told when the next Tab starts or stops leaving the terminal (to tell the learner). */
  constructor(private readonly onChange: (armed: boolean) => void) {}

  /** Whether the next Tab leaves the terminal. */
  get leaving(): boolean {
    return this.armed;
  }

  /** xterm's custom key event handler: returning false leaves the event to the browser. */
  readonly handleKey = (event: KeyboardEvent): boolean => {
    if (event.key === 'Tab' && this.armed && !event.ctrlKey && !event.altKey && !event.metaKey) {
      if (event.type === 'keydown') this.set(false);
      return false;
    }
    if (event.type !== 'keydown' || event.key === 'Shift') return true;
    this.set(event.key === 'Escape');
    return true;
  };

  /** Focus went elsewhere: a later Tab in the terminal completes again. */
  reset(): void {
    this.set(false);
  }

  private set(armed: boolean): void {
    if (armed === this.armed) return;
    this.armed = armed;
    this.onChange(armed);
  }
}
