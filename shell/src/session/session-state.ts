import {
  byPath,
  CAPTURE_COMMAND,
  LINE_START,
  OWN_VARIABLE_PREFIX,
  STDERR_TO_STDOUT_MARKER,
  TERMINAL_MARKER,
} from '../internal-names.js';
/**
 * What a terminal session remembers between command lines. just-bash resets cwd, variables, functions and
 * options on every `exec()`, so each line runs as: a prelude that restores this state, the learner's line, and an
 * epilogue that captures it again (see `captureCommand`).
 */
export interface SessionState {
  cwd: string;
  oldPwd: string;
  /** Shell variables (exported or not), by name. */
  variables: Record<string, string>;
  /** Names of exported variables. */
  exported: string[];
  aliases: Record<string, string>;
  /** Function definitions as bash source, by name. */
  functions: Record<string, string>;
  /** Indexed arrays as `name=([0]="..." ...)` lines. */
  arrays: string[];
  /** Associative arrays, kept as data: just-bash cannot read back its own `declare -A name=(...)` quoting. */
  assoc: AssocArray[];
  /** `set -o` options that are on, e.g. `errexit`. */
  options: string[];
  /** `shopt` options that are on, e.g. `nullglob`. */
  shopts: string[];
  /** Positional parameters (`set -- a b` makes `$1` a, `$#` 2). */
  positional: string[];
  lastExitCode: number;
}

/** An associative array's name and its entries (key, value) in `${!name[@]}` order. */
export interface AssocArray {
  name: string;
  entries: [string, string][];
}

/** Variables the shell manages itself: never restored from a previous line. */
const MANAGED = new Set([
  'PWD',
  'OLDPWD',
  'SHELLOPTS',
  'BASHOPTS',
  'PIPESTATUS',
  'BASH_REMATCH',
  'RANDOM',
  'LINENO',
  'SECONDS',
  '_',
  TERMINAL_MARKER,
  STDERR_TO_STDOUT_MARKER,
]);
const ALIAS_PREFIX = 'BASH_ALIAS_';
/** Options a learner may turn on that change later lines. */
const KEPT_OPTIONS = new Set([
  'errexit',
  'nounset',
  'pipefail',
  'xtrace',
  'noglob',
  'noclobber',
  'allexport',
  'verbose',
]);
const KEPT_SHOPTS = new Set(['nullglob', 'dotglob', 'extglob', 'globstar', 'nocaseglob', 'nocasematch', 'failglob']);

/** Called by path, so that a learner's `PATH=...` cannot hide it. */
const CAPTURE_PATH = byPath(CAPTURE_COMMAND);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Prefix of the variables that carry associative arrays' keys and values into a line's prelude. */
const CARRIER = OWN_VARIABLE_PREFIX;

/**
 * How one `exec()` starts from `state`: variables and aliases (just-bash keeps an alias as the variable
 * `BASH_ALIAS_name`) go in as its environment, the rest as a short bash prelude. Few statements, because each
 * costs time on every line the learner types.
 */
export function startOf(state: SessionState): { env: Record<string, string>; prelude: string } {
  // PWD too: without it just-bash names the directory by its physical path, not the symlink `cd` went through.
  const env: Record<string, string> = { ...state.variables, PWD: state.cwd, OLDPWD: state.oldPwd };
  for (const [name, value] of Object.entries(state.aliases)) env[ALIAS_PREFIX + name] = value;
  const lines = [`shopt -s expand_aliases${state.shopts.map((option) => ` ${option}`).join('')}`];
  lines.push(...Object.values(state.functions), ...state.arrays);
  // Keys and values travel as variables, which just-bash reads back exactly whatever they hold, then go away.
  const carriers: string[] = [];
  for (const { name, entries } of state.assoc) {
    lines.push(`declare -A ${name}`);
    for (const [key, value] of entries) {
      const n = carriers.length;
      env[`${CARRIER}k${n}`] = key;
      env[`${CARRIER}v${n}`] = value;
      lines.push(`${name}["$${CARRIER}k${n}"]="$${CARRIER}v${n}"`);
      carriers.push(`${CARRIER}k${n}`, `${CARRIER}v${n}`);
    }
  }
  if (state.positional.length > 0) {
    const words = state.positional.map((value, index) => {
      env[`${CARRIER}p${index}`] = value;
      carriers.push(`${CARRIER}p${index}`);
      return ` "$${CARRIER}p${index}"`;
    });
    lines.push(`set --${words.join('')}`);
  }
  if (carriers.length > 0) lines.push(`unset ${carriers.join(' ')}`);
  if (state.exported.length > 0) lines.push(`export ${state.exported.join(' ')}`);
  if (state.options.length > 0) lines.push(`set${state.options.map((option) => ` -o ${option}`).join('')}`);
  // Restores `$?`; under errexit a failing status would end the line before it starts.
  if (state.lastExitCode !== 0 && !state.options.includes('errexit'))
    lines.push(`${CAPTURE_PATH} --status ${state.lastExitCode}`);
  lines.push(`: ${LINE_START}`);
  return { env, prelude: lines.join('\n') };
}

/**
 * Bash source run after the learner's line: hands `$?`, and when they may exist `declare -F` (functions),
 * `declare -p -a` and `declare -p -A` (arrays), to `CAPTURE_COMMAND`, which reads cwd, variables and options
 * (`SHELLOPTS`, `BASHOPTS`) from its context. Listing only what may exist keeps a plain line cheap.
 */
export function epilogue(functionsMayExist: boolean, arraysMayExist: boolean): string {
  // A listing not asked for is left out rather than passed empty: each word costs its expansion.
  if (arraysMayExist)
    return `${CAPTURE_PATH} "$?" ${functionsMayExist ? '"$(declare -F)"' : "''"} "$(declare -p -a)" "$(declare -p -A)"`;
  return functionsMayExist ? `${CAPTURE_PATH} "$?" "$(declare -F)"` : `${CAPTURE_PATH} "$?"`;
}

/** `set -x` lines of the listings the epilogue takes (`+ declare -F`). */
const EPILOGUE_TRACE = /^\++ declare -(?:F|p -[aA])\n/gm;

/**
 * What the line wrote outside the terminal's devices (`RunResult` of just-bash, where the epilogue's traces land)
 * without the epilogue's own `set -x` lines.
 */
export function withoutEpilogueTraces(stderr: string): string {
  return stderr.includes('declare -') ? stderr.replace(EPILOGUE_TRACE, '') : stderr;
}

/** Whether a line may create an array, indexed or associative. */
export function mayDefineArrays(line: string): boolean {
  return /\w=\(|\b(declare|local|typeset)\s+-\w*[aA]|\bread\s+(-\w+\s+)*-\w*a|\b(mapfile|readarray)\b/.test(line);
}

/** Arrays the shell manages itself. */
const MANAGED_ARRAYS = /^declare -a (PIPESTATUS|BASH_\w+|FUNCNAME|GROUPS|DIRSTACK)=/;

/** What the epilogue's command sees. */
export interface Captured {
  exitCode: number;
  cwd: string;
  env: Map<string, string>;
  exported: Set<string>;
  /** `declare -F` output (empty when no function can exist). */
  functionList: string;
  /** `declare -p -a` output (empty when no array can exist). */
  arrayList: string;
  /** `declare -p -A` output (empty when no array can exist). */
  assocList: string;
  /** Associative arrays known without a listing (the line ended early and kept the previous ones). */
  assoc?: AssocArray[];
}

/** The next session state from what the epilogue captured plus the functions the line defined. */
export function stateFrom(captured: Captured, previous: SessionState, defined: Record<string, string>): SessionState {
  const variables: Record<string, string> = {};
  const aliases: Record<string, string> = {};
  for (const [name, value] of captured.env) {
    if (name.startsWith(ALIAS_PREFIX)) aliases[name.slice(ALIAS_PREFIX.length)] = value;
    else if (IDENTIFIER.test(name) && !MANAGED.has(name) && !name.startsWith(CARRIER)) variables[name] = value;
  }
  const functionNames = new Set(
    captured.functionList
      .split('\n')
      .map((line) => line.replace(/^declare -f /, '').trim())
      .filter(Boolean),
  );
  const functions: Record<string, string> = {};
  for (const name of functionNames) {
    const source = defined[name] ?? previous.functions[name];
    if (source) functions[name] = source;
  }
  return {
    cwd: captured.cwd,
    oldPwd: captured.env.get('OLDPWD') ?? previous.oldPwd,
    variables,
    exported: [...captured.exported].filter((name) => name in variables),
    aliases,
    functions,
    // Kept as `name=(...)`: just-bash misreads quoted elements in `declare -a name=(...)`.
    arrays: captured.arrayList
      .split('\n')
      .filter((line) => line.startsWith('declare -a ') && !MANAGED_ARRAYS.test(line))
      .map((line) => line.slice('declare -a '.length)),
    assoc:
      captured.assoc ??
      captured.assocList.split('\n').flatMap((line) => {
        const parsed = parseAssoc(line);
        return parsed ? [parsed] : [];
      }),
    options: onOptions(captured.env.get('SHELLOPTS'), KEPT_OPTIONS),
    shopts: onOptions(captured.env.get('BASHOPTS'), KEPT_SHOPTS),
    positional: positionalOf(captured.env),
    lastExitCode: captured.exitCode,
  };
}

/** `$1` to `$N` (N is `$#`) as the line left them. */
function positionalOf(env: Map<string, string>): string[] {
  const count = Number(env.get('#') ?? 0);
  return Array.from({ length: count }, (_, index) => env.get(String(index + 1)) ?? '');
}

/** The same parameters as the variables `positionalOf` reads, for a line that ended before handing its own back. */
export function positionalEnv(positional: string[]): [string, string][] {
  return [
    ['#', String(positional.length)],
    ...positional.map((value, index): [string, string] => [String(index + 1), value]),
  ];
}

/** The kept options that are on, from a colon-separated list like `SHELLOPTS`. */
function onOptions(list: string | undefined, kept: Set<string>): string[] {
  return (list ?? '').split(':').filter((name) => kept.has(name));
}

/** A fresh login session in `home`. */
export function loginState(
  home: string,
  user: string,
  env: Record<string, string> = {},
  hostname = 'academy',
): SessionState {
  const variables: Record<string, string> = {
    HOME: home,
    USER: user,
    LOGNAME: user,
    SHELL: '/bin/bash',
    PATH: '/usr/local/bin:/usr/bin:/bin',
    LANG: 'C.UTF-8',
    TERM: 'xterm-256color',
    HOSTNAME: hostname,
    ...env,
  };
  return {
    cwd: home,
    oldPwd: home,
    variables,
    exported: Object.keys(variables),
    aliases: {},
    functions: {},
    arrays: [],
    assoc: [],
    options: [],
    shopts: [],
    positional: [],
    lastExitCode: 0,
  };
}

/**
 * One line of `declare -p -A`: `declare -A name=(['key']='value' [plain]=$'a\nb' ...)`, whose keys and values are
 * shell words (single quotes, `\'`, ANSI-C `$'...'`, double quotes, bare text). Undefined for any other line.
 */
export function parseAssoc(line: string): AssocArray | undefined {
  const head = /^declare -\w*A\w* ([A-Za-z_]\w*)=\(/.exec(line);
  if (!head) return undefined;
  const entries: [string, string][] = [];
  let at = head[0].length;
  for (;;) {
    while (line[at] === ' ') at++;
    if (line[at] !== '[') break;
    const key = readWord(line, at + 1, ']');
    if (line[key.end] !== ']' || line[key.end + 1] !== '=') return undefined;
    const value = readWord(line, key.end + 2, ' )');
    entries.push([key.text, value.text]);
    at = value.end;
  }
  return line.slice(at) === ')' ? { name: head[1]!, entries } : undefined;
}

const C_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

/** A shell word from `start` up to an unquoted character of `stops`: its text and where it ended. */
function readWord(line: string, start: number, stops: string): { text: string; end: number } {
  let text = '';
  let at = start;
  while (at < line.length && !stops.includes(line[at]!)) {
    const char = line[at]!;
    if (char === "'") {
      const close = line.indexOf("'", at + 1);
      const end = close < 0 ? line.length : close;
      text += line.slice(at + 1, end);
      at = end + 1;
    } else if (char === '$' && line[at + 1] === "'") {
      at += 2;
      while (at < line.length && line[at] !== "'") {
        if (line[at] !== '\\') {
          text += line[at++];
          continue;
        }
        const next = line[at + 1] ?? '';
        const hex = /^x([0-9a-fA-F]{1,2})/.exec(line.slice(at + 1)) ?? /^u([0-9a-fA-F]{1,4})/.exec(line.slice(at + 1));
        const octal = /^[0-7]{1,3}/.exec(line.slice(at + 1));
        if (hex) {
          text += String.fromCharCode(parseInt(hex[1]!, 16));
          at += 1 + hex[0].length;
        } else if (octal) {
          text += String.fromCharCode(parseInt(octal[0], 8));
          at += 1 + octal[0].length;
        } else {
          text += C_ESCAPES[next] ?? `\\${next}`;
          at += 2;
        }
      }
      at++;
    } else if (char === '"') {
      at++;
      while (at < line.length && line[at] !== '"') {
        if (line[at] === '\\' && '$`"\\'.includes(line[at + 1] ?? '')) at++;
        text += line[at++];
      }
      at++;
    } else if (char === '\\') {
      text += line[at + 1] ?? '';
      at += 2;
    } else {
      text += char;
      at++;
    }
  }
  return { text, end: at };
}
