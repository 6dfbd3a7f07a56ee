import { unzipSync, zipSync, type ZipOptions } from 'fflate';
import { errorText, type LearnerFs } from '../filesystem/learner-fs.js';
import { bytesToLatin1 } from '../text.js';
import type { LearnerCommand, ShellServices } from './command.js';
import { throughStream } from './compression.js';

/** One entry of an archive: a directory (name ends in `/`) or a file. */
interface Entry {
  name: string;
  data: Uint8Array;
  mode: number;
  mtime: Date;
}

/** Unix, in the "made by" field: unzip then restores the modes kept in the external attributes. */
const UNIX = 3;
const DIRECTORY_BITS = 0o40000;
const FILE_BITS = 0o100000;

const u16 = (bytes: Uint8Array, at: number) => bytes[at]! | (bytes[at + 1]! << 8);
const u32 = (bytes: Uint8Array, at: number) => (u16(bytes, at) | (u16(bytes, at + 2) << 16)) >>> 0;

/** A DOS date and time (two-second steps, local time), as the central directory keeps them. */
function dosTime(date: number, time: number): Date {
  return new Date(1980 + (date >> 9), ((date >> 5) & 15) - 1, date & 31, time >> 11, (time >> 5) & 63, (time & 31) * 2);
}

/** An entry as the central directory describes it. */
interface Record_ {
  name: string;
  mode: number;
  mtime: Date;
  compressedSize: number;
}

/** The central directory of a zip archive, in order; undefined when the bytes are no zip archive. */
function centralDirectory(bytes: Uint8Array): Record_[] | undefined {
  let end = bytes.length - 22;
  while (end >= 0 && u32(bytes, end) !== 0x06054b50) end--;
  if (end < 0) return undefined;
  const records: Record_[] = [];
  let at = u32(bytes, end + 16);
  for (
    let count = u16(bytes, end + 10);
    count > 0 && at + 46 <= bytes.length && u32(bytes, at) === 0x02014b50;
    count--
  ) {
    const nameLength = u16(bytes, at + 28);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const unixMode = bytes[at + 5] === UNIX ? u32(bytes, at + 38) >>> 16 : 0;
    const mode = unixMode & 0o7777 || (name.endsWith('/') ? 0o755 : 0o644);
    records.push({
      name,
      mode,
      mtime: dosTime(u16(bytes, at + 14), u16(bytes, at + 12)),
      compressedSize: u32(bytes, at + 20),
    });
    at += 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
  }
  return records;
}

/** The entries of a zip archive with their data (fflate's reader gives no modes or times); undefined for no zip. */
function readArchive(bytes: Uint8Array): (Entry & { stored: boolean })[] | undefined {
  const records = centralDirectory(bytes);
  if (!records) return undefined;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    return undefined;
  }
  return records.map(({ name, mode, mtime, compressedSize }) => {
    const data = files[name] ?? new Uint8Array();
    return { name, mode, mtime, data, stored: compressedSize >= data.length };
  });
}

/** Info-ZIP's saving, `deflated 52%` (its own rounding), or `stored 0%` when deflating would not shrink the file. */
function compressionNote(entry: Entry, compressed: number | undefined): string {
  const size = entry.data.length;
  if (compressed === undefined || compressed >= size) return 'stored 0%';
  return `deflated ${1 + Math.floor((Math.floor((200 * (size - compressed)) / size) - 1) / 2)}%`;
}

/** The entries for `operand`: itself, and with `recurse` what is below a directory, directories first. */
async function collect(fs: LearnerFs, cwd: string, operand: string, recurse: boolean, into: Entry[]): Promise<void> {
  const path = fs.resolvePath(cwd, operand);
  const stat = await fs.stat(path);
  const name = operand.replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '');
  if (stat.isDirectory) {
    into.push({ name: `${name}/`, data: new Uint8Array(), mode: stat.mode, mtime: stat.mtime });
    if (recurse)
      for (const child of (await fs.readdir(path)).sort()) await collect(fs, cwd, `${name}/${child}`, recurse, into);
  } else into.push({ name, data: await fs.readFileBuffer(path), mode: stat.mode, mtime: stat.mtime });
}

/** `zip [-r] [-q] ARCHIVE FILE...`: adds or updates entries, and says so as Info-ZIP does. */
export function zipCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'zip',
    async execute(args, ctx) {
      const fs = services.fs;
      const flags = args.filter((arg) => /^-[a-zA-Z0-9]+$/.test(arg)).join('');
      const operands = args.filter((arg) => !/^-[a-zA-Z0-9]+$/.test(arg));
      const unknown = flags.replace(/[-rqv0-9]/g, '');
      if (unknown)
        return {
          stdout: '',
          stderr: `zip error: Invalid command arguments (no such option: ${unknown[0]})\n`,
          exitCode: 16,
        };
      const [archive, ...names] = operands;
      if (archive === undefined || names.length === 0)
        return { stdout: '', stderr: 'zip error: Nothing to do! (try: zip -r archive.zip folder)\n', exitCode: 12 };
      const zipName = /\.[^/]*$/.test(archive) ? archive : `${archive}.zip`;
      const zipPath = fs.resolvePath(ctx.cwd, zipName);
      let stdout = '';
      const adding: Entry[] = [];
      for (const name of names) {
        try {
          await collect(fs, ctx.cwd, name, flags.includes('r'), adding);
        } catch {
          // Info-ZIP writes its warnings and errors to stdout.
          stdout += `\tzip warning: name not matched: ${name}\n`;
        }
      }
      if (adding.length === 0)
        return { stdout: `${stdout}\nzip error: Nothing to do! (${zipName})\n`, stderr: '', exitCode: 12 };
      const existing = (await fs.exists(zipPath)) ? (readArchive(await fs.readFileBuffer(zipPath)) ?? []) : [];
      const entries = new Map<string, Entry>(existing.map((entry) => [entry.name, entry]));
      const quiet = flags.includes('q');
      const level = Number(flags.match(/\d/)?.[0] ?? 6) as NonNullable<ZipOptions['level']>;
      // Sizes as zlib deflates (the platform's stream is zlib in browsers and Node, as in Info-ZIP), so that the
      // percentages shown are Info-ZIP's; fflate's own deflate differs by a byte here and there.
      const sizes = new Map<string, number>();
      for (const entry of adding) {
        if (!entry.name.endsWith('/') && entry.data.length > 0 && level > 0)
          sizes.set(entry.name, (await throughStream(entry.data, new CompressionStream('deflate-raw'))).length);
      }
      for (const entry of adding) {
        if (!quiet)
          stdout += `${entries.has(entry.name) ? 'updating' : '  adding'}: ${entry.name} (${compressionNote(entry, sizes.get(entry.name))})\n`;
        entries.set(entry.name, entry);
      }
      const files = Object.fromEntries(
        [...entries.values()].map((entry) => {
          const kind = entry.name.endsWith('/') ? DIRECTORY_BITS : FILE_BITS;
          const deflate = (sizes.get(entry.name) ?? entry.data.length) < entry.data.length;
          return [
            entry.name,
            [
              entry.data,
              {
                level: deflate ? level : 0,
                os: UNIX,
                attrs: (((kind | entry.mode) << 16) >>> 0) | (kind === DIRECTORY_BITS ? 0x10 : 0),
                mtime: entry.mtime,
              },
            ],
          ];
        }),
      );
      try {
        await fs.writeFile(zipPath, zipSync(files as never));
      } catch (error) {
        return {
          stdout: `${stdout}zip I/O error: ${errorText(error)}\nzip error: Could not create output file (${zipName})\n`,
          stderr: '',
          exitCode: 15,
        };
      }
      return { stdout, stderr: '', exitCode: 0 };
    },
  };
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const listedTime = (date: Date) =>
  `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())} ${pad2(date.getHours())}:${pad2(date.getMinutes())}`;

/** `unzip -l`: Info-ZIP's table of lengths, times and names. */
function listing(shownName: string, entries: Entry[]): string {
  const total = entries.reduce((sum, entry) => sum + entry.data.length, 0);
  const rows = entries
    .map((entry) => `${String(entry.data.length).padStart(9)}  ${listedTime(entry.mtime)}   ${entry.name}\n`)
    .join('');
  const count = `${entries.length} file${entries.length === 1 ? '' : 's'}`;
  return `Archive:  ${shownName}\n  Length      Date    Time    Name\n---------  ---------- -----   ----\n${rows}---------                     -------\n${String(total).padStart(9)}                     ${count}\n`;
}

/** The answer unzip gives itself when asked about replacing a file with no one to answer (the terminal sends no input). */
const noAnswer = (name: string) =>
  `replace ${name}? [y]es, [n]o, [A]ll, [N]one, [r]ename:  NULL\n(EOF or read error, treating as "[N]one" ...)\n`;

/** `unzip [-l|-p] [-o|-n] [-q] ARCHIVE [-d DIR]`: lists, prints (`-p`) or extracts, keeping modes and times, as Info-ZIP prints it. */
export function unzipCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'unzip',
    async execute(args, ctx) {
      const fs = services.fs;
      let flags = '';
      let directory: string | undefined;
      const operands: string[] = [];
      for (let i = 0; i < args.length; i++) {
        const arg = args[i]!;
        if (arg === '-d') directory = args[++i];
        else if (/^-[a-zA-Z]+$/.test(arg)) flags += arg.slice(1);
        else operands.push(arg);
      }
      const unknown = flags.replace(/[lonqdp]/g, '');
      if (unknown) return { stdout: '', stderr: `unzip:  invalid option -- ${unknown[0]}\n`, exitCode: 10 };
      const [archive] = operands;
      if (archive === undefined)
        return { stdout: '', stderr: 'usage: unzip [-l|-p|-o|-n|-q] file[.zip] [-d exdir]\n', exitCode: 10 };
      const tried = [archive, `${archive}.zip`];
      let bytes: Uint8Array | undefined;
      for (const name of tried) {
        const path = fs.resolvePath(ctx.cwd, name);
        if ((await fs.exists(path)) && !(await fs.stat(path)).isDirectory) {
          bytes = await fs.readFileBuffer(path);
          break;
        }
      }
      if (!bytes) {
        return {
          stdout: '',
          stderr: `unzip:  cannot find or open ${archive}, ${archive}.zip or ${archive}.ZIP.\n`,
          exitCode: 9,
        };
      }
      const entries = readArchive(bytes);
      if (!entries) {
        return {
          stdout: `Archive:  ${archive}\n`,
          stderr: `  End-of-central-directory signature not found.  Either this file is not\n  a zipfile, or it constitutes one disk of a multi-part archive.\n`,
          exitCode: 9,
        };
      }
      if (flags.includes('l')) return { stdout: listing(archive, entries), stderr: '', exitCode: 0 };
      if (flags.includes('p'))
        return {
          stdout: entries.map((entry) => bytesToLatin1(entry.data)).join(''),
          stderr: '',
          exitCode: 0,
          stdoutKind: 'bytes',
        };
      const quiet = flags.includes('q');
      let stdout = quiet ? '' : `Archive:  ${archive}\n`;
      let stderr = '';
      let declined = false;
      const base = directory === undefined ? ctx.cwd : fs.resolvePath(ctx.cwd, directory);
      for (const entry of entries) {
        const shown = directory === undefined ? entry.name : `${directory.replace(/\/+$/, '')}/${entry.name}`;
        const path = fs.resolvePath(base, entry.name);
        try {
          if (entry.name.endsWith('/')) {
            if (!(await fs.exists(path)) && !quiet) stdout += `   creating: ${shown}\n`;
            await fs.mkdir(path, { recursive: true });
            continue;
          }
          if (await fs.exists(path)) {
            if (flags.includes('n') || declined) continue;
            if (!flags.includes('o')) {
              // Info-ZIP asks; with no answer it takes "None" for this file and the rest.
              stderr += noAnswer(shown);
              declined = true;
              continue;
            }
          }
          await fs.mkdir(path.slice(0, path.lastIndexOf('/')) || '/', { recursive: true });
          if (!quiet) stdout += `${entry.stored ? ' extracting' : '  inflating'}: ${shown.padEnd(22)}  \n`;
          await fs.writeFile(path, entry.data);
          await fs.chmod(path, entry.mode & ~fs.umask);
          await fs.utimes(path, entry.mtime, entry.mtime);
        } catch (error) {
          stderr += `error:  cannot create ${shown}\n        ${errorText(error)}\n`;
        }
      }
      return { stdout, stderr, exitCode: stderr ? 1 : 0 };
    },
  };
}
