import { errorText } from '../filesystem/learner-fs.js';
import { decodeUtf8, latin1ToBytes } from '../text.js';
import type { LearnerCommand, ShellServices } from './command.js';
import { inOrder, type OutputPiece } from './ordered-output.js';

interface Counts {
  lines: number;
  words: number;
  chars: number;
  bytes: number;
  longest: number;
}

/** Counts from the bytes: `-c` is their number even when they are not text (a decoded binary would count more). */
function count(bytes: Uint8Array): Counts {
  const text = decodeUtf8(bytes);
  let longest = 0;
  for (const line of text.split('\n')) longest = Math.max(longest, [...line.replace(/\t/g, '        ')].length);
  return {
    lines: (text.match(/\n/g) ?? []).length,
    words: (text.match(/\S+/g) ?? []).length,
    chars: [...text].length,
    bytes: bytes.length,
    longest,
  };
}

const WC_FLAGS: Record<string, keyof Counts> = { l: 'lines', w: 'words', m: 'chars', c: 'bytes', L: 'longest' };
const WC_LONG: Record<string, keyof Counts> = {
  '--lines': 'lines',
  '--words': 'words',
  '--chars': 'chars',
  '--bytes': 'bytes',
  '--max-line-length': 'longest',
};
const WC_ORDER: (keyof Counts)[] = ['lines', 'words', 'chars', 'bytes', 'longest'];

/** `wc` with GNU's column widths: wide enough for the total size of the files, 7 when reading a pipe. */
export function wcCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'wc',
    async execute(args, ctx) {
      const chosen = new Set<keyof Counts>();
      const files: string[] = [];
      for (const arg of args) {
        if (arg in WC_LONG) chosen.add(WC_LONG[arg]!);
        else if (arg.startsWith('-') && arg.length > 1) {
          for (const flag of arg.slice(1)) {
            const key = WC_FLAGS[flag];
            if (!key)
              return {
                stdout: '',
                stderr: `wc: invalid option -- '${flag}'\nTry 'wc --help' for more information.\n`,
                exitCode: 1,
              };
            chosen.add(key);
          }
        } else files.push(arg);
      }
      const shown = chosen.size ? WC_ORDER.filter((key) => chosen.has(key)) : (['lines', 'words', 'bytes'] as const);
      const inputs = files.length ? files : ['-'];
      // In the order read: a file's error shows where GNU writes it, between the other files' counts.
      const results: { name: string; counts?: Counts; regularSize?: number; error?: string }[] = [];
      for (const name of inputs) {
        if (name === '-') {
          results.push({ name: files.length ? '-' : '', counts: count(latin1ToBytes(String(ctx.stdin))) });
          continue;
        }
        try {
          const path = services.fs.resolvePath(ctx.cwd, name);
          if ((await services.fs.stat(path)).isDirectory) {
            results.push({ name, counts: count(new Uint8Array()), error: `wc: ${name}: Is a directory\n` });
            continue;
          }
          const counts = count(await services.fs.readFileBuffer(path));
          results.push({ name, counts, regularSize: counts.bytes });
        } catch (error) {
          results.push({ name, error: `wc: ${name}: ${errorText(error)}\n` });
        }
      }
      const counted = results.filter((result) => result.counts);
      let width = 1;
      if (!(inputs.length === 1 && shown.length === 1) && counted.length > 0 && results[0]!.counts) {
        const total = counted.reduce((sum, result) => sum + (result.regularSize ?? 0), 0);
        width = Math.max(String(total).length, counted.some((result) => result.regularSize === undefined) ? 7 : 1);
      }
      const format = (counts: Counts, name: string) =>
        shown.map((key) => String(counts[key]).padStart(width)).join(' ') + (name ? ` ${name}` : '') + '\n';
      const pieces: OutputPiece[] = results.flatMap((result) => [
        { error: true, text: result.error ?? '' },
        { error: false, text: result.counts ? format(result.counts, result.name) : '' },
      ]);
      if (inputs.length > 1) {
        const total: Counts = { lines: 0, words: 0, chars: 0, bytes: 0, longest: 0 };
        for (const { counts } of counted) {
          for (const key of WC_ORDER)
            total[key] = key === 'longest' ? Math.max(total[key], counts![key]) : total[key] + counts![key];
        }
        pieces.push({ error: false, text: format(total, 'total') });
      }
      return inOrder(ctx, pieces, results.some((result) => result.error) ? 1 : 0);
    },
  };
}

/** `uniq`: just-bash's, with `-c` counts padded to GNU's width of 7. */
export const uniqCommand: LearnerCommand = {
  name: 'uniq',
  async execute(args, ctx) {
    if (!ctx.origCommand) return { stdout: '', stderr: 'uniq: unavailable\n', exitCode: 1 };
    const result = await ctx.origCommand(args);
    const counting = args.some((arg) => /^-[a-zA-Z]*c/.test(arg) || arg === '--count');
    if (!counting) return result;
    return { ...result, stdout: result.stdout.replace(/^ *(\d+) /gm, (_, n: string) => `${n.padStart(7)} `) };
  },
};
