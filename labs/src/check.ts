import { hasOption, parseArgs, printed, recordsFromHistory, shownCommand, type CommandRecord } from './command-line.js';
import type { Check, Lab, LabStep } from './format.js';
import { lineCount, unifiedDiff } from './line-diff.js';
import { formatMode, parseMode } from './modes.js';
import { displayPath, normalizePath, parentOf, resolveLabPath } from './paths.js';
import { compileSafeRegex, type CompileResult } from './regex.js';
import { fingerprint } from './fingerprint.js';
import { runMismatch, scriptRunKey } from './script-runs.js';
import { gitFinding } from './git.js';
import { gitRemoteFinding } from './git-remotes.js';
import { machinePartOf } from './machine/index.js';
import type { ShellSnapshot } from './snapshot.js';
import { ownerOf, type VfsEntry } from './vfs-entry.js';

/**
 * Most text a pattern is run against, per check: a file's first 64 KiB, the last 64 KiB of output, the most
 * recent commands up to 64 KiB. With the pattern limits of `regex.ts` this bounds a check's cost on the server.
 */
export const MAX_MATCHED_TEXT = 64 * 1024;
/** Symlinks followed while resolving one path before giving up (Linux's own limit is 40). */
const MAX_SYMLINK_HOPS = 40;

/** The outcome of one check, for the lab panel and the module. */
export interface CheckResult {
  check: Check;
  passed: boolean;
  /** The check's own learner-facing message. */
  message: string;
  /** When failed: what the engine saw instead, e.g. `~/notes.txt does not exist`. */
  reason?: string;
  /** When a content check failed: a unified diff from the wanted text to the file's (`-` missing, `+` extra). */
  diff?: string;
}

/** The outcome of one step: passed when every check passed. */
export interface StepResult {
  title: string;
  passed: boolean;
  checks: CheckResult[];
}

/** The outcome of a whole lab. */
export interface LabResult {
  passed: boolean;
  steps: StepResult[];
  /** Index of the first step not yet passed; `steps.length` when all passed. */
  currentStep: number;
}

/** What an evaluator found: whether the condition holds, described either way. */
interface Finding {
  holds: boolean;
  saw: string;
  diff?: string;
}

type Lookup = { path: string; entry: VfsEntry | undefined };

/**
 * Finds the entry at an absolute path, following symlinks in directory components and, with `followLast`, in the
 * last one too (as `cat` does; `ls -ld` and `readlink` do not).
 */
function lookup(files: ShellSnapshot['files'], path: string, followLast: boolean): Lookup {
  let current = normalizePath(path);
  for (let hops = 0; hops <= MAX_SYMLINK_HOPS; hops++) {
    const parts = current.split('/').filter(Boolean);
    let resolved = '';
    let redirected = false;
    for (let i = 0; i < parts.length; i++) {
      const prefix = `${resolved}/${parts[i]}`;
      const entry = files[prefix];
      const isLast = i === parts.length - 1;
      if (entry?.type === 'symlink' && (!isLast || followLast)) {
        const base = entry.target.startsWith('/') ? entry.target : `${parentOf(prefix)}/${entry.target}`;
        current = normalizePath([base, ...parts.slice(i + 1)].join('/'));
        redirected = true;
        break;
      }
      resolved = prefix;
    }
    if (!redirected) return { path: current, entry: current === '/' ? { type: 'dir', mode: 0o755 } : files[current] };
  }
  return { path: current, entry: undefined }; // a symlink loop: nothing is there
}

function describeType(entry: VfsEntry): string {
  return entry.type === 'dir' ? 'a directory' : entry.type === 'symlink' ? 'a symlink' : 'a file';
}

/** The text of a regular file at `shown`, or a finding saying why there is none. */
function readText(snapshot: ShellSnapshot, path: string, shown: string): { text: string } | Finding {
  const { entry } = lookup(snapshot.files, path, true);
  if (!entry) return { holds: false, saw: `${shown} does not exist` };
  if (entry.type !== 'file') return { holds: false, saw: `${shown} is ${describeType(entry)}, not a file` };
  if (entry.encoding === 'base64') return { holds: false, saw: `${shown} is a binary file` };
  return { text: entry.content };
}

/** Compiled patterns by flags and source: a lab's patterns are compiled once, not on every evaluation. */
const compiledPatterns = new Map<string, CompileResult>();
const MAX_CACHED_PATTERNS = 512;

function compile(pattern: string, flags: string | undefined): CompileResult {
  const key = `${flags ?? ''}/${pattern}`;
  let compiled = compiledPatterns.get(key);
  if (!compiled) {
    if (compiledPatterns.size >= MAX_CACHED_PATTERNS) compiledPatterns.clear();
    compiled = compileSafeRegex(pattern, flags ?? '');
    compiledPatterns.set(key, compiled);
  }
  return compiled;
}

/**
 * Searches each text for the pattern and describes the outcome, or why there is none: the lab's own pattern is
 * broken (labs from a URL may skip validation), or the search hit the step budget.
 */
function patternFinding(
  pattern: string,
  flags: string | undefined,
  texts: readonly string[],
  yes: string,
  no: string,
): Finding {
  const compiled = compile(pattern, flags);
  if (!compiled.ok) return { holds: false, saw: `the lab's pattern /${pattern}/ is invalid: ${compiled.problem}` };
  for (const text of texts) {
    const outcome = compiled.regex.search(text);
    if (outcome === 'match') return { holds: true, saw: yes };
    if (outcome === 'too costly')
      return { holds: false, saw: `the pattern /${pattern}/ needs too much work on this text to check` };
  }
  return { holds: false, saw: no };
}

/** The most recent commands, newest first, up to `MAX_MATCHED_TEXT` characters in all. */
function recentCommands(history: readonly string[]): string[] {
  const commands: string[] = [];
  let budget = MAX_MATCHED_TEXT;
  for (let i = history.length - 1; i >= 0 && budget > 0; i--) {
    const command = history[i]!.slice(0, budget);
    commands.push(command);
    budget -= command.length + 1;
  }
  return commands;
}

/** The first line of a text, shortened, to show a learner what a file starts with. */
function firstLine(text: string): string {
  if (text === '') return 'it is empty';
  const line = text.split('\n', 1)[0]!;
  return `its first line is "${line.length > 60 ? `${line.slice(0, 57)}...` : line}"`;
}

type RanCheck = Extract<Check, { kind: 'ran' }>;

/** What is missing from one run of the command for the check, or undefined when it is what the check wants. */
function ranMismatch(check: RanCheck, record: CommandRecord, home: string): string | undefined {
  const parsed = parseArgs(record.name, record.args);
  const missing = (check.options ?? []).find((option) => !hasOption(record.name, parsed, option));
  if (missing !== undefined) return `without ${missing.split('|').join(' or ').replace(/=/g, ' ')}`;
  const at = (word: string) => (word.startsWith('/') ? normalizePath(word) : normalizePath(`${record.cwd}/${word}`));
  const isPath = (word: string) => word.startsWith('/') || word === '~' || word.startsWith('~/');
  const given = (operand: string) =>
    isPath(operand)
      ? parsed.operands.some((word) => at(word) === resolveLabPath(operand, home))
      : parsed.operands.includes(operand);
  const absent = (check.operands ?? []).find((operand) => !given(operand));
  if (absent !== undefined) return `not on ${absent}`;
  if (check.oneOf && !check.oneOf.some(given)) return `not on ${check.oneOf.join(' or ')}`;
  if (check.target !== undefined) {
    const target = resolveLabPath(check.target, home);
    const paths = parsed.operands.filter((given) => !given.startsWith('-'));
    const reached =
      paths.length === 0 ? normalizePath(record.cwd) === target : paths.some((given) => at(given) === target);
    if (!reached) return `not on ${check.target}`;
  }
  const wanted = check.status ?? 0;
  if (record.status !== wanted) return `but it failed (exit status ${record.status})`;
  // A run recorded before outputs were is not judged on them.
  if (record.out === undefined) return undefined;
  if (check.prints !== undefined && record.out !== printed(check.prints)) return 'but it printed something else';
  if (check.into !== undefined && record.into !== resolveLabPath(check.into, home))
    return `but its output did not go into ${check.into}`;
  return undefined;
}

/** Whether the command ran as the check wants; else what the learner's latest try of it lacked. */
function ranFinding(check: RanCheck, snapshot: ShellSnapshot): Finding {
  const names = check.command.split('|');
  const lastLine = snapshot.history.length - 1;
  const records = snapshot.commands ?? recordsFromHistory(snapshot.history, snapshot.home);
  const runs = records.filter((record) => names.includes(record.name) && (!check.lastLine || record.line === lastLine));
  let latest: string | undefined;
  for (let i = runs.length - 1; i >= 0; i--) {
    const mismatch = ranMismatch(check, runs[i]!, snapshot.home);
    if (mismatch === undefined) return { holds: true, saw: `you ran \`${shownCommand(runs[i]!, snapshot.home)}\`` };
    latest ??= `you ran \`${shownCommand(runs[i]!, snapshot.home)}\`, ${mismatch}`;
  }
  const tools = names.map((name) => `\`${name}\``).join(' or ');
  return {
    holds: false,
    saw: latest ?? (check.lastLine ? `your last command line did not run ${tools}` : `you have not run ${tools} yet`),
  };
}

type ScriptRunsCheck = Extract<Check, { kind: 'script-runs' }>;

/**
 * Whether the terminal's recorded runs of the script, made from its current content, each did what the check wants;
 * else the first run that did not, or that was not recorded for this version of the script.
 */
function scriptRunsFinding(check: ScriptRunsCheck, snapshot: ShellSnapshot, path: string, shown: string): Finding {
  const read = readText(snapshot, path, shown);
  if (!('text' in read)) return read;
  const hash = fingerprint(read.text);
  const name = shown.slice(shown.lastIndexOf('/') + 1);
  for (const run of check.runs) {
    const key = scriptRunKey(run);
    const record = snapshot.scriptRuns?.find((r) => r.script === path && r.run === key && r.hash === hash);
    if (!record) return { holds: false, saw: `\`${name}\` has not been tried on ${run.on} since it last changed` };
    const mismatch = runMismatch(name, run, record, snapshot.home);
    if (mismatch !== undefined) return { holds: false, saw: mismatch };
  }
  return { holds: true, saw: `\`${name}\` did the right thing on each try` };
}

function evaluate(check: Check, snapshot: ShellSnapshot): Finding {
  const home = snapshot.home;
  const path = 'path' in check ? resolveLabPath(check.path, home) : '';
  const shown = displayPath(path, home);
  switch (check.kind) {
    case 'exists': {
      const { entry } = lookup(snapshot.files, path, check.type !== 'symlink');
      if (!entry) return { holds: false, saw: `${shown} does not exist` };
      const holds = !check.type || entry.type === check.type;
      return { holds, saw: `${shown} is ${describeType(entry)}` };
    }
    case 'absent': {
      const { entry } = lookup(snapshot.files, path, false);
      return entry ? { holds: false, saw: `${shown} still exists` } : { holds: true, saw: `${shown} does not exist` };
    }
    case 'file-contains': {
      const read = readText(snapshot, path, shown);
      if (!('text' in read)) return read;
      const holds = read.text.includes(check.text);
      return { holds, saw: `${shown} ${holds ? 'contains' : 'does not contain'} "${check.text}"` };
    }
    case 'file-matches': {
      const read = readText(snapshot, path, shown);
      if (!('text' in read)) return read;
      const text = read.text.slice(0, MAX_MATCHED_TEXT);
      return patternFinding(
        check.pattern,
        check.flags,
        [text],
        `${shown} has the expected text`,
        `${shown} does not have the expected text yet (${firstLine(text)})`,
      );
    }
    case 'file-equals': {
      const read = readText(snapshot, path, shown);
      if (!('text' in read)) return read;
      if (read.text === check.content) return { holds: true, saw: `${shown} has the expected content` };
      const diff = unifiedDiff(check.content, read.text.slice(0, MAX_MATCHED_TEXT));
      const counts =
        lineCount(read.text) === lineCount(check.content)
          ? `some of its lines differ`
          : `it has ${lineCount(read.text)}; the step wants ${lineCount(check.content)}`;
      return { holds: false, saw: `${shown} is not what the step wants yet: ${counts}`, ...(diff ? { diff } : {}) };
    }
    case 'file-mode': {
      const { entry } = lookup(snapshot.files, path, true);
      const wanted = parseMode(check.mode);
      if (!entry) return { holds: false, saw: `${shown} does not exist` };
      if (wanted === undefined) return { holds: false, saw: `the lab's mode "${check.mode}" is not octal` };
      const mode = entry.mode & 0o7777;
      const match = check.match ?? 'exact';
      const holds =
        match === 'exact' ? mode === wanted : match === 'includes' ? (mode & wanted) === wanted : (mode & wanted) === 0;
      return { holds, saw: `${shown} has mode ${formatMode(mode)}` };
    }
    case 'file-owner': {
      const { entry } = lookup(snapshot.files, path, true);
      if (!entry) return { holds: false, saw: `${shown} does not exist` };
      const { owner, group } = ownerOf(entry, path, home);
      const holds =
        (check.owner === undefined || owner === check.owner) && (check.group === undefined || group === check.group);
      return { holds, saw: `${shown} belongs to ${owner}, group ${group}` };
    }
    case 'symlink-target': {
      const entry = lookup(snapshot.files, path, false).entry;
      if (!entry) return { holds: false, saw: `${shown} does not exist` };
      if (entry.type !== 'symlink') return { holds: false, saw: `${shown} is ${describeType(entry)}, not a symlink` };
      const from = (target: string) =>
        target.startsWith('/') || target === '~' || target.startsWith('~/')
          ? resolveLabPath(target, home)
          : normalizePath(`${parentOf(path)}/${target}`);
      const holds = entry.target === check.target || from(entry.target) === from(check.target);
      return { holds, saw: `${shown} points to ${entry.target}` };
    }
    case 'cwd': {
      const holds = normalizePath(snapshot.cwd) === path;
      return { holds, saw: `the current directory is ${displayPath(snapshot.cwd, home)}` };
    }
    case 'env': {
      const value = snapshot.env[check.name];
      if (value === undefined) return { holds: false, saw: `$${check.name} is not set` };
      if (check.value !== undefined) return { holds: value === check.value, saw: `$${check.name} is "${value}"` };
      if (check.pattern !== undefined) {
        const saw = `$${check.name} is "${value}"`;
        return patternFinding(check.pattern, check.flags, [value.slice(0, MAX_MATCHED_TEXT)], saw, saw);
      }
      return { holds: true, saw: `$${check.name} is set` };
    }
    case 'history-matches': {
      const commands = recentCommands(snapshot.history);
      return patternFinding(
        check.pattern,
        check.flags,
        commands,
        'you ran a matching command',
        'none of the commands you typed does this yet',
      );
    }
    case 'output-matches': {
      const output = snapshot.lastOutput.slice(-MAX_MATCHED_TEXT);
      return patternFinding(
        check.pattern,
        check.flags,
        [output],
        'the last output is what the step wants',
        "the last command's output is not what the step wants",
      );
    }
    case 'ran':
      return ranFinding(check, snapshot);
    case 'visited': {
      const been =
        normalizePath(snapshot.cwd) === path || (snapshot.visited ?? []).some((dir) => normalizePath(dir) === path);
      return { holds: been, saw: been ? `you have been in ${shown}` : `you have not been in ${shown} yet` };
    }
    case 'exit-code': {
      const holds = snapshot.lastExitCode === check.code;
      return { holds, saw: `the last command exited with status ${snapshot.lastExitCode}` };
    }
    case 'script-runs':
      return scriptRunsFinding(check, snapshot, path, shown);
    case 'git-commit-count':
    case 'git-file-committed':
    case 'git-branch-exists':
    case 'git-clean':
    case 'git-merged':
    case 'git-tag':
      return gitFinding(check, snapshot.files, path, shown);
    case 'git-remote':
    case 'git-pushed':
    case 'git-up-to-date':
      return gitRemoteFinding(check, snapshot.files, path, shown, home);
    default: {
      // The machine's parts own the remaining kinds (an unknown kind only comes from unvalidated data).
      const other = check as unknown as Record<string, unknown> & { kind: string };
      const part = machinePartOf(other.kind);
      if (part) return part.evaluate(other, snapshot.machine?.[part.key], snapshot);
      return { holds: false, saw: `unknown check kind "${other.kind}"` };
    }
  }
}

/** Evaluates one check on a snapshot. Never throws, whatever the lab or the snapshot holds. */
export function evaluateCheck(check: Check, snapshot: ShellSnapshot): CheckResult {
  let finding: Finding;
  try {
    finding = evaluate(check, snapshot);
  } catch (error) {
    // Only a malformed snapshot or lab gets here (e.g. a field of the wrong type from an unvalidated source).
    const why = error instanceof Error ? error.message : 'bad data';
    return { check, passed: false, message: check.message, reason: `this check could not be evaluated (${why})` };
  }
  const passed = check.negate ? !finding.holds : finding.holds;
  if (passed) return { check, passed, message: check.message };
  return {
    check,
    passed,
    message: check.message,
    reason: finding.saw,
    ...(finding.diff && !check.negate ? { diff: finding.diff } : {}),
  };
}

/** Evaluates every check of a step. */
export function checkStep(step: LabStep, snapshot: ShellSnapshot): StepResult {
  const checks = step.checks.map((check) => evaluateCheck(check, snapshot));
  return { title: step.title, passed: checks.every((c) => c.passed), checks };
}

/** Evaluates every step of a lab. Steps are independent: a later step may pass before an earlier one. */
export function checkLab(lab: Lab, snapshot: ShellSnapshot): LabResult {
  const steps = lab.steps.map((step) => checkStep(step, snapshot));
  const firstOpen = steps.findIndex((s) => !s.passed);
  return { passed: firstOpen === -1, steps, currentStep: firstOpen === -1 ? steps.length : firstOpen };
}

/** True when every check of every step passes on `snapshot`: what the module verifies before awarding XP. */
export function isLabComplete(lab: Lab, snapshot: ShellSnapshot): boolean {
  return lab.steps.every((step) => step.checks.every((check) => evaluateCheck(check, snapshot).passed));
}
