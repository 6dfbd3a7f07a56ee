import { DIFFICULTIES, LAB_FORMAT_VERSION, type Lab, type LabStep } from './format.js';
import { LEARNER_HOME } from './paths.js';
import { GIT_CHECK_FIELDS } from './git.js';
import { GIT_REMOTE_CHECK_FIELDS } from './git-remotes.js';
import { MACHINE_CHECK_FIELDS, machinePartOf, machineProblems } from './machine/index.js';
import { Problems, type Json } from './problems.js';
import { MAX_RUN_FILES, MAX_RUN_TEXT, MAX_RUNS_PER_CHECK, MAX_SCRIPT_RUNS, scriptRunsOf } from './script-runs.js';

/** The validator's answer: the lab, typed, or every problem found, each prefixed with its JSON path. */
export type ValidationResult = { ok: true; lab: Lab } | { ok: false; problems: string[] };

/** Limits that keep a lab small enough to store, send and check inside a reducer. */
export const LAB_LIMITS = {
  titleLength: 120,
  storyLength: 4000,
  instructionsLength: 2000,
  messageLength: 200,
  hintLength: 500,
  steps: 20,
  checksPerStep: 20,
  checksPerLab: 50,
  hintsPerStep: 10,
  files: 200,
  /** Total characters of starting file contents: well under the module's 256 KiB snapshot limit. */
  filesContent: 128 * 1024,
  solutionCommands: 200,
  commandLength: 1000,
  maxXp: 1000,
} as const;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Fields of each check kind beyond `kind`, `message` and `negate`. */
const CHECK_FIELDS: Record<string, readonly string[]> = {
  exists: ['path', 'type'],
  absent: ['path'],
  'file-contains': ['path', 'text'],
  'file-matches': ['path', 'pattern', 'flags'],
  'file-equals': ['path', 'content'],
  'file-mode': ['path', 'mode', 'match'],
  'file-owner': ['path', 'owner', 'group'],
  'symlink-target': ['path', 'target'],
  cwd: ['path'],
  env: ['name', 'value', 'pattern', 'flags'],
  'history-matches': ['pattern', 'flags'],
  'output-matches': ['pattern', 'flags'],
  'exit-code': ['code'],
  ran: ['command', 'options', 'operands', 'oneOf', 'target', 'status', 'lastLine', 'prints', 'into'],
  visited: ['path'],
  'script-runs': ['path', 'runs'],
  ...GIT_CHECK_FIELDS,
  ...GIT_REMOTE_CHECK_FIELDS,
  ...MACHINE_CHECK_FIELDS,
};

const RUN_FIELDS = ['on', 'args', 'stdin', 'files', 'call', 'status', 'stdout', 'leaves'];

/** The runs of a `script-runs` check: each says what it tries and what it wants, within the snapshot's bounds. */
function validateScriptRuns(p: Problems, runs: unknown, at: string): void {
  if (!p.array(runs, at, 1, MAX_RUNS_PER_CHECK)) return;
  runs.forEach((run, i) => {
    const here = `${at}[${i}]`;
    if (!p.object(run, here)) return;
    p.known(run, here, RUN_FIELDS);
    p.text(run.on, `${here}.on`, 100);
    if (run.args !== undefined) {
      if (!Array.isArray(run.args) || run.args.length > 20)
        p.add(`${here}.args`, 'must be a list of at most 20 strings');
      else run.args.forEach((arg, j) => p.text(arg, `${here}.args[${j}]`, 1000, true));
    }
    if (run.stdin !== undefined) p.text(run.stdin, `${here}.stdin`, MAX_RUN_TEXT, true);
    if (run.stdout !== undefined) p.text(run.stdout, `${here}.stdout`, MAX_RUN_TEXT, true);
    if (run.call !== undefined && p.text(run.call, `${here}.call`, 100) && !/^[A-Za-z_][\w-]*$/.test(run.call))
      p.add(`${here}.call`, 'must be a function name such as "backup"');
    if (run.status !== undefined) p.exitStatus(run.status, `${here}.status`);
    if (run.files !== undefined) p.fileTexts(run.files, `${here}.files`, MAX_RUN_FILES, false);
    if (run.leaves !== undefined) p.fileTexts(run.leaves, `${here}.leaves`, MAX_RUN_FILES, true);
    if (run.stdout === undefined && run.status === undefined && run.leaves === undefined)
      p.add(here, 'must want something: stdout, status or leaves');
  });
}

function validateCheck(p: Problems, check: unknown, at: string): void {
  if (!p.object(check, at)) return;
  const kind = check.kind;
  const fields = typeof kind === 'string' ? CHECK_FIELDS[kind] : undefined;
  if (!fields) {
    p.add(`${at}.kind`, `must be one of: ${Object.keys(CHECK_FIELDS).join(', ')}`);
    return;
  }
  p.known(check, at, ['kind', 'message', 'negate', ...fields]);
  p.text(check.message, `${at}.message`, LAB_LIMITS.messageLength);
  p.optionalBoolean(check.negate, `${at}.negate`);
  if (fields.includes('path')) p.path(check.path, `${at}.path`);
  switch (kind) {
    case 'exists':
      p.oneOf(check.type, `${at}.type`, ['file', 'dir', 'symlink'], true);
      break;
    case 'file-contains':
      p.text(check.text, `${at}.text`, 10_000);
      break;
    case 'file-equals':
      p.text(check.content, `${at}.content`, LAB_LIMITS.filesContent, true);
      break;
    case 'file-mode':
      p.mode(check.mode, `${at}.mode`);
      p.oneOf(check.match, `${at}.match`, ['exact', 'includes', 'excludes'], true);
      break;
    case 'file-owner':
      if (check.owner === undefined && check.group === undefined) p.add(at, 'give "owner", "group" or both');
      if (check.owner !== undefined) p.accountName(check.owner, `${at}.owner`);
      if (check.group !== undefined) p.accountName(check.group, `${at}.group`);
      break;
    case 'symlink-target':
      p.text(check.target, `${at}.target`, 1000);
      break;
    case 'env':
      if (p.text(check.name, `${at}.name`, 100) && !ENV_NAME.test(check.name)) {
        p.add(`${at}.name`, 'must be a variable name such as "PROJECT_DIR"');
      }
      if (check.value !== undefined && check.pattern !== undefined) p.add(at, 'give "value" or "pattern", not both');
      if (check.value !== undefined) p.text(check.value, `${at}.value`, 10_000, true);
      if (check.pattern !== undefined || check.flags !== undefined)
        p.pattern(check.pattern, check.flags, `${at}.pattern`, `${at}.flags`);
      break;
    case 'file-matches':
    case 'history-matches':
    case 'output-matches':
      p.pattern(check.pattern, check.flags, `${at}.pattern`, `${at}.flags`);
      break;
    case 'ran':
      if (p.text(check.command, `${at}.command`, 100) && !/^[\w.+-]+(\|[\w.+-]+)*$/.test(check.command))
        p.add(
          `${at}.command`,
          'must be a command name such as "grep" (or alternatives "cat|less"), not a path or a line',
        );
      for (const field of ['options', 'operands', 'oneOf'] as const) {
        const list = check[field];
        if (list === undefined) continue;
        if (!Array.isArray(list) || list.length > 20) p.add(`${at}.${field}`, 'must be a list of at most 20 strings');
        else list.forEach((item, i) => p.text(item, `${at}.${field}[${i}]`, 200));
      }
      if (check.options !== undefined && Array.isArray(check.options)) {
        check.options.forEach((option, i) => {
          if (typeof option === 'string' && !option.split('|').every((o) => /^--?[\w-]+(=.*)?$/.test(o)))
            p.add(`${at}.options[${i}]`, 'must be spelled like "-n", "--line-number", "-r|-R" or "-n=3"');
        });
      }
      if (check.target !== undefined) p.path(check.target, `${at}.target`);
      if (check.into !== undefined) p.path(check.into, `${at}.into`);
      if (check.prints !== undefined) p.text(check.prints, `${at}.prints`, 10_000, true);
      p.optionalBoolean(check.lastLine, `${at}.lastLine`);
      if (check.status !== undefined) p.exitStatus(check.status, `${at}.status`);
      break;
    case 'script-runs':
      validateScriptRuns(p, check.runs, `${at}.runs`);
      break;
    case 'exit-code':
      p.exitStatus(check.code, `${at}.code`);
      break;
    case 'git-commit-count':
      if (typeof check.count !== 'number' || !Number.isInteger(check.count) || check.count < 1 || check.count > 1000)
        p.add(`${at}.count`, 'must be a whole number from 1 to 1000');
      if (check.branch !== undefined) p.text(check.branch, `${at}.branch`, 200);
      break;
    case 'git-file-committed':
    case 'git-pushed':
      if (p.text(check.file, `${at}.file`, 1000) && (check.file.startsWith('/') || check.file.startsWith('~')))
        p.add(`${at}.file`, 'must be relative to the repository, e.g. "notes/todo.txt"');
      if (check.content !== undefined) p.text(check.content, `${at}.content`, LAB_LIMITS.filesContent, true);
      if (check.text !== undefined) p.text(check.text, `${at}.text`, 10_000);
      // A push is always of a named branch.
      if (check.branch !== undefined || kind === 'git-pushed') p.text(check.branch, `${at}.branch`, 200);
      if (check.remote !== undefined) p.text(check.remote, `${at}.remote`, 200);
      break;
    case 'git-branch-exists':
      p.text(check.branch, `${at}.branch`, 200);
      p.optionalBoolean(check.current, `${at}.current`);
      break;
    case 'git-merged':
      p.text(check.branch, `${at}.branch`, 200);
      if (check.into !== undefined) p.text(check.into, `${at}.into`, 200);
      break;
    case 'git-tag':
      p.text(check.tag, `${at}.tag`, 200);
      if (check.branch !== undefined) p.text(check.branch, `${at}.branch`, 200);
      p.optionalBoolean(check.annotated, `${at}.annotated`);
      break;
    case 'git-remote':
      p.path(check.url, `${at}.url`);
      if (check.remote !== undefined) p.text(check.remote, `${at}.remote`, 200);
      if (check.branch !== undefined) p.text(check.branch, `${at}.branch`, 200);
      break;
    case 'git-up-to-date':
      if (check.branch !== undefined) p.text(check.branch, `${at}.branch`, 200);
      if (check.remote !== undefined) p.text(check.remote, `${at}.remote`, 200);
      break;
    default:
      machinePartOf(kind as string)?.checkProblems(check, at, p);
  }
}

function validateStep(p: Problems, step: unknown, at: string): number {
  if (!p.object(step, at)) return 0;
  p.known(step, at, ['title', 'instructions', 'checks', 'hints']);
  p.text(step.title, `${at}.title`, LAB_LIMITS.titleLength);
  p.text(step.instructions, `${at}.instructions`, LAB_LIMITS.instructionsLength);
  if (p.array(step.hints, `${at}.hints`, 0, LAB_LIMITS.hintsPerStep)) {
    step.hints.forEach((hint, i) => p.text(hint, `${at}.hints[${i}]`, LAB_LIMITS.hintLength));
  }
  if (!p.array(step.checks, `${at}.checks`, 1, LAB_LIMITS.checksPerStep)) return 0;
  step.checks.forEach((check, i) => validateCheck(p, check, `${at}.checks[${i}]`));
  return step.checks.length;
}

/**
 * A lab is complete when every check holds on one final snapshot, and that snapshot knows only the last command's
 * output and status: such checks anywhere but the last step could never all pass together.
 */
function lastCommandChecksOnlyAtTheEnd(p: Problems, step: unknown, at: string): void {
  if (typeof step !== 'object' || step === null || !Array.isArray((step as Json).checks)) return;
  ((step as Json).checks as unknown[]).forEach((check, i) => {
    const kind = (check as Json | null)?.kind;
    if (kind === 'output-matches' || kind === 'exit-code') {
      p.add(`${at}.checks[${i}].kind`, `"${kind}" reads the last command only, so it belongs in the last step`);
    }
    if (kind === 'ran' && (check as Json).lastLine === true) {
      p.add(`${at}.checks[${i}].lastLine`, 'reads the last command line only, so it belongs in the last step');
    }
  });
}

/**
 * Checks that `value` (parsed JSON or TypeScript data) is a lab this engine can run, and lists every problem
 * with its JSON path, e.g. `steps[2].checks[0].path: must be absolute or start with ~/`. Never throws.
 */
export function validateLab(value: unknown): ValidationResult {
  const p = new Problems();
  if (!p.object(value, 'lab')) return { ok: false, problems: p.list };
  p.known(value, '', [
    'formatVersion',
    'id',
    'title',
    'module',
    'xp',
    'difficulty',
    'story',
    'files',
    'cwd',
    'env',
    'machine',
    'steps',
    'recap',
    'solution',
  ]);
  if (value.formatVersion !== LAB_FORMAT_VERSION) {
    p.add('formatVersion', `must be ${LAB_FORMAT_VERSION} (this engine reads lab format ${LAB_FORMAT_VERSION})`);
  }
  p.id(value.id, 'id');
  p.text(value.title, 'title', LAB_LIMITS.titleLength);
  p.id(value.module, 'module');
  if (!Number.isInteger(value.xp) || (value.xp as number) < 1 || (value.xp as number) > LAB_LIMITS.maxXp) {
    p.add('xp', `must be a whole number from 1 to ${LAB_LIMITS.maxXp}`);
  }
  p.oneOf(value.difficulty, 'difficulty', DIFFICULTIES);
  p.text(value.story, 'story', LAB_LIMITS.storyLength);
  p.labFiles(value.files, 'files', LAB_LIMITS.files, LAB_LIMITS.filesContent);
  if (value.cwd !== undefined) p.path(value.cwd, 'cwd');
  if (value.env !== undefined && p.object(value.env, 'env')) {
    for (const [name, v] of Object.entries(value.env)) {
      if (!ENV_NAME.test(name)) p.add(`env.${name}`, 'is not a valid variable name');
      p.text(v, `env.${name}`, 10_000, true);
    }
  }
  if (value.machine !== undefined) machineProblems(value.machine, p);
  if (value.recap !== undefined) p.text(value.recap, 'recap', LAB_LIMITS.storyLength);
  if (p.array(value.steps, 'steps', 1, LAB_LIMITS.steps)) {
    const steps = value.steps;
    const checks = steps.reduce<number>((sum, step, i) => sum + validateStep(p, step, `steps[${i}]`), 0);
    if (checks > LAB_LIMITS.checksPerLab)
      p.add('steps', `have ${checks} checks in all; the limit is ${LAB_LIMITS.checksPerLab}`);
    steps.slice(0, -1).forEach((step, i) => lastCommandChecksOnlyAtTheEnd(p, step, `steps[${i}]`));
    // The terminal records at most this many runs: a run beyond them could never pass.
    const runs =
      p.list.length === 0
        ? scriptRunsOf(
            (steps as LabStep[]).flatMap((step) => step.checks),
            LEARNER_HOME,
          ).length
        : 0;
    if (runs > MAX_SCRIPT_RUNS)
      p.add('steps', `ask for ${runs} different script runs in all; the limit is ${MAX_SCRIPT_RUNS}`);
  }
  if (p.array(value.solution, 'solution', 1, LAB_LIMITS.solutionCommands)) {
    value.solution.forEach((command, i) => p.text(command, `solution[${i}]`, LAB_LIMITS.commandLength));
  }
  return p.list.length === 0 ? { ok: true, lab: value as unknown as Lab } : { ok: false, problems: p.list };
}

/** Parses a lab from JSON text (an inline `<script type="application/json">` or a `lab-src` response) and validates it. */
export function parseLab(json: string): ValidationResult {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return { ok: false, problems: [`lab: not valid JSON (${error instanceof Error ? error.message : 'parse error'})`] };
  }
  return validateLab(value);
}
