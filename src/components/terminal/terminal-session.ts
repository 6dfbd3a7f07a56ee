import type { Terminal } from '@xterm/xterm';
import type { RunResult, Shell } from '@lta/shell';
import { decodeInput, type Key } from './keys.js';
import { LineEditor } from './line-editor.js';
import { PromptLine } from './prompt-line.js';
import { ProgramTurn } from './program-turn.js';
import { StreamedOutput } from './streamed-output.js';
import { completeOnTab } from './tab-completion.js';
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
  /** A running program's question or full-screen program, which takes the keys while it runs. */
  private readonly program: ProgramTurn;
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
    this.program = new ProgramTurn(terminal, this.queue);
  }

  /** True while a command line runs. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  /** True while a running program waits for the learner's answer (a password). */
  get asking(): boolean {
    return this.program.asking;
  }

  /** True while a full-screen program (`nano`, `vi`, `less`, `top`) has the screen and takes the keys. */
  get editing(): boolean {
    return this.program.fullScreenOpen;
  }

  /** Resolves once the open full-screen program, if any, has handled the keys given so far. */
  async editorSettled(): Promise<void> {
    await this.program.settled();
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
    if (this.program.screenInput(data)) return;
    for (const key of decodeInput(data)) {
      // Once answered, a question takes no more keys: what follows is typed ahead for the next prompt or question.
      if (this.program.answerKey(key)) continue;
      if (this.running && key.name === 'interrupt') {
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
    this.program.interrupt();
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
    if (!this.program.redraw() && !this.running) this.drawPrompt();
  }

  dispose(): void {
    this.program.dispose();
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
    const tab = completeOnTab(this.editor, this.shell, secondTab, this.terminal.cols);
    if (tab.kind === 'none') return;
    if (tab.kind === 'listed') {
      this.promptLine.finish(this.prompt(), this.editor.view());
      this.terminal.write(tab.choices);
    }
    this.drawPrompt();
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
        ask: (question) => this.program.ask(question),
        fullScreen: (program) => this.program.runFullScreen(program),
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
}
