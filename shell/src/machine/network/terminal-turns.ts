import type { ExecResult } from 'just-bash';
import type { LineReader } from '../index.js';
import type { RunOptions, RunResult, Shell } from '../../types.js';
import { converse, type Question, type Talk, type Turn } from './dialogue.js';

const EXIT = /^\s*(?:exit|logout)(?:\s+(\d+))?\s*;?\s*$/;

/**
 * Who reads the learner's next line: bash (nothing here), a question a network command asked (`ssh`'s host key
 * question, a password), or the shell of the host an `ssh` session is logged in to, until `exit`.
 */
export class TerminalTurns {
  private question: Question | undefined;
  private session: { host: string; shell: Shell } | undefined;

  /** Runs a command that may ask questions: what it printed before its first question, or all of it. */
  async run(command: (talk: Talk) => Promise<number>): Promise<ExecResult> {
    const turn = await converse(command);
    this.question = turn.question;
    return { stdout: turn.stdout, stderr: turn.stderr, exitCode: turn.exitCode };
  }

  /** From the next line on, lines run on `host`'s shell until the learner leaves it. */
  enter(host: string, shell: Shell): void {
    this.session = { host, shell };
  }

  /** The host an ssh session is logged in to, if any. */
  get sessionHost(): string | undefined {
    return this.session?.host;
  }

  reader(): LineReader | undefined {
    const question = this.question;
    if (question) {
      return {
        prompt: () => question.prompt,
        secret: question.secret,
        run: async (line, options) => this.answered(await question.answer(line), options),
      };
    }
    const session = this.session;
    if (!session) return undefined;
    return {
      prompt: () => session.shell.prompt(),
      secret: session.shell.secret,
      run: (line, options) => this.inSession(session, line, options),
      complete: (line, cursor) => session.shell.complete(line, cursor),
    };
  }

  private answered(turn: Turn, options: RunOptions): RunResult {
    this.question = turn.question;
    emit(options, turn.output);
    return { output: turn.output, stdout: turn.stdout, stderr: turn.stderr, exitCode: turn.exitCode, clear: false, incomplete: false };
  }

  private async inSession(session: { host: string; shell: Shell }, line: string, options: RunOptions): Promise<RunResult> {
    const exit = EXIT.exec(line);
    if (!exit) return session.shell.run(line, options);
    this.session = undefined;
    const exitCode = exit[1] !== undefined ? Number(exit[1]) & 255 : session.shell.snapshot().lastExitCode;
    const stdout = 'logout\n';
    const stderr = `Connection to ${session.host} closed.\n`;
    emit(options, stdout + stderr);
    return { output: stdout + stderr, stdout, stderr, exitCode, clear: false, incomplete: false };
  }
}

function emit(options: RunOptions, text: string): void {
  if (!text) return;
  try {
    options.onOutput?.(text);
  } catch {
    // The page's callback failing changes nothing here.
  }
}
