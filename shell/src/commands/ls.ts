import { errorText, type FsNode, type LearnerFs } from '../filesystem/learner-fs.js';
import { accountsOf } from '../filesystem/accounts.js';
import type { LearnerCommand, ShellServices } from './command.js';
import { inOrder, type OutputPiece } from './ordered-output.js';

interface LsOptions {
  all: boolean;
  almostAll: boolean;
  long: boolean;
  human: boolean;
  recursive: boolean;
  directory: boolean;
  classify: boolean;
  slash: boolean;
  reverse: boolean;
  byTime: boolean;
  bySize: boolean;
  unsorted: boolean;
  inode: boolean;
  numeric: boolean;
  noGroup: boolean;
  layout: 'one' | 'columns' | 'across' | 'commas';
}

/** One name to show, with what `lstat` and (for symlinks) `stat` say about it. */
interface Item {
  name: string;
  path: string;
  kind: 'file' | 'dir' | 'symlink';
  mode: number;
  size: number;
  mtime: Date;
  links: number;
  ino: number;
  uid: number;
  gid: number;
  /** Owner and group names, or their numbers when no account or group has them. */
  owner: string;
  group: string;
  target?: string;
  /** For symlinks: whether the target is a directory (for -F and recursion decisions). */
  targetKind?: 'file' | 'dir' | 'missing';
}

const FLAG_LETTERS = 'aAlhRd1CxmFprtSUinog';
const LONG_FLAGS: Record<string, string> = {
  '--all': 'a',
  '--almost-all': 'A',
  '--human-readable': 'h',
  '--recursive': 'R',
  '--directory': 'd',
  '--classify': 'F',
  '--reverse': 'r',
  '--inode': 'i',
  '--numeric-uid-gid': 'n',
};
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const SIX_MONTHS_MS = 182.5 * 24 * 3600 * 1000;

function parseArgs(args: string[]): { options: LsOptions; operands: string[] } | { error: string } {
  const options: LsOptions = {
    all: false,
    almostAll: false,
    long: false,
    human: false,
    recursive: false,
    directory: false,
    classify: false,
    slash: false,
    reverse: false,
    byTime: false,
    bySize: false,
    unsorted: false,
    inode: false,
    numeric: false,
    noGroup: false,
    layout: 'one',
  };
  const operands: string[] = [];
  let endOfFlags = false;
  for (const arg of args) {
    if (endOfFlags || arg === '-' || !arg.startsWith('-')) {
      operands.push(arg);
      continue;
    }
    if (arg === '--') {
      endOfFlags = true;
      continue;
    }
    const letters = arg.startsWith('--') ? LONG_FLAGS[arg] : arg.slice(1);
    if (letters === undefined)
      return { error: `ls: unrecognized option '${arg}'\nTry 'ls --help' for more information.\n` };
    for (const letter of letters) {
      if (!FLAG_LETTERS.includes(letter))
        return { error: `ls: invalid option -- '${letter}'\nTry 'ls --help' for more information.\n` };
      switch (letter) {
        case 'a':
          options.all = true;
          break;
        case 'A':
          options.almostAll = true;
          break;
        case 'l':
          options.long = true;
          options.layout = 'one';
          break;
        case 'n':
          options.long = true;
          options.numeric = true;
          break;
        case 'o':
          options.long = true;
          options.noGroup = true;
          break;
        case 'g':
          options.long = true;
          break;
        case 'h':
          options.human = true;
          break;
        case 'R':
          options.recursive = true;
          break;
        case 'd':
          options.directory = true;
          break;
        case '1':
          options.layout = 'one';
          break;
        case 'C':
          options.layout = 'columns';
          break;
        case 'x':
          options.layout = 'across';
          break;
        case 'm':
          options.layout = 'commas';
          break;
        case 'F':
          options.classify = true;
          break;
        case 'p':
          options.slash = true;
          break;
        case 'r':
          options.reverse = true;
          break;
        case 't':
          options.byTime = true;
          break;
        case 'S':
          options.bySize = true;
          break;
        case 'U':
          options.unsorted = true;
          break;
        case 'i':
          options.inode = true;
          break;
      }
    }
  }
  return { options, operands };
}

/**
 * What `ls` shows of the entry at `path` (its node, when the caller has it from a listing). Each item is one literal:
 * spreading shared fields into every item cost more than all the rest of `ls -l`.
 */
function itemFor(
  fs: LearnerFs,
  path: string,
  name: string,
  node: FsNode | undefined = fs.nodeAt(path),
): Item | undefined {
  if (!node) return undefined;
  const links = fs.linkCount(path, node);
  const accounts = accountsOf(fs);
  const { uid, gid } = fs.ownershipOf(node);
  const owner = accounts.userName(uid);
  const group = accounts.groupName(gid);
  if (node.type === 'file') {
    const { inode } = node;
    return {
      name,
      path,
      links,
      uid,
      gid,
      owner,
      group,
      kind: 'file',
      mode: inode.mode,
      size: inode.data.length,
      mtime: inode.mtime,
      ino: inode.id,
    };
  }
  if (node.type === 'dir')
    return {
      name,
      path,
      links,
      uid,
      gid,
      owner,
      group,
      kind: 'dir',
      mode: node.mode,
      size: 4096,
      mtime: node.mtime,
      ino: node.id,
    };
  const resolved = fs.nodeAt(fs.resolvePath(path.slice(0, path.lastIndexOf('/')) || '/', node.target));
  const targetKind = !resolved ? 'missing' : resolved.type === 'dir' ? 'dir' : 'file';
  return {
    name,
    path,
    links,
    uid,
    gid,
    owner,
    group,
    kind: 'symlink',
    mode: 0o777,
    size: node.target.length,
    mtime: node.mtime,
    ino: node.id,
    target: node.target,
    targetKind,
  };
}

function modeString(item: Item): string {
  const type = item.kind === 'dir' ? 'd' : item.kind === 'symlink' ? 'l' : '-';
  const m = item.mode;
  const triplet = (shift: number, special: boolean, specialChar: string) => {
    const r = m & (4 << shift) ? 'r' : '-';
    const w = m & (2 << shift) ? 'w' : '-';
    const x = m & (1 << shift);
    const exec = special ? (x ? specialChar : specialChar.toUpperCase()) : x ? 'x' : '-';
    return r + w + exec;
  };
  return (
    type +
    triplet(6, (m & 0o4000) !== 0, 's') +
    triplet(3, (m & 0o2000) !== 0, 's') +
    triplet(0, (m & 0o1000) !== 0, 't')
  );
}

/** GNU `-h`: powers of 1024, one decimal below 10, always rounded up. */
function humanSize(size: number): string {
  if (size < 1024) return String(size);
  const units = ['K', 'M', 'G', 'T'];
  let value = size;
  let unit = -1;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  if (value < 10) {
    const rounded = Math.ceil(value * 10) / 10;
    if (rounded < 10) return rounded.toFixed(1) + units[unit];
    value = rounded;
  }
  const whole = Math.ceil(value);
  return whole >= 1024 && unit < units.length - 1 ? '1.0' + units[unit + 1] : String(whole) + units[unit];
}

function dateString(mtime: Date, now: number): string {
  const month = MONTHS[mtime.getMonth()];
  const day = String(mtime.getDate()).padStart(2);
  const recent = Math.abs(now - mtime.getTime()) < SIX_MONTHS_MS;
  const tail = recent
    ? `${String(mtime.getHours()).padStart(2, '0')}:${String(mtime.getMinutes()).padStart(2, '0')}`
    : ` ${mtime.getFullYear()}`;
  return `${month} ${day} ${tail}`;
}

/** 1 KiB blocks a real ext4 disk would use, for the `total` line. */
function blocks(item: Item): number {
  if (item.kind === 'symlink' || item.size === 0) return 0;
  return Math.ceil(item.size / 4096) * 4;
}

function suffix(item: Item, options: LsOptions): string {
  if (item.kind === 'dir') return options.classify || options.slash ? '/' : '';
  if (!options.classify) return '';
  if (item.kind === 'symlink') return options.long ? '' : '@';
  return item.mode & 0o111 ? '*' : '';
}

function longLines(items: Item[], options: LsOptions): string[] {
  const now = Date.now();
  const rows = items.map((item) => ({
    inode: String(item.ino),
    mode: modeString(item),
    links: String(item.links),
    owner: options.numeric ? String(item.uid) : item.owner,
    group: options.numeric ? String(item.gid) : item.group,
    size: options.human ? humanSize(item.size) : String(item.size),
    date: dateString(item.mtime, now),
    name: item.name + suffix(item, options) + (item.kind === 'symlink' ? ` -> ${item.target}` : ''),
  }));
  const width = (key: keyof (typeof rows)[number]) => Math.max(0, ...rows.map((row) => row[key].length));
  const [wi, wl, wo, wg, ws] = [width('inode'), width('links'), width('owner'), width('group'), width('size')];
  return rows.map((row) =>
    [
      ...(options.inode ? [row.inode.padStart(wi)] : []),
      row.mode,
      row.links.padStart(wl),
      row.owner.padEnd(wo),
      ...(options.noGroup ? [] : [row.group.padEnd(wg)]),
      row.size.padStart(ws),
      row.date,
      row.name,
    ].join(' '),
  );
}

/** GNU ls pads columns with tabs where a tab stop (every 8) fits, then spaces. */
function gap(from: number, to: number): string {
  let out = '';
  while (from < to) {
    if (Math.floor(to / 8) > Math.floor((from + 1) / 8)) {
      out += '\t';
      from += 8 - (from % 8);
    } else {
      out += ' ';
      from++;
    }
  }
  return out;
}

/** GNU's column layout: as many columns as fit in `lineWidth`, filled down (`-C`) or across (`-x`). */
function columnLines(names: string[], lineWidth: number, across: boolean): string[] {
  if (names.length === 0) return [];
  for (let cols = names.length; cols >= 1; cols--) {
    const rows = Math.ceil(names.length / cols);
    if (!across && cols > 1 && Math.ceil(names.length / rows) < cols) continue;
    const at = (r: number, c: number) => names[across ? r * cols + c : c * rows + r];
    const widths = Array.from(
      { length: cols },
      (_, c) => Math.max(0, ...Array.from({ length: rows }, (_, r) => at(r, c)?.length ?? 0)) + 2,
    );
    const total = widths.reduce((sum, w) => sum + w, 0) - 2;
    if (total >= lineWidth && cols > 1) continue;
    const lines: string[] = [];
    for (let r = 0; r < rows; r++) {
      let line = '';
      let column = 0;
      for (let c = 0; c < cols; c++) {
        const name = at(r, c);
        if (name === undefined) continue;
        const isLast = c === cols - 1 || at(r, c + 1) === undefined;
        line += isLast ? name : name + gap(column + name.length, column + widths[c]!);
        column += widths[c]!;
      }
      lines.push(line);
    }
    return lines;
  }
  return names;
}

function render(items: Item[], options: LsOptions, lineWidth: number): string[] {
  if (options.long) return longLines(items, options);
  const names = items.map((item) => (options.inode ? `${item.ino} ` : '') + item.name + suffix(item, options));
  if (options.layout === 'columns') return columnLines(names, lineWidth, false);
  if (options.layout === 'across') return columnLines(names, lineWidth, true);
  if (options.layout === 'commas') return names.length ? [names.join(', ')] : [];
  return names;
}

function sortItems(items: Item[], options: LsOptions): Item[] {
  if (options.unsorted) return items;
  const byName = (a: Item, b: Item) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const sorted = [...items].sort((a, b) => {
    if (options.bySize && a.size !== b.size) return b.size - a.size;
    if (options.byTime && a.mtime.getTime() !== b.mtime.getTime()) return b.mtime.getTime() - a.mtime.getTime();
    return byName(a, b);
  });
  return options.reverse ? sorted.reverse() : sorted;
}

/** `ls` with GNU coreutils' output: several operands, `-l` with real modes, owners and links, `-R`, `-h`, columns. */
export function lsCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'ls',
    async execute(args, ctx) {
      const parsed = parseArgs(args);
      if ('error' in parsed) return { stdout: '', stderr: parsed.error, exitCode: 2 };
      const { options } = parsed;
      const fs = services.fs;
      const lineWidth = Number(ctx.env.get('COLUMNS')) || 80;
      const operands = parsed.operands.length ? parsed.operands : ['.'];
      // In the order GNU writes them: the operands it cannot find, the files, then each directory (or why not).
      const pieces: OutputPiece[] = [];
      let exitCode = 0;
      const files: Item[] = [];
      const dirs: Item[] = [];
      for (const operand of operands) {
        const asTyped = fs.resolvePath(ctx.cwd, operand);
        let path = asTyped;
        try {
          await fs.lstat(asTyped);
          // Directories crossed on the way may be symlinks: name the entry by its real parent.
          const parent = asTyped.slice(0, asTyped.lastIndexOf('/')) || '/';
          const real = await fs.realpath(parent);
          path = asTyped === '/' ? '/' : `${real === '/' ? '' : real}/${asTyped.slice(asTyped.lastIndexOf('/') + 1)}`;
        } catch (error) {
          pieces.push({ error: true, text: `ls: cannot access '${operand}': ${errorText(error)}\n` });
          exitCode = 2;
          continue;
        }
        const item = itemFor(fs, path, operand)!;
        // A symlink operand to a directory is followed unless -l or -d asks about the link itself.
        const followsLink =
          item.kind === 'symlink' &&
          item.targetKind === 'dir' &&
          !options.long &&
          !options.directory &&
          !options.classify;
        if ((item.kind === 'dir' || followsLink) && !options.directory) dirs.push(item);
        else files.push(item);
      }
      const sortedFiles = sortItems(files, options);
      if (sortedFiles.length)
        pieces.push({
          error: false,
          text: render(sortedFiles, options, lineWidth).join('\n') + '\n' + (dirs.length ? '\n' : ''),
        });
      const showHeaders = options.recursive || operands.length > 1;
      let firstHeader = true;
      const queue = sortItems(dirs, options).map((item) => ({ label: item.name, path: item.path }));
      while (queue.length > 0) {
        const { label, path } = queue.shift()!;
        let real: string;
        try {
          real = await fs.realpath(path);
          // Checks read permission; the entries themselves come from the listing, with their nodes.
          await fs.readdir(real);
        } catch {
          pieces.push({ error: true, text: `ls: cannot open directory '${label}': Permission denied\n` });
          exitCode = 2;
          continue;
        }
        const children: Item[] = [];
        for (const entry of fs.listing(real)) {
          if (options.all || options.almostAll || !entry.name.startsWith('.'))
            children.push(itemFor(fs, entry.path, entry.name, entry.node)!);
        }
        const sorted = sortItems(children, options);
        if (options.all) {
          const parent = real === '/' ? '/' : real.slice(0, real.lastIndexOf('/')) || '/';
          sorted.unshift(itemFor(fs, real, '.')!, itemFor(fs, parent, '..')!);
        }
        let block = showHeaders ? `${firstHeader ? '' : '\n'}${label}:\n` : '';
        firstHeader = false;
        if (options.long) block += `total ${sorted.reduce((sum, item) => sum + blocks(item), 0)}\n`;
        const lines = render(sorted, options, lineWidth);
        if (lines.length) block += lines.join('\n') + '\n';
        pieces.push({ error: false, text: block });
        if (options.recursive) {
          const subdirs = sorted
            .filter((item) => item.kind === 'dir' && item.name !== '.' && item.name !== '..')
            .map((item) => ({ label: `${label === '/' ? '' : label}/${item.name}`, path: item.path }));
          queue.unshift(...subdirs);
        }
      }
      return inOrder(ctx, pieces, exitCode);
    },
  };
}
