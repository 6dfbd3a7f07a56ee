/**
 * The lab format: what an author writes (as JSON or as TypeScript data) and what the terminal, the check engine
 * and the module read. Every type here is plain JSON so that a lab can travel inline in a page, by URL, or through
 * the module's catalog table unchanged. See `labs/README.md` for the documented schema and a full example.
 */

import type { GitCheck } from './git.js';
import type { GitRemoteCheck } from './git-remotes.js';
import type { LabMachine, MachineCheck } from './machine/index.js';

/** Version of this format. A lab states it in `formatVersion`; bump it on any incompatible change. */
export const LAB_FORMAT_VERSION = 1;

/** How hard a lab feels to a newcomer. */
export type Difficulty = 'beginner' | 'intermediate' | 'advanced';

/** Every difficulty, in increasing order. */
export const DIFFICULTIES: readonly Difficulty[] = ['beginner', 'intermediate', 'advanced'];

/**
 * One entry of a lab's starting filesystem. A bare string is the content of a regular file with mode `644`.
 * Modes are strings of octal digits (`"755"`, `"0600"`) because JSON has no octal numbers.
 */
export type LabFile =
  | string
  | ({ type?: 'file'; content: string; mode?: string } & LabFileOwner)
  | ({ type: 'dir'; mode?: string } & LabFileOwner)
  | ({ type: 'symlink'; target: string } & LabFileOwner);

/**
 * Who owns a lab's file, by user and group name (declare other accounts in `machine.users`). By default the learner
 * owns what is in their home and in /tmp, root owns the rest.
 */
export interface LabFileOwner {
  owner?: string;
  group?: string;
}

/**
 * A hint, shown one at a time in order: the first nudges, the last all but gives the command.
 * Learners who finish a lab without opening any hint earn the "without hints" achievements.
 */
export type Hint = string;

/** Fields every check has. */
export interface CheckBase {
  /** What the learner must achieve, in their words: shown ticked or unticked in the lab panel. */
  message: string;
  /** Pass when the condition does NOT hold (e.g. "the log no longer contains DEBUG lines"). */
  negate?: boolean;
}

/**
 * Paths in checks are absolute (`/etc/hosts`) or relative to the learner's home with `~` (`~/notes.txt`).
 * Regular expressions (`pattern`) use the safe dialect of `labs/src/regex.ts` (see the README): matching costs
 * time linear in the input whatever the pattern, because patterns are author data evaluated on the server.
 */
export type Check =
  /** Something exists at `path`; with `type`, it must be that kind (a symlink is not followed). */
  | (CheckBase & { kind: 'exists'; path: string; type?: 'file' | 'dir' | 'symlink' })
  /** Nothing exists at `path`. */
  | (CheckBase & { kind: 'absent'; path: string })
  /** The regular file at `path` contains `text` (case-sensitive substring). */
  | (CheckBase & { kind: 'file-contains'; path: string; text: string })
  /** The regular file at `path` matches `pattern`. */
  | (CheckBase & { kind: 'file-matches'; path: string; pattern: string; flags?: string })
  /** The regular file at `path` holds exactly `content` (a trailing newline counts). */
  | (CheckBase & { kind: 'file-equals'; path: string; content: string })
  /**
   * The permission bits of `path` (octal string). `match` is `exact` (default: the mode is `mode`), `includes`
   * (every bit of `mode` is set) or `excludes` (no bit of `mode` is set).
   */
  | (CheckBase & { kind: 'file-mode'; path: string; mode: string; match?: 'exact' | 'includes' | 'excludes' })
  /** The entry at `path` (followed if a symlink) belongs to user `owner` and/or group `group`. */
  | (CheckBase & { kind: 'file-owner'; path: string; owner?: string; group?: string })
  /**
   * `path` is a symlink pointing at `target`: either literally, or because both resolve (from the link's
   * directory, `~` expanded) to the same absolute path, so `ln -s notes.txt n` and `ln -s ~/notes.txt n` both pass.
   */
  | (CheckBase & { kind: 'symlink-target'; path: string; target: string })
  /** The shell's current directory is `path`. */
  | (CheckBase & { kind: 'cwd'; path: string })
  /** The exported variable `name` is set; with `value` it equals it, with `pattern` it matches it. */
  | (CheckBase & { kind: 'env'; name: string; value?: string; pattern?: string; flags?: string })
  /**
   * The learner's shell ran `command` (or one of `cat|less`) and it succeeded (exit status `status`, default 0): not a line that merely
   * mentions it (`echo grep -n`, `# grep`, `man grep`). `options` must all be given, in any spelling (`-n` also
   * accepts `--line-number` and `-in`; `-r|-R` accepts either; `-n=3` wants that value: `-n 3`, `-n3`, `--lines=3`,
   * `-3`). `operands` must all be among its arguments (paths starting with `~` or `/` compare by where they lead, so
   * `notes.txt` typed in `~` is `~/notes.txt`). `target`: a path operand leads there, or there is none and the
   * command ran in that directory (`ls` in `~` lists `~`). `oneOf`: at least one of these is among its operands
   * (`printenv PATH` or `echo $PATH`, whose operand is the value). `lastLine`: it ran in the last command line, so that an
   * `output-matches` check next to it judges that tool's output (last step only). `prints`: what it printed is this
   * text (a final newline aside), so `echo PATH` does not pass for `echo $PATH`. `into`: its output went into this file
   * (a redirection or `tee` in the same line), so a file typed in by hand does not pass for one the tool wrote.
   * Runs recorded before outputs were (states saved by an older terminal) are not judged on `prints` and `into`.
   */
  | (CheckBase & {
      kind: 'ran';
      command: string;
      options?: string[];
      operands?: string[];
      oneOf?: string[];
      target?: string;
      status?: number;
      lastLine?: boolean;
      prints?: string;
      into?: string;
    })
  /** The learner's shell has been in directory `path` (after any command line), not necessarily now. */
  | (CheckBase & { kind: 'visited'; path: string })
  /** Some command the learner typed matches `pattern`. */
  | (CheckBase & { kind: 'history-matches'; pattern: string; flags?: string })
  /** The output of the last command matches `pattern`. */
  | (CheckBase & { kind: 'output-matches'; pattern: string; flags?: string })
  /** The last command exited with `code`. */
  | (CheckBase & { kind: 'exit-code'; code: number })
  /**
   * The script at `path` behaves as `runs` say when run, as a grader would run it: the terminal tries each run on a
   * throwaway copy of the learner's machine (their files and history untouched) and records the outcome in the
   * snapshot (`scriptRuns`); the check compares that record, made from the script's current content, to the runs.
   */
  | (CheckBase & { kind: 'script-runs'; path: string; runs: ScriptRun[] })
  /**
   * The learner's git repository whose work tree is `path`, read from its `.git` in the snapshot:
   * `git-commit-count`, `git-file-committed`, `git-branch-exists`, `git-clean`, `git-merged`, `git-tag` (see
   * `labs/src/git.ts`).
   */
  | (CheckBase & GitCheck)
  /** How that repository shares work with a remote one: `git-remote`, `git-pushed`, `git-up-to-date` (`labs/src/git-remotes.ts`). */
  | (CheckBase & GitRemoteCheck)
  /** The checks of the simulated machine's parts (`labs/src/machine/`): processes, users, services, ... */
  | (CheckBase & MachineCheck);

/**
 * One try of a learner's script: started by its path (`~/check-backup.sh ARGS < STDIN`), or, with `call`, sourced
 * and that function called with the args (`source ~/toolbox.sh; backup ARGS`). Each run starts from the learner's
 * machine as it is, plus `files`.
 */
export interface ScriptRun {
  /** What this run tries, in the learner's words, e.g. "an empty dump": shown when the script gets it wrong. */
  on: string;
  /** Arguments, passed as separate words (no expansion). */
  args?: string[];
  /** Text on standard input (none when absent). */
  stdin?: string;
  /** Files placed before the run (path: content), e.g. an empty dump to test the failing branch. */
  files?: Record<string, string>;
  /** Source the script and call this function instead of running the script. */
  call?: string;
  /** Wanted exit status. */
  status?: number;
  /** Wanted standard output (a final newline aside). */
  stdout?: string;
  /** Wanted files after the run (path: content, or null for "does not exist"). */
  leaves?: Record<string, string | null>;
}

/** The name of a check kind. */
export type CheckKind = Check['kind'];

/** One step of a lab: a goal, the checks that prove it, and hints. */
export interface LabStep {
  /** Short goal, e.g. "Find the failing service". */
  title: string;
  /** What to do, told as part of the story. Plain text; `code` in backticks. */
  instructions: string;
  /** All must pass for the step to be done. At least one. */
  checks: Check[];
  /** Progressive hints, gentlest first. */
  hints: Hint[];
}

/** A lab: a small story told in a terminal, with a starting filesystem and checked steps. */
export interface Lab {
  /** Always `LAB_FORMAT_VERSION` for labs written against this format. */
  formatVersion: typeof LAB_FORMAT_VERSION;
  /** Unique, stable id: lowercase letters, digits and `-`, e.g. `nav-first-steps`. */
  id: string;
  title: string;
  /** Id of the curriculum module this lab belongs to (authors' own labs use their own module id). */
  module: string;
  /** XP earned on first completion: a positive integer, at most 1000. */
  xp: number;
  difficulty: Difficulty;
  /** The situation the learner is in and what they are asked to do. */
  story: string;
  /** Starting filesystem by path (absolute, or `~/...` under the learner's home). Parents are created as needed. */
  files: Record<string, LabFile>;
  /** Starting directory (absolute or `~`); the learner's home when absent. */
  cwd?: string;
  /** Extra exported variables at the start. */
  env?: Record<string, string>;
  /** The simulated machine the lab needs beyond its files (users, processes, services, packages, hosts, disks). */
  machine?: LabMachine;
  steps: LabStep[];
  /** What the learner can now do, told when the lab is complete: the commands and ideas to remember. Plain text; `code` in backticks. */
  recap?: string;
  /** Reference solution: commands that, typed in order from the starting state, pass every check. */
  solution: string[];
}

/** A group of labs on one topic. Module k unlocks when every lab of module k-1 is complete. */
export interface CurriculumModule {
  /** Unique, stable id, e.g. `navigation`. */
  id: string;
  title: string;
  /** One or two sentences on what the module teaches. */
  summary: string;
  labs: Lab[];
}
