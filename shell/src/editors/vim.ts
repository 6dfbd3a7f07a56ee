import type { Screen, ScreenLine, ScreenSize } from '../types.js';
import type { EditorFile } from './editor-file.js';
import type { EditorKey } from './keys.js';
import { KeyProgram } from './key-program.js';
import { plain, visibleText } from './screen-text.js';
import { TextBuffer, type Position } from './text-buffer.js';

type Mode = 'normal' | 'insert' | 'command';

/** What `yy`, `dd` and `x` put in the unnamed register: whole lines, or characters within a line. */
interface Register {
  lines: string[];
  linewise: boolean;
}

interface Change {
  lines: string[];
  at: Position;
}

/** Most changes `u` can undo, so a long session's memory stays bounded. */
const MAX_UNDO = 200;
/** Most characters typed on the command line (`:`, `/`). */
const MAX_COMMAND_LINE = 1000;
const ABANDON_HINT = 'Type  :qa!  and press <Enter> to abandon all changes and exit Vim';

/** A character's class for word motions, as vim's `w` and `b` see it: blanks, keyword characters, other marks. */
function charClass(char: string | undefined): 0 | 1 | 2 {
  if (char === undefined || /\s/.test(char)) return 0;
  return /\w/.test(char) ? 1 : 2;
}

/**
 * `vi` and `vim`: Vim's normal, insert and command-line modes with the everyday commands (`i a o O A I`, `h j k l`,
 * arrows, `0 $ ^ gg G w b`, counts, `x dd yy p P u ^R`, `/pattern n N`, `:w :q :wq :q! :x ZZ ZQ :N :set number`),
 * its messages word for word, and the screen of Debian's vim with its defaults (`~` after the end, the ruler).
 * See shell/PARITY.md for what it leaves out.
 */
export class Vim extends KeyProgram {
  private readonly buffer: TextBuffer;
  private mode: Mode = 'normal';
  private name: string;
  private modified = false;
  private edited = false;
  private message = '';
  /** The command line being typed, with its `:` or `/`. */
  private commandLine = '';
  /** A count and operator typed so far in normal mode (`3`, `d`, `2y`, `g`, `Z`). */
  private pending = '';
  private register: Register | undefined;
  private readonly undo: Change[] = [];
  private readonly redo: Change[] = [];
  private lastSearch = '';
  private numbers = false;
  private readonlyWarned = false;
  /** Whether the insert under way has changed the text yet. */
  private insertChanged = false;
  /** Whether the file exists on disk (vim says `[New]` when it writes one that did not). */
  private exists: boolean;
  private height = 23;

  constructor(private readonly file: EditorFile) {
    super();
    this.buffer = new TextBuffer(file.text === '' ? [''] : file.text.replace(/\n$/, '').split('\n'));
    this.name = file.name;
    this.exists = !file.isNew;
    if (file.unreadable) this.message = `"${file.name}" [${file.unreadable}]`;
    else if (file.isNew) this.message = file.name ? `"${file.name}" [New]` : '';
    else this.message = `"${file.name}"${file.writable ? '' : ' [readonly]'} ${this.counts(file.text)}`;
  }

  /** `3L, 42B`: lines and bytes of a text as vim counts them. */
  private counts(text: string): string {
    const lines = text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    return `${lines}L, ${new TextEncoder().encode(text).length}B`;
  }

  private text(): string {
    const lines = this.buffer.lines;
    return lines.length === 1 && lines[0] === '' ? '' : `${lines.join('\n')}\n`;
  }

  protected async key(key: EditorKey): Promise<void> {
    if (this.mode === 'insert') return this.insertKey(key);
    if (this.mode === 'command') return this.commandKey(key);
    return this.normalKey(key);
  }

  // ---- changes and undo ----

  /** Remembers the buffer before a change, for `u`, and marks it changed. */
  private beforeChange(): void {
    this.remember();
    this.changed();
  }

  private remember(): void {
    this.undo.push({ lines: [...this.buffer.lines], at: { row: this.buffer.row, col: this.buffer.col } });
    if (this.undo.length > MAX_UNDO) this.undo.shift();
    this.redo.length = 0;
  }

  /** The text changed: warns once when the file is read-only, as vim does. */
  private changed(): void {
    this.modified = true;
    this.edited = true;
    if (!this.file.writable && !this.file.isNew && !this.readonlyWarned) {
      this.readonlyWarned = true;
      this.message = 'W10: Warning: Changing a readonly file';
    }
  }

  private restore(from: Change[], to: Change[], none: string): void {
    const change = from.pop();
    if (!change) {
      this.message = none;
      return;
    }
    to.push({ lines: [...this.buffer.lines], at: { row: this.buffer.row, col: this.buffer.col } });
    this.buffer.lines = change.lines;
    this.buffer.moveTo(change.at);
    this.clampNormal();
    this.modified = true;
  }

  // ---- normal mode ----

  private lastCol(line: string): number {
    return Math.max(0, line.length - 1);
  }

  private clampNormal(): void {
    const b = this.buffer;
    if (b.col > this.lastCol(b.line)) b.moveToCol(this.lastCol(b.line));
  }

  private moveRows(rows: number): void {
    this.buffer.moveToRow(this.buffer.row + rows, (line) => this.lastCol(line));
  }

  private firstNonBlank(): void {
    this.buffer.moveToCol(Math.max(0, this.buffer.line.search(/\S|$/)), this.lastCol(this.buffer.line));
  }

  private async normalKey(key: EditorKey): Promise<void> {
    const b = this.buffer;
    if ('ctrl' in key) {
      this.pending = '';
      if (key.ctrl === 'c') this.message = ABANDON_HINT;
      else if (key.ctrl === 'r') this.restore(this.redo, this.undo, 'Already at newest change');
      else if (key.ctrl === 'f') this.moveRows(this.height);
      else if (key.ctrl === 'b') this.moveRows(-this.height);
      return;
    }
    if ('name' in key) {
      const moves: Partial<Record<string, string>> = {
        up: 'k',
        down: 'j',
        left: 'h',
        right: 'l',
        home: '0',
        end: '$',
        backspace: 'h',
        delete: 'x',
        enter: '+',
      };
      if (key.name === 'page-down') return this.moveRows(this.height);
      if (key.name === 'page-up') return this.moveRows(-this.height);
      const as = moves[key.name];
      if (!as) {
        this.pending = '';
        return;
      }
      key = { char: as };
    }
    const char = key.char;
    const countText = this.pending.match(/^\d*/)![0];
    const operator = this.pending.slice(countText.length);
    if (/[1-9]/.test(char) || (char === '0' && countText && !operator)) {
      this.pending = countText + char + operator;
      return;
    }
    this.pending = '';
    const count = Math.max(1, Math.min(Number(countText) || 1, 100_000));
    if (operator) return await this.operatorKey(operator, char, count, Boolean(countText));
    this.message = this.message.startsWith('W10') ? this.message : '';
    switch (char) {
      case 'h':
        return b.moveToCol(b.col - count, this.lastCol(b.line));
      case 'l':
      case ' ':
        return b.moveToCol(b.col + count, this.lastCol(b.line));
      case 'j':
        return this.moveRows(count);
      case 'k':
        return this.moveRows(-count);
      case '+':
        this.moveRows(count);
        return this.firstNonBlank();
      case '0':
        return b.moveToCol(0);
      case '^':
        return this.firstNonBlank();
      case '$':
        return b.moveToCol(this.lastCol(b.line), this.lastCol(b.line));
      case 'G':
        b.moveToRow(countText ? count - 1 : b.lines.length - 1);
        return this.firstNonBlank();
      case 'w':
        for (let i = 0; i < count; i++) this.wordForward();
        return;
      case 'b':
        for (let i = 0; i < count; i++) this.wordBack();
        return;
      case 'g':
      case 'd':
      case 'y':
      case 'Z':
        this.pending = countText + char;
        return;
      case 'x':
        return this.deleteChars(count);
      case 'p':
      case 'P':
        return this.put(char === 'p', count);
      case 'u':
        for (let i = 0; i < count; i++) this.restore(this.undo, this.redo, 'Already at oldest change');
        return;
      case 'i':
        return this.startInsert(b.col);
      case 'a':
        return this.startInsert(b.line === '' ? 0 : b.col + 1);
      case 'I':
        return this.startInsert(Math.max(0, b.line.search(/\S|$/)));
      case 'A':
        return this.startInsert(b.line.length);
      case 'o':
      case 'O':
        return this.openLine(char === 'o');
      case ':':
      case '/':
        this.mode = 'command';
        this.commandLine = char;
        return;
      case 'n':
      case 'N':
        return this.searchNext(char === 'N');
      default:
        return;
    }
  }

  private async operatorKey(operator: string, char: string, count: number, counted: boolean): Promise<void> {
    const b = this.buffer;
    const pair = operator + char;
    if (pair === 'gg') {
      b.moveToRow(counted ? count - 1 : 0);
      this.firstNonBlank();
    } else if (pair === 'dd' || pair === 'yy') {
      const lines = b.lines.slice(b.row, b.row + count);
      this.register = { lines, linewise: true };
      if (pair === 'yy') {
        if (lines.length > 2) this.message = `${lines.length} lines yanked`;
        return;
      }
      this.beforeChange();
      b.removeLines(lines.length);
      this.firstNonBlank();
      if (lines.length > 2) this.message = `${lines.length} fewer lines`;
    } else if (pair === 'ZZ') {
      await this.exCommand('x');
    } else if (pair === 'ZQ') {
      this.done = true;
    }
  }

  private wordForward(): void {
    const b = this.buffer;
    const start = charClass(b.line[b.col]);
    let { row, col } = b;
    let line = b.line;
    // Past the rest of this word, then past blanks and line ends; an empty line is a word of its own.
    if (start !== 0) while (col < line.length && charClass(line[col]) === start) col++;
    for (;;) {
      while (col < line.length && charClass(line[col]) === 0) col++;
      if (col < line.length) break;
      if (row >= b.lines.length - 1) {
        col = this.lastCol(line);
        break;
      }
      row++;
      col = 0;
      line = b.lines[row]!;
      if (line === '') break;
    }
    b.moveTo({ row, col });
  }

  private wordBack(): void {
    const b = this.buffer;
    let { row, col } = b;
    let line = b.line;
    col--;
    for (;;) {
      while (col >= 0 && charClass(line[col]) === 0) col--;
      if (col >= 0) break;
      if (row === 0) {
        col = 0;
        b.moveTo({ row, col });
        return;
      }
      row--;
      line = b.lines[row]!;
      col = line.length - 1;
      if (line === '') {
        b.moveTo({ row, col: 0 });
        return;
      }
    }
    const cls = charClass(line[col]);
    while (col > 0 && charClass(line[col - 1]) === cls) col--;
    b.moveTo({ row, col });
  }

  private deleteChars(count: number): void {
    const b = this.buffer;
    if (b.line === '') return;
    this.beforeChange();
    const removed = b.line.slice(b.col, b.col + count);
    b.lines[b.row] = b.line.slice(0, b.col) + b.line.slice(b.col + count);
    this.register = { lines: [removed], linewise: false };
    this.clampNormal();
  }

  private put(after: boolean, count: number): void {
    const b = this.buffer;
    const register = this.register;
    if (!register) {
      this.message = 'E353: Nothing in register "';
      return;
    }
    this.beforeChange();
    if (register.linewise) {
      const lines = Array.from({ length: count }, () => register.lines).flat();
      const at = after ? b.row + 1 : b.row;
      if (!b.insertLines(at, lines)) return;
      b.moveToRow(at);
      this.firstNonBlank();
      if (lines.length > 2) this.message = `${lines.length} more lines`;
      return;
    }
    const text = register.lines[0]!.repeat(count);
    const at = after && b.line !== '' ? b.col + 1 : b.col;
    b.moveToCol(at);
    if (b.insert(text)) b.moveToCol(at + text.length - 1, this.lastCol(b.line));
  }

  /** Enters insert mode: what is typed until Esc is one change for `u`; typing nothing changes nothing. */
  private startInsert(col: number): void {
    this.remember();
    this.insertChanged = false;
    this.buffer.moveToCol(col);
    this.mode = 'insert';
    if (!this.message.startsWith('W10')) this.message = '';
  }

  private openLine(below: boolean): void {
    const b = this.buffer;
    const at = below ? b.row + 1 : b.row;
    this.startInsert(0);
    if (!b.insertLines(at, [''])) return;
    b.moveTo({ row: at, col: 0 });
    this.insertEdit(() => true);
  }

  // ---- insert mode ----

  /** An edit typed in insert mode. */
  private insertEdit(edit: () => boolean): void {
    if (!edit()) return;
    if (!this.insertChanged) this.changed();
    this.insertChanged = true;
  }

  private insertKey(key: EditorKey): void {
    const b = this.buffer;
    if ('char' in key) return this.insertEdit(() => b.insert(key.char));
    const name =
      'name' in key ? key.name : key.ctrl === 'c' || key.ctrl === '[' ? 'escape' : key.ctrl === 'h' ? 'backspace' : '';
    if (name !== 'escape') return this.insertEdit(() => b.typeKey(name, false) === true);
    this.mode = 'normal';
    if (!this.insertChanged) this.undo.pop();
    b.moveToCol(b.col - 1, this.lastCol(b.line));
  }

  // ---- command line ----

  private async commandKey(key: EditorKey): Promise<void> {
    if ('char' in key) {
      if (this.commandLine.length < MAX_COMMAND_LINE) this.commandLine += key.char;
      return;
    }
    const name = 'name' in key ? key.name : key.ctrl === 'c' ? 'escape' : key.ctrl === 'h' ? 'backspace' : '';
    if (name === 'escape' || (name === 'backspace' && this.commandLine.length === 1)) {
      this.mode = 'normal';
      this.commandLine = '';
      return;
    }
    if (name === 'backspace') this.commandLine = this.commandLine.slice(0, -1);
    if (name !== 'enter') return;
    const typed = this.commandLine;
    this.mode = 'normal';
    this.commandLine = '';
    if (typed.startsWith('/')) {
      if (typed.length > 1) this.lastSearch = typed.slice(1);
      this.message = typed;
      this.searchNext(false);
      return;
    }
    await this.exCommand(typed.slice(1).trim());
  }

  private searchNext(backwards: boolean): void {
    if (!this.lastSearch) {
      this.message = 'E35: No previous regular expression';
      return;
    }
    const found = this.buffer.find(this.lastSearch, backwards);
    if (!found) {
      this.message = `E486: Pattern not found: ${this.lastSearch}`;
      return;
    }
    this.buffer.moveTo(found.at);
    if (found.wrapped)
      this.message = backwards ? 'search hit TOP, continuing at BOTTOM' : 'search hit BOTTOM, continuing at TOP';
    else this.message = `${backwards ? '?' : '/'}${this.lastSearch}`;
  }

  /** Runs an Ex command typed after `:`. */
  private async exCommand(command: string): Promise<void> {
    this.message = '';
    if (command === '') return;
    if (/^\d+$/.test(command)) {
      this.buffer.moveToRow(Number(command) - 1);
      return this.firstNonBlank();
    }
    if (command === '$') {
      this.buffer.moveToRow(this.buffer.lines.length - 1);
      return this.firstNonBlank();
    }
    const set = command.match(/^se(?:t)?\s+(\S+)$/);
    if (set) {
      const option = set[1]!;
      if (option === 'number' || option === 'nu') this.numbers = true;
      else if (option === 'nonumber' || option === 'nonu') this.numbers = false;
      else this.message = `E518: Unknown option: ${option}`;
      return;
    }
    const write = command.match(/^(w|wq|x|xit|exit|wqa|wqall|xa|xall)(!?)(?:\s+(.+))?$/);
    if (write) {
      const [, verb, bang, name] = write;
      const quits = verb !== 'w';
      // `:x` and `ZZ` write only a changed buffer.
      if (verb!.startsWith('x') || verb === 'exit') {
        if (!this.modified && !name) {
          this.done = true;
          return;
        }
      }
      if (await this.write(name?.trim() ?? this.name, bang === '!')) {
        if (quits) this.done = true;
      }
      return;
    }
    const quit = command.match(/^(q|quit|qa|qall|quita|quitall)(!?)$/);
    if (quit) {
      if (quit[2] === '!' || !this.modified) this.done = true;
      else this.message = 'E37: No write since last change (add ! to override)';
      return;
    }
    this.message = `E492: Not an editor command: ${command}`;
  }

  private async write(name: string, force: boolean): Promise<boolean> {
    if (!name) {
      this.message = 'E32: No file name';
      return false;
    }
    if (name === this.file.name && !this.file.writable && !this.file.isNew && !force) {
      this.message = "E45: 'readonly' option is set (add ! to override)";
      return false;
    }
    const text = this.text();
    const failure = await this.file.write(name, text, this.edited);
    if (failure) {
      this.message = `"${name}" E212: Can't open file for writing`;
      return false;
    }
    const own = name === this.name || !this.name;
    this.message = `"${name}" ${own && !this.exists ? '[New] ' : ''}${this.counts(text)} written`;
    if (own) {
      this.name = name;
      this.exists = true;
      this.modified = false;
    }
    return true;
  }

  // ---- screen ----

  screen({ rows, cols }: ScreenSize): Screen {
    this.height = Math.max(1, rows - 1);
    const b = this.buffer;
    b.scrollTo(this.height);
    const gutter = this.numbers ? Math.max(3, String(b.lines.length).length) + 1 : 0;
    const width = Math.max(1, cols - gutter);
    const lines: ScreenLine[] = [];
    let cursor = { row: 0, col: 0 };
    for (let i = 0; i < this.height; i++) {
      const row = b.top + i;
      if (row >= b.lines.length) {
        lines.push(plain('~'));
        continue;
      }
      const shown = visibleText(b.lines[row]!, width, row === b.row ? b.col : undefined);
      if (row === b.row) cursor = { row: i, col: gutter + shown.cursor };
      lines.push(plain((this.numbers ? String(row + 1).padStart(gutter - 1) + ' ' : '') + shown.text));
    }
    if (this.mode === 'command') {
      lines.push(plain(this.commandLine.slice(-cols)));
      cursor = { row: rows - 1, col: Math.min(this.commandLine.length, cols - 1) };
    } else {
      const left = this.mode === 'insert' ? '-- INSERT --' : this.message;
      lines.push(plain(this.withRuler(left, cols)));
    }
    return { lines: lines.slice(0, rows), cursor };
  }

  /** The status line with vim's ruler (`2,5  Top`) at the right, as Debian's defaults.vim turns it on. */
  private withRuler(left: string, cols: number): string {
    const b = this.buffer;
    const position = b.line === '' ? `${b.row + 1},0-1` : `${b.row + 1},${b.col + 1}`;
    const total = b.lines.length;
    const where =
      total <= this.height
        ? 'All'
        : b.top === 0
          ? 'Top'
          : b.top + this.height >= total
            ? 'Bot'
            : `${Math.floor((b.top * 100) / (total - this.height))}%`;
    const ruler = position.padEnd(14) + where;
    const at = Math.max(left.length + 1, cols - 18);
    return (left.padEnd(at) + ruler).slice(0, cols);
  }
}
