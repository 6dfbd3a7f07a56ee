import type { Screen, ScreenLine, ScreenSize } from '../types.js';
import type { EditorFile } from './editor-file.js';
import type { EditorKey } from './keys.js';
import { KeyProgram } from './key-program.js';
import { bar, centred, plain, shortcuts, visibleText } from './screen-text.js';
import { TextBuffer } from './text-buffer.js';

/** The version nano shows in its title bar: the one in Debian 12, which the curriculum's screenshots follow. */
const VERSION = 'GNU nano 7.2';

type Shortcut = readonly [key: string, label: string];

const EDIT_KEYS: readonly Shortcut[][] = [
  [
    ['^G', 'Help'],
    ['^O', 'Write Out'],
    ['^W', 'Where Is'],
    ['^K', 'Cut'],
    ['^C', 'Location'],
  ],
  [
    ['^X', 'Exit'],
    ['^S', 'Save'],
    ['^U', 'Paste'],
    ['^A', 'Home'],
    ['^E', 'End'],
  ],
];
const PROMPT_KEYS: readonly Shortcut[][] = [[['^G', 'Help']], [['^C', 'Cancel']]];
const YES_NO_KEYS: readonly Shortcut[][] = [
  [[' Y', 'Yes']],
  [
    [' N', 'No'],
    ['^C', 'Cancel'],
  ],
];
const HELP_KEYS: readonly Shortcut[][] = [[['^X', 'Close']], []];

const HELP_TEXT = `Main nano help text

 The nano editor is designed to emulate the functionality and ease-of-use of the UW Pico text editor.  There
 are four main sections of the editor.  The top line shows the program version, the current filename being
 edited, and whether or not the file has been modified.  Next is the main editor window showing the file being
 edited.  The status line is the third line from the bottom and shows important messages.  The bottom two lines
 show the most commonly used shortcuts in the editor.

 Shortcuts are written as follows: Control-key sequences are notated with a '^' and can be entered either by
 using the Ctrl key or pressing the Esc key twice.

^G  Display this help text          ^X  Close the current buffer / Exit from nano
^O  Write the current buffer to disk ^S  Save file without prompting
^W  Search forward for a string     ^K  Cut current line into cutbuffer
^U  Paste the contents of cutbuffer ^C  Display the position of the cursor
^A  Go to beginning of current line ^E  Go to end of current line
^Y  Go one screenful up             ^V  Go one screenful down
Arrows, Home, End, PgUp, PgDn move; Backspace and Delete erase.`;

/** A question on the status line: what it asks, the answer typed so far, and what Enter does with it. */
interface Prompt {
  label: string;
  answer: string;
  keys: readonly Shortcut[][];
  /** Y/N questions take one key, not a line. */
  yesNo: boolean;
  onAnswer(answer: string): Promise<void> | void;
}

/**
 * `nano`: GNU nano's screen (title bar, text, status line, two lines of shortcuts) and its everyday keys: typing,
 * moving, Backspace/Delete, ^O Write Out, ^S Save, ^X Exit (asking to save a modified buffer), ^W Where Is, ^K/^U cut
 * and paste lines, ^G help, ^C the cursor's position. See shell/PARITY.md for what it leaves out.
 */
export class Nano extends KeyProgram {
  private readonly buffer: TextBuffer;
  private name: string;
  private modified = false;
  /** Whether the learner changed the text at all in this session (a save of an unchanged file is no edit). */
  private edited = false;
  private status = '';
  private prompt: Prompt | undefined;
  private helping = false;
  private cut: string[] = [];
  /** Consecutive ^K presses add to the cut; any other key starts a new one. */
  private cutting = false;
  private lastSearch = '';
  private height = 20;

  constructor(private readonly file: EditorFile) {
    super();
    this.buffer = new TextBuffer(file.text.split('\n'));
    this.name = file.name;
    const lines = this.lineCount();
    if (file.unreadable) this.status = `Error reading ${file.name}: ${file.unreadable}`;
    else if (file.isNew) this.status = file.name ? 'New File' : '';
    else if (!file.writable) this.status = `File '${file.name}' is unwritable`;
    else this.status = `Read ${lines} line${lines === 1 ? '' : 's'}`;
  }

  protected async key(key: EditorKey): Promise<void> {
    if (this.helping) {
      if ('ctrl' in key && (key.ctrl === 'x' || key.ctrl === 'c')) this.helping = false;
      return;
    }
    if (this.prompt) return this.promptKey(this.prompt, key);
    const wasCutting = this.cutting;
    this.cutting = false;
    this.status = '';
    if ('char' in key) return this.change(() => this.buffer.insert(key.char));
    if ('name' in key) return this.namedKey(key.name);
    switch (key.ctrl) {
      case 'o':
        return this.askFileName(() => undefined);
      case 's':
        if (this.name) return void (await this.save(this.name));
        return this.askFileName(() => undefined);
      case 'x':
        return this.exit();
      case 'w':
        return this.askSearch();
      case 'k':
        this.cutting = true;
        return this.cutLine(wasCutting);
      case 'u':
        return this.paste();
      case 'g':
        this.helping = true;
        return;
      case 'c':
        return this.showPosition();
      case 'a':
        return this.namedKey('home');
      case 'e':
        return this.namedKey('end');
      case 'p':
        return this.namedKey('up');
      case 'n':
        return this.namedKey('down');
      case 'b':
        return this.namedKey('left');
      case 'f':
        return this.namedKey('right');
      case 'y':
        return this.namedKey('page-up');
      case 'v':
        return this.namedKey('page-down');
      case 'd':
        return this.namedKey('delete');
      case 'h':
        return this.namedKey('backspace');
      default:
        return;
    }
  }

  private namedKey(name: string): void {
    const b = this.buffer;
    this.change(() => b.typeKey(name, true) === true);
    switch (name) {
      case 'f6':
        return this.askSearch();
      case 'page-up':
        b.top = Math.max(0, b.top - this.height);
        return b.moveToRow(b.row - this.height);
      case 'page-down':
        b.top = Math.min(b.lines.length - 1, b.top + this.height);
        return b.moveToRow(b.row + this.height);
      default:
        return;
    }
  }

  /** Lines in the file: a final empty line is the "magic line" after the last newline, not a line of the file. */
  private lineCount(): number {
    const lines = this.buffer.lines;
    return lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  }

  /** The file's text: the lines, and a newline after a last line with text (nano adds it by default). */
  private text(): string {
    const lines = this.buffer.lines;
    return lines.join('\n') + (lines[lines.length - 1] === '' ? '' : '\n');
  }

  /** Applies an edit (a buffer at its size limit refuses it). */
  private change(edit: () => boolean): void {
    if (!edit()) return;
    this.modified = true;
    this.edited = true;
  }

  private cutLine(append: boolean): void {
    const b = this.buffer;
    // The magic line has nothing to cut.
    if (b.row === b.lines.length - 1 && b.line === '') return;
    const removed = b.removeLines(1);
    this.cut = append ? [...this.cut, ...removed] : removed;
    b.moveToCol(0);
    this.modified = true;
    this.edited = true;
  }

  private paste(): void {
    const b = this.buffer;
    if (this.cut.length === 0 || !b.insertLines(b.row, this.cut)) return;
    b.moveTo({ row: b.row + this.cut.length, col: 0 });
    this.modified = true;
    this.edited = true;
  }

  private showPosition(): void {
    const b = this.buffer;
    const lines = b.lines.length;
    const total = b.size - 1;
    const before = b.lines.slice(0, b.row).reduce((sum, line) => sum + line.length + 1, 0) + b.col;
    const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.floor((part * 100) / whole));
    this.status = `line ${b.row + 1}/${lines} (${percent(b.row + 1, lines)}%), col ${b.col + 1}/${b.line.length + 1} (${percent(b.col + 1, b.line.length + 1)}%), char ${before}/${total} (${percent(before, total)}%)`;
  }

  private askFileName(then: () => void): void {
    this.prompt = {
      label: 'File Name to Write',
      answer: this.name,
      keys: PROMPT_KEYS,
      yesNo: false,
      onAnswer: async (answer) => {
        if (!answer) {
          this.status = 'Cancelled';
          return;
        }
        if (await this.save(answer)) then();
      },
    };
  }

  private async save(name: string): Promise<boolean> {
    const text = this.text();
    const failure = await this.file.write(name, text, this.edited);
    if (failure) {
      this.status = `Error writing ${name}: ${failure}`;
      return false;
    }
    this.name = name;
    this.modified = false;
    const lines = this.lineCount();
    this.status = `Wrote ${lines} line${lines === 1 ? '' : 's'}`;
    return true;
  }

  private exit(): void {
    if (!this.modified) {
      this.done = true;
      return;
    }
    this.prompt = {
      label: 'Save modified buffer?',
      answer: '',
      keys: YES_NO_KEYS,
      yesNo: true,
      onAnswer: (answer) => {
        if (answer === 'n') this.done = true;
        else this.askFileName(() => (this.done = true));
      },
    };
  }

  private askSearch(): void {
    this.prompt = {
      label: this.lastSearch ? `Search [${this.lastSearch}]` : 'Search',
      answer: '',
      keys: PROMPT_KEYS,
      yesNo: false,
      onAnswer: (answer) => {
        const needle = answer || this.lastSearch;
        if (!needle) {
          this.status = 'Cancelled';
          return;
        }
        this.lastSearch = needle;
        const found = this.buffer.find(needle, false, true);
        if (!found) {
          this.status = `"${needle}" not found`;
          return;
        }
        const same = found.at.row === this.buffer.row && found.at.col === this.buffer.col;
        this.buffer.moveTo(found.at);
        if (same) this.status = 'This is the only occurrence';
        else if (found.wrapped) this.status = 'Search Wrapped';
      },
    };
  }

  private async promptKey(prompt: Prompt, key: EditorKey): Promise<void> {
    if ('ctrl' in key && key.ctrl === 'c') {
      this.prompt = undefined;
      this.status = 'Cancelled';
      return;
    }
    if (prompt.yesNo) {
      const answer = 'char' in key ? key.char.toLowerCase() : '';
      if (answer === 'y' || answer === 'n') {
        this.prompt = undefined;
        await prompt.onAnswer(answer);
      }
      return;
    }
    if ('char' in key) prompt.answer += key.char;
    else if ('name' in key && key.name === 'backspace') prompt.answer = prompt.answer.slice(0, -1);
    else if ('name' in key && key.name === 'enter') {
      this.prompt = undefined;
      await prompt.onAnswer(prompt.answer);
    }
  }

  screen({ rows, cols }: ScreenSize): Screen {
    this.height = Math.max(1, rows - 4);
    if (this.helping) return this.helpScreen(rows, cols);
    const b = this.buffer;
    b.scrollTo(this.height);
    const lines: ScreenLine[] = [this.titleBar(cols)];
    let cursor = { row: 1, col: 0 };
    for (let i = 0; i < this.height; i++) {
      const row = b.top + i;
      if (row >= b.lines.length) {
        lines.push(plain(''));
        continue;
      }
      const shown = visibleText(b.lines[row]!, cols, row === b.row ? b.col : undefined);
      if (row === b.row) cursor = { row: 1 + i, col: shown.cursor };
      lines.push(plain(shown.text));
    }
    if (this.prompt) {
      const text = this.prompt.yesNo ? `${this.prompt.label} ` : `${this.prompt.label}: ${this.prompt.answer}`;
      lines.push(bar(text, cols));
      cursor = { row: rows - 3, col: Math.min(text.length, cols - 1) };
    } else {
      lines.push(this.status ? centred(`[ ${this.status} ]`, cols) : plain(''));
    }
    const keys = this.prompt?.keys ?? EDIT_KEYS;
    lines.push(shortcuts(keys[0]!, cols), shortcuts(keys[1]!, cols));
    return { lines: lines.slice(0, rows), cursor };
  }

  private titleBar(cols: number): ScreenLine {
    const name = this.name || 'New Buffer';
    const right = this.modified ? 'Modified ' : '';
    const left = `  ${VERSION}`;
    const middle = Math.max(left.length + 1, Math.floor((cols - name.length) / 2));
    const line = (left.padEnd(middle) + name).padEnd(cols - right.length) + right;
    return bar(line, cols);
  }

  private helpScreen(rows: number, cols: number): Screen {
    const text = HELP_TEXT.split('\n').map((line) => plain(line.slice(0, cols)));
    const body = Array.from({ length: rows - 3 }, (_, i) => text[i] ?? plain(''));
    return {
      lines: [
        bar(`  ${VERSION}`, cols),
        ...body.slice(0, rows - 3),
        shortcuts(HELP_KEYS[0]!, cols),
        shortcuts(HELP_KEYS[1]!, cols),
      ].slice(0, rows),
      cursor: { row: 1, col: 0 },
    };
  }
}
