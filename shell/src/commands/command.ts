import type { Command, ExecResult } from 'just-bash';
import type { LearnerFs } from '../filesystem/learner-fs.js';
import type { Shell, ShellOptions } from '../types.js';

/** A command we add to or replace in just-bash (the `Command` shape its `customCommands` option takes). */
export type LearnerCommand = Command;

/** What our commands may reach beyond just-bash's command context. */
export interface ShellServices {
  fs: LearnerFs;
  /** Commands as typed this session, oldest first. */
  history(): readonly string[];
  clearHistory(): void;
  /** The machine's name (`academy`, or the host an ssh session runs on). */
  hostname: string;
  /** Boots the shell of another machine (`ssh`'s sessions); absent on those machines, which open no further ones. */
  openShell?(options: ShellOptions): { shell: Shell; fs: LearnerFs };
}

export function ok(stdout = ''): ExecResult {
  return { stdout, stderr: '', exitCode: 0 };
}

export function fail(stderr: string, exitCode = 1, stdout = ''): ExecResult {
  return { stdout, stderr, exitCode };
}
