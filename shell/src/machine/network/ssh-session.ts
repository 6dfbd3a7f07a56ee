import type { OtherShell } from '../../commands/command.js';
import type { RunOptions, RunResult } from '../../types.js';
import type { RemoteSession } from '../index.js';

const EXIT = /^\s*(?:exit|logout)(?:\s+(\d+))?\s*;?\s*$/;

/**
 * The login an interactive `ssh HOST` opened: from the line after it, the learner's lines, prompt and completion are
 * the host's shell's, until the `exit` that ends the login (an `exit` from a `su` shell there stays on the host).
 */
export class SshSession {
  private login: { host: string; other: OtherShell } | undefined;

  /** From the next line on, lines run on `host` until the learner leaves it. */
  enter(host: string, other: OtherShell): void {
    this.login = { host, other };
  }

  /** The host the learner is logged in to, if any. */
  get host(): string | undefined {
    return this.login?.host;
  }

  remote(): RemoteSession | undefined {
    const login = this.login;
    if (!login) return undefined;
    const { shell } = login.other;
    return {
      prompt: () => shell.prompt(),
      complete: (line, cursor) => shell.complete(line, cursor),
      run: (line, options) => this.run(login, line, options ?? {}),
    };
  }

  private async run(login: { host: string; other: OtherShell }, line: string, options: RunOptions): Promise<RunResult> {
    const exit = EXIT.exec(line);
    if (!exit || login.other.leavesInnerLogin(line)) return login.other.shell.run(line, options);
    this.login = undefined;
    const exitCode = exit[1] !== undefined ? Number(exit[1]) & 255 : login.other.shell.snapshot().lastExitCode;
    const stdout = 'logout\n';
    const stderr = `Connection to ${login.host} closed.\n`;
    try {
      options.onOutput?.(stdout + stderr);
    } catch {
      // The page's callback failing changes nothing here.
    }
    return { output: stdout + stderr, stdout, stderr, exitCode, clear: false, incomplete: false };
  }
}
