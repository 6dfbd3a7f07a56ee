import type { CommandRecord } from './command-line.js';
import { machineStateProblem, type MachineState } from './machine/index.js';
import { isRecord } from './json.js';
import { isScriptRunRecord, MAX_SCRIPT_RUNS, type ScriptRunRecord } from './script-runs.js';
import { entryProblem, type VfsEntry } from './vfs-entry.js';

/** Most commands a snapshot keeps (the most recent): bounds what a `ran` check reads and what is stored. */
export const MAX_RECORDED_COMMANDS = 200;
/** Most directories a snapshot keeps as visited. */
export const MAX_VISITED_DIRS = 100;

/**
 * The learner's shell state as the check engine sees it: produced by the terminal's shell (`shell/`, package `@lta/shell`),
 * stored by the module (at most 256 KiB serialised), and checked by the same code on both sides.
 * Plain JSON so that it crosses the wire and localStorage unchanged.
 */
export interface ShellSnapshot {
  /** Format version; bump on any incompatible change. */
  version: 1;
  /** Absolute current directory. */
  cwd: string;
  /** The learner's home directory, e.g. `/home/learner`. */
  home: string;
  /** Exported environment variables. */
  env: Record<string, string>;
  /** Every file, directory and symlink the learner can see, by absolute path. */
  files: Record<string, VfsEntry>;
  /** Commands as the learner typed them, oldest first. */
  history: string[];
  /** Output (stdout and stderr, in order) of the last command run. */
  lastOutput: string;
  /** Exit status of the last command run. */
  lastExitCode: number;
  /** Commands that ran, oldest first (absent in states saved before commands were recorded). */
  commands?: CommandRecord[];
  /** Directories the shell has been in after a command line, oldest first, each once. */
  visited?: string[];
  /**
   * What the learner's scripts did when the terminal tried them for `script-runs` checks (absent in states saved
   * before scripts were tried, and when the lab has no such check).
   */
  scriptRuns?: ScriptRunRecord[];
  /** The simulated machine beyond files (users, processes, services, ...), when the lab declares one. */
  machine?: MachineState;
}

/** A snapshot read from untrusted JSON, or the reason it is not one. */
export type SnapshotReading = { ok: true; snapshot: ShellSnapshot } | { ok: false; problem: string };

/**
 * Checks every field of a snapshot parsed from JSON that came from elsewhere (a client, storage), so code that
 * trusts the `ShellSnapshot` type never meets a hostile shape. The problem names the first bad field.
 */
export function readShellSnapshot(value: unknown): SnapshotReading {
  const invalid = (why: string): SnapshotReading => ({ ok: false, problem: why });
  if (!isRecord(value)) return invalid('not an object');
  if (value.version !== 1) return invalid('unsupported version');
  if (typeof value.cwd !== 'string' || !value.cwd.startsWith('/')) return invalid('cwd');
  if (typeof value.home !== 'string' || !value.home.startsWith('/')) return invalid('home');
  if (!isRecord(value.env) || !Object.values(value.env).every((v) => typeof v === 'string')) return invalid('env');
  if (!Array.isArray(value.history) || !value.history.every((h) => typeof h === 'string')) return invalid('history');
  if (typeof value.lastOutput !== 'string') return invalid('lastOutput');
  if (typeof value.lastExitCode !== 'number' || !Number.isInteger(value.lastExitCode)) return invalid('lastExitCode');
  const commands = value.commands;
  if (
    commands !== undefined &&
    (!Array.isArray(commands) || commands.length > MAX_RECORDED_COMMANDS || !commands.every(isCommandRecord))
  )
    return invalid('commands');
  const visited = value.visited;
  if (
    visited !== undefined &&
    (!Array.isArray(visited) || visited.length > MAX_VISITED_DIRS || !visited.every((v) => typeof v === 'string'))
  )
    return invalid('visited');
  const scriptRuns = value.scriptRuns;
  if (
    scriptRuns !== undefined &&
    (!Array.isArray(scriptRuns) || scriptRuns.length > MAX_SCRIPT_RUNS || !scriptRuns.every(isScriptRunRecord))
  )
    return invalid('scriptRuns');
  const machine = value.machine;
  if (machine !== undefined) {
    const problem = machineStateProblem(machine);
    if (problem) return invalid(problem);
  }
  if (!isRecord(value.files)) return invalid('files');
  for (const [path, entry] of Object.entries(value.files)) {
    const problem = entryProblem(path, entry);
    if (problem) return invalid(problem);
  }
  return {
    ok: true,
    snapshot: {
      version: 1,
      cwd: value.cwd,
      home: value.home,
      env: value.env as Record<string, string>,
      files: value.files as Record<string, VfsEntry>,
      history: value.history as string[],
      lastOutput: value.lastOutput,
      lastExitCode: value.lastExitCode,
      ...(commands ? { commands: commands as CommandRecord[] } : {}),
      ...(visited ? { visited: visited as string[] } : {}),
      ...(scriptRuns ? { scriptRuns: scriptRuns as ScriptRunRecord[] } : {}),
      ...(machine !== undefined ? { machine: machine as MachineState } : {}),
    },
  };
}

function isCommandRecord(value: unknown): value is CommandRecord {
  return (
    isRecord(value) &&
    typeof value.name === 'string' &&
    typeof value.cwd === 'string' &&
    Number.isInteger(value.status) &&
    (value.line === undefined || Number.isInteger(value.line)) &&
    (value.out === undefined || (typeof value.out === 'string' && value.out.length <= 40)) &&
    (value.into === undefined || (typeof value.into === 'string' && value.into.length <= 4096)) &&
    Array.isArray(value.args) &&
    value.args.every((arg) => typeof arg === 'string')
  );
}
