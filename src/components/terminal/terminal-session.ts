import type { Terminal } from '@xterm/xterm';
import type { FullScreenProgram, Question, RunResult, Shell } from '@lta/shell';
import { FullScreen } from './full-screen.js';
import { decodeInput, encodeKey, type Key } from './keys.js';
import { LineEditor } from './line-editor.js';
import { PromptLine } from './prompt-line.js';
import { QuestionLine } from './question-line.js';
import { StreamedOutput } from './streamed-output.js';
import { terminalStrings, type TerminalStrings } from './terminal-strings.js';

/** Bash's secondary prompt, shown while a line is incomplete (an open quote, `if` without `fi`). */
const CONTINUATION_PROMPT = '> ';

/** A command line the learner ran, and what the shell answered. */
export interface CommandRun {
  line: string;
  result: RunResult;
}

/**
 * One learner at one xterm: decodes keys, edits the line, runs it in the shell, shows the output, completes on Tab,
 * and cancels with Ctrl-C. Keys typed while a command runs wait their turn (type-ahead), as on a real tty; Ctrl-C
 * cancels the command and drops them.
 */
export class TerminalSession {
  readonly editor: LineEditor;
  private readonly promptLine: PromptLine;
  private readonly queue: Key[] = [];
  private pumping = false;
  /** Ends when the keys queued so far have all been handled. */
  private pumped: Promise<void> = Promise.resolve();
  private running: AbortController | undefined;
  /** Lines of an incomplete command so far, joined with newlines. */
  private pending = '';
  private lastKeyWasTab = false;
  /** A running program's question (a password prompt): keys go to it until the learner answers. */
  private question: QuestionLine | undefined;
  /**
   * A full-screen program (an editor, `less`, `man`, `top`): what the learner types goes to it, as the terminal sends
   * it, until it quits.
   */
  private fullScreen: FullScreen | undefined;
  private disposed = false;
  /** Command lines started in the current shell: the learner's own work, since it booted or was replaced. */
  private started = 0;

  constructor(
    private readonly terminal: Terminal,
    private shell: Shell,
    private readonly onCommand: (run: CommandRun) => void,
    /** The terminal's words now (the session writes one: how much of a long output was not shown). */
    private readonly text: () => Pick<TerminalStrings, 'outputNotShown'> = () => terminalStrings,
  ) {
    this.editor = new LineEditor(shell.history);
    this.promptLine = new PromptLine(terminal);
  }

  /** True while a command line runs. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  /** True while a running program waits for the learner's answer (a password). */
  get asking(): boolean {
    return this.question !== undefined && !this.question.done;
  }

  /** True while a full-screen program (`nano`, `vi`, `less`, `top`) has the screen and takes the keys. */
  get editing(): boolean {
    return this.fullScreen !== undefined;
  }

  /** Resolves once the open full-screen program, if any, has handled the keys given so far. */
  async editorSettled(): Promise<void> {
    await this.fullScreen?.handled();
  }

  /** True once the learner started a command in the current shell (it may still be running). */
  get hasWork(): boolean {
    return this.started > 0;
  }

  /** Shows the first prompt. */
  start(banner = ''): void {
    // Bracketed paste: a pasted text arrives marked, so its tabs and line breaks are not taken as keys.
    this.terminal.write('\x1b[?2004h' + banner);
    this.drawPrompt();
  }

  /** Feeds what xterm's `onData` delivered. */
  input(data: string): void {
    if (this.disposed) return;
    if (this.fullScreen) {
      this.fullScreen.input(data);
      return;
    }
    for (const key of decodeInput(data)) {
      if (this.question && !this.question.done) {
        // Once answered, the question takes no more keys: what follows is typed ahead for the next prompt or question.
        this.question.key(key);
      } else if (this.running && key.name === 'interrupt') {
        this.running.abort();
        this.queue.length = 0;
      } else {
        this.queue.push(key);
      }
    }
    void this.pump();
  }

  /** Types `command` on a fresh prompt line and runs it, as a clicked snippet does. */
  runCommand(command: string): void {
    this.queue.push(
      { name: 'kill-to-start' },
      { name: 'kill-to-end' },
      { name: 'text', text: command },
      { name: 'enter' },
    );
    void this.pump();
  }

  /**
   * Starts over on a new shell: clears the screen and shows a fresh prompt. A reset lab drops the line being typed;
   * with `keepTypedLine` (work resumed from another device while the learner types), it stays, cursor and all, and
   * keys not yet handled still apply.
   */
  replaceShell(shell: Shell, banner = '', { keepTypedLine = false } = {}): void {
    this.fullScreen?.close();
    this.question?.key({ name: 'interrupt' });
    this.running?.abort();
    this.shell = shell;
    this.started = 0;
    this.editor.setHistory(shell.history);
    if (!keepTypedLine) {
      this.queue.length = 0;
      this.pending = '';
      this.editor.setText('');
    }
    this.terminal.write('\x1b[H\x1b[2J\x1b[3J' + banner);
    this.promptLine.restart();
    this.drawPrompt();
  }

  /**
   * Resolves once every key given so far has been handled and the commands it started have finished: what a
   * learner waits for before typing the next line.
   */
  settled(): Promise<void> {
    return this.pumped;
  }

  /** Redraws the prompt line, e.g. after the terminal was resized. */
  redraw(): void {
    if (this.fullScreen) this.fullScreen.draw();
    else if (!this.running) this.drawPrompt();
  }

  dispose(): void {
    this.fullScreen?.close();
    this.question?.key({ name: 'interrupt' });
    this.disposed = true;
    this.running?.abort();
    this.queue.length = 0;
  }

  private prompt(): string {
    return this.pending ? CONTINUATION_PROMPT : this.shell.prompt();
  }

  private drawPrompt(): void {
    this.promptLine.draw(this.prompt(), this.editor.view());
  }

  private pump(): Promise<void> {
    if (!this.pumping) this.pumped = this.drain();
    return this.pumped;
  }

  private async drain(): Promise<void> {
    this.pumping = true;
    try {
      while (this.queue.length > 0 && !this.disposed) {
        const key = this.queue.shift()!;
        await this.handle(key);
      }
    } finally {
      this.pumping = false;
    }
  }

  private async handle(key: Key): Promise<void> {
    const wasTab = this.lastKeyWasTab;
    this.lastKeyWasTab = key.name === 'tab';
    const prompt = this.prompt();
    const before = this.editor.view();
    const action = this.editor.apply(key);
    switch (action.type) {
      case 'redraw':
        this.drawPrompt();
        return;
      case 'interrupt':
        this.pending = '';
        this.promptLine.finish(prompt, before, '^C');
        this.drawPrompt();
        return;
      case 'clear-screen':
        this.terminal.write('\x1b[H\x1b[2J');
        this.promptLine.restart();
        this.drawPrompt();
        return;
      case 'complete':
        this.complete(wasTab);
        return;
      case 'submit': {
        this.promptLine.finish(prompt, before);
        const run = await this.execute(action.line);
        this.drawPrompt();
        // After the prompt is drawn: checks and saving never delay the learner's next prompt.
        if (run) this.onCommand(run);
        return;
      }
      default:
        return;
    }
  }

  private complete(secondTab: boolean): void {
    const { text, cursor } = this.editor;
    const completion = this.shell.complete(text, cursor);
    const typed = text.slice(completion.from, completion.to);
    if (completion.common.length > typed.length) {
      this.editor.setText(
        text.slice(0, completion.from) + completion.common + text.slice(completion.to),
        completion.from + completion.common.length,
      );
      this.drawPrompt();
    } else if (secondTab && completion.candidates.length > 1) {
      // Bash lists the choices on a second Tab, then shows the line again.
      this.promptLine.finish(this.prompt(), this.editor.view());
      this.terminal.write(this.columns(completion.candidates));
      this.drawPrompt();
    }
  }

  /** Candidates in columns as bash lists them: names only, across the terminal's width. */
  private columns(candidates: string[]): string {
    const names = candidates.map((candidate) => candidate.replace(/^.*\/(?=[^/])/, ''));
    const width = Math.max(...names.map((name) => name.length)) + 2;
    const perRow = Math.max(1, Math.floor(this.terminal.cols / width));
    const rows = Math.ceil(names.length / perRow);
    let out = '';
    for (let row = 0; row < rows; row++) {
      const cells: string[] = [];
      for (let col = 0; col < perRow; col++) {
        const name = names[col * rows + row];
        if (name !== undefined) cells.push(name.padEnd(width));
      }
      out += cells.join('').trimEnd() + '\r\n';
    }
    return out;
  }

  /** Runs a line; undefined when nothing ran (a blank line) or the command is not finished yet. */
  private async execute(typed: string): Promise<CommandRun | undefined> {
    const line = this.pending ? `${this.pending}\n${typed}` : typed;
    if (!line.trim()) return undefined;
    const controller = new AbortController();
    this.running = controller;
    this.started++;
    let output = '';
    // Output shows as it is written (a long loop shows its progress).
    const screen = new StreamedOutput(this.terminal, this.text());
    let result: RunResult;
    try {
      result = await this.shell.run(line, {
        signal: controller.signal,
        onOutput: (chunk) => {
          output += chunk;
          screen.write(chunk);
        },
        ask: (question) => this.ask(question),
        fullScreen: (program) => this.runFullScreen(program),
      });
    } catch (error) {
      // The shell promises never to throw; if it ever does, the learner sees why and the page carries on.
      const message = error instanceof Error ? error.message : String(error);
      output = `lta: the shell failed: ${message}\n`;
      screen.write(output);
      result = { output, stdout: '', stderr: output, exitCode: 1, clear: false, incomplete: false };
    } finally {
      this.running = undefined;
    }
    if (result.incomplete && !controller.signal.aborted) {
      this.pending = line;
      return undefined;
    }
    this.pending = '';
    screen.end(output, result.clear);
    if (controller.signal.aborted) this.terminal.write('^C\r\n');
    this.promptLine.restart();
    return { line, result };
  }

  /** Shows a running program's question below its output so far, and reads the answer from the keys that follow. */
  private async ask(question: Question): Promise<string | null> {
    if (this.disposed) return null;
    this.question = new QuestionLine(this.terminal, question);
    // Keys typed ahead (or pasted) after the command are read by the program that asks next, as on a tty.
    while (this.queue.length > 0 && !this.question.done) this.question.key(this.queue.shift()!);
    try {
      return await this.question.answer;
    } finally {
      this.question = undefined;
    }
  }

  /** Gives the screen to a program until it quits; keys typed ahead of it are its first input, as on a tty. */
  private async runFullScreen(program: FullScreenProgram): Promise<void> {
    if (this.disposed) return;
    const screen = new FullScreen(this.terminal, program);
    this.fullScreen = screen;
    // A program that quit on its first screen (`more` with a short text) leaves the keys typed ahead to the shell.
    const typedAhead = program.done ? '' : this.queue.splice(0).map(encodeKey).join('');
    if (typedAhead) screen.input(typedAhead);
    try {
      await screen.done;
    } finally {
      this.fullScreen = undefined;
    }
  }
}
