import type { Key } from './keys.js';

/** What the terminal must do after the editor handled a key. */
export type EditorAction =
  | { type: 'redraw' }
  | { type: 'none' }
  /** Enter: run this line. The editor is already empty for the next one. */
  | { type: 'submit'; line: string }
  /** Ctrl-C on the prompt: abandon the line. */
  | { type: 'interrupt' }
  | { type: 'clear-screen' }
  /** Tab: complete the word before the cursor. */
  | { type: 'complete' };

/** What the prompt line shows: the prompt (or the search prompt), the text, and where the cursor is in it. */
export interface EditorView {
  /** Replaces the shell prompt while searching history. */
  searchPrompt?: string;
  text: string;
  cursor: number;
}

interface Search {
  query: string;
  /** Index in history of the shown match, or -1 when none. */
  match: number;
  failed: boolean;
  /** The line being edited when the search started, restored by Ctrl-G. */
  saved: { text: string; cursor: number };
}

/** Characters that end a word for Alt-B/F and Ctrl-arrows (readline's alphanumeric words). */
const WORD = /[A-Za-z0-9_]/;
/** Lines remembered for Up/Down and Ctrl-R, as bash's default HISTSIZE. */
const HISTORY_LIMIT = 500;

/**
 * The readline-like line editor of the terminal: buffer, cursor, history (Up/Down, Ctrl-R incremental search),
 * kill and yank (Ctrl-U, Ctrl-K, Ctrl-W, Alt-D, Ctrl-Y), word motion. Pure state: it knows nothing of xterm or the
 * shell, so each key's effect is tested directly.
 */
export class LineEditor {
  text = '';
  cursor = 0;
  private readonly history: string[] = [];
  /** Position while browsing history; `history.length` is the line being typed. */
  private browsing = 0;
  /** The line being typed before browsing history, restored by coming back down. */
  private draft = '';
  private killed = '';
  private search: Search | undefined;

  constructor(history: readonly string[] = []) {
    this.setHistory(history);
  }

  /** Replaces the remembered lines (e.g. restored from a saved session), oldest first. */
  setHistory(history: readonly string[]): void {
    this.history.splice(0, this.history.length, ...history.filter((line) => line.trim()).slice(-HISTORY_LIMIT));
    this.browsing = this.history.length;
    // A search in progress goes on from the newest of the new lines.
    if (this.search) this.search.match = -1;
  }

  /** Replaces the line being edited, cursor at its end (a clicked snippet, a completion). */
  setText(text: string, cursor = text.length): void {
    this.text = text;
    this.cursor = Math.max(0, Math.min(cursor, text.length));
  }

  view(): EditorView {
    if (!this.search) return { text: this.text, cursor: this.cursor };
    const { query, failed } = this.search;
    return {
      searchPrompt: `(${failed ? 'failed ' : ''}reverse-i-search)\`${query}': `,
      text: this.text,
      cursor: this.cursor,
    };
  }

  get searching(): boolean {
    return this.search !== undefined;
  }

  apply(key: Key): EditorAction {
    if (this.search) return this.applySearch(key);
    switch (key.name) {
      case 'text':
        this.insert(key.text);
        return { type: 'redraw' };
      case 'enter':
        return this.submit();
      case 'backspace':
        if (this.cursor === 0) return { type: 'none' };
        this.text = this.text.slice(0, this.cursor - 1) + this.text.slice(this.cursor);
        this.cursor--;
        return { type: 'redraw' };
      case 'delete':
      case 'end-of-file':
        if (this.cursor >= this.text.length) return { type: 'none' };
        this.text = this.text.slice(0, this.cursor) + this.text.slice(this.cursor + 1);
        return { type: 'redraw' };
      case 'left':
        return this.moveTo(this.cursor - 1);
      case 'right':
        return this.moveTo(this.cursor + 1);
      case 'home':
        return this.moveTo(0);
      case 'end':
        return this.moveTo(this.text.length);
      case 'word-left':
        return this.moveTo(this.wordStartBefore(this.cursor));
      case 'word-right':
        return this.moveTo(this.wordEndAfter(this.cursor));
      case 'up':
        return this.browse(this.browsing - 1);
      case 'down':
        return this.browse(this.browsing + 1);
      case 'kill-to-start':
        return this.kill(0, this.cursor);
      case 'kill-to-end':
        return this.kill(this.cursor, this.text.length);
      case 'kill-word-back': {
        // Ctrl-W: back to the previous whitespace (unix-word-rubout).
        let start = this.cursor;
        while (start > 0 && /\s/.test(this.text[start - 1]!)) start--;
        while (start > 0 && !/\s/.test(this.text[start - 1]!)) start--;
        return this.kill(start, this.cursor);
      }
      case 'kill-alnum-word-back':
        return this.kill(this.wordStartBefore(this.cursor), this.cursor);
      case 'kill-word-forward':
        return this.kill(this.cursor, this.wordEndAfter(this.cursor));
      case 'yank':
        if (!this.killed) return { type: 'none' };
        this.insert(this.killed);
        return { type: 'redraw' };
      case 'search-history':
        this.search = { query: '', match: -1, failed: false, saved: { text: this.text, cursor: this.cursor } };
        return { type: 'redraw' };
      case 'interrupt':
        this.clearLine();
        return { type: 'interrupt' };
      case 'clear-screen':
        return { type: 'clear-screen' };
      case 'tab':
        return { type: 'complete' };
      default:
        return { type: 'none' };
    }
  }

  private applySearch(key: Key): EditorAction {
    const search = this.search!;
    switch (key.name) {
      case 'text':
        search.query += key.text;
        this.find(search.match === -1 ? this.history.length - 1 : search.match);
        return { type: 'redraw' };
      case 'backspace':
        search.query = search.query.slice(0, -1);
        this.find(this.history.length - 1);
        return { type: 'redraw' };
      case 'search-history':
        if (search.match > 0) this.find(search.match - 1);
        else search.failed = search.query !== '';
        return { type: 'redraw' };
      case 'cancel':
        this.search = undefined;
        this.setText(search.saved.text, search.saved.cursor);
        return { type: 'redraw' };
      case 'interrupt':
        this.search = undefined;
        this.clearLine();
        return { type: 'interrupt' };
      case 'enter':
        this.search = undefined;
        return this.submit();
      case 'clear-screen':
        return { type: 'clear-screen' };
      default:
        // Any editing key ends the search, keeping the match as the line, then acts on it (as readline does).
        this.search = undefined;
        this.browsing = this.history.length;
        if (key.name === 'escape' || key.name === 'tab') return { type: 'redraw' };
        this.apply(key);
        return { type: 'redraw' };
    }
  }

  /** Shows the newest line at or before `from` containing the query. */
  private find(from: number): void {
    const search = this.search!;
    for (let i = Math.min(from, this.history.length - 1); i >= 0; i--) {
      const at = this.history[i]!.indexOf(search.query);
      if (at !== -1) {
        search.match = i;
        search.failed = false;
        this.setText(this.history[i]!, at);
        return;
      }
    }
    search.failed = search.query !== '';
  }

  private submit(): EditorAction {
    const line = this.text;
    if (line.trim() && this.history[this.history.length - 1] !== line) {
      this.history.push(line);
      if (this.history.length > HISTORY_LIMIT) this.history.shift();
    }
    this.clearLine();
    return { type: 'submit', line };
  }

  private clearLine(): void {
    this.setText('');
    this.draft = '';
    this.browsing = this.history.length;
  }

  private insert(text: string): void {
    this.text = this.text.slice(0, this.cursor) + text + this.text.slice(this.cursor);
    this.cursor += text.length;
  }

  private moveTo(position: number): EditorAction {
    const next = Math.max(0, Math.min(position, this.text.length));
    if (next === this.cursor) return { type: 'none' };
    this.cursor = next;
    return { type: 'redraw' };
  }

  private kill(start: number, end: number): EditorAction {
    if (start === end) return { type: 'none' };
    this.killed = this.text.slice(start, end);
    this.text = this.text.slice(0, start) + this.text.slice(end);
    this.cursor = start;
    return { type: 'redraw' };
  }

  private browse(index: number): EditorAction {
    if (index < 0 || index > this.history.length || index === this.browsing) return { type: 'none' };
    if (this.browsing === this.history.length) this.draft = this.text;
    this.browsing = index;
    this.setText(index === this.history.length ? this.draft : this.history[index]!);
    return { type: 'redraw' };
  }

  private wordStartBefore(position: number): number {
    let i = position;
    while (i > 0 && !WORD.test(this.text[i - 1]!)) i--;
    while (i > 0 && WORD.test(this.text[i - 1]!)) i--;
    return i;
  }

  private wordEndAfter(position: number): number {
    let i = position;
    while (i < this.text.length && !WORD.test(this.text[i]!)) i++;
    while (i < this.text.length && WORD.test(this.text[i]!)) i++;
    return i;
  }
}
