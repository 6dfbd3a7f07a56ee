import type { Screen, ScreenLine, ScreenSize } from '../types.js';
import { KeyProgram } from '../editors/key-program.js';
import type { EditorKey } from '../editors/keys.js';
import { plain } from '../editors/screen-text.js';
import { LESS_HELP } from './help.js';
import { highlightedRow, layOut, linesOf, matchesIn, type Layout } from './text-rows.js';

/** A text the pager shows: a file, standard input, a manual page. */
export interface PagerText {
  /** The file name as typed, shown in the prompt; empty for standard input. */
  name: string;
  text: string;
}

/**
 * Whose prompt the bottom line shows: GNU less's (the file name on the first screen of a file, then `:`, `(END)` at
 * the end), man's (`Manual page wc(1) line 1 (press h for help or q to quit)`), util-linux more's (`--More--(40%)`,
 * and it quits once the end is on the screen), or less's help screen.
 */
export type PagerPrompt = { kind: 'less' } | { kind: 'man'; page: string } | { kind: 'more' } | { kind: 'help' };

/** Keys that stand for a less command letter: the arrows, Page Up/Down, Home/End and the Ctrl keys less knows. */
const NAMED_COMMANDS: Partial<Record<string, string>> = {
  down: 'j',
  enter: 'j',
  up: 'k',
  'page-down': 'f',
  'page-up': 'b',
  home: 'g',
  end: 'G',
};
const CTRL_COMMANDS: Partial<Record<string, string>> = {
  e: 'j',
  n: 'j',
  y: 'k',
  k: 'k',
  p: 'k',
  f: 'f',
  v: 'f',
  b: 'b',
  d: 'd',
  u: 'u',
};
/** ESC then a key (less's `ESC-v`, `ESC-<`, `ESC->`, `ESC-SPACE`). */
const ESCAPED_COMMANDS: Partial<Record<string, string>> = { v: 'b', '<': 'g', '>': 'G', ' ': 'f' };

/** Most characters typed at the `/` or `?` prompt. */
const MAX_PATTERN = 500;

/**
 * `less` (and `more`, and `man` through less) on the terminal's full screen: keys in, screen out. The text a window
 * at a time with the prompt on the bottom line; Space/f/PgDn, b/PgUp, Enter/j/Down, k/Up, d/u, g/G (with a count N:
 * line N), p (N percent), `/pattern` and `?pattern` with n/N and the matches in reverse video, `:n`/`:p` between
 * files, h for help, q to quit. Messages and prompts word for word as GNU less 590 shows them.
 */
export class Pager extends KeyProgram {
  private index = 0;
  private lines: string[] = [];
  private layout: Layout | undefined;
  private topLine = 0;
  /** Which wrapped row of `topLine` is at the top, when a long line is cut across the top edge. */
  private topPart = 0;
  /** Where each file was left, to come back there with `:p`. */
  private readonly places = new Map<number, number>();
  /** The next prompt is the first since the file was opened (less then names the file). */
  private firstPrompt = true;
  private count = '';
  private escaped = false;
  /** The `/`, `?` or `:` line being typed, with its first character. */
  private commandLine: string | undefined;
  private pattern: RegExp | undefined;
  private backwards = false;
  /** A message waiting for a key (`Pattern not found  (press RETURN)`). */
  private message: string | undefined;
  private help: Pager | undefined;
  /** The first Z of `ZZ` was pressed. */
  private pendingZ = false;
  private size: ScreenSize = { rows: 24, cols: 80 };
  /** The width `layout` was cut for. */
  private layoutCols = 0;

  constructor(
    private readonly texts: readonly PagerText[],
    private readonly prompt: PagerPrompt = { kind: 'less' },
  ) {
    super();
    this.open(0);
  }

  /** The text from the start down to the bottom line of the screen: what `more` leaves on the terminal. */
  shownText(): string {
    const layout = this.currentLayout();
    const bottom = layout.rows[Math.min(layout.rows.length, this.topRow() + this.window) - 1];
    const last = bottom ? bottom.line : -1;
    const text = this.texts[this.index]?.text ?? '';
    return last >= this.lines.length - 1 ? text : this.lines.slice(0, last + 1).join('\n') + '\n';
  }

  protected key(key: EditorKey): void {
    if (this.help) {
      this.help.key(key);
      if (this.help.done) {
        this.help = undefined;
        this.firstPrompt = true;
      }
      return;
    }
    if (this.message !== undefined) {
      this.message = undefined;
      // RETURN (or Space) only clears the message; any other key also does what it does.
      if (('name' in key && key.name === 'enter') || ('char' in key && key.char === ' ')) return;
    }
    if (this.commandLine !== undefined) return this.commandLineKey(key);
    const command = this.commandOf(key);
    if (command === undefined) return;
    if (/^[0-9]$/.test(command)) {
      this.count += command;
      return;
    }
    const count = this.count === '' ? undefined : Number(this.count);
    this.count = '';
    const secondZ = this.pendingZ && command === 'Z';
    this.pendingZ = command === 'Z' && !secondZ;
    this.firstPrompt = false;
    if (secondZ) this.done = true;
    else this.run(command, count);
    if (this.prompt.kind === 'more' && this.endShown()) this.done = true;
  }

  screen(size: ScreenSize): Screen {
    this.size = { rows: Math.max(2, size.rows), cols: Math.max(1, size.cols) };
    if (this.help) return this.help.screen(size);
    // more quits once the end is on the screen, at once for a text that fits: how much fits is known only here.
    if (this.prompt.kind === 'more' && this.endShown()) this.done = true;
    const layout = this.currentLayout();
    const top = this.topRow();
    const lines: ScreenLine[] = [];
    for (let i = 0; i < this.window; i++) {
      const row = layout.rows[top + i];
      if (!row) lines.push(plain('~'));
      else if (this.pattern) lines.push(highlightedRow(row, matchesIn(this.lines[row.line]!, this.pattern)));
      else lines.push(plain(row.text));
    }
    const { cols } = this.size;
    if (this.commandLine !== undefined) {
      const shown = this.commandLine.slice(-(cols - 1));
      lines.push(plain(shown));
      return { lines, cursor: { row: lines.length - 1, col: shown.length } };
    }
    const status = this.message ?? this.promptText();
    // A prompt wider than the screen shows its end, as less does.
    const shown = status.length > cols - 1 ? status.slice(status.length - (cols - 1)) : status;
    lines.push(status === ':' ? plain(':') : [{ text: shown, inverse: true }]);
    return { lines, cursor: { row: lines.length - 1, col: shown.length } };
  }

  /** Rows of text on the screen: all but the prompt line. */
  private get window(): number {
    return Math.max(1, this.size.rows - 1);
  }

  private currentLayout(): Layout {
    if (this.layout && this.layoutCols === this.size.cols) return this.layout;
    this.layoutCols = this.size.cols;
    this.layout = layOut(this.lines, this.size.cols);
    return this.layout;
  }

  private topRow(): number {
    const { rows, firstRow } = this.currentLayout();
    if (rows.length === 0) return 0;
    return Math.min(rows.length - 1, (firstRow[this.topLine] ?? 0) + this.topPart);
  }

  /** Puts row `row` at the top (kept within the text). */
  private showFromRow(row: number): void {
    const { rows, firstRow } = this.currentLayout();
    const index = Math.max(0, Math.min(row, rows.length - 1));
    const at = rows[index];
    this.topLine = at?.line ?? 0;
    this.topPart = at ? index - (firstRow[at.line] ?? 0) : 0;
  }

  /** The top row once the last line is on the bottom row (0 for a text that fits). */
  private get lastTop(): number {
    return Math.max(0, this.currentLayout().rows.length - this.window);
  }

  private endShown(): boolean {
    return this.topRow() + this.window >= this.currentLayout().rows.length;
  }

  /** Moves `by` rows: forward no further than the end on the bottom row, backward no further than the start. */
  private scroll(by: number): void {
    const top = this.topRow();
    this.showFromRow(by > 0 ? Math.min(top + by, Math.max(top, this.lastTop)) : Math.max(0, top + by));
  }

  private commandOf(key: EditorKey): string | undefined {
    if (this.escaped) {
      this.escaped = false;
      // A key that makes no ESC command is taken on its own: Escape is also the first half of the terminal's
      // Escape-Tab way out (see the terminal's keyboard-exit.ts), after which `q` must still quit.
      const escaped = 'char' in key ? ESCAPED_COMMANDS[key.char] : undefined;
      if (escaped) return escaped;
    }
    if ('char' in key) return key.char;
    if ('ctrl' in key) return CTRL_COMMANDS[key.ctrl];
    if (key.name === 'escape') this.escaped = true;
    return NAMED_COMMANDS[key.name];
  }

  private run(command: string, count: number | undefined): void {
    const half = Math.max(1, Math.floor(this.window / 2));
    switch (command) {
      case 'q':
      case 'Q':
        this.done = true;
        return;
      case 'j':
      case 'e':
        return this.scroll(count ?? 1);
      case 'k':
      case 'y':
        return this.scroll(-(count ?? 1));
      case ' ':
      case 'f':
      case 'z':
        return this.scroll(count ?? this.window);
      case 'b':
      case 'w':
        return this.scroll(-(count ?? this.window));
      case 'd':
        return this.scroll(count ?? half);
      case 'u':
        return this.scroll(-(count ?? half));
      case 'g':
      case '<':
        return this.goToLine((count ?? 1) - 1);
      case 'G':
      case '>':
        if (count !== undefined) return this.goToLine(count - 1);
        return this.showFromRow(this.lastTop);
      case 'p':
      case '%':
        return this.goToLine(Math.floor(((count ?? 0) * this.lines.length) / 100));
      case '/':
      case '?':
      case ':':
        this.commandLine = command;
        return;
      case 'n':
      case 'N':
        return this.searchAgain(command === 'N', count ?? 1);
      case 'h':
      case 'H':
        if (this.prompt.kind === 'help') return;
        this.help = new Pager([{ name: '', text: LESS_HELP }], { kind: 'help' });
        return;
      default:
        return;
    }
  }

  /** Line `line` (0-based) at the top; past the end, the last line. */
  private goToLine(line: number): void {
    const target = Math.max(0, Math.min(line, this.lines.length - 1));
    this.topLine = target;
    this.topPart = 0;
  }

  private commandLineKey(key: EditorKey): void {
    const typed = this.commandLine!;
    if ('name' in key && key.name === 'enter') {
      this.commandLine = undefined;
      if (typed[0] === ':') return this.colonCommand(typed.slice(1));
      return this.search(typed.slice(1), typed[0] === '?');
    }
    if ('name' in key && key.name === 'backspace') {
      // Erasing the `/` itself leaves the prompt, as in less.
      this.commandLine = typed.length > 1 ? typed.slice(0, -1) : undefined;
      return;
    }
    if (('name' in key && key.name === 'escape') || ('ctrl' in key && key.ctrl === 'c')) {
      this.commandLine = undefined;
      return;
    }
    if (!('char' in key)) return;
    if (typed === ':') {
      // `:` takes one letter: the command runs at once.
      this.commandLine = undefined;
      return this.colonCommand(key.char);
    }
    if (typed.length < MAX_PATTERN) this.commandLine = typed + key.char;
  }

  private colonCommand(letter: string): void {
    if (letter === 'q' || letter === 'Q') this.done = true;
    else if (letter === 'n' && this.index + 1 < this.texts.length) this.open(this.index + 1);
    else if (letter === 'p' && this.index > 0) this.open(this.index - 1);
  }

  /** `/pattern` or `?pattern`: an empty one repeats the last search. */
  private search(typed: string, backwards: boolean): void {
    if (typed !== '') {
      try {
        this.pattern = new RegExp(typed);
      } catch {
        // less reads an invalid expression as text to find.
        this.pattern = new RegExp(typed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      }
    }
    this.backwards = backwards;
    this.searchAgain(false, 1);
  }

  private searchAgain(reverse: boolean, times: number): void {
    const pattern = this.pattern;
    if (!pattern) {
      this.message = 'No previous regular expression  (press RETURN)';
      return;
    }
    const step = this.backwards !== reverse ? -1 : 1;
    let line = this.topLine;
    for (let found = 0; found < times;) {
      line += step;
      if (line < 0 || line >= this.lines.length) {
        this.message = 'Pattern not found  (press RETURN)';
        return;
      }
      if (matchesIn(this.lines[line]!, pattern).length > 0) found++;
    }
    this.topLine = line;
    this.topPart = 0;
  }

  /** Shows file `index` where it was left (its start the first time). */
  private open(index: number): void {
    this.places.set(this.index, this.topLine);
    this.index = index;
    this.lines = linesOf(this.texts[index]?.text ?? '');
    this.layout = undefined;
    this.topLine = this.places.get(index) ?? 0;
    this.topPart = 0;
    this.firstPrompt = true;
  }

  private promptText(): string {
    const atEnd = this.endShown();
    const prompt = this.prompt;
    if (prompt.kind === 'help')
      return atEnd
        ? 'HELP -- END -- Press g to see it again, or q when done'
        : 'HELP -- Press RETURN for more, or q when done';
    if (prompt.kind === 'man') {
      const line = this.topLine + 1;
      return ` Manual page ${prompt.page} line ${atEnd ? `${line}/${this.lines.length} (END)` : line} (press h for help or q to quit)`;
    }
    if (prompt.kind === 'more') {
      const name = this.texts[this.index]?.name;
      if (!name) return '--More--';
      const text = this.texts[this.index]!.text;
      return `--More--(${Math.floor((this.shownText().length * 100) / Math.max(1, text.length))}%)`;
    }
    // GNU less's default prompt: `?n?f%f .?m(%T %i of %m) ..?e(END) ?x- Next\: %x..%t`, or `:` when that is empty.
    const parts: string[] = [];
    const name = this.texts[this.index]?.name ?? '';
    if (this.firstPrompt) {
      if (name) parts.push(name);
      if (this.texts.length > 1) parts.push(`(file ${this.index + 1} of ${this.texts.length})`);
    }
    if (atEnd) {
      parts.push('(END)');
      const next = this.texts[this.index + 1];
      if (next) parts.push(`- Next: ${next.name}`);
    }
    return parts.join(' ') || ':';
  }
}
