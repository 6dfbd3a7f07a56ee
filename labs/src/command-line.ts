import { fingerprint } from './fingerprint.js';

/**
 * Reads a command that ran (its name and the arguments it received) the way the command itself does: which options
 * were given, in any spelling (`-n`, `--line-number`, `-in`, `-n3`, `--lines=3`), and which operands. So a `ran`
 * check accepts every equivalent command a real admin would type, and nothing that merely mentions the command.
 */

/** One command the learner's shell ran: recorded by the terminal, read by the `ran` check. */
export interface CommandRecord {
  /** The command's name, e.g. `grep` (never a path). */
  name: string;
  /** The arguments it received, after the shell's expansions (`~` and globs expanded, quotes removed). */
  args: string[];
  /** The directory it ran in. */
  cwd: string;
  /** Its exit status. */
  status: number;
  /** Index in the history of the command line it ran in. */
  line?: number;
  /**
   * What it printed: `printed(stdout)`. Absent in records guessed from the history of states saved before outputs
   * were recorded.
   */
  out?: string;
  /** The file (absolute path) its output was then written into, by a redirection or `tee` in the same line. */
  into?: string;
}

/**
 * A short fingerprint of what a command printed, one final newline left out (`echo $PATH` and `printf %s "$PATH"`
 * print the same value): compared, never shown.
 */
export function printed(text: string): string {
  return fingerprint(text.endsWith('\n') ? text.slice(0, -1) : text);
}

/** Short options that take a value, per command: the rest of the bundle, or the next argument, is the value. */
const VALUE_OPTIONS: Record<string, string> = {
  grep: 'efmABCD',
  head: 'nc',
  tail: 'nc',
  cut: 'dfcb',
  sort: 'ktoS',
  tar: 'fCT',
  xargs: 'nIdLP',
  mkdir: 'm',
  install: 'mogt',
  cp: 'tS',
  mv: 'tS',
  ln: 'tS',
  sed: 'ef',
  uniq: 'fsw',
  awk: 'Fvf',
  du: 'd',
  nl: 'bswv',
  split: 'lbn',
  touch: 'drt',
  chown: '',
  diff: 'U',
  base64: 'w',
  xxd: 'cgls',
  strings: 'n',
  hexdump: 'ns',
  tr: '',
  curl: 'owmAHXde',
  wget: 'O',
  ping: 'cWiws',
  nc: 'wps',
  ssh: 'pilLoFJ',
  scp: 'PioFJ',
  'ssh-copy-id': 'ipo',
  'ssh-keygen': 'tfNCb',
  journalctl: 'unpS',
  mount: 'to',
  blkid: 'so',
};

/** Long options and the short option they mean, per command (only those with a short twin). */
const LONG_OPTIONS: Record<string, Record<string, string>> = {
  grep: {
    'line-number': 'n',
    'ignore-case': 'i',
    recursive: 'r',
    'dereference-recursive': 'R',
    'invert-match': 'v',
    count: 'c',
    'word-regexp': 'w',
    'line-regexp': 'x',
    'files-with-matches': 'l',
    'extended-regexp': 'E',
    'fixed-strings': 'F',
    'only-matching': 'o',
    regexp: 'e',
    'max-count': 'm',
    'after-context': 'A',
    'before-context': 'B',
    context: 'C',
  },
  ls: {
    all: 'a',
    'almost-all': 'A',
    'human-readable': 'h',
    recursive: 'R',
    directory: 'd',
    classify: 'F',
    reverse: 'r',
  },
  head: { lines: 'n', bytes: 'c' },
  tail: { lines: 'n', bytes: 'c', follow: 'f' },
  wc: { lines: 'l', words: 'w', bytes: 'c', chars: 'm' },
  sort: {
    'numeric-sort': 'n',
    reverse: 'r',
    unique: 'u',
    key: 'k',
    'field-separator': 't',
    'human-numeric-sort': 'h',
    'ignore-case': 'f',
  },
  uniq: { count: 'c', repeated: 'd', unique: 'u', 'ignore-case': 'i' },
  cut: { delimiter: 'd', fields: 'f', characters: 'c', bytes: 'b' },
  tar: {
    create: 'c',
    extract: 'x',
    get: 'x',
    list: 't',
    file: 'f',
    gzip: 'z',
    gunzip: 'z',
    ungzip: 'z',
    verbose: 'v',
    directory: 'C',
  },
  mkdir: { parents: 'p', mode: 'm', verbose: 'v' },
  cp: { recursive: 'r', archive: 'a', force: 'f', interactive: 'i', verbose: 'v', 'target-directory': 't' },
  mv: { force: 'f', interactive: 'i', verbose: 'v', 'target-directory': 't' },
  rm: { recursive: 'r', force: 'f', interactive: 'i', verbose: 'v', dir: 'd' },
  ln: { symbolic: 's', force: 'f', 'no-dereference': 'n', verbose: 'v' },
  chmod: { recursive: 'R', verbose: 'v' },
  du: { 'human-readable': 'h', summarize: 's', 'max-depth': 'd' },
  df: { 'human-readable': 'h', 'print-type': 'T', inodes: 'i' },
  free: { human: 'h' },
  lsblk: { fs: 'f' },
  mount: { all: 'a', types: 't', options: 'o' },
  blkid: { 'match-tag': 's', output: 'o' },
  tr: { delete: 'd', 'squeeze-repeats': 's' },
  sed: { 'in-place': 'i', expression: 'e', quiet: 'n', silent: 'n' },
  xargs: { 'max-args': 'n' },
  cat: { number: 'n', 'show-all': 'A' },
  pwd: { physical: 'P', logical: 'L' },
  diff: { unified: 'u', brief: 'q' },
  curl: {
    head: 'I',
    include: 'i',
    location: 'L',
    output: 'o',
    'remote-name': 'O',
    silent: 's',
    'show-error': 'S',
    fail: 'f',
    'write-out': 'w',
  },
  wget: { 'output-document': 'O', quiet: 'q' },
  hostname: { 'all-ip-addresses': 'I', 'ip-address': 'i' },
  base64: { decode: 'd', 'ignore-garbage': 'i', wrap: 'w' },
  file: { brief: 'b', dereference: 'L' },
  dpkg: {
    list: 'l',
    search: 'S',
    listfiles: 'L',
    status: 's',
    install: 'i',
    info: 'I',
    contents: 'c',
  },
  apt: { 'fix-broken': 'f', yes: 'y', 'assume-yes': 'y' },
  'apt-get': { 'fix-broken': 'f', yes: 'y', 'assume-yes': 'y' },
  'dpkg-query': { list: 'l', search: 'S', listfiles: 'L', status: 's' },
  journalctl: { unit: 'u', lines: 'n', priority: 'p', since: 'S', follow: 'f' },
  crontab: { list: 'l', edit: 'e' },
};

/** The options (by short name where there is one, else by long name) and operands of a command's arguments. */
export interface ParsedArgs {
  options: Map<string, string | true>;
  operands: string[];
}

/**
 * Splits arguments into options and operands as GNU tools do: bundles (`-in`), attached and separate values
 * (`-n3`, `-n 3`, `--lines=3`, `--lines 3` for value options), `--` ending options; `head -3` is `head -n 3`; tar's
 * first argument may be a bundle without a dash (`tar czf a.tgz dir`). `find` and others whose syntax is not
 * options-then-operands keep every argument as an operand.
 */
export function parseArgs(name: string, args: readonly string[]): ParsedArgs {
  const options = new Map<string, string | true>();
  const operands: string[] = [];
  if (name === 'find' || name === 'echo' || name === 'printf' || name === 'test' || name === '[')
    return { options, operands: [...args] };
  const takesValue = VALUE_OPTIONS[name] ?? '';
  const longs = LONG_OPTIONS[name] ?? {};
  let i = 0;
  const bundle = (letters: string) => {
    for (let j = 0; j < letters.length; j++) {
      const letter = letters[j]!;
      if (takesValue.includes(letter)) {
        const rest = letters.slice(j + 1);
        options.set(letter, rest !== '' ? rest : (args[++i] ?? ''));
        return;
      }
      options.set(letter, true);
    }
  };
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const long = arg.slice(2, eq === -1 ? undefined : eq);
      const key = longs[long] ?? long;
      const value =
        eq === -1 ? (takesValue.includes(key) && key.length === 1 ? (args[++i] ?? '') : true) : arg.slice(eq + 1);
      options.set(key, value);
    } else if ((name === 'head' || name === 'tail') && /^-\d+$/.test(arg)) {
      options.set('n', arg.slice(1));
    } else if (arg.startsWith('-') && arg.length > 1) {
      bundle(arg.slice(1));
    } else if (name === 'tar' && i === 0) {
      bundle(arg);
    } else {
      operands.push(arg);
    }
  }
  // A value given with -e is grep's pattern: an operand for the checks, which ask "did they search for X".
  if (name === 'grep' && typeof options.get('e') === 'string') operands.unshift(options.get('e') as string);
  return { options, operands };
}

/**
 * Whether the parsed arguments have an option as a check states it: `-n`, `--line-number`, alternatives `-r|-R`,
 * with a value `-n=3` / `--lines=3`.
 */
export function hasOption(name: string, parsed: ParsedArgs, wanted: string): boolean {
  return wanted.split('|').some((alternative) => {
    const eq = alternative.indexOf('=');
    const spelled = (eq === -1 ? alternative : alternative.slice(0, eq)).replace(/^--?/, '');
    const key = (LONG_OPTIONS[name] ?? {})[spelled] ?? spelled;
    const value = parsed.options.get(key);
    if (value === undefined) return false;
    return eq === -1 || value === alternative.slice(eq + 1);
  });
}

/** A command as the learner would have typed it, for messages: `grep -n ERROR notes.txt`. */
export function shownCommand(record: CommandRecord, home: string): string {
  const words = [record.name, ...record.args].map((word) => {
    const shown = word === home ? '~' : word.startsWith(home + '/') ? '~' + word.slice(home.length) : word;
    return /^[\w./~=,:@%+-]+$/.test(shown) ? shown : `'${shown.replace(/'/g, "'\\''")}'`;
  });
  const text = words.join(' ');
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Records guessed from typed lines, for states saved before commands were recorded: each simple command of a line
 * (split at `;`, `&&`, `||`, `|`), its words unquoted, run in `cwd`, successful. Looser than real records (no
 * expansion, every command counted as run), so only old states, which would otherwise lose their progress, use it.
 */
export function recordsFromHistory(history: readonly string[], cwd: string): CommandRecord[] {
  return history.flatMap((line, index) =>
    line
      .split(/;|&&|\|\||\|/)
      .map((part) =>
        part
          .trim()
          .split(/\s+/)
          .filter(Boolean)
          .map((word) => word.replace(/^(['"])(.*)\1$/, '$2')),
      )
      .filter((words) => words.length > 0 && !words[0]!.startsWith('#'))
      .map(([name, ...args]) => ({ name: name!.slice(name!.lastIndexOf('/') + 1), args, cwd, status: 0, line: index })),
  );
}
