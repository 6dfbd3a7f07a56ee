/** Most lines and characters an editor buffer holds: a config file or a script, not a data set. */
export const MAX_BUFFER_LINES = 20_000;
export const MAX_BUFFER_CHARS = 1_000_000;

/** A cursor position: row and column in characters, from 0. */
export interface Position {
  row: number;
  col: number;
}

/**
 * The text being edited, as lines, with the cursor: what nano and vim share. How a file becomes lines differs: vim
 * drops the final newline and writes one back after the last line; nano keeps an empty line after a final newline
 * (its "magic line", where the cursor can go) and adds a newline to a last line that has text.
 */
export class TextBuffer {
  lines: string[];
  row = 0;
  col = 0;
  /** The column a vertical move aims for, kept across shorter lines as both editors do. */
  private goal = 0;
  /** The first row on screen. */
  top = 0;

  constructor(lines: string[]) {
    this.lines = lines.length > 0 ? lines : [''];
  }

  get line(): string {
    return this.lines[this.row]!;
  }

  get size(): number {
    return this.lines.reduce((sum, line) => sum + line.length + 1, 0);
  }

  /** Moves to a row (clamped), keeping the goal column; `last` is how far right the cursor may go on a line. */
  moveToRow(row: number, last: (line: string) => number = (line) => line.length): void {
    this.row = Math.max(0, Math.min(row, this.lines.length - 1));
    this.col = Math.min(this.goal, last(this.line));
  }

  /** Moves to a column on the current row (clamped), and makes it the goal. */
  moveToCol(col: number, last: number = this.line.length): void {
    this.col = Math.max(0, Math.min(col, last));
    this.goal = this.col;
  }

  /** Moves to a position, and makes its column the goal. */
  moveTo({ row, col }: Position): void {
    this.row = Math.max(0, Math.min(row, this.lines.length - 1));
    this.moveToCol(col);
  }

  /** Inserts text (no line breaks) at the cursor; false when the buffer is full. */
  insert(text: string): boolean {
    if (this.size + text.length > MAX_BUFFER_CHARS) return false;
    this.lines[this.row] = this.line.slice(0, this.col) + text + this.line.slice(this.col);
    this.moveToCol(this.col + text.length);
    return true;
  }

  /** Splits the line at the cursor; false when the buffer is full. */
  breakLine(): boolean {
    if (this.lines.length >= MAX_BUFFER_LINES) return false;
    this.lines.splice(this.row + 1, 0, this.line.slice(this.col));
    this.lines[this.row] = this.line.slice(0, this.col);
    this.row++;
    this.moveToCol(0);
    return true;
  }

  /** Deletes the character before the cursor, joining with the line above at its start; false when nothing to delete. */
  backspace(): boolean {
    if (this.col > 0) {
      this.lines[this.row] = this.line.slice(0, this.col - 1) + this.line.slice(this.col);
      this.moveToCol(this.col - 1);
      return true;
    }
    if (this.row === 0) return false;
    const above = this.lines[this.row - 1]!;
    this.lines.splice(this.row - 1, 2, above + this.line);
    this.row--;
    this.moveToCol(above.length);
    return true;
  }

  /** Deletes the character under the cursor, joining the next line at a line's end; false when nothing to delete. */
  deleteForward(): boolean {
    if (this.col < this.line.length) {
      this.lines[this.row] = this.line.slice(0, this.col) + this.line.slice(this.col + 1);
      return true;
    }
    if (this.row >= this.lines.length - 1) return false;
    this.lines.splice(this.row, 2, this.line + this.lines[this.row + 1]!);
    return true;
  }

  /** Removes `count` lines from the cursor's row and returns them (the buffer keeps at least one, empty, line). */
  removeLines(count: number): string[] {
    const removed = this.lines.splice(this.row, count);
    if (this.lines.length === 0) this.lines.push('');
    this.row = Math.min(this.row, this.lines.length - 1);
    return removed;
  }

  /** Inserts whole lines before row `at`; false when the buffer would be too big. */
  insertLines(at: number, lines: readonly string[]): boolean {
    if (this.lines.length + lines.length > MAX_BUFFER_LINES || this.size + lines.join('\n').length > MAX_BUFFER_CHARS)
      return false;
    this.lines.splice(at, 0, ...lines);
    return true;
  }

  /**
   * The next place `needle` occurs after the cursor (before it with `backwards`), wrapping around the end;
   * `wrapped` tells that it did. Undefined when it occurs nowhere.
   */
  find(needle: string, backwards = false, ignoreCase = false): { at: Position; wrapped: boolean } | undefined {
    if (!needle) return undefined;
    if (ignoreCase) needle = needle.toLowerCase();
    const count = this.lines.length;
    for (let step = 0; step <= count; step++) {
      const row = (((backwards ? this.row - step : this.row + step) % count) + count) % count;
      const line = ignoreCase ? this.lines[row]!.toLowerCase() : this.lines[row]!;
      // The cursor's own line first, past the cursor; then the other lines; then the cursor's line again from its start.
      const col =
        step === 0
          ? backwards
            ? this.col === 0
              ? -1
              : line.lastIndexOf(needle, this.col - 1)
            : line.indexOf(needle, this.col + 1)
          : backwards
            ? line.lastIndexOf(needle)
            : line.indexOf(needle);
      if (col >= 0) return { at: { row, col }, wrapped: step > 0 && (backwards ? row >= this.row : row <= this.row) };
    }
    return undefined;
  }

  /**
   * What a named key does while typing (in nano always, in vim's insert mode): Enter, Tab, Backspace and Delete
   * edit, the arrows, Home and End move; with `wrap`, Left and Right cross line ends (nano), else they stop (vim).
   * True when the text changed, false when it did not, undefined for a key this does not handle.
   */
  typeKey(name: string, wrap: boolean): boolean | undefined {
    switch (name) {
      case 'enter':
        return this.breakLine();
      case 'tab':
        return this.insert('\t');
      case 'backspace':
        return this.backspace();
      case 'delete':
        return this.deleteForward();
      case 'up':
        this.moveToRow(this.row - 1);
        return false;
      case 'down':
        this.moveToRow(this.row + 1);
        return false;
      case 'left':
        if (this.col > 0 || !wrap) this.moveToCol(this.col - 1);
        else if (this.row > 0) this.moveTo({ row: this.row - 1, col: this.lines[this.row - 1]!.length });
        return false;
      case 'right':
        if (this.col < this.line.length || !wrap) this.moveToCol(this.col + 1);
        else if (this.row < this.lines.length - 1) this.moveTo({ row: this.row + 1, col: 0 });
        return false;
      case 'home':
        this.moveToCol(0);
        return false;
      case 'end':
        this.moveToCol(this.line.length);
        return false;
      default:
        return undefined;
    }
  }

  /** Scrolls so the cursor's row is among the `height` rows shown. */
  scrollTo(height: number): void {
    if (this.row < this.top) this.top = this.row;
    if (this.row >= this.top + height) this.top = this.row - height + 1;
    this.top = Math.max(0, Math.min(this.top, this.lines.length - 1));
  }
}
