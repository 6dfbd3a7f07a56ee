import { errorText } from '../filesystem/learner-fs.js';
import { stdinText } from '../text.js';
import type { LearnerCommand, ShellServices } from './command.js';

interface Ordering {
  numeric: boolean;
  human: boolean;
  reverse: boolean;
  fold: boolean;
  blanks: boolean;
  month: boolean;
  version: boolean;
}

interface Key {
  startField: number;
  startChar: number;
  endField: number;
  /** 0 means the end of the end field. */
  endChar: number;
  ordering: Ordering;
  /** The key named its own ordering letters, so global options do not apply to it. */
  own: boolean;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const HUMAN = 'KMGTPEZY';

function orderingFrom(letters: string, into: Ordering): string | undefined {
  for (const letter of letters) {
    if (letter === 'n' || letter === 'g') into.numeric = true;
    else if (letter === 'h') into.human = true;
    else if (letter === 'r') into.reverse = true;
    else if (letter === 'f') into.fold = true;
    else if (letter === 'b') into.blanks = true;
    else if (letter === 'M') into.month = true;
    else if (letter === 'V') into.version = true;
    else if (letter !== 'd' && letter !== 'i') return letter;
  }
  return undefined;
}

function parseKey(spec: string): Key | undefined {
  const m = /^(\d+)(?:\.(\d+))?([a-zA-Z]*)(?:,(\d+)(?:\.(\d+))?([a-zA-Z]*))?$/.exec(spec);
  if (!m || Number(m[1]) < 1) return undefined;
  const ordering: Ordering = {
    numeric: false,
    human: false,
    reverse: false,
    fold: false,
    blanks: false,
    month: false,
    version: false,
  };
  if (orderingFrom((m[3] ?? '') + (m[6] ?? ''), ordering)) return undefined;
  return {
    startField: Number(m[1]),
    startChar: Number(m[2] ?? 1),
    endField: m[4] ? Number(m[4]) : Infinity,
    endChar: Number(m[5] ?? 0),
    ordering,
    own: Boolean(m[3] || m[6]),
  };
}

/** Start offsets of each field: with -t, after each separator; otherwise each blank run begins a field. */
function fieldStarts(line: string, separator: string | undefined): number[] {
  const starts = [0];
  if (separator !== undefined) {
    for (let i = line.indexOf(separator); i >= 0; i = line.indexOf(separator, i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 1; i < line.length; i++) if (/[ \t]/.test(line[i]!) && !/[ \t]/.test(line[i - 1]!)) starts.push(i);
  return starts;
}

function keyText(line: string, key: Key, separator: string | undefined): string {
  const starts = fieldStarts(line, separator);
  const fieldEnd = (f: number) =>
    f < starts.length ? (separator !== undefined ? starts[f]! - 1 : starts[f]!) : line.length;
  if (key.startField > starts.length) return '';
  let from = starts[key.startField - 1]!;
  if (key.ordering.blanks) while (from < line.length && /[ \t]/.test(line[from]!)) from++;
  from = Math.min(from + key.startChar - 1, line.length);
  let to = line.length;
  if (key.endField !== Infinity) {
    if (key.endField > starts.length) to = line.length;
    else if (key.endChar === 0) to = fieldEnd(key.endField);
    else {
      let fieldFrom = starts[key.endField - 1]!;
      if (key.ordering.blanks) while (fieldFrom < line.length && /[ \t]/.test(line[fieldFrom]!)) fieldFrom++;
      to = Math.min(fieldFrom + key.endChar, line.length);
    }
  }
  return to > from ? line.slice(from, to) : '';
}

function numberOf(text: string, human: boolean): number {
  const m = /^\s*(-?\d*\.?\d+|-?\d+\.?)([KMGTPEZY]?)/.exec(text);
  if (!m) return 0;
  const value = Number(m[1]);
  return human && m[2] ? value * 1024 ** (HUMAN.indexOf(m[2]) + 1) : value;
}

function bytewise(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function versionCompare(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    const diff = /^\d/.test(x) && /^\d/.test(y) ? Number(x) - Number(y) : bytewise(x, y);
    if (diff) return diff;
  }
  return 0;
}

function compareBy(a: string, b: string, o: Ordering): number {
  let result: number;
  if (o.numeric || o.human) result = numberOf(a, o.human) - numberOf(b, o.human);
  else if (o.month)
    result = MONTHS.indexOf(a.trim().slice(0, 3).toUpperCase()) - MONTHS.indexOf(b.trim().slice(0, 3).toUpperCase());
  else if (o.version) result = versionCompare(a, b);
  else {
    const x = o.blanks ? a.replace(/^[ \t]+/, '') : a;
    const y = o.blanks ? b.replace(/^[ \t]+/, '') : b;
    result = o.fold ? bytewise(x.toUpperCase(), y.toUpperCase()) : bytewise(x, y);
  }
  return o.reverse ? -result : result;
}

/** `sort` as GNU sort in the C locale: byte order, `-k` keys to end of line unless bounded, numeric, unique. */
export function sortCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'sort',
    async execute(args, ctx) {
      const global: Ordering = {
        numeric: false,
        human: false,
        reverse: false,
        fold: false,
        blanks: false,
        month: false,
        version: false,
      };
      const keys: Key[] = [];
      const files: string[] = [];
      let separator: string | undefined;
      let unique = false;
      let stable = false;
      let check = false;
      let output: string | undefined;
      const usage = (text: string) => ({
        stdout: '',
        stderr: `sort: ${text}\nTry 'sort --help' for more information.\n`,
        exitCode: 2,
      });
      for (let i = 0; i < args.length; i++) {
        const arg = args[i]!;
        if (arg === '--') {
          files.push(...args.slice(i + 1));
          break;
        }
        if (!arg.startsWith('-') || arg === '-') {
          files.push(arg);
          continue;
        }
        const long: Record<string, string> = {
          '--numeric-sort': 'n',
          '--reverse': 'r',
          '--unique': 'u',
          '--ignore-case': 'f',
          '--human-numeric-sort': 'h',
          '--stable': 's',
          '--version-sort': 'V',
          '--month-sort': 'M',
          '--ignore-leading-blanks': 'b',
          '--check': 'c',
        };
        if (arg.startsWith('--key=') || arg.startsWith('--field-separator=') || arg.startsWith('--output=')) {
          const [name, value] = [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)];
          if (name === '--key') {
            const key = parseKey(value);
            if (!key) return usage(`invalid number at field start: invalid count at start of '${value}'`);
            keys.push(key);
          } else if (name === '--output') output = value;
          else separator = value;
          continue;
        }
        const letters = arg.startsWith('--') ? long[arg] : arg.slice(1);
        if (letters === undefined) return usage(`unrecognized option '${arg}'`);
        for (let j = 0; j < letters.length; j++) {
          const letter = letters[j]!;
          if (letter === 'k' || letter === 't' || letter === 'o') {
            const value = letters.slice(j + 1) || args[++i];
            if (value === undefined) return usage(`option requires an argument -- '${letter}'`);
            if (letter === 'k') {
              const key = parseKey(value);
              if (!key) return usage(`invalid number at field start: invalid count at start of '${value}'`);
              keys.push(key);
            } else if (letter === 't') {
              if (value.length !== 1) return usage('multi-character tab');
              separator = value;
            } else output = value;
            break;
          }
          if (letter === 'u') unique = true;
          else if (letter === 's') stable = true;
          else if (letter === 'c' || letter === 'C') check = true;
          else if (orderingFrom(letter, global)) return usage(`invalid option -- '${letter}'`);
        }
      }
      let text = '';
      for (const file of files.length ? files : ['-']) {
        try {
          text +=
            file === '-' ? stdinText(ctx.stdin) : await services.fs.readFile(services.fs.resolvePath(ctx.cwd, file));
          if (text && !text.endsWith('\n')) text += '\n';
        } catch (error) {
          return { stdout: '', stderr: `sort: cannot read: ${file}: ${errorText(error)}\n`, exitCode: 2 };
        }
      }
      const lines = text.split('\n');
      lines.pop();
      const effective = keys.map((key) =>
        key.own ? key : { ...key, ordering: { ...global, blanks: key.ordering.blanks || global.blanks } },
      );
      const byKeys = (a: string, b: string) => {
        if (effective.length === 0) return compareBy(a, b, global);
        for (const key of effective) {
          const result = compareBy(keyText(a, key, separator), keyText(b, key, separator), key.ordering);
          if (result) return result;
        }
        return 0;
      };
      // GNU's last resort: when keys tie, whole lines in byte order (reversed with -r), unless -s or -u.
      const full = (a: string, b: string) =>
        byKeys(a, b) || (stable || unique ? 0 : global.reverse ? bytewise(b, a) : bytewise(a, b));
      if (check) {
        for (let i = 1; i < lines.length; i++) {
          if (full(lines[i - 1]!, lines[i]!) > 0)
            return { stdout: '', stderr: `sort: -:${i + 1}: disorder: ${lines[i]}\n`, exitCode: 1 };
        }
        return { stdout: '', stderr: '', exitCode: 0 };
      }
      const sorted = [...lines].sort(full);
      const kept = unique ? sorted.filter((line, i) => i === 0 || byKeys(sorted[i - 1]!, line) !== 0) : sorted;
      const result = kept.map((line) => `${line}\n`).join('');
      if (output !== undefined) {
        await services.fs.writeFile(services.fs.resolvePath(ctx.cwd, output), result);
        return { stdout: '', stderr: '', exitCode: 0 };
      }
      return { stdout: result, stderr: '', exitCode: 0 };
    },
  };
}
