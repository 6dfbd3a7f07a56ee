import type { LearnerCommand } from './command.js';

/**
 * `grep`: just-bash's, with GNU's file names under `grep -r PATTERN .` (`./notes.txt`, not `notes.txt`), and with
 * several `-e` patterns all searched (just-bash keeps only the last).
 */
export const grepCommand: LearnerCommand = {
  name: 'grep',
  async execute(args, ctx) {
    if (!ctx.origCommand) return { stdout: '', stderr: 'grep: unavailable\n', exitCode: 2 };
    const patterns: string[] = [];
    const rest: string[] = [];
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '-e' && i + 1 < args.length) patterns.push(args[++i]!);
      else rest.push(args[i]!);
    }
    const extended = rest.some((arg) => /^-[a-zA-Z]*E/.test(arg));
    const merged = patterns.length > 1 ? ['-e', patterns.join(extended ? '|' : '\\|'), ...rest] : patterns.length ? ['-e', patterns[0]!, ...rest] : rest;
    const result = await ctx.origCommand(merged);
    const recursive = rest.some((arg) => /^-[a-zA-Z]*[rR]/.test(arg) || arg === '--recursive');
    const operands = rest.filter((arg) => !arg.startsWith('-')).slice(patterns.length ? 0 : 1);
    const dotted = operands.length === 1 && (operands[0] === '.' || operands[0]!.startsWith('./'));
    const namesHidden = rest.some((arg) => /^-[a-zA-Z]*[hqc]/.test(arg));
    if (!recursive || !dotted || namesHidden || !result.stdout) return result;
    return { ...result, stdout: result.stdout.replace(/^(?!\.\/)/gm, (_, offset: number, all: string) => (offset < all.length ? './' : '')) };
  },
};
