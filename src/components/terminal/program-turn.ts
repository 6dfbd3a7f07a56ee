import type { Terminal } from '@xterm/xterm';
import type { FullScreenProgram, Question } from '@lta/shell';
import { FullScreen } from './full-screen.js';
import { encodeKey, type Key } from './keys.js';
import { QuestionLine } from './question-line.js';

/**
 * A running program's turn at the keys: a question it asks (a password: one hidden line), or the whole screen (an
 * editor, a pager, `top`). Keys typed ahead of it (the session's queue) are its first input, as on a tty.
 */
export class ProgramTurn {
  /** A running program's question: keys go to it until the learner answers. */
  private question: QuestionLine | undefined;
  /** A full-screen program: what the learner types goes to it, as the terminal sends it, until it quits. */
  private fullScreen: FullScreen | undefined;
  private closed = false;

  constructor(
    private readonly terminal: Terminal,
    /** The keys typed ahead of the program, oldest first; the program takes those it reads. */
    private readonly typedAhead: Key[],
  ) {}

  /** True while a program waits for the learner's answer. */
  get asking(): boolean {
    return this.question !== undefined && !this.question.done;
  }

  /** True while a full-screen program has the screen and takes the keys. */
  get fullScreenOpen(): boolean {
    return this.fullScreen !== undefined;
  }

  /** Resolves once the open full-screen program, if any, has handled the keys given so far. */
  async settled(): Promise<void> {
    await this.fullScreen?.handled();
  }

  /** Gives what xterm delivered to the full-screen program; false when none is open. */
  screenInput(data: string): boolean {
    this.fullScreen?.input(data);
    return this.fullScreen !== undefined;
  }

  /** Gives a key to the open question; false when none waits (an answered one takes no more keys). */
  answerKey(key: Key): boolean {
    if (!this.asking) return false;
    this.give(this.question!, key);
    return true;
  }

  /** Gives a key to a question; the rest of a pasted block waits for the program's next read, as a tty keeps it. */
  private give(question: QuestionLine, key: Key): void {
    const rest = question.key(key);
    if (rest) this.typedAhead.unshift(rest);
  }

  /** Draws the full-screen program again (after a resize); false when none is open. */
  redraw(): boolean {
    this.fullScreen?.draw();
    return this.fullScreen !== undefined;
  }

  /** Ends the open program's turn: the screen program closes, the question is refused. */
  interrupt(): void {
    this.fullScreen?.close();
    this.question?.key({ name: 'interrupt' });
  }

  /** Interrupts, and refuses every later turn (the terminal went away). */
  dispose(): void {
    this.interrupt();
    this.closed = true;
  }

  /** Shows a question below the program's output so far, and reads the answer from the keys that follow. */
  async ask(question: Question): Promise<string | null> {
    if (this.closed) return null;
    const line = new QuestionLine(this.terminal, question);
    this.question = line;
    // Keys typed ahead (or pasted) after the command are read by the program that asks next, as on a tty.
    while (this.typedAhead.length > 0 && !line.done) this.give(line, this.typedAhead.shift()!);
    try {
      return await line.answer;
    } finally {
      this.question = undefined;
    }
  }

  /** Gives the screen to a program until it quits. */
  async runFullScreen(program: FullScreenProgram): Promise<void> {
    if (this.closed) return;
    const screen = new FullScreen(this.terminal, program);
    this.fullScreen = screen;
    // A program that quit on its first screen (`more` with a short text) leaves the keys typed ahead to the shell.
    const typedAhead = program.done ? '' : this.typedAhead.splice(0).map(encodeKey).join('');
    if (typedAhead) screen.input(typedAhead);
    try {
      await screen.done;
    } finally {
      this.fullScreen = undefined;
    }
  }
}
