import {
  fingerprint,
  MAX_RUN_FILES,
  MAX_RUN_TEXT,
  MAX_SCRIPT_RUNS,
  resolveLabPath,
  scriptRunsOf,
  type Lab,
  type ScriptRun,
  type ScriptRunRecord,
  type ShellSnapshot,
  type VfsEntry,
} from '@lta/labs';
import { createShell } from './shell.js';
import { SCRIPT_STDIN } from '../internal-names.js';

/** Where a run's standard input waits, in the throwaway machine only. */
const STDIN_PATH = SCRIPT_STDIN;
/** A grader's patience: a script that loops forever is cut off long before a learner's own line would be. */
const TRY_LIMITS = { maxRunMs: 3000, maxLoopIterations: 50_000, maxCommands: 100_000, maxOutputBytes: 64 * 1024 };

/** A word bash reads back as itself. */
function quote(word: string): string {
  return /^[\w./~:=+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The command line a grader types for one run: the script by its path, or sourced and its function called. */
function commandLine(script: string, run: ScriptRun): string {
  const args = (run.args ?? []).map((arg) => ` ${quote(arg)}`).join('');
  const input = run.stdin === undefined ? '/dev/null' : STDIN_PATH;
  if (run.call) return `source ${quote(script)} < /dev/null > /dev/null 2>&1; ${run.call}${args} < ${input}`;
  return `${quote(script)}${args} < ${input}`;
}

/** The learner's machine as a fresh terminal in their home, plus the run's own files: nothing of theirs is touched. */
function throwawayCopy(snapshot: ShellSnapshot, run: ScriptRun): ShellSnapshot {
  const files: Record<string, VfsEntry> = { ...snapshot.files };
  for (const [path, content] of Object.entries(run.files ?? {}))
    files[resolveLabPath(path, snapshot.home)] = { type: 'file', mode: 0o644, content };
  if (run.stdin !== undefined) files[STDIN_PATH] = { type: 'file', mode: 0o644, content: run.stdin };
  const { scriptRuns: _recorded, ...rest } = snapshot;
  return {
    ...rest,
    files,
    cwd: snapshot.home,
    history: [],
    commands: [],
    visited: [],
    lastOutput: '',
    lastExitCode: 0,
  };
}

/** Runs the script once in a throwaway copy of the machine and records what it did. */
async function tryOnce(
  snapshot: ShellSnapshot,
  script: string,
  hash: string,
  key: string,
  run: ScriptRun,
): Promise<ScriptRunRecord> {
  const shell = await createShell({ snapshot: throwawayCopy(snapshot, run), limits: TRY_LIMITS });
  const result = await shell.run(commandLine(script, run));
  const record: ScriptRunRecord = {
    script,
    hash,
    run: key,
    status: result.exitCode,
    stdout: result.stdout.slice(0, MAX_RUN_TEXT),
  };
  const judged = Object.keys(run.leaves ?? {}).slice(0, MAX_RUN_FILES);
  if (judged.length > 0) {
    const after = shell.snapshot().files;
    record.files = {};
    for (const path of judged) {
      const absolute = resolveLabPath(path, snapshot.home);
      const entry = after[absolute];
      record.files[absolute] = entry?.type === 'file' ? entry.content.slice(0, MAX_RUN_TEXT) : null;
    }
  }
  return record;
}

/**
 * Tries the learner's scripts as the lab's `script-runs` checks ask, each run in its own throwaway copy of the
 * machine, and returns the snapshot with what they did (`scriptRuns`) for the check engine to judge. A run already
 * recorded in `known` for the same content of the script is not run again. A lab without such checks, or whose
 * scripts do not exist yet, gets the snapshot back unchanged.
 */
export async function tryScripts(
  lab: Lab,
  snapshot: ShellSnapshot,
  known: readonly ScriptRunRecord[] = snapshot.scriptRuns ?? [],
): Promise<ShellSnapshot> {
  const wanted = scriptRunsOf(
    lab.steps.flatMap((step) => step.checks),
    snapshot.home,
  ).slice(0, MAX_SCRIPT_RUNS);
  const records: ScriptRunRecord[] = [];
  for (const { script, run, key } of wanted) {
    const entry = snapshot.files[script];
    if (entry?.type !== 'file' || entry.encoding === 'base64') continue;
    const hash = fingerprint(entry.content);
    const same = known.find((record) => record.script === script && record.hash === hash && record.run === key);
    records.push(same ?? (await tryOnce(snapshot, script, hash, key, run)));
  }
  return records.length > 0 ? { ...snapshot, scriptRuns: records } : snapshot;
}
