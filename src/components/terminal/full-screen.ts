import type { Terminal } from '@xterm/xterm';
import type { FullScreenProgram, Screen } from '@lta/shell';

/**
 * A full-screen program (`nano`, `vi`, `less`, `top`) on the terminal: the alternate screen while it runs (so the
 * shell's screen is back as it was once it quits, as on a real terminal), every input handed to it in order, the
 * screen redrawn after each, and every `tickEvery` ms for a program that asks (`top`). `done` resolves when the
 * program quits or the terminal closes it.
 */
export class FullScreen {
  private inputs: Promise<void> = Promise.resolve();
  private resolveDone!: () => void;
  private closed = false;
  private readonly ticker: ReturnType<typeof setInterval> | undefined;
  readonly done = new Promise<void>((resolve) => (this.resolveDone = resolve));

  constructor(
    private readonly terminal: Terminal,
    private readonly program: FullScreenProgram,
  ) {
    terminal.write('\x1b[?1049h');
    const { tickEvery } = program;
    if (tickEvery !== undefined && tickEvery > 0) this.ticker = setInterval(() => this.tick(), tickEvery);
    this.draw();
  }

  /** Hands input to the program once what came before is handled, then redraws (or leaves, once it has quit). */
  input(data: string): void {
    this.afterPrevious(() => this.program.input(data));
  }

  /** Resolves once the program has handled the input given so far. */
  handled(): Promise<void> {
    return this.inputs;
  }

  /** Time has passed for a program whose screen changes by itself: it takes it in, in turn with the input. */
  private tick(): void {
    this.afterPrevious(() => this.program.tick?.());
  }

  private afterPrevious(step: () => Promise<void> | void): void {
    this.inputs = this.inputs.then(async () => {
      if (this.closed) return;
      try {
        await step();
      } catch {
        // A failing program must not take the page with it: it is closed, as a crashed editor leaves the screen.
        this.program.hangUp();
      }
      if (this.program.done) this.close();
      else this.draw();
    });
  }

  /** Ends the program now (the lab was reset, the element removed): no save, the shell's screen back. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.ticker);
    if (!this.program.done) this.program.hangUp();
    this.terminal.write('\x1b[?1049l');
    this.resolveDone();
  }

  /** Redraws the whole screen, e.g. after the terminal was resized. */
  draw(): void {
    this.terminal.write(render(this.program.screen({ rows: this.terminal.rows, cols: this.terminal.cols })));
    // A program may quit on seeing the screen's size (`more` with a text that fits).
    if (this.program.done) this.close();
  }
}

/** The escape sequences that paint a screen: each line in place, reverse video where asked, then the cursor. */
export function render(screen: Screen): string {
  let out = '\x1b[?25l';
  screen.lines.forEach((line, row) => {
    out += `\x1b[${row + 1};1H`;
    for (const span of line) out += span.inverse ? `\x1b[7m${span.text}\x1b[27m` : span.text;
    out += '\x1b[K';
  });
  return `${out}\x1b[${screen.cursor.row + 1};${screen.cursor.col + 1}H\x1b[?25h`;
}
