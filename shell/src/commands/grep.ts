import { errorText, type FsNode, type LearnerFs } from '../filesystem/learner-fs.js';
import { stdinText } from '../text.js';
import type { LearnerCommand, ShellServices } from './command.js';
import { inOrder, interleaved, type PlacedError } from './ordered-output.js';
import { escapeRegex, posixToJs, wildcardToRegex } from './patterns.js';

interface GrepOptions {
  patterns: string[];
  extended: boolean;
  fixed: boolean;
  ignoreCase: boolean;
  invert: boolean;
  lineNumbers: boolean;
  count: boolean;
  filesWithMatches: boolean;
  filesWithout: boolean;
  word: boolean;
  line: boolean;
  onlyMatching: boolean;
  quiet: boolean;
  noMessages: boolean;
  recursive: boolean;
  withNames?: boolean;
  before: number;
  after: number;
  maxCount: number;
  include: RegExp[];
  exclude: RegExp[];
  excludeDir: RegExp[];
}

const VALUE_FLAGS = new Set(['e', 'f', 'A', 'B', 'C', 'm']);

function parseArgs(args: string[]): { options: GrepOptions; operands: string[] } | string {
  const o: GrepOptions = {
    patterns: [],
    extended: false,
    fixed: false,
    ignoreCase: false,
    invert: false,
    lineNumbers: false,
    count: false,
    filesWithMatches: false,
    filesWithout: false,
    word: false,
    line: false,
    onlyMatching: false,
    quiet: false,
    noMessages: false,
    recursive: false,
    before: 0,
    after: 0,
    maxCount: Infinity,
    include: [],
    exclude: [],
    excludeDir: [],
  };
  const operands: string[] = [];
  let patternGiven = false;
  const setValue = (flag: string, value: string): string | undefined => {
    if (flag === 'e') {
      o.patterns.push(value);
      patternGiven = true;
    } else if (flag === 'm') o.maxCount = Number(value);
    else {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0) return `grep: ${value}: invalid context length argument`;
      if (flag !== 'B') o.after = n;
      if (flag !== 'A') o.before = n;
    }
    return undefined;
  };
  const long: Record<string, string> = {
    '--extended-regexp': 'E',
    '--fixed-strings': 'F',
    '--basic-regexp': 'G',
    '--ignore-case': 'i',
    '--invert-match': 'v',
    '--line-number': 'n',
    '--count': 'c',
    '--files-with-matches': 'l',
    '--files-without-match': 'L',
    '--word-regexp': 'w',
    '--line-regexp': 'x',
    '--only-matching': 'o',
    '--quiet': 'q',
    '--silent': 'q',
    '--no-messages': 's',
    '--recursive': 'r',
    '--dereference-recursive': 'R',
    '--with-filename': 'H',
    '--no-filename': 'h',
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    const eq = /^--(include|exclude|exclude-dir|regexp|max-count|context|after-context|before-context)=(.*)$/.exec(arg);
    if (eq) {
      const [, name, value] = eq;
      if (name === 'include') o.include.push(wildcardToRegex(value!));
      else if (name === 'exclude') o.exclude.push(wildcardToRegex(value!));
      else if (name === 'exclude-dir') o.excludeDir.push(wildcardToRegex(value!));
      else
        setValue(
          { regexp: 'e', 'max-count': 'm', context: 'C', 'after-context': 'A', 'before-context': 'B' }[name!]!,
          value!,
        );
      continue;
    }
    if (arg.startsWith('--color') || arg.startsWith('--colour')) continue;
    if (arg.startsWith('--')) {
      const letter = long[arg];
      if (!letter) return `grep: unrecognized option '${arg}'\nUsage: grep [OPTION]... PATTERNS [FILE]...`;
      applyFlag(o, letter);
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      operands.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const letter = arg[j]!;
      if (/\d/.test(letter)) {
        const digits = /^\d+/.exec(arg.slice(j))![0];
        setValue('C', digits);
        j += digits.length - 1;
        continue;
      }
      if (VALUE_FLAGS.has(letter)) {
        const value = arg.slice(j + 1) || args[++i];
        if (value === undefined)
          return `grep: option requires an argument -- '${letter}'\nUsage: grep [OPTION]... PATTERNS [FILE]...`;
        if (letter === 'f') return 'grep: -f is not supported here';
        const problem = setValue(letter, value);
        if (problem) return problem;
        break;
      }
      if (!applyFlag(o, letter))
        return `grep: invalid option -- '${letter}'\nUsage: grep [OPTION]... PATTERNS [FILE]...`;
    }
  }
  if (!patternGiven) {
    const pattern = operands.shift();
    if (pattern === undefined)
      return "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.";
    o.patterns.push(pattern);
  }
  return { options: o, operands };
}

function applyFlag(o: GrepOptions, letter: string): boolean {
  switch (letter) {
    case 'E':
      o.extended = true;
      break;
    case 'F':
      o.fixed = true;
      break;
    case 'G':
      o.extended = false;
      o.fixed = false;
      break;
    case 'i':
    case 'y':
      o.ignoreCase = true;
      break;
    case 'v':
      o.invert = true;
      break;
    case 'n':
      o.lineNumbers = true;
      break;
    case 'c':
      o.count = true;
      break;
    case 'l':
      o.filesWithMatches = true;
      break;
    case 'L':
      o.filesWithout = true;
      break;
    case 'w':
      o.word = true;
      break;
    case 'x':
      o.line = true;
      break;
    case 'o':
      o.onlyMatching = true;
      break;
    case 'q':
      o.quiet = true;
      break;
    case 's':
      o.noMessages = true;
      break;
    case 'r':
    case 'R':
      o.recursive = true;
      break;
    case 'H':
      o.withNames = true;
      break;
    case 'h':
      o.withNames = false;
      break;
    case 'I':
    case 'a':
    case 'U':
      break;
    default:
      return false;
  }
  return true;
}

/** The patterns as one regex for a single line, and (when it can be made so) one that finds candidates in a whole text. */
interface Compiled {
  line: RegExp;
  whole?: RegExp;
}

function compile(o: GrepOptions): Compiled {
  const alternatives = o.patterns
    .flatMap((p) => p.split('\n'))
    .map((p) => (o.fixed ? escapeRegex(p) : posixToJs(p, o.extended)));
  let source = alternatives.map((a) => `(?:${a})`).join('|');
  if (o.line) source = `^(?:${source})$`;
  else if (o.word) source = `(?<![A-Za-z0-9_])(?:${source})(?![A-Za-z0-9_])`;
  const flags = o.ignoreCase ? 'gi' : 'g';
  const line = new RegExp(source, flags);
  const withinLines = o.invert || o.before > 0 || o.after > 0 ? undefined : lineBound(source);
  return { line, whole: withinLines === undefined ? undefined : new RegExp(withinLines, `${flags}m`) };
}

/**
 * `source` changed so that no match can cross a newline (on a single line it matches exactly as before): `[^...]`
 * and `\s`, `\W`, `\D` leave the newline out. Undefined when that is not sure: an escape or control character that
 * may stand for a newline (`\n`, `\x0a`, a range from a tab), or `\s`, `\W`, `\D` inside brackets.
 */
function lineBound(source: string): string | undefined {
  let out = '';
  let inBracket = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[++i];
      if (next === undefined || 'nxuc0'.includes(next)) return undefined;
      if (next === 's' || next === 'W' || next === 'D') {
        if (inBracket) return undefined;
        out += next === 's' ? '[^\\S\\n]' : next === 'W' ? '[^\\w\\n]' : '[^\\d\\n]';
      } else out += c + next;
      continue;
    }
    if (inBracket) {
      if (c === ']') inBracket = false;
      else if (c.charCodeAt(0) <= 10) return undefined;
      out += c;
      continue;
    }
    if (c === '[') {
      inBracket = true;
      const negated = source[i + 1] === '^';
      // `[]` and `[^]` mean "nothing" and "anything" in JavaScript; posixToJs never writes them.
      if (source[i + (negated ? 2 : 1)] === ']') return undefined;
      out += negated ? '[^\\n' : '[';
      if (negated) i++;
      continue;
    }
    out += c;
  }
  return out;
}

/** A matched or context line's prefix: file name and line number, each followed by `sep` when shown. */
function linePrefix(name: string | undefined, lineNumber: number | undefined, sep: string): string {
  return (name === undefined ? '' : name + sep) + (lineNumber === undefined ? '' : `${lineNumber}${sep}`);
}

/** A matched line as printed: whole, or (`-o`) each non-empty match on its own line. */
function printMatch(out: string[], prefix: string, line: string, regex: RegExp, o: GrepOptions): void {
  if (o.onlyMatching && !o.invert) {
    regex.lastIndex = 0;
    for (const match of line.matchAll(regex)) if (match[0]) out.push(prefix, match[0], '\n');
  } else out.push(prefix, line, '\n');
}

/** One grep run: what every file's search needs, and what the searches found so far. */
interface Search {
  o: GrepOptions;
  regex: Compiled;
  /** Matching lines to count before stopping (`-m`, or 1 when only whether a file matches is asked). */
  limit: number;
  /** Only counted, not printed (`-c`, `-l`, `-L`, `-q`). */
  listsOnly: boolean;
  context: boolean;
  out: string[];
  /** Error messages where they come in the output (GNU writes them as it goes). */
  errors: PlacedError[];
  matchedAny: boolean;
  /** `-q` has its answer: nothing more is read. */
  done: boolean;
}

/**
 * Without -v or context: the whole text is searched at once with `whole` (which cannot match across a newline),
 * and each line holding a match is confirmed with the line regex on that line alone, since `^` and `$` under the `m`
 * flag also match next to `\r`. Lines are sliced and numbered only where there are matches. Returns the count.
 */
function searchWhole(text: string, whole: RegExp, name: string | undefined, s: Search): number {
  const { o, out } = s;
  const lineRegex = s.regex.line;
  let count = 0;
  // 1 + the newlines before `counted`, for -n.
  let lineNumber = 1;
  let counted = 0;
  for (let from = 0; from < text.length && count < s.limit;) {
    whole.lastIndex = from;
    // `test` leaves lastIndex at the match's end, which is on the matching line: no match array is built.
    if (!whole.test(text)) break;
    const at = whole.lastIndex;
    // An empty match after the final newline is on no line.
    if (at === text.length && text.charCodeAt(at - 1) === 10) break;
    const start = at === 0 ? 0 : text.lastIndexOf('\n', at - 1) + 1;
    let end = text.indexOf('\n', at);
    if (end === -1) end = text.length;
    from = end + 1;
    const line = text.slice(start, end);
    lineRegex.lastIndex = 0;
    if (!lineRegex.test(line)) continue;
    count++;
    if (s.listsOnly) continue;
    if (o.lineNumbers) {
      for (let nl = text.indexOf('\n', counted); nl !== -1 && nl < start; nl = text.indexOf('\n', nl + 1)) lineNumber++;
      counted = start;
    }
    printMatch(out, linePrefix(name, o.lineNumbers ? lineNumber : undefined, ':'), line, lineRegex, o);
  }
  return count;
}

/** Line by line, for -v and context lines. Returns the count of selected lines. */
function searchLines(text: string, name: string | undefined, s: Search): number {
  const { o, out } = s;
  const regex = s.regex.line;
  // Lines are sliced off as the scan reaches them (splitting every file first costs more than the search);
  // only leading context needs the earlier ones kept.
  const earlier: string[] = [];
  let count = 0;
  let lastPrinted = -1;
  let afterLeft = 0;
  for (let n = 0, start = 0; start < text.length && count < s.limit; n++) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    if (o.before > 0) earlier.push(line);
    regex.lastIndex = 0;
    const hit = regex.test(line) !== o.invert;
    if (!hit) {
      if (afterLeft > 0 && !s.listsOnly) {
        out.push(linePrefix(name, o.lineNumbers ? n + 1 : undefined, '-'), line, '\n');
        lastPrinted = n;
        afterLeft--;
      }
      continue;
    }
    count++;
    if (s.listsOnly) continue;
    const from = Math.max(lastPrinted + 1, n - o.before);
    if (s.context && lastPrinted >= 0 && from > lastPrinted + 1) out.push('--\n');
    for (let b = from; b < n; b++)
      out.push(linePrefix(name, o.lineNumbers ? b + 1 : undefined, '-'), earlier[b]!, '\n');
    printMatch(out, linePrefix(name, o.lineNumbers ? n + 1 : undefined, ':'), line, regex, o);
    lastPrinted = n;
    afterLeft = o.after;
  }
  return count;
}

/** Searches one file's text and prints what its options ask for; `name` is the file as shown (when shown). */
function searchFile(s: Search, text: string, name: string, showName: boolean): void {
  const { o, out } = s;
  const shown = showName ? name : undefined;
  const blockStart = out.length;
  const whole = s.regex.whole;
  const count = whole ? searchWhole(text, whole, shown, s) : searchLines(text, shown, s);
  if (count > 0) s.matchedAny = true;
  if (o.quiet) {
    s.done = s.matchedAny;
    return;
  }
  if (o.count) out.push(`${showName ? `${name}:` : ''}${count}\n`);
  else if (o.filesWithMatches) {
    if (count > 0) out.push(`${name}\n`);
  } else if (o.filesWithout) {
    if (count === 0) out.push(`${name}\n`);
  } else if (s.context && out.length > blockStart && blockStart > 0) out.splice(blockStart, 0, '--\n');
}

/** Notes an error at this point of the output. */
function failed(s: Search, text: string): void {
  s.errors.push({ at: s.out.length, text: `${text}\n` });
}

/**
 * `grep -r` over the directory `dir`, searching each file as the walk reaches it, in the
 * listing's sorted order; files are named below `shown` (`''` for the implicit `.`, whose files GNU names without
 * `./`). Walks the filesystem's own tree: one lookup per entry, no path re-resolution, no object per file.
 */
function walk(
  fs: LearnerFs,
  s: Search,
  dir: string,
  node: FsNode | undefined,
  shown: string,
  showNames: boolean,
): void {
  const o = s.o;
  if (!node || node.type !== 'dir' || !fs.can(node, 4) || !fs.can(node, 1)) {
    failed(s, `grep: ${shown || '.'}: Permission denied`);
    return;
  }
  const base = shown === '' ? '' : shown.endsWith('/') ? shown : `${shown}/`;
  // Most files of a tree hold no match: when only matches print something, one test settles such a file before
  // its shown name is even built.
  const prefilter = o.count || o.filesWithout ? undefined : s.regex.whole;
  for (const child of fs.listing(dir)) {
    if (s.done) return;
    const name = child.name;
    const type = child.node.type;
    if (type === 'dir') {
      if (o.excludeDir.length && o.excludeDir.some((re) => re.test(name))) continue;
      walk(fs, s, child.path, child.node, base + name, showNames);
    } else if (type === 'file') {
      if (o.include.length && !o.include.some((re) => re.test(name))) continue;
      if (o.exclude.length && o.exclude.some((re) => re.test(name))) continue;
      const text = fs.readWalkedFile(child.path, child.node);
      if (text === undefined) {
        failed(s, `grep: ${base}${name}: Permission denied`);
        continue;
      }
      if (prefilter) {
        prefilter.lastIndex = 0;
        if (!prefilter.test(text)) continue;
      }
      searchFile(s, text, base + name, showNames);
    }
  }
}

/** `grep` as GNU grep: BRE/ERE/fixed patterns, -i -v -n -c -l -L -w -x -o -q -s -h -H, -r with --include, context. */
export function grepCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'grep',
    async execute(args, ctx) {
      const parsed = parseArgs(args);
      if (typeof parsed === 'string') return { stdout: '', stderr: `${parsed}\n`, exitCode: 2 };
      const { options: o } = parsed;
      let regex: Compiled;
      try {
        regex = compile(o);
      } catch {
        return { stdout: '', stderr: 'grep: Invalid regular expression\n', exitCode: 2 };
      }
      const fs = services.fs;
      const listsOnly = o.quiet || o.count || o.filesWithMatches || o.filesWithout;
      // Output is gathered in parts and joined once: thousands of `+=` on one string cost more than the search.
      const s: Search = {
        o,
        regex,
        listsOnly,
        context: o.before > 0 || o.after > 0,
        out: [],
        errors: [],
        matchedAny: false,
        done: false,
        limit: listsOnly && !o.count ? Math.min(o.maxCount, 1) : o.maxCount,
      };
      const operands = parsed.operands.length ? parsed.operands : o.recursive ? ['.'] : ['-'];
      // GNU names the files when given several, and files that -r found inside a directory.
      const showNames = o.withNames ?? operands.length > 1;
      for (const operand of operands) {
        if (s.done) break;
        if (operand === '-') {
          searchFile(s, stdinText(ctx.stdin), '(standard input)', showNames);
          continue;
        }
        const path = fs.resolvePath(ctx.cwd, operand);
        let text: string | undefined;
        try {
          if (!(await fs.stat(path)).isDirectory) text = await fs.readFile(path);
        } catch (error) {
          failed(s, `grep: ${operand}: ${errorText(error)}`);
          continue;
        }
        if (text !== undefined) searchFile(s, text, operand, showNames);
        else if (!o.recursive) {
          failed(s, `grep: ${operand}: Is a directory`);
          // GNU still counts it, as a file with no lines.
          if (o.count) s.out.push(`${showNames ? `${operand}:` : ''}0\n`);
        } else {
          const real = await fs.realpath(path);
          // GNU names files below an implicit `.` without the `./`.
          walk(fs, s, real, fs.nodeAt(real), parsed.operands.length ? operand : '', o.withNames ?? true);
        }
      }
      const { errors, matchedAny, out } = s;
      const exitCode =
        errors.length && !(o.quiet && matchedAny) ? 2 : o.filesWithout ? (out.length ? 0 : 1) : matchedAny ? 0 : 1;
      return inOrder(ctx, interleaved(out, errors, { output: !o.quiet, messages: !o.noMessages }), exitCode);
    },
  };
}
