import type { Terminal } from '@xterm/xterm';
import type { Key } from './keys.js';

/**
 * Lines that show output through a pager on a real Linux terminal: `less FILE`, `more FILE`, `man PAGE` typed on
 * their own (no pipe, list or redirection; then they print like `cat`, as the real ones do).
 */
const PAGED = /^\s*(less|more|man)(\s+[^|;&<>`$()]*)?$/;

export function isPagedCommand(line: string): boolean {
  return PAGED.test(line);
}

/**
 * A small `less`: shows output a screen at a time on the terminal's alternate screen, so the text is gone again
 * after `q`, as with the real one. Space/f/Page Down, b/Page Up, Enter/j/Down, k/Up, g/G, and q (or Ctrl-C) to quit.
 */
export class Pager {
  private readonly rows: string[];
  private top = 0;
  private resolveDone!: () => void;
  /** Resolves when the learner quits. */
  readonly done = new Promise<void>((resolve) => (this.resolveDone = resolve));

  constructor(
    private readonly terminal: Terminal,
    text: string,
    private readonly title: string,
  ) {
    const cols = Math.max(1, terminal.cols);
    // Wrap each line to the screen width up front, so one screen row is one array entry.
    this.rows = text
      .replace(/\n$/, '')
      .split('\n')
      .flatMap((line) =>
        line.length <= cols
          ? [line]
          : Array.from({ length: Math.ceil(line.length / cols) }, (_, i) => line.slice(i * cols, (i + 1) * cols)),
      );
    terminal.write('\x1b[?1049h');
    this.draw();
  }

  /** True when the output does not fit on one screen: only then is a pager needed. */
  static needed(terminal: Terminal, text: string): boolean {
    return text.replace(/\n$/, '').split('\n').length > terminal.rows - 1;
  }

  private get page(): number {
    return Math.max(1, this.terminal.rows - 1);
  }

  private get lastTop(): number {
    return Math.max(0, this.rows.length - this.page);
  }

  key(key: Key): void {
    if (key.name === 'text') {
      for (const ch of key.text) this.command(ch);
      return;
    }
    const named: Partial<Record<Key['name'], string>> = {
      down: 'j',
      enter: 'j',
      up: 'k',
      interrupt: 'q',
      home: 'g',
      end: 'G',
      'end-of-file': 'f',
    };
    const ch = named[key.name];
    if (ch) this.command(ch);
  }

  private command(ch: string): void {
    const moves: Record<string, () => number> = {
      ' ': () => this.top + this.page,
      f: () => this.top + this.page,
      b: () => this.top - this.page,
      j: () => this.top + 1,
      k: () => this.top - 1,
      g: () => 0,
      G: () => this.lastTop,
    };
    if (ch === 'q' || ch === 'Q') {
      this.terminal.write('\x1b[?1049l');
      this.resolveDone();
      return;
    }
    const move = moves[ch];
    if (!move) return;
    this.top = Math.max(0, Math.min(move(), this.lastTop));
    this.draw();
  }

  private draw(): void {
    const shown = this.rows.slice(this.top, this.top + this.page);
    const atEnd = this.top >= this.lastTop;
    const status = atEnd ? '(END)' : this.top === 0 ? this.title : ':';
    const filler = Array.from({ length: this.page - shown.length }, () => '~');
    this.terminal.write(`\x1b[H\x1b[2J${[...shown, ...filler].join('\r\n')}\r\n\x1b[7m${status}\x1b[0m`);
  }
}
