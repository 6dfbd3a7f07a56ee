import type { Command, ExecResult } from 'just-bash';
import type { LearnerFs } from '../filesystem/learner-fs.js';
import type { Account } from '../filesystem/accounts.js';
import type { FullScreenProgram, Question, Shell, ShellOptions } from '../types.js';
import type { MachineClock } from '../machine/clock.js';

/** A command we add to or replace in just-bash (the `Command` shape its `customCommands` option takes). */
export type LearnerCommand = Command;

/** What our commands may reach beyond just-bash's command context. */
export interface ShellServices {
  fs: LearnerFs;
  /** Commands as typed this session, oldest first. */
  history(): readonly string[];
  clearHistory(): void;
  /**
   * Asks the person at the terminal (a password), as a program reading /dev/tty does: the answer, or null when they
   * pressed Ctrl-C. Undefined while the running line has no terminal (the caller gave no `RunOptions.ask`).
   */
  ask: ((question: Question) => Promise<string | null>) | undefined;
  /**
   * Runs a full-screen program (an editor) on the terminal until it quits (`RunOptions.fullScreen`). Undefined while
   * the running line has no terminal screen: the editors then behave as with input that is not a terminal.
   */
  fullScreen: ((program: FullScreenProgram) => Promise<void>) | undefined;
  /**
   * Milliseconds of real time the running line has left (`ShellLimits.maxRunMs`, not counting the time the person
   * at the terminal takes to answer or spends in a full-screen program): what `fg` and `wait` may wait.
   */
  timeLeft(): number;
  /** Who the session is logged in as, and the login shells (`su`, `sudo -i`) started in it. */
  logins: Logins;
  /** The machine's clock: real time, or a test's. */
  clock: MachineClock;
  /** The machine's name (`academy`, or the host an ssh session runs on). */
  hostname: string;
  /** Boots the shell of another machine (`ssh`'s sessions); absent on those machines, which open no further ones. */
  openShell?(options: ShellOptions): OtherShell;
}

/** Another machine's shell, booted for `ssh`, with what the network needs of it beyond the `Shell`. */
export interface OtherShell {
  shell: Shell;
  fs: LearnerFs;
  /** True when `line` leaves a shell `su` started there (not the login itself, which ssh ends). */
  leavesInnerLogin(line: string): boolean;
}

/** The session's stack of logins: the learner at the bottom, then each `su`/`sudo -i` until its `exit`. */
export interface Logins {
  /** The account the shell runs as now. */
  current(): Account;
  /**
   * Starts a shell as `account` once the line ends: a login shell (`su -`, `sudo -i`) starts in its home with a
   * fresh environment; `su USER` keeps the directory. Its `exit` returns to the shell before.
   */
  enter(account: Account, login: boolean): void;
}

export function ok(stdout = ''): ExecResult {
  return { stdout, stderr: '', exitCode: 0 };
}

export function fail(stderr: string, exitCode = 1, stdout = ''): ExecResult {
  return { stdout, stderr, exitCode };
}
