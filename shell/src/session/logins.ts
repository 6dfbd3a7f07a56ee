import type { Logins } from '../commands/command.js';
import type { Account } from '../filesystem/accounts.js';
import { accountsOf } from '../filesystem/accounts.js';
import { ROOT, type Credentials, type LearnerFs } from '../filesystem/learner-fs.js';
import type { SessionState } from './session-state.js';

/** What a shell started by `su`/`sudo -i` replaced, to give back on its `exit`. */
interface Frame {
  account: Account;
  credentials: Credentials;
  login: boolean;
  cwd: string;
  oldPwd: string;
  variables: Record<string, string | undefined>;
}

/** The variables a new user's shell sets for itself. */
const USER_VARIABLES = ['HOME', 'USER', 'LOGNAME', 'SHELL'] as const;

/** A line that leaves the current shell: `exit` or `logout`, with an optional status. */
const LEAVE = /^\s*(exit|logout)(\s+\d+)?\s*;?\s*$/;

/**
 * The session's logins: the learner at the bottom, then each shell `su` or `sudo -i` started, until its `exit`. A
 * command asks (`enter`) and the shell starts the new user's shell once the line has ended, as the real one is a
 * new process that takes over the terminal. Not kept in snapshots: a resumed session starts as the learner again.
 */
export class LoginStack implements Logins {
  private readonly frames: Frame[] = [];
  private pending: { account: Account; login: boolean } | undefined;
  private account!: Account;

  constructor(private readonly fs: LearnerFs) {}

  /** The learner logs in, once the machine's accounts exist, with the groups they have then. */
  logIn(learner: Account): void {
    this.account = learner;
    this.fs.user = accountsOf(this.fs).credentialsOf(learner);
  }

  current(): Account {
    return this.account;
  }

  enter(account: Account, login: boolean): void {
    this.pending = { account, login };
  }

  /** True when `line` leaves a shell started in this session (the learner's own shell is never left). */
  leaves(line: string): boolean {
    return this.frames.length > 0 && LEAVE.test(line);
  }

  /** Starts the shell a command of the line asked for: the new user's credentials, variables and (login) home. */
  startPending(state: SessionState): void {
    const next = this.pending;
    this.pending = undefined;
    if (!next) return;
    const variables = Object.fromEntries(USER_VARIABLES.map((name) => [name, state.variables[name]]));
    this.frames.push({
      account: this.account,
      credentials: this.fs.user,
      login: next.login,
      cwd: state.cwd,
      oldPwd: state.oldPwd,
      variables,
    });
    this.account = next.account;
    this.fs.user = next.account.uid === 0 ? ROOT : accountsOf(this.fs).credentialsOf(next.account);
    Object.assign(state.variables, {
      HOME: next.account.home,
      USER: next.account.name,
      LOGNAME: next.account.name,
      SHELL: next.account.shell,
    });
    if (next.login) {
      state.oldPwd = state.cwd;
      state.cwd = this.fs.nodeAt(next.account.home)?.type === 'dir' ? next.account.home : '/';
    }
  }

  /** Leaves the current shell for the one below; what bash prints as it goes (`logout` for a login shell). */
  leave(state: SessionState): string {
    const frame = this.frames.pop()!;
    this.account = frame.account;
    this.fs.user = frame.credentials;
    for (const [name, value] of Object.entries(frame.variables)) {
      if (value === undefined) delete state.variables[name];
      else state.variables[name] = value;
    }
    state.cwd = frame.cwd;
    state.oldPwd = frame.oldPwd;
    return frame.login ? 'logout\n' : 'exit\n';
  }
}
