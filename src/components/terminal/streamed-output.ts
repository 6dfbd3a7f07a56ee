import type { Terminal } from '@xterm/xterm';
import type { TerminalStrings } from './terminal-strings.js';

/** Most characters of one command's output written to the screen; the rest is summarised in one line. */
const MAX_SHOWN_OUTPUT = 200_000;

/** A command's output on the screen as it comes, up to `MAX_SHOWN_OUTPUT` characters. */
export class StreamedOutput {
  private shown = 0;

  constructor(
    private readonly terminal: Pick<Terminal, 'write'>,
    private readonly text: Pick<TerminalStrings, 'outputNotShown'>,
  ) {}

  write(chunk: string): void {
    const room = MAX_SHOWN_OUTPUT - this.shown;
    if (room > 0) this.terminal.write(chunk.length > room ? chunk.slice(0, room) : chunk);
    this.shown += chunk.length;
  }

  /** After the command: the summary of what was not shown, and the line end the next prompt needs. */
  end(output: string, cleared: boolean): void {
    // After `clear` the cursor is already home, where the next prompt belongs.
    if (!output || (cleared && this.shown <= MAX_SHOWN_OUTPUT)) return;
    if (this.shown > MAX_SHOWN_OUTPUT) {
      this.terminal.write(`\n\x1b[2m${this.text.outputNotShown(this.shown - MAX_SHOWN_OUTPUT)}\x1b[0m\n`);
    } else if (!output.endsWith('\n')) {
      // A prompt always starts a line of its own, even after output without a final newline.
      this.terminal.write('\n');
    }
  }
}
