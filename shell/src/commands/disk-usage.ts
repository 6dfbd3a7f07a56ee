import { errorText } from '../filesystem/learner-fs.js';
import { fail, type LearnerCommand, type ShellServices } from './command.js';

/** GNU's block: sizes are whole 4 KiB blocks, shown in KiB. */
const BLOCK = 4096;

interface Options {
  all: boolean;
  summary: boolean;
  human: boolean;
  total: boolean;
  maxDepth: number;
  /** `--apparent-size`: bytes in the files rather than blocks on the disk; `-b` also shows bytes. */
  apparent: boolean;
  bytes: boolean;
}

/** A size in KiB in the largest unit it fills (0 KiB, 1 MiB, 2 GiB, 3 TiB): the value below 1024 and that unit. */
export function inLargestUnit(kib: number): { value: number; unit: number } {
  let value = kib;
  let unit = 0;
  while (value >= 1024 && unit < 3) {
    value /= 1024;
    unit++;
  }
  return { value, unit };
}

/** `du -h` as GNU rounds: up, one decimal below 10 (`4.0K`, `12K`, `1.1M`). */
export function human(kib: number): string {
  if (kib === 0) return '0';
  const { value, unit } = inLargestUnit(kib);
  const suffix = 'KMGT'[unit]!;
  if (value < 10) return `${(Math.ceil(value * 10) / 10).toFixed(1)}${suffix}`;
  return `${Math.ceil(value)}${suffix}`;
}

/**
 * `du`: disk usage as GNU counts it on a 4 KiB-block filesystem (each directory one block, each file its size
 * rounded up to whole blocks, a hard-linked file once), with `-a -s -h -c -k -b -d N --max-depth=N --apparent-size`.
 */
export function duCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'du',
    async execute(args, ctx) {
      const fs = services.fs;
      const options: Options = {
        all: false,
        summary: false,
        human: false,
        total: false,
        maxDepth: Infinity,
        apparent: false,
        bytes: false,
      };
      const operands: string[] = [];
      for (let i = 0; i < args.length; i++) {
        const arg = args[i]!;
        const depth = /^--max-depth=(\d+)$/.exec(arg);
        if (depth) options.maxDepth = Number(depth[1]);
        else if (arg === '-d') options.maxDepth = Number(args[++i]);
        else if (arg === '--all') options.all = true;
        else if (arg === '--summarize') options.summary = true;
        else if (arg === '--human-readable') options.human = true;
        else if (arg === '--total') options.total = true;
        else if (arg === '--apparent-size') options.apparent = true;
        else if (arg === '--bytes') options.apparent = options.bytes = true;
        else if (arg.startsWith('-') && arg.length > 1) {
          for (const flag of arg.slice(1)) {
            if (flag === 'a') options.all = true;
            else if (flag === 's') options.summary = true;
            else if (flag === 'h') options.human = true;
            else if (flag === 'c') options.total = true;
            else if (flag === 'b') options.apparent = options.bytes = true;
            // -k is the default unit; -x (stay on one filesystem) changes nothing on one.
            else if (flag !== 'k' && flag !== 'x')
              return fail(`du: invalid option -- '${flag}'\nTry 'du --help' for more information.\n`);
          }
        } else operands.push(arg);
      }
      if (Number.isNaN(options.maxDepth)) return fail(`du: invalid maximum depth\n`);
      if (options.summary) options.maxDepth = 0;
      const seen = new Set<number>();
      // Sizes are summed in bytes and shown in KiB rounded up, as GNU does; `-h` shows a size below 1 KiB in bytes.
      const size = (bytes: number) =>
        options.human
          ? bytes < 1024 && options.apparent
            ? String(bytes)
            : human(bytes / 1024)
          : String(options.bytes ? bytes : Math.ceil(bytes / 1024));
      let stdout = '';
      let stderr = '';
      let grand = 0;
      /** Usage of `path` in bytes; prints it (and what lies below, by the options) as it goes. */
      const walk = async (path: string, shown: string, depth: number): Promise<number> => {
        const stat = await fs.lstat(path);
        if (stat.ino !== undefined && seen.has(Number(stat.ino))) return 0;
        if (stat.ino !== undefined) seen.add(Number(stat.ino));
        if (!stat.isDirectory) {
          const bytes = options.apparent ? stat.size : stat.isFile ? Math.ceil(stat.size / BLOCK) * BLOCK : 0;
          if (depth === 0 || (options.all && depth <= options.maxDepth)) stdout += `${size(bytes)}\t${shown}\n`;
          return bytes;
        }
        let bytes = options.apparent ? stat.size : BLOCK;
        let names: string[] = [];
        try {
          names = await fs.readdir(path);
        } catch (error) {
          stderr += `du: cannot read directory '${shown}': ${errorText(error)}\n`;
        }
        for (const name of names)
          bytes += await walk(`${path === '/' ? '' : path}/${name}`, `${shown.replace(/\/$/, '')}/${name}`, depth + 1);
        if (depth <= options.maxDepth) stdout += `${size(bytes)}\t${shown}\n`;
        return bytes;
      };
      for (const operand of operands.length ? operands : ['.']) {
        try {
          grand += await walk(fs.resolvePath(ctx.cwd, operand), operand, 0);
        } catch (error) {
          stderr += `du: cannot access '${operand}': ${errorText(error)}\n`;
        }
      }
      if (options.total) stdout += `${size(grand)}\ttotal\n`;
      return { stdout, stderr, exitCode: stderr ? 1 : 0 };
    },
  };
}
