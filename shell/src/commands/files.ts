import { errorText } from '../filesystem/learner-fs.js';
import { stdinText } from '../text.js';
import { fail, ok, type LearnerCommand, type ShellServices } from './command.js';

/** `umask`: shows or sets the mask new files and directories get (`umask 077`, `umask -S`). */
export function umaskCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'umask',
    async execute(args) {
      const symbolic = args.includes('-S');
      const value = args.find((arg) => arg !== '-S');
      if (value === undefined) {
        const mask = services.fs.umask;
        if (!symbolic) return ok(`${mask.toString(8).padStart(4, '0')}\n`);
        const allowed = (shift: number) => ['r', 'w', 'x'].filter((_, i) => !(mask & ((4 >> i) << shift))).join('');
        return ok(`u=${allowed(6)},g=${allowed(3)},o=${allowed(0)}\n`);
      }
      if (!/^[0-7]{1,4}$/.test(value)) return fail(`bash: umask: ${value}: octal number out of range\n`);
      services.fs.umask = parseInt(value, 8) & 0o777;
      return ok();
    },
  };
}

/** `realpath`: the absolute path with every symlink resolved. */
export function realpathCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'realpath',
    async execute(args, ctx) {
      const paths = args.filter((arg) => !arg.startsWith('-'));
      if (paths.length === 0) return fail("realpath: missing operand\nTry 'realpath --help' for more information.\n");
      let stdout = '';
      let stderr = '';
      for (const path of paths) {
        try {
          stdout += `${await services.fs.realpath(services.fs.resolvePath(ctx.cwd, path))}\n`;
        } catch (error) {
          stderr += `realpath: ${path}: ${errorText(error)}\n`;
        }
      }
      return { stdout, stderr, exitCode: stderr ? 1 : 0 };
    },
  };
}

/** Lines `yes` prints before stopping: just-bash runs a pipe's commands one after another, not concurrently. */
const YES_LINES = 10_000;

/** `yes`: repeats a line; bounded so that `yes | head` works and `yes` alone cannot flood the page. */
export const yesCommand: LearnerCommand = {
  name: 'yes',
  async execute(args) {
    const line = (args.length ? args.join(' ') : 'y') + '\n';
    return ok(line.repeat(YES_LINES));
  },
};

/** head's and tail's options that take the next argument as their count. */
export const COUNT_OPTIONS = ['-n', '-c', '--lines', '--bytes'];

/**
 * A just-bash reading command (`cat`, `head`, `tail`) with Linux's error texts: just-bash says "No such file or
 * directory" for every failure; this re-reads the failed operands to say why, in `format`'s words.
 */
export function withReadErrors(
  name: string,
  services: ShellServices,
  format: (file: string, reason: string) => string,
  /** Options whose value is the next argument (`head -n 5`): that value is no file. */
  valueOptions: readonly string[] = [],
): LearnerCommand {
  return {
    name,
    async execute(args, ctx) {
      const result = ctx.origCommand ? await ctx.origCommand(args) : fail(`${name}: unavailable\n`);
      // A refused option is said as it is: no file was read.
      if (!result.stderr || /: (invalid|unrecognized) option/.test(result.stderr)) return result;
      let stderr = '';
      const files = args.filter((arg, i) => !arg.startsWith('-') && !valueOptions.includes(args[i - 1] ?? ''));
      for (const file of files) {
        try {
          await services.fs.readFile(services.fs.resolvePath(ctx.cwd, file));
        } catch (error) {
          stderr += `${format(file, errorText(error))}\n`;
        }
      }
      return { ...result, stderr: stderr || result.stderr };
    },
  };
}

/**
 * `chmod` with Linux's refusal for files the user does not own (root may change any), and GNU's rule that an octal
 * mode of up to four digits leaves a directory's setuid and setgid bits as they were (`chmod 755` on a setgid
 * directory keeps it setgid).
 */
export function chmodCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'chmod',
    async execute(args, ctx) {
      const operands = args.filter((arg) => !arg.startsWith('-')).slice(1);
      const octal = /^[0-7]{1,4}$/.test(args.find((arg) => !arg.startsWith('-')) ?? '');
      const kept = new Map<string, number>();
      for (const file of octal ? operands : []) {
        const node = services.fs.nodeAt(services.fs.resolvePath(ctx.cwd, file));
        if (node?.type === 'dir' && node.mode & 0o6000) kept.set(file, node.mode & 0o6000);
      }
      const result = ctx.origCommand ? await ctx.origCommand(args) : fail('chmod: unavailable\n');
      for (const [file, bits] of kept) {
        const node = services.fs.nodeAt(services.fs.resolvePath(ctx.cwd, file));
        if (node?.type === 'dir' && services.fs.owns(node)) node.mode |= bits;
      }
      if (!result.stderr) return result;
      let stderr = '';
      for (const file of operands) {
        try {
          const { uid } = await services.fs.ownership(services.fs.resolvePath(ctx.cwd, file));
          if (services.fs.user.uid !== 0 && uid !== services.fs.user.uid)
            stderr += `chmod: changing permissions of '${file}': Operation not permitted\n`;
        } catch (error) {
          stderr += `chmod: cannot access '${file}': ${errorText(error)}\n`;
        }
      }
      return { ...result, stderr: stderr || result.stderr };
    },
  };
}

/** `head`: just-bash's, plus GNU's negative counts (`head -n -2`: all but the last two lines). */
export function headCommand(services: ShellServices): LearnerCommand {
  const headErrors = withReadErrors(
    'head',
    services,
    (file, reason) => `head: cannot open '${file}' for reading: ${reason}`,
    COUNT_OPTIONS,
  );
  return {
    name: 'head',
    async execute(args, ctx) {
      const at = args.findIndex((arg) => arg === '-n' || arg === '--lines');
      const inline = args.find((arg) => /^(-n|--lines=)-\d+$/.test(arg));
      const count = inline
        ? inline.replace(/^(-n|--lines=)-/, '')
        : at >= 0 && /^-\d+$/.test(args[at + 1] ?? '')
          ? args[at + 1]!.slice(1)
          : undefined;
      if (count === undefined) return headErrors.execute(args, ctx);
      const files = args.filter((arg, i) => arg !== inline && i !== at && i !== at + 1);
      const dropLast = (text: string) => {
        const lines = text.split('\n');
        const complete = text.endsWith('\n') ? lines.slice(0, -1) : lines;
        const kept = complete.slice(0, Math.max(0, complete.length - Number(count)));
        return kept.map((line) => `${line}\n`).join('');
      };
      if (files.length === 0) return ok(dropLast(stdinText(ctx.stdin)));
      let stdout = '';
      let stderr = '';
      for (const [i, file] of files.entries()) {
        try {
          const text = await services.fs.readFile(services.fs.resolvePath(ctx.cwd, file));
          stdout += (files.length > 1 ? `${i ? '\n' : ''}==> ${file} <==\n` : '') + dropLast(text);
        } catch (error) {
          stderr += `head: cannot open '${file}' for reading: ${errorText(error)}\n`;
        }
      }
      return { stdout, stderr, exitCode: stderr ? 1 : 0 };
    },
  };
}

/** `mkdir`: just-bash's, plus `-m MODE` (octal) as GNU gives it. */
export function mkdirCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'mkdir',
    async execute(args, ctx) {
      const at = args.findIndex((arg) => arg === '-m' || arg.startsWith('--mode='));
      if (at < 0 || !ctx.origCommand) return ctx.origCommand ? ctx.origCommand(args) : fail('mkdir: unavailable\n');
      const mode = args[at]!.startsWith('--mode=') ? args[at]!.slice(7) : args[at + 1];
      if (mode === undefined || !/^[0-7]{1,4}$/.test(mode)) return fail(`mkdir: invalid mode '${mode ?? ''}'\n`);
      const rest = args.filter((_, i) => i !== at && !(args[at] === '-m' && i === at + 1));
      const result = await ctx.origCommand(rest);
      for (const dir of rest.filter((arg) => !arg.startsWith('-'))) {
        await services.fs.chmod(services.fs.resolvePath(ctx.cwd, dir), parseInt(mode, 8)).catch(() => undefined);
      }
      return result;
    },
  };
}
