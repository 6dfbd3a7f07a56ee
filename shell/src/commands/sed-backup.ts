import { errorText } from '../filesystem/learner-fs.js';
import { fail, type LearnerCommand, type ShellServices } from './command.js';

/** sed options whose value is the next argument. */
const VALUE_OPTIONS = new Set(['-e', '-f', '-l', '--expression', '--file', '--line-length']);

/**
 * `sed -i.bak` (or `--in-place=.bak`): GNU keeps each file as it was in `FILE.bak` before editing it in place;
 * just-bash's sed edits in place but writes no backup. The copy is made here, then just-bash's sed runs with `-i`.
 */
export function sedCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'sed',
    async execute(args, ctx) {
      if (!ctx.origCommand) return fail('sed: unavailable\n');
      const suffixAt = args.findIndex((arg) => /^-i.|^--in-place=./.test(arg));
      if (suffixAt < 0) return ctx.origCommand(args);
      const option = args[suffixAt]!;
      const suffix = option.startsWith('--') ? option.slice('--in-place='.length) : option.slice(2);
      const rest = args.filter((_, i) => i !== suffixAt);
      const files: string[] = [];
      let script = rest.some((arg) => /^(-e|-f|--expression|--file)/.test(arg));
      for (let i = 0; i < rest.length; i++) {
        const arg = rest[i]!;
        if (VALUE_OPTIONS.has(arg)) i++;
        else if (arg.startsWith('-') && arg.length > 1) continue;
        else if (!script) script = true;
        else files.push(arg);
      }
      for (const file of files) {
        try {
          const path = services.fs.resolvePath(ctx.cwd, file);
          await services.fs.writeFile(`${path}${suffix}`, await services.fs.readFileBuffer(path));
        } catch (error) {
          // sed itself reports the file it cannot read.
          if (!/No such file|Is a directory/.test(errorText(error)))
            return fail(`sed: couldn't open file ${file}${suffix}: ${errorText(error)}\n`, 4);
        }
      }
      return ctx.origCommand(['-i', ...rest]);
    },
  };
}
