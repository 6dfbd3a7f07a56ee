import type { Terminal } from '@xterm/xterm';
import type { EditorView } from './line-editor.js';

/** How a control character in the line shows on screen: `^I` for a pasted tab, as bash echoes it. */
const shown = (text: string) =>
  Array.from(text, (c) => (c.charCodeAt(0) < 0x20 ? `^${String.fromCharCode(c.charCodeAt(0) + 64)}` : c)).join('');

/** `learner@academy:~/notes$ ` (root's ends in `#`) in bash's Debian colours: user@host green, the directory blue. */
function colourPrompt(prompt: string): string {
  const match = /^([^@\s]+@[^:\s]+):(.*)([$#] )$/.exec(prompt);
  return match ? `\x1b[1;32m${match[1]}\x1b[0m:\x1b[1;34m${match[2]}\x1b[0m${match[3]}` : prompt;
}

/**
 * Draws the prompt and the line being edited, wrapped over as many rows as it needs. It remembers where the cursor
 * is relative to the start of the prompt (in cells), so each redraw returns there, clears below and writes the whole
 * line again: one `write` per keystroke, correct for any edit in the middle of a wrapped line.
 */
export class PromptLine {
  /** Cells from the start of the prompt to the cursor; 0 when a fresh line starts. */
  private cursorCell = 0;

  constructor(private readonly terminal: Terminal) {}

  /** Redraws the prompt line; `prompt` is the shell's plain prompt. */
  draw(prompt: string, view: EditorView): void {
    this.terminal.write(this.drawing(prompt, view));
  }

  /** Redraws with the cursor after the text, then moves to a fresh line (`suffix` is written first, e.g. `^C`). */
  finish(prompt: string, view: EditorView, suffix = ''): void {
    this.terminal.write(this.drawing(prompt, { ...view, cursor: view.text.length }) + suffix + '\r\n');
    this.cursorCell = 0;
  }

  /** The cursor is on a fresh line again (after output, or a cleared screen). */
  restart(): void {
    this.cursorCell = 0;
  }

  private drawing(prompt: string, view: EditorView): string {
    const cols = Math.max(1, this.terminal.cols);
    const plainPrompt = view.searchPrompt ?? prompt;
    const text = shown(view.text);
    const promptWidth = plainPrompt.length;
    let out = '';
    const rowsUp = Math.floor(this.cursorCell / cols);
    if (rowsUp > 0) out += `\x1b[${rowsUp}A`;
    out += '\r\x1b[J' + (view.searchPrompt ?? colourPrompt(prompt)) + text;
    const end = promptWidth + text.length;
    const target = promptWidth + shown(view.text.slice(0, view.cursor)).length;
    let row: number;
    if (end > 0 && end % cols === 0) {
      // The terminal holds the cursor in the last column until the next character: move to the next row now.
      out += '\r\n';
      row = end / cols;
    } else {
      row = Math.floor(end / cols);
    }
    const targetRow = Math.floor(target / cols);
    if (row > targetRow) out += `\x1b[${row - targetRow}A`;
    out += `\x1b[${(target % cols) + 1}G`;
    this.cursorCell = target;
    return out;
  }
}
