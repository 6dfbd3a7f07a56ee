import type { Terminal } from '@xterm/xterm';
import type { Question } from '@lta/shell';
import type { Key } from './keys.js';

/** Most characters one answer takes: a password, not a document. */
const MAX_ANSWER = 1024;

/** Most characters of one line a program reads as its input (`cat > notes.txt`): a pasted document's line. */
const MAX_INPUT_LINE = 64 * 1024;

/**
 * A question a running program asks the learner (`sudo`'s password): shows the prompt, reads one line with
 * Backspace, without echo when the question is hidden, as a tty in no-echo mode does. Enter answers; Ctrl-C, or
 * Ctrl-D on an empty line, refuses. A program reading its input (`Question.input`) gets what a tty's read gives:
 * the line with its end, what is typed so far on Ctrl-D, `''` (end of input) on Ctrl-D at the start of a line.
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

  /** Takes one key; returns what a pasted block held after its first line, for the program's next read. */
  key(key: Key): Key | undefined {
    const input = this.question.input === true;
    switch (key.name) {
      case 'text': {
        const end = key.text.search(/[\r\n]/);
        const line = end < 0 ? key.text : key.text.slice(0, end);
        const typed = line.slice(0, (input ? MAX_INPUT_LINE : MAX_ANSWER) - this.text.length);
        this.text += typed;
        if (!this.question.hidden) this.terminal.write(typed);
        if (end < 0) return undefined;
        // A pasted password with its line end answers, as on a tty; a pasted block's other lines are read next.
        this.answerLine();
        const rest = key.text.slice(key.text.startsWith('\r\n', end) ? end + 2 : end + 1);
        return input && rest !== '' ? { name: 'text', text: rest } : undefined;
      }
      case 'backspace':
        if (this.text && !this.question.hidden) this.terminal.write('\b \b');
        this.text = this.text.slice(0, -1);
        return undefined;
      case 'enter':
        this.answerLine();
        return undefined;
      case 'interrupt':
        this.end(null, '^C\r\n');
        return undefined;
      case 'end-of-file':
        // A tty hands over what is typed so far, and nothing (the end of input) at the start of a line.
        if (input) this.end(this.text, '');
        else if (this.text === '') this.end(null, '\r\n');
        return undefined;
      default:
        return undefined;
    }
  }

  /** Enter: the line, with its end for a program reading input. A hidden one's end is not echoed (`read -s`). */
  private answerLine(): void {
    if (this.question.input) this.end(`${this.text}\n`, this.question.hidden ? '' : '\r\n');
    else this.end(this.text, '\r\n');
  }

  private end(answer: string | null, shown: string): void {
    if (this.done) return;
    this.done = true;
    this.terminal.write(shown);
    this.resolveAnswer(answer);
  }
}
