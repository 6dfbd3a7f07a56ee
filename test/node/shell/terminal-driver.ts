import type { Terminal } from '@xterm/xterm';
import { TerminalSession, type CommandRun } from '../../../src/components/terminal/terminal-session.js';
import { keysFromNotation, type Shell } from '@lta/shell';

/** How a script reaches the prompt: one line at a time, waiting for each prompt, or all at once as a paste. */
export type Entry = 'typed' | 'pasted';

const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

/**
 * The screen side of xterm that a TerminalSession writes to, kept as text: Node has no xterm renderer, and what is
 * under test here is the session and the shell behind it, not the drawing.
 */
export class Screen {
  readonly cols = 80;
  readonly rows = 24;
  text = '';

  write(data: string, done?: () => void): void {
    this.text += data;
    done?.();
  }
}

/**
 * Waits for the session to settle, or for a program that waits for the next line: one asking a question (a
 * password), or one on the full screen (an editor, `less`, `man`, `top`), whose keys that line is.
 */
export async function settle(session: TerminalSession): Promise<void> {
  let done = false;
  const settled = session.settled().then(() => {
    done = true;
  });
  while (!done) {
    // A program asks (sudo's password) or has the full screen: the next line of the script is for it.
    if (session.editing) {
      await session.editorSettled();
      if (session.editing) return;
    }
    if (session.asking) return;
    await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, 1))]);
  }
}

/** The command lines a script ran as the learner's terminal runs them, and what the screen showed. */
export interface TerminalRuns {
  runs: CommandRun[];
  screen: string;
}

/**
 * Enters `script` at a real TerminalSession over `shell`, as a learner would: `typed` sends each line and Enter, then
 * waits for the prompt (a line holding a tab is pasted, since a typed tab completes; while a full-screen program
 * is open, an editor or `less`, a line is its keys in `keysFromNotation`'s notation, with no Enter added); `pasted`
 * sends the whole script as one bracketed paste, then Enter for a last line without a line break.
 */
export async function enterScript(shell: Shell, script: string, entry: Entry): Promise<TerminalRuns> {
  const screen = new Screen();
  const runs: CommandRun[] = [];
  const session = new TerminalSession(screen as unknown as Terminal, shell, (run) => runs.push(run));
  session.start();
  if (entry === 'pasted') {
    session.input(PASTE_START + script + PASTE_END);
    if (!script.endsWith('\n')) session.input('\r');
    await settle(session);
  } else {
    for (const line of script.split('\n')) {
      if (session.editing) {
        // A full-screen program is open: the line is its keys, in the notation of `keysFromNotation` (`<Esc>`, `<C-x>`).
        session.input(keysFromNotation(line));
      } else {
        session.input(line.includes('\t') ? PASTE_START + line + PASTE_END : line);
        session.input('\r');
      }
      await settle(session);
    }
  }
  session.dispose();
  return { runs, screen: screen.text };
}
