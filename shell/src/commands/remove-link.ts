import type { ExecResult } from 'just-bash';
import { errorText } from '../filesystem/learner-fs.js';
import { fail, type LearnerCommand, type ShellServices } from './command.js';

/** Splits GNU-style arguments (options may follow operands, `--` ends them) into options and operands. */
function split(args: string[]): { options: string[]; operands: string[] } {
  const options: string[] = [];
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('-') && arg.length > 1) options.push(arg);
    else operands.push(arg);
  }
  return { options, operands };
}

const hasShort = (options: string[], flag: string) =>
  options.some((option) => /^-[^-]/.test(option) && option.includes(flag));

/** just-bash's command on one operand, behind `--` when it looks like an option. */
const passOperand = (operand: string) => (operand.startsWith('-') ? ['--', operand] : [operand]);

/** The result of several runs, in order, as one. */
function joined(results: ExecResult[]): ExecResult {
  return {
    stdout: results.map((result) => result.stdout).join(''),
    stderr: results.map((result) => result.stderr).join(''),
    exitCode: results.some((result) => result.exitCode !== 0) ? 1 : 0,
  };
}

async function lstatOf(services: ShellServices, cwd: string, path: string) {
  try {
    return await services.fs.lstat(services.fs.resolvePath(cwd, path));
  } catch {
    return undefined;
  }
}

async function statOf(services: ShellServices, cwd: string, path: string) {
  try {
    return await services.fs.stat(services.fs.resolvePath(cwd, path));
  } catch {
    return undefined;
  }
}

/**
 * GNU `rm` over just-bash's: a symbolic link is removed itself, even one to a directory (just-bash followed it
 * and refused: "Is a directory"), and `-d` (`--dir`) removes empty directories.
 */
export function rmCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'rm',
    async execute(args, ctx) {
      if (!ctx.origCommand) return fail('rm: unavailable\n');
      const { options: typed, operands } = split(args);
      const dir = typed.some((option) => option === '--dir' || (/^-[^-]/.test(option) && option.includes('d')));
      // just-bash knows no -d: it is ours alone.
      const options = typed
        .filter((option) => option !== '--dir')
        .map((option) => (/^-[^-]/.test(option) ? option.replaceAll('d', '') : option))
        .filter((option) => option !== '-');
      const recursive = options.some(
        (option) => option === '--recursive' || (/^-[^-]/.test(option) && /[rR]/.test(option)),
      );
      const force = options.some((option) => option === '--force' || hasShort([option], 'f'));
      const verbose = options.some((option) => option === '--verbose' || hasShort([option], 'v'));
      if (operands.length === 0) return ctx.origCommand(options);
      const results: ExecResult[] = [];
      for (const operand of operands) {
        const stat = operand.endsWith('/') ? undefined : await lstatOf(services, ctx.cwd, operand);
        const own = stat && (stat.isSymbolicLink || (dir && !recursive && stat.isDirectory));
        if (!own) {
          results.push(await ctx.origCommand([...options, ...passOperand(operand)]));
          continue;
        }
        try {
          await services.fs.rm(services.fs.resolvePath(ctx.cwd, operand), { force });
          results.push({
            stdout: verbose ? `removed ${stat.isDirectory ? 'directory ' : ''}'${operand}'\n` : '',
            stderr: '',
            exitCode: 0,
          });
        } catch (error) {
          results.push(fail(`rm: cannot remove '${operand}': ${errorText(error)}\n`));
        }
      }
      return joined(results);
    },
  };
}

const basename = (path: string) => path.replace(/\/+$/, '').replace(/^.*\//, '') || path;

/**
 * GNU `ln` over just-bash's: a link named after an existing directory (or a symbolic link to one, unless `-n`)
 * goes inside it, under the target's name (`ln FILE DIR`, and `ln -sf NEW LINK` where LINK points to a directory
 * makes `LINK/NEW`, as GNU does without `-n`); `ln TARGET` links into the current directory; several targets go
 * into the last operand, a directory.
 */
export function lnCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'ln',
    async execute(args, ctx) {
      if (!ctx.origCommand) return fail('ln: unavailable\n');
      const { options, operands } = split(args);
      // Options we do not read (--help, unknown ones): just-bash's answer.
      if (
        operands.length === 0 ||
        options.some((option) => !/^(-[sfnv]+|--(symbolic|force|no-dereference|verbose))$/.test(option))
      )
        return ctx.origCommand(args);
      const noDereference = options.some((option) => option === '--no-dereference' || hasShort([option], 'n'));
      const symbolic = options.some((option) => option === '--symbolic' || hasShort([option], 's'));
      const targets = operands.length === 1 ? operands : operands.slice(0, -1);
      const last = operands.length === 1 ? '.' : operands[operands.length - 1]!;
      const lastStat = await lstatOf(services, ctx.cwd, last);
      const intoDirectory =
        (await statOf(services, ctx.cwd, last))?.isDirectory === true &&
        !(noDereference && lastStat?.isSymbolicLink && !last.endsWith('/'));
      // GNU shows a hard link as `'name' => 'target'` and names it in errors.
      const shown = (result: ExecResult) =>
        symbolic
          ? result
          : {
              ...result,
              stdout: result.stdout.replace(/^('.*') -> /, '$1 => '),
              stderr: result.stderr.replace(/^ln: failed to create link /, 'ln: failed to create hard link '),
            };
      if (!intoDirectory) {
        if (targets.length > 1)
          return fail(`ln: target '${last}': ${lastStat ? 'Not a directory' : 'No such file or directory'}\n`);
        return shown(await ctx.origCommand(args));
      }
      const results: ExecResult[] = [];
      for (const target of targets) {
        const name = operands.length === 1 ? basename(target) : `${last.replace(/\/+$/, '')}/${basename(target)}`;
        results.push(shown(await ctx.origCommand([...options, '--', target, name])));
      }
      return joined(results);
    },
  };
}
