import { fail, type LearnerCommand } from './command.js';

/**
 * `paste` over just-bash's, which takes options only apart (`-s -d+`) and needs a file: GNU's `-sd+` cluster and
 * `--serial`/`--delimiters=`, and stdin when no file is given (`seq 3 | paste -sd+`).
 */
export const pasteCommand: LearnerCommand = {
  name: 'paste',
  async execute(args, ctx) {
    if (!ctx.origCommand) return fail('paste: unavailable\n');
    const options: string[] = [];
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '--') {
        files.push(...args.slice(i + 1));
        break;
      }
      if (arg === '--serial') options.push('-s');
      else if (arg.startsWith('--delimiters=')) options.push('-d', arg.slice('--delimiters='.length));
      else if (arg.startsWith('-') && arg.length > 1 && !arg.startsWith('--')) {
        for (let j = 1; j < arg.length; j++) {
          if (arg[j] !== 'd') {
            options.push(`-${arg[j]}`);
            continue;
          }
          const value = arg.slice(j + 1) || args[++i];
          if (value === undefined)
            return fail("paste: option requires an argument -- 'd'\nTry 'paste --help' for more information.\n");
          options.push('-d', value);
          break;
        }
      } else files.push(arg);
    }
    return ctx.origCommand([...options, ...(files.length ? files : ['-'])]);
  },
};
