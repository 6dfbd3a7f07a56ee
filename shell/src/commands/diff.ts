import { errorText } from '../filesystem/learner-fs.js';
import { stdinText } from '../text.js';
import type { LearnerCommand, ShellServices } from './command.js';

/** How lines are compared and shown, from the options. */
interface DiffOptions {
  brief: boolean;
  recursive: boolean;
  reportIdentical: boolean;
  newFile: boolean;
  /** Context lines of unified output; undefined for GNU's normal format. */
  unified: number | undefined;
  ignoreCase: boolean;
  ignoreAllSpace: boolean;
  ignoreSpaceChange: boolean;
  /** The options as typed, repeated in the `diff -r a/f b/f` line before each pair of files. */
  typed: string[];
}

/** A file's lines; the last one may lack its newline. */
interface Lines {
  lines: string[];
  endsWithoutNewline: boolean;
}

function splitLines(text: string): Lines {
  if (text === '') return { lines: [], endsWithoutNewline: false };
  const endsWithoutNewline = !text.endsWith('\n');
  const lines = (endsWithoutNewline ? text : text.slice(0, -1)).split('\n');
  return { lines, endsWithoutNewline };
}

/** One run of the edit script: `count` lines equal, or deleted from A, or inserted from B. */
type Edit = { kind: '=' | '-' | '+'; a: number; b: number; count: number };

/**
 * Myers' O(ND) shortest edit script between two sequences of comparison keys. Where a change could go at several
 * places among equal lines, GNU diff's own algorithm (a middle-snake search, then shifting) sometimes picks another
 * of them; both are shortest.
 */
function editScript(a: string[], b: string[]): Edit[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk back from the end, one step of D at a time.
  const steps: ('=' | '-' | '+')[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const down = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      steps.push('=');
      x--;
      y--;
    }
    if (d > 0) {
      steps.push(down ? '+' : '-');
      if (down) y--;
      else x--;
    }
  }
  steps.reverse();
  const edits: Edit[] = [];
  let ai = 0;
  let bi = 0;
  for (const kind of steps) {
    const last = edits[edits.length - 1];
    if (last?.kind === kind) last.count++;
    else edits.push({ kind, a: ai, b: bi, count: 1 });
    if (kind !== '+') ai++;
    if (kind !== '-') bi++;
  }
  return edits;
}

/** A change: lines [a, a + deleted) of A replaced by lines [b, b + inserted) of B. */
interface Change {
  a: number;
  deleted: number;
  b: number;
  inserted: number;
}

function changesOf(edits: Edit[]): Change[] {
  const changes: Change[] = [];
  for (const edit of edits) {
    if (edit.kind === '=') continue;
    const last = changes[changes.length - 1];
    const joined = last && last.a + last.deleted === edit.a && last.b + last.inserted === edit.b;
    const change = joined ? last : { a: edit.a, deleted: 0, b: edit.b, inserted: 0 };
    if (edit.kind === '-') change.deleted += edit.count;
    else change.inserted += edit.count;
    if (!joined) changes.push(change);
  }
  return changes;
}

const NO_NEWLINE = '\\ No newline at end of file\n';

function shownLine(prefix: string, file: Lines, index: number): string {
  const last = index === file.lines.length - 1 && file.endsWithoutNewline;
  return `${prefix}${file.lines[index]}\n${last ? NO_NEWLINE : ''}`;
}

/** GNU's default output: `2c2`, `< old`, `---`, `> new`. */
function normalFormat(a: Lines, b: Lines, changes: Change[]): string {
  const range = (start: number, count: number) => (count === 1 ? `${start + 1}` : `${start + 1},${start + count}`);
  let out = '';
  for (const change of changes) {
    if (change.deleted && change.inserted)
      out += `${range(change.a, change.deleted)}c${range(change.b, change.inserted)}\n`;
    else if (change.deleted) out += `${range(change.a, change.deleted)}d${change.b}\n`;
    else out += `${change.a}a${range(change.b, change.inserted)}\n`;
    for (let i = 0; i < change.deleted; i++) out += shownLine('< ', a, change.a + i);
    if (change.deleted && change.inserted) out += '---\n';
    for (let i = 0; i < change.inserted; i++) out += shownLine('> ', b, change.b + i);
  }
  return out;
}

/** `-u`: hunks with `context` lines around each change, merged when their contexts touch. */
function unifiedFormat(a: Lines, b: Lines, changes: Change[], context: number): string {
  let out = '';
  let i = 0;
  while (i < changes.length) {
    let j = i;
    while (j + 1 < changes.length && changes[j + 1]!.a - (changes[j]!.a + changes[j]!.deleted) <= 2 * context) j++;
    const first = changes[i]!;
    const last = changes[j]!;
    const aStart = Math.max(0, first.a - context);
    const aEnd = Math.min(a.lines.length, last.a + last.deleted + context);
    const bStart = first.b - (first.a - aStart);
    const bEnd = bStart + (aEnd - aStart) - changes.slice(i, j + 1).reduce((sum, c) => sum + c.deleted - c.inserted, 0);
    const range = (start: number, count: number) =>
      count === 1 ? `${start + 1}` : count === 0 ? `${start},0` : `${start + 1},${count}`;
    out += `@@ -${range(aStart, aEnd - aStart)} +${range(bStart, bEnd - bStart)} @@\n`;
    let ai = aStart;
    for (const change of changes.slice(i, j + 1)) {
      for (; ai < change.a; ai++) out += shownLine(' ', a, ai);
      for (let k = 0; k < change.deleted; k++) out += shownLine('-', a, change.a + k);
      for (let k = 0; k < change.inserted; k++) out += shownLine('+', b, change.b + k);
      ai = change.a + change.deleted;
    }
    for (; ai < aEnd; ai++) out += shownLine(' ', a, ai);
    i = j + 1;
  }
  return out;
}

/** What changed from one text to another, line by line, as git's diffs and diffstats show it. */
export interface LineChanges {
  /** `diff -u` hunks with `context` lines around each change (`@@ -1,2 +1,3 @@` and the lines), empty when equal. */
  hunks: string;
  deleted: number;
  inserted: number;
}

/** The unified hunks and line counts from text `a` to text `b` (a missing final newline counts as a change). */
export function lineChanges(a: string, b: string, context = 3): LineChanges {
  const plain: DiffOptions = {
    brief: false,
    recursive: false,
    reportIdentical: false,
    newFile: false,
    unified: context,
    ignoreCase: false,
    ignoreAllSpace: false,
    ignoreSpaceChange: false,
    typed: [],
  };
  const before = splitLines(a);
  const after = splitLines(b);
  const changes = changesOf(editScript(keysOf(before, plain), keysOf(after, plain)));
  return {
    hunks: unifiedFormat(before, after, changes, context),
    deleted: changes.reduce((sum, change) => sum + change.deleted, 0),
    inserted: changes.reduce((sum, change) => sum + change.inserted, 0),
  };
}

/** The key a line is compared by, under -i, -w, -b; the last line without newline never equals one with it. */
function keysOf(file: Lines, options: DiffOptions): string[] {
  return file.lines.map((line, index) => {
    let key = line;
    if (options.ignoreAllSpace) key = key.replace(/[ \t\v\f\r]+/g, '');
    else if (options.ignoreSpaceChange) key = key.replace(/[ \t\v\f\r]+/g, ' ').replace(/ $/, '');
    if (options.ignoreCase) key = key.toLowerCase();
    // Ignoring white space (-w, -b) ignores a missing final newline too, as GNU does.
    const spaceBlind = options.ignoreAllSpace || options.ignoreSpaceChange;
    return index === file.lines.length - 1 && file.endsWithoutNewline && !spaceBlind ? `${key}\0` : key;
  });
}

function timestamp(date: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return (
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${pad(date.getUTCMilliseconds(), 3)}000000 +0000`
  );
}

interface Outcome {
  stdout: string;
  stderr: string;
  /** 0 same, 1 different, 2 trouble. */
  status: number;
}

const joinPath = (dir: string, name: string) => (dir.endsWith('/') ? dir + name : `${dir}/${name}`);

class Differ {
  constructor(
    private readonly services: ShellServices,
    private readonly cwd: string,
    private readonly stdin: string,
    private readonly options: DiffOptions,
  ) {}

  private path(name: string): string {
    return this.services.fs.resolvePath(this.cwd, name);
  }

  private async kind(name: string): Promise<'file' | 'dir' | 'missing'> {
    if (name === '-') return 'file';
    try {
      return (await this.services.fs.stat(this.path(name))).isDirectory ? 'dir' : 'file';
    } catch {
      return 'missing';
    }
  }

  private async text(name: string): Promise<string> {
    return name === '-' ? this.stdin : this.services.fs.readFile(this.path(name));
  }

  /** Compares two operands as given on the command line. */
  async operands(first: string, second: string): Promise<Outcome> {
    const [kindA, kindB] = [await this.kind(first), await this.kind(second)];
    for (const [name, kind] of [
      [first, kindA],
      [second, kindB],
    ] as const) {
      if (kind === 'missing' && !this.options.newFile)
        return { stdout: '', stderr: `diff: ${name}: No such file or directory\n`, status: 2 };
    }
    if (kindA === 'dir' && kindB === 'dir') return this.directories(first, second);
    // A file against a directory means the file of the same name inside it.
    if (kindA === 'dir' && kindB === 'file' && second !== '-')
      return this.files(joinPath(first, second.replace(/^.*\//, '')), second, false);
    if (kindB === 'dir' && kindA === 'file' && first !== '-')
      return this.files(first, joinPath(second, first.replace(/^.*\//, '')), false);
    if (kindA === 'dir' || kindB === 'dir')
      return { stdout: '', stderr: `diff: cannot compare '-' to a directory\n`, status: 2 };
    return this.files(first, second, false);
  }

  private async files(first: string, second: string, inDirectory: boolean): Promise<Outcome> {
    const texts: string[] = [];
    for (const name of [first, second]) {
      try {
        texts.push(this.options.newFile && (await this.kind(name)) === 'missing' ? '' : await this.text(name));
      } catch (error) {
        return { stdout: '', stderr: `diff: ${name}: ${errorText(error)}\n`, status: 2 };
      }
    }
    const [textA, textB] = texts as [string, string];
    const header =
      inDirectory && !this.options.brief ? `diff ${[...this.options.typed, first, second].join(' ')}\n` : '';
    if (textA.includes('\0') || textB.includes('\0')) {
      return textA === textB
        ? this.identical(first, second)
        : { stdout: `${header}Binary files ${first} and ${second} differ\n`, stderr: '', status: 1 };
    }
    const a = splitLines(textA);
    const b = splitLines(textB);
    const changes = changesOf(editScript(keysOf(a, this.options), keysOf(b, this.options)));
    if (changes.length === 0) return this.identical(first, second);
    if (this.options.brief) return { stdout: `Files ${first} and ${second} differ\n`, stderr: '', status: 1 };
    let body: string;
    if (this.options.unified === undefined) body = normalFormat(a, b, changes);
    else
      body = `--- ${first}\t${await this.time(first)}\n+++ ${second}\t${await this.time(second)}\n${unifiedFormat(a, b, changes, this.options.unified)}`;
    return { stdout: header + body, stderr: '', status: 1 };
  }

  private identical(first: string, second: string): Outcome {
    return {
      stdout: this.options.reportIdentical ? `Files ${first} and ${second} are identical\n` : '',
      stderr: '',
      status: 0,
    };
  }

  private async time(name: string): Promise<string> {
    if (name === '-') return timestamp(new Date());
    try {
      return timestamp((await this.services.fs.stat(this.path(name))).mtime);
    } catch {
      return timestamp(new Date(0));
    }
  }

  private async directories(first: string, second: string): Promise<Outcome> {
    const listings: string[][] = [];
    for (const name of [first, second]) {
      try {
        listings.push(await this.services.fs.readdir(this.path(name)));
      } catch (error) {
        return { stdout: '', stderr: `diff: ${name}: ${errorText(error)}\n`, status: 2 };
      }
    }
    const [inA, inB] = listings.map((names) => new Set(names)) as [Set<string>, Set<string>];
    const names = [...new Set([...inA, ...inB])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    const outcome: Outcome = { stdout: '', stderr: '', status: 0 };
    const add = (part: Outcome) => {
      outcome.stdout += part.stdout;
      outcome.stderr += part.stderr;
      outcome.status = Math.max(outcome.status, part.status);
    };
    for (const name of names) {
      const pathA = joinPath(first, name);
      const pathB = joinPath(second, name);
      if (!inA.has(name) || !inB.has(name)) {
        if (this.options.newFile) {
          const present = inA.has(name) ? pathA : pathB;
          if ((await this.kind(present)) === 'file') {
            add(await this.files(pathA, pathB, true));
            continue;
          }
        }
        add({ stdout: `Only in ${inA.has(name) ? first : second}: ${name}\n`, stderr: '', status: 1 });
        continue;
      }
      const [kindA, kindB] = [await this.kind(pathA), await this.kind(pathB)];
      if (kindA === 'dir' && kindB === 'dir') {
        if (this.options.recursive) add(await this.directories(pathA, pathB));
        else add({ stdout: `Common subdirectories: ${pathA} and ${pathB}\n`, stderr: '', status: 0 });
      } else if (kindA === 'dir' || kindB === 'dir') {
        const what = (kind: string) => (kind === 'dir' ? 'directory' : 'regular file');
        add({
          stdout: `File ${pathA} is a ${what(kindA)} while file ${pathB} is a ${what(kindB)}\n`,
          stderr: '',
          status: 1,
        });
      } else add(await this.files(pathA, pathB, true));
    }
    return outcome;
  }
}

const LONG_OPTIONS: Record<string, string> = {
  '--brief': 'q',
  '--recursive': 'r',
  '--report-identical-files': 's',
  '--new-file': 'N',
  '--ignore-case': 'i',
  '--ignore-all-space': 'w',
  '--ignore-space-change': 'b',
};

/**
 * `diff` as GNU prints it: normal format by default, `-u`/`-U N`, `-q`, `-s`, `-r` over directories (just-bash's has
 * no `-r` and prints unified format by default), `-i -w -b -N`, through the learner's filesystem and its
 * permissions. Any other option goes to just-bash's own `diff`.
 */
export function diffCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'diff',
    async execute(args, ctx) {
      const options: DiffOptions = {
        brief: false,
        recursive: false,
        reportIdentical: false,
        newFile: false,
        unified: undefined,
        ignoreCase: false,
        ignoreAllSpace: false,
        ignoreSpaceChange: false,
        typed: [],
      };
      const operands: string[] = [];
      let optionsEnded = false;
      for (let i = 0; i < args.length; i++) {
        const arg = args[i]!;
        if (optionsEnded || arg === '-' || !arg.startsWith('-')) {
          operands.push(arg);
          continue;
        }
        if (arg === '--') {
          optionsEnded = true;
          continue;
        }
        options.typed.push(arg);
        const unifiedLong = /^--unified(?:=(\d+))?$/.exec(arg);
        if (unifiedLong) {
          options.unified = Number(unifiedLong[1] ?? 3);
          continue;
        }
        const flags = LONG_OPTIONS[arg] ?? (arg.startsWith('--') ? undefined : arg.slice(1));
        if (flags === undefined) return delegate(args, ctx);
        for (let f = 0; f < flags.length; f++) {
          const flag = flags[f]!;
          if (flag === 'q') options.brief = true;
          else if (flag === 'r') options.recursive = true;
          else if (flag === 's') options.reportIdentical = true;
          else if (flag === 'N') options.newFile = true;
          else if (flag === 'u') options.unified = 3;
          else if (flag === 'i') options.ignoreCase = true;
          else if (flag === 'w') options.ignoreAllSpace = true;
          else if (flag === 'b') options.ignoreSpaceChange = true;
          else if (flag === 'U') {
            const rest = flags.slice(f + 1) || args[++i];
            if (rest === undefined || !/^\d+$/.test(rest))
              return { stdout: '', stderr: `diff: invalid context length '${rest ?? ''}'\n`, exitCode: 2 };
            if (!flags.slice(f + 1)) options.typed.push(rest);
            options.unified = Number(rest);
            break;
          } else return delegate(args, ctx);
        }
      }
      if (operands.length !== 2) {
        const problem =
          operands.length < 2
            ? `missing operand after '${operands[operands.length - 1] ?? 'diff'}'`
            : `extra operand '${operands[2]}'`;
        return { stdout: '', stderr: `diff: ${problem}\ndiff: Try 'diff --help' for more information.\n`, exitCode: 2 };
      }
      const differ = new Differ(services, ctx.cwd, operands.includes('-') ? stdinText(ctx.stdin) : '', options);
      const outcome = await differ.operands(operands[0]!, operands[1]!);
      return { stdout: outcome.stdout, stderr: outcome.stderr, exitCode: outcome.status };
    },
  };
}

function delegate(
  args: string[],
  ctx: { origCommand?: (args: string[]) => Promise<{ stdout: string; stderr: string; exitCode: number }> },
) {
  return ctx.origCommand
    ? ctx.origCommand(args)
    : Promise.resolve({ stdout: '', stderr: 'diff: unsupported option\n', exitCode: 2 });
}
