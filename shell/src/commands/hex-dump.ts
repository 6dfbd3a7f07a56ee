import { errorText } from '../filesystem/learner-fs.js';
import { bytesToLatin1, latin1ToBytes } from '../text.js';
import { operandBytes, printableOrDot } from './byte-input.js';
import { fail, type LearnerCommand, type ShellServices } from './command.js';

const XXD_USAGE =
  'Usage:\n       xxd [options] [infile [outfile]]\n    or\n       xxd -r [-s [-]offset] [-c cols] [-ps] [infile [outfile]]\n';

interface XxdOptions {
  reverse: boolean;
  plain: boolean;
  upper: boolean;
  cols: number | undefined;
  group: number | undefined;
  length: number | undefined;
  seek: number;
  seekFromEnd: boolean;
}

/** xxd's numbers: decimal, `0x` hex or leading-0 octal, as strtol with base 0 reads them. */
function number(text: string): number | undefined {
  const match = /^([+-]?)(0x[0-9a-f]+|0[0-7]*|[1-9]\d*)$/i.exec(text);
  if (!match) return undefined;
  const digits = match[2]!;
  const value = /^0x/i.test(digits)
    ? parseInt(digits.slice(2), 16)
    : digits.length > 1 && digits.startsWith('0')
      ? parseInt(digits, 8)
      : Number(digits);
  return match[1] === '-' ? -value : value;
}

function parseXxd(args: string[]): { options: XxdOptions; files: string[] } | { error: string } {
  const options: XxdOptions = {
    reverse: false,
    plain: false,
    upper: false,
    cols: undefined,
    group: undefined,
    length: undefined,
    seek: 0,
    seekFromEnd: false,
  };
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-') || arg === '-') {
      files.push(arg);
      continue;
    }
    // xxd takes a value glued (`-c8`) or as the next word (`-c 8`).
    const valued = /^-(c|g|l|s|cols|groupsize|len|seek)(.*)$/.exec(arg);
    if (valued) {
      const text = valued[2] || args[++i];
      const value = text === undefined ? undefined : number(text);
      if (value === undefined) return { error: XXD_USAGE };
      const flag = valued[1]![0];
      if (flag === 'c') options.cols = value;
      else if (flag === 'g') options.group = value;
      else if (flag === 'l') options.length = value;
      else {
        options.seek = Math.abs(value);
        options.seekFromEnd = text!.startsWith('-');
      }
      continue;
    }
    if (arg === '-r' || arg === '-revert') options.reverse = true;
    else if (arg === '-p' || arg === '-ps' || arg === '-postscript' || arg === '-plain') options.plain = true;
    else if (arg === '-u') options.upper = true;
    else if (arg === '-rp' || arg === '-pr') options.reverse = options.plain = true;
    else return { error: XXD_USAGE };
  }
  return { options, files };
}

/** The classic dump: `00000010: 390a 3130 0a31 310a  9.10.11.` (offset, hex in groups, the bytes as text). */
function classicDump(bytes: Uint8Array, start: number, cols: number, group: number, upper: boolean): string {
  const hexWidth = cols * 2 + (group > 0 ? Math.ceil(cols / group) : 1);
  let out = '';
  for (let at = 0; at < bytes.length; at += cols) {
    const line = bytes.subarray(at, at + cols);
    let hex = '';
    line.forEach((byte, i) => {
      hex += byte.toString(16).padStart(2, '0');
      if (group > 0 && (i + 1) % group === 0) hex += ' ';
    });
    if (upper) hex = hex.toUpperCase();
    out += `${(start + at).toString(16).padStart(8, '0')}: ${hex.padEnd(hexWidth)} ${Array.from(line, printableOrDot).join('')}\n`;
  }
  return out;
}

function plainDump(bytes: Uint8Array, cols: number, upper: boolean): string {
  let out = '';
  for (let at = 0; at < bytes.length; at += cols) {
    const hex = Array.from(bytes.subarray(at, at + cols), (byte) => byte.toString(16).padStart(2, '0')).join('');
    out += `${upper ? hex.toUpperCase() : hex}\n`;
  }
  return out;
}

const HEX_PAIR = /^[0-9a-f]{2}/i;

/**
 * `xxd -r`: bytes back from a dump. Each line's address says where its bytes go; the hex ends at the two spaces
 * before the text column, or after `cols` bytes, as xxd reads it. With `-p`, every hex digit pair in order.
 */
function reverseDump(text: string, plain: boolean, cols: number): Uint8Array {
  if (plain) {
    const digits = text.replace(/[^0-9a-f]/gi, '');
    const out = new Uint8Array(digits.length >> 1);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(digits.slice(i * 2, i * 2 + 2), 16);
    return out;
  }
  const pieces: { at: number; bytes: number[] }[] = [];
  for (const line of text.split('\n')) {
    const match = /^\s*([0-9a-f]+):?\s?(.*)$/i.exec(line);
    if (!match) continue;
    const bytes: number[] = [];
    let rest = match[2]!;
    while (bytes.length < cols) {
      if (rest.startsWith('  ')) break;
      rest = rest.replace(/^ /, '');
      const pair = HEX_PAIR.exec(rest);
      if (!pair) break;
      bytes.push(parseInt(pair[0], 16));
      rest = rest.slice(2);
    }
    pieces.push({ at: parseInt(match[1]!, 16), bytes });
  }
  const size = pieces.reduce((end, piece) => Math.max(end, piece.at + piece.bytes.length), 0);
  const out = new Uint8Array(size);
  for (const piece of pieces) out.set(piece.bytes, piece.at);
  return out;
}

/** `xxd`: a hex dump (`-p` plain, `-c` bytes a line, `-g` bytes a group, `-l` length, `-s` start, `-u` upper case), or `-r` back to bytes. */
export function xxdCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'xxd',
    async execute(args, ctx) {
      const parsed = parseXxd(args);
      if ('error' in parsed) return fail(parsed.error);
      const { options, files } = parsed;
      if (files.length > 2) return fail(XXD_USAGE);
      const [input, output] = files;
      let bytes: Uint8Array;
      try {
        bytes = await operandBytes(services, ctx, input);
      } catch (error) {
        return fail(`xxd: ${input}: ${errorText(error)}\n`, 2);
      }
      let result: string;
      let kind: 'text' | 'bytes' = 'text';
      if (options.reverse) {
        result = bytesToLatin1(reverseDump(bytesToLatin1(bytes), options.plain, options.cols || 16));
        kind = 'bytes';
      } else {
        if (options.seekFromEnd && (input === undefined || input === '-')) return fail('xxd: Sorry, cannot seek.\n', 4);
        const start = options.seekFromEnd ? Math.max(0, bytes.length - options.seek) : options.seek;
        const end = options.length === undefined ? bytes.length : start + Math.max(0, options.length);
        const shown = bytes.subarray(start, end);
        const cols = options.cols || (options.plain ? 30 : 16);
        result = options.plain
          ? plainDump(shown, cols, options.upper)
          : classicDump(shown, start, cols, options.group ?? 2, options.upper);
      }
      if (output !== undefined) {
        try {
          await services.fs.writeFile(
            services.fs.resolvePath(ctx.cwd, output),
            kind === 'bytes' ? latin1ToBytes(result) : result,
          );
        } catch (error) {
          return fail(`xxd: ${output}: ${errorText(error)}\n`, 3);
        }
        return { stdout: '', stderr: '', exitCode: 0 };
      }
      return { stdout: result, stderr: '', exitCode: 0, stdoutKind: kind };
    },
  };
}

/** `hexdump -C` lines: offset, two groups of eight hex bytes, `|text|`; a run of identical lines shows as `*`. */
function canonicalDump(bytes: Uint8Array, start: number, squeeze: boolean): string {
  let out = '';
  let previous: string | undefined;
  let starred = false;
  for (let at = 0; at < bytes.length; at += 16) {
    const line = bytes.subarray(at, at + 16);
    const hex = Array.from(line, (byte, i) => (i === 8 ? ' ' : '') + byte.toString(16).padStart(2, '0') + ' ').join('');
    const key = line.length === 16 ? hex : undefined;
    if (squeeze && key !== undefined && key === previous) {
      if (!starred) out += '*\n';
      starred = true;
      continue;
    }
    previous = key;
    starred = false;
    out += `${(start + at).toString(16).padStart(8, '0')}  ${hex.padEnd(49)} |${Array.from(line, printableOrDot).join('')}|\n`;
  }
  return bytes.length > 0 ? `${out}${(start + bytes.length).toString(16).padStart(8, '0')}\n` : out;
}

/** `hexdump -C` (the canonical hex+ASCII view; `-v` shows repeated lines, `-n` length, `-s` start) over files or stdin. */
export function hexdumpCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'hexdump',
    async execute(args, ctx) {
      let squeeze = true;
      let length: number | undefined;
      let skip = 0;
      const files: string[] = [];
      for (let i = 0; i < args.length; i++) {
        const arg = args[i]!;
        if (arg === '-C' || arg === '--canonical') continue;
        if (arg === '-v' || arg === '--no-squeezing') squeeze = false;
        else if (/^-[ns]/.test(arg)) {
          const text = arg.slice(2) || args[++i] || '';
          const value = number(text);
          if (value === undefined || value < 0)
            return fail(`hexdump: invalid ${arg.startsWith('-n') ? 'length' : 'offset'} argument: '${text}'\n`);
          if (arg.startsWith('-n')) length = value;
          else skip = value;
        } else if (arg.startsWith('-') && arg !== '-')
          return fail(`hexdump: invalid option -- '${arg.slice(1)}'\nTry 'hexdump --help' for more information.\n`);
        else files.push(arg);
      }
      const parts: Uint8Array[] = [];
      let stderr = '';
      for (const file of files.length ? files : [undefined]) {
        try {
          parts.push(await operandBytes(services, ctx, file));
        } catch (error) {
          stderr += `hexdump: ${file}: ${errorText(error)}\n`;
        }
      }
      if (files.length > 0 && parts.length === 0) return fail(`${stderr}hexdump: all input file arguments failed\n`);
      // Several files are one stream to hexdump, offsets running on.
      const all = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
      parts.reduce((at, part) => (all.set(part, at), at + part.length), 0);
      const shown = all.subarray(skip, length === undefined ? all.length : skip + length);
      return { stdout: canonicalDump(shown, Math.min(skip, all.length), squeeze), stderr, exitCode: stderr ? 1 : 0 };
    },
  };
}
