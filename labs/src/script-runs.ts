import { fingerprint } from './fingerprint.js';
import type { Check, ScriptRun } from './format.js';
import { isRecord } from './json.js';
import { displayPath, resolveLabPath } from './paths.js';

/** Most script runs a snapshot keeps: bounds what the module stores and re-checks. */
export const MAX_SCRIPT_RUNS = 16;
/** Most runs one `script-runs` check asks for. */
export const MAX_RUNS_PER_CHECK = 8;
/** Most characters of a run's standard output, and of each file it left, that a record keeps. */
export const MAX_RUN_TEXT = 1024;
/** Most files a record keeps of what a run left. */
export const MAX_RUN_FILES = 4;

/**
 * The outcome of one run of a learner's script, recorded by the terminal for a `script-runs` check. `hash` is the
 * fingerprint of the script's content when it ran, so a record made from an older version of the script is stale.
 */
export interface ScriptRunRecord {
  /** Absolute path of the script. */
  script: string;
  /** `fingerprint` of the script's content. */
  hash: string;
  /** `scriptRunKey` of the run: what it was given. */
  run: string;
  status: number;
  /** Standard output, at most `MAX_RUN_TEXT` characters. */
  stdout: string;
  /** The files the run is judged on as the run left them (null: absent), each at most `MAX_RUN_TEXT` characters. */
  files?: Record<string, string | null>;
}

/** What a run was given (not what it should do), so a record answers every check that gives the same. */
export function scriptRunKey(run: ScriptRun): string {
  return fingerprint(JSON.stringify([run.args ?? [], run.stdin ?? null, run.files ?? {}, run.call ?? null]));
}

/** Every script run a lab's checks ask for, with the script's absolute path, in order and each once. */
export function scriptRunsOf(
  checks: readonly Check[],
  home: string,
): { script: string; run: ScriptRun; key: string }[] {
  const wanted = new Map<string, { script: string; run: ScriptRun; key: string }>();
  for (const check of checks) {
    if (check.kind !== 'script-runs') continue;
    const script = resolveLabPath(check.path, home);
    for (const run of check.runs) {
      const key = scriptRunKey(run);
      wanted.set(`${script}\n${key}`, { script, run, key });
    }
  }
  return [...wanted.values()];
}

/** Whether a value read from untrusted JSON is a bounded `ScriptRunRecord`. */
export function isScriptRunRecord(value: unknown): value is ScriptRunRecord {
  if (!isRecord(value)) return false;
  const { script, hash, run, status, stdout, files } = value;
  const boundedText = (text: unknown) => typeof text === 'string' && text.length <= MAX_RUN_TEXT;
  const filesOk =
    files === undefined ||
    (isRecord(files) &&
      Object.keys(files).length <= MAX_RUN_FILES &&
      Object.entries(files).every(([path, text]) => path.length <= 4096 && (text === null || boundedText(text))));
  return (
    typeof script === 'string' &&
    script.length <= 4096 &&
    typeof hash === 'string' &&
    hash.length <= 40 &&
    typeof run === 'string' &&
    run.length <= 40 &&
    Number.isInteger(status) &&
    boundedText(stdout) &&
    filesOk
  );
}

/** Text as a learner reads it in a message: quoted, its final newline dropped, long text cut. */
function quoted(text: string): string {
  const shown = text.replace(/\n$/, '');
  if (shown === '') return 'nothing';
  return `"${shown.length > 80 ? `${shown.slice(0, 77)}...` : shown}"`.replace(/\n/g, '\\n');
}

/** What is wrong with one recorded run, in a beginner's words, or undefined when it did what the run wants. */
export function runMismatch(name: string, run: ScriptRun, record: ScriptRunRecord, home: string): string | undefined {
  // 126 is bash's "found but cannot execute": the script, not its logic, is what is wrong.
  if (record.status === 126 && !run.call && run.status !== 126)
    return `\`${name}\` could not be run for ${run.on}: it is not executable yet (\`chmod +x\`)`;
  const did: string[] = [];
  const should: string[] = [];
  if (run.stdout !== undefined && record.stdout.replace(/\n$/, '') !== run.stdout.replace(/\n$/, '')) {
    did.push(`printed ${quoted(record.stdout)}`);
    should.push(`print ${quoted(run.stdout)}`);
  }
  if (run.status !== undefined && record.status !== run.status) {
    did.push(`exited with status ${record.status}`);
    should.push(run.status === 0 ? 'succeed (exit status 0)' : `fail with exit status ${run.status}`);
  }
  for (const [path, content] of Object.entries(run.leaves ?? {})) {
    const left = record.files?.[resolveLabPath(path, home)];
    if (left === content) continue;
    const shown = displayPath(resolveLabPath(path, home), home);
    did.push(
      left === null || left === undefined
        ? `left no ${shown}`
        : content === null
          ? `left ${shown} behind`
          : `left ${shown} holding ${quoted(left)}`,
    );
    should.push(content === null ? `not create ${shown}` : `leave ${shown} holding ${quoted(content)}`);
  }
  if (did.length === 0) return undefined;
  const started = run.call ? `\`${run.call}\`` : `\`${name}\``;
  return `${started} ${did.join(' and ')} for ${run.on}; it should ${should.join(' and ')}`;
}
