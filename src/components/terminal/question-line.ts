import type { Terminal } from '@xterm/xterm';
import type { Question } from '@lta/shell';
import type { Key } from './keys.js';

/** Most characters one answer takes: a password, not a document. */
const MAX_ANSWER = 1024;

/**
 * A question a running program asks the learner (`sudo`'s password): shows the prompt, reads one line with
 * Backspace, without echo when the question is hidden, as a tty in no-echo mode does. Enter answers; Ctrl-C, or
 * Ctrl-D on an empty line, refuses.
 */
export class QuestionLine {
  private text = '';
  /** True once answered or refused: later keys are the shell's again. */
  done = false;
  private resolveAnswer!: (answer: string | null) => void;
  /** The learner's answer, or null when they refused. */
  readonly answer = new Promise<string | null>((resolve) => (this.resolveAnswer = resolve));

  constructor(
    private readonly terminal: Pick<Terminal, 'write'>,
    private readonly question: Question,
  ) {
    terminal.write(question.prompt.replace(/\r?\n/g, '\r\n'));
  }

  key(key: Key): void {
    switch (key.name) {
      case 'text': {
        const typed = key.text.replace(/[\r\n]/g, '').slice(0, MAX_ANSWER - this.text.length);
        this.text += typed;
        if (!this.question.hidden) this.terminal.write(typed);
        // A pasted password with its line end answers, as on a tty.
        if (/[\r\n]/.test(key.text)) this.end(this.text, '');
        return;
      }
      case 'backspace':
        if (this.text && !this.question.hidden) this.terminal.write('\b \b');
        this.text = this.text.slice(0, -1);
        return;
      case 'enter':
        this.end(this.text, '');
        return;
      case 'interrupt':
        this.end(null, '^C');
        return;
      case 'end-of-file':
        if (this.text === '') this.end(null, '');
        return;
      default:
        return;
    }
  }

  private end(answer: string | null, shown: string): void {
    if (this.done) return;
    this.done = true;
    this.terminal.write(`${shown}\r\n`);
    this.resolveAnswer(answer);
  }
}
