import { errorText } from '../filesystem/learner-fs.js';
import { decodeUtf8, isUtf8 } from '../text.js';
import { operandBytes } from './byte-input.js';
import { fail, type LearnerCommand, type ShellServices } from './command.js';

const USAGE =
  'Usage: file [-bcCdEhikLlNnprsSvzZ0] [--apple] [--extension] [--mime-encoding]\n            [--mime-type] [-e <testname>] [-F <separator>]  [-f <namefile>]\n            [-m <magicfiles>] [-P <parameter=value>] [--exclude-quiet]\n            <file> ...\n       file -C [-m <magicfiles>]\n       file [--help]\n';

const startsWith = (bytes: Uint8Array, magic: number[], at = 0) => magic.every((byte, i) => bytes[at + i] === byte);
const u16le = (bytes: Uint8Array, at: number) => bytes[at]! | (bytes[at + 1]! << 8);
const u32le = (bytes: Uint8Array, at: number) => (u16le(bytes, at) | (u16le(bytes, at + 2) << 16)) >>> 0;
const u32be = (bytes: Uint8Array, at: number) =>
  ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** The systems file names; for any other (255, unknown, as Python writes) it says nothing. */
const GZIP_OS: Record<number, string> = {
  0: 'FAT filesystem (MS-DOS, OS/2, NT)',
  3: 'Unix',
  7: 'Macintosh',
  11: 'NTFS filesystem (NT)',
};

/** A time as ctime(3) writes it in UTC, which the learner's machine runs on: `Sun Dec  6 17:32:14 2026`. */
function ctime(seconds: number): string {
  const d = new Date(seconds * 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

function gzip(bytes: Uint8Array): string {
  const flags = bytes[3]!;
  const parts = ['gzip compressed data'];
  if (flags & 0x08) {
    // The name follows the 10-byte header (and the extra field when there is one).
    let at = 10 + (flags & 0x04 ? 2 + u16le(bytes, 10) : 0);
    const end = bytes.indexOf(0, at);
    if (end > at) parts.push(`was "${decodeUtf8(bytes.subarray(at, end))}"`);
    at = end;
  }
  const mtime = u32le(bytes, 4);
  if (mtime) parts.push(`last modified: ${ctime(mtime)}`);
  if (bytes[8] === 2) parts.push('max compression');
  else if (bytes[8] === 4) parts.push('max speed');
  const os = GZIP_OS[bytes[9]!];
  if (os) parts.push(`from ${os}`);
  if (bytes.length >= 18) parts.push(`original size modulo 2^32 ${u32le(bytes, bytes.length - 4)}`);
  return parts.join(', ');
}

const ELF_TYPES: Record<number, string> = { 1: 'relocatable', 2: 'executable', 3: 'shared object', 4: 'core file' };
const ELF_MACHINES: Record<number, string> = {
  3: 'Intel 80386',
  0x28: 'ARM',
  0x3e: 'x86-64',
  0xb7: 'ARM aarch64',
  0xf3: 'UCB RISC-V',
};

/** The ELF header's words; file also reads the program headers (linking, interpreter, build id), which we do not. */
function elf(bytes: Uint8Array): string {
  const bits = bytes[4] === 2 ? '64-bit' : '32-bit';
  const order = bytes[5] === 2 ? 'MSB' : 'LSB';
  if (bytes.length < 20) return `ELF ${bits} ${order} (SYSV)`;
  const read16 = (at: number) => (order === 'LSB' ? u16le(bytes, at) : (bytes[at]! << 8) | bytes[at + 1]!);
  const type = ELF_TYPES[read16(16)] ?? 'unknown type';
  const machine = ELF_MACHINES[read16(18)] ?? `*unknown arch ${read16(18)}*`;
  return `ELF ${bits} ${order} ${type}, ${machine}, version ${bytes[6]} (${bytes[7] === 3 ? 'GNU/Linux' : 'SYSV'})`;
}

const PNG_COLOURS: Record<number, string> = {
  0: 'grayscale',
  2: '/color RGB',
  3: 'colormap',
  4: 'gray+alpha',
  6: '/color RGBA',
};

function png(bytes: Uint8Array): string | undefined {
  // The IHDR chunk must come first; without it file calls the bytes data.
  if (bytes.length < 33 || decodeUtf8(bytes.subarray(12, 16)) !== 'IHDR') return undefined;
  const colour = PNG_COLOURS[bytes[25]!];
  if (colour === undefined) return undefined;
  const depth = `${bytes[24]}-bit${colour.startsWith('/') ? colour : ` ${colour}`}`;
  return `PNG image data, ${u32be(bytes, 16)} x ${u32be(bytes, 20)}, ${depth}, ${bytes[28] ? 'interlaced' : 'non-interlaced'}`;
}

/** Archives and compressed data, by their magic numbers. */
function byMagic(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, [0x1f, 0x8b]) && bytes.length >= 10) return gzip(bytes);
  if (startsWith(bytes, [0x42, 0x5a, 0x68]) && bytes[3]! >= 0x31 && bytes[3]! <= 0x39)
    return `bzip2 compressed data, block size = ${bytes[3]! - 0x30}00k`;
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && bytes.length >= 30) {
    const method = u16le(bytes, 8);
    return `Zip archive data, at least v${Math.floor(bytes[4]! / 10)}.${bytes[4]! % 10} to extract, compression method=${method === 0 ? 'store' : method === 8 ? 'deflate' : method}`;
  }
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return elf(bytes);
  if (decodeUtf8(bytes.subarray(0, 21)) === '!<arch>\ndebian-binary')
    return 'Debian binary package (format 2.0), with control.tar.xz, data compression xz';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return png(bytes);
  if (bytes.length >= 263 && decodeUtf8(bytes.subarray(257, 263)) === 'ustar\0') return 'POSIX tar archive';
  if (bytes.length >= 265 && decodeUtf8(bytes.subarray(257, 265)) === 'ustar  \0') return 'POSIX tar archive (GNU)';
  return undefined;
}

/** Bytes text may hold beside printable characters: tab, newline, carriage return, form feed, backspace, escape. */
const TEXT_CONTROLS = new Set([0x08, 0x09, 0x0a, 0x0c, 0x0d, 0x1b]);

function encodingOf(bytes: Uint8Array): string | undefined {
  let ascii = true;
  for (const byte of bytes) {
    if (byte < 0x20 && !TEXT_CONTROLS.has(byte)) return undefined;
    if (byte === 0x7f) return undefined;
    if (byte >= 0x80) ascii = false;
  }
  if (ascii) return 'ASCII text';
  if (isUtf8(bytes)) return 'Unicode text, UTF-8 text';
  return bytes.every((byte) => byte < 0x80 || byte >= 0xa0) ? 'ISO-8859 text' : undefined;
}

const SCRIPTS: Record<string, string> = {
  bash: 'Bourne-Again shell script',
  sh: 'POSIX shell script',
  zsh: "Paul Falstad's zsh script",
  awk: 'awk script',
};

/** What a `#!` line makes of text in `encoding` (file words a few interpreters its own way), or undefined without one. */
function scriptDescription(text: string, encoding: string): string | undefined {
  const match = /^#!\s*(\S+)(?:[ \t]+([^\s\r]+))?[^\n]*(\n)?/.exec(text);
  if (!match) return undefined;
  const [, path, argument, newline] = match as unknown as [string, string, string | undefined, string | undefined];
  const program = path.endsWith('/env') && argument ? argument : path.slice(path.lastIndexOf('/') + 1);
  // Without a line end, file's magic for named interpreters does not match: only the generic one does.
  const kind = !newline ? undefined : /^python[\d.]*$/.test(program) ? 'Python script' : SCRIPTS[program];
  if (newline && program === 'node') return `Node.js script executable, ${encoding}`;
  if (newline && program === 'perl') return 'Perl script text executable';
  return `${kind ?? `a ${path}${argument ? ` ${argument}` : ''} script`}, ${encoding} executable`;
}

function textDescription(bytes: Uint8Array, encoding: string): string {
  const text = decodeUtf8(bytes);
  const trimmed = text.trim();
  if (/^[[{]/.test(trimmed)) {
    try {
      JSON.parse(trimmed);
      return 'JSON text data';
    } catch {
      // not JSON: plain text
    }
  }
  const parts = [scriptDescription(text, encoding) ?? encoding];
  const longest = Math.max(...text.split(/\r?\n|\r/).map((line) => line.length));
  if (longest > 300) parts.push(`with very long lines (${longest})`);
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  const cr = (text.match(/\r(?!\n)/g) ?? []).length;
  const ends = [crlf && 'CRLF', cr && 'CR', lf && (crlf || cr) && 'LF'].filter(Boolean);
  if (ends.length) parts.push(`with ${ends.join(', ')} line terminators`);
  else if (!lf) parts.push('with no line terminators');
  if (text.includes('\x1b')) parts.push('with escape sequences');
  if (text.includes('\b')) parts.push('with overstriking');
  return parts.join(', ');
}

/** What `file` says of the contents: magic numbers first, then text (JSON, scripts, encodings), else data. */
export function describeContents(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'empty';
  const magic = byMagic(bytes);
  if (magic) return magic;
  const encoding = encodingOf(bytes);
  return encoding ? textDescription(bytes, encoding) : 'data';
}

/** `file`: what each file holds, told by its contents and never by its name (`-b` without names, `-L` through links). */
export function fileCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'file',
    async execute(args, ctx) {
      let brief = false;
      let follow = false;
      const names: string[] = [];
      let optionsEnd = false;
      for (const arg of args) {
        if (optionsEnd) names.push(arg);
        else if (arg === '--') optionsEnd = true;
        else if (/^-[bLh]+$/.test(arg)) {
          brief ||= arg.includes('b');
          if (arg.includes('L')) follow = true;
          if (arg.includes('h')) follow = false;
        } else if (arg === '--brief') brief = true;
        else if (arg === '--dereference') follow = true;
        else if (arg.startsWith('-') && arg !== '-')
          return fail(`file: invalid option -- '${arg.slice(1, 2)}'\n${USAGE}`);
        else names.push(arg);
      }
      if (names.length === 0) return fail(USAGE);
      const fs = services.fs;
      const width = Math.max(...names.map((name) => (name === '-' ? '/dev/stdin' : name).length));
      let stdout = '';
      for (const name of names) {
        const shown = name === '-' ? '/dev/stdin' : name;
        stdout += brief ? '' : `${`${shown}:`.padEnd(width + 1)} `;
        try {
          const path = fs.resolvePath(ctx.cwd, name);
          const stat = name === '-' ? undefined : follow ? await fs.stat(path) : await fs.lstat(path);
          if (stat?.isSymbolicLink) {
            const target = await fs.readlink(path);
            stdout += `${(await fs.exists(path)) ? '' : 'broken '}symbolic link to ${target}\n`;
          } else if (stat?.isDirectory) stdout += 'directory\n';
          else stdout += `${describeContents(await operandBytes(services, ctx, name))}\n`;
        } catch (error) {
          stdout += `cannot open \`${name}' (${errorText(error)})\n`;
        }
      }
      // file reports an unreadable file in its output and still succeeds.
      return { stdout, stderr: '', exitCode: 0 };
    },
  };
}
