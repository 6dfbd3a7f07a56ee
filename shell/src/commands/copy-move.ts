import { stdinText } from '../text.js';
import { fail, type LearnerCommand, type ShellServices } from './command.js';

type Name = 'cp' | 'mv';

/** Short options just-bash's own cp and mv take, which pass through unchanged. */
const PASSED: Record<Name, string> = { cp: 'rRnpv', mv: 'fnv' };
/** Long options that pass through unchanged. */
const PASSED_LONG = new Set(['--recursive', '--no-clobber', '--preserve', '--verbose', '--force']);

interface Request {
  options: string[];
  operands: string[];
  target?: string;
  interactive: boolean;
}

/** Reads GNU's options into just-bash's: `-a` is `-rp`, `-f` (cp) is its default, `-t DIR` and `-i` are ours. */
function parse(name: Name, args: string[]): Request | string {
  const request: Request = { options: [], operands: [], interactive: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      request.operands.push(...args.slice(i + 1));
      break;
    }
    if (arg === '--interactive') request.interactive = true;
    else if (arg === '--archive' && name === 'cp') request.options.push('-r', '-p');
    else if (arg === '--force' && name === 'cp') continue;
    else if (arg.startsWith('--target-directory=')) request.target = arg.slice('--target-directory='.length);
    else if (arg === '--target-directory') request.target = args[++i];
    else if (PASSED_LONG.has(arg)) request.options.push(arg);
    else if (arg.startsWith('--')) return `${name}: unrecognized option '${arg}'`;
    else if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const flag = arg[j]!;
        if (flag === 't') {
          request.target = arg.slice(j + 1) || args[++i];
          if (request.target === undefined) return `${name}: option requires an argument -- 't'`;
          break;
        }
        if (flag === 'i') request.interactive = true;
        else if (flag === 'a' && name === 'cp') request.options.push('-r', '-p');
        else if (flag === 'f' && name === 'cp') continue;
        else if (PASSED[name].includes(flag)) request.options.push(`-${flag}`);
        else return `${name}: invalid option -- '${flag}'`;
      }
    } else request.operands.push(arg);
  }
  return request;
}

const basename = (path: string) => path.replace(/\/+$/, '').replace(/^.*\//, '');

/**
 * GNU `cp` and `mv` over just-bash's: adds `-a` (archive), `-f` (cp), `-t DIR` (target first, as with `find -exec`
 * or `xargs`) and `-i`, which asks before replacing a file and reads the answer from stdin, as GNU does: at the
 * terminal, with nothing to read, the answer is no.
 */
export function copyMoveCommand(name: Name, services: ShellServices): LearnerCommand {
  return {
    name,
    async execute(args, ctx) {
      const request = parse(name, args);
      if (typeof request === 'string') return fail(`${request}\nTry '${name} --help' for more information.\n`);
      if (!ctx.origCommand) return fail(`${name}: unavailable\n`);
      const sources = [...request.operands];
      const target = request.target ?? sources.pop();
      if (target === undefined || sources.length === 0) {
        const after = target === undefined ? '' : ` after '${target}'`;
        return fail(
          `${name}: ${target === undefined ? 'missing file operand' : `missing destination file operand${after}`}\nTry '${name} --help' for more information.\n`,
        );
      }
      if (request.target !== undefined && !(await isDirectory(services, ctx.cwd, request.target))) {
        return fail(`${name}: target directory '${request.target}': Not a directory\n`);
      }
      let prompts = '';
      let kept = sources;
      if (request.interactive) {
        const answers = stdinText(ctx.stdin).split('\n');
        const intoDirectory =
          request.target !== undefined || sources.length > 1 || (await isDirectory(services, ctx.cwd, target));
        kept = [];
        for (const source of sources) {
          const destination = intoDirectory ? `${target.replace(/\/+$/, '')}/${basename(source)}` : target;
          // A missing source is just-bash's to report, as GNU does, without a question.
          if ((await exists(services, ctx.cwd, source)) && (await exists(services, ctx.cwd, destination))) {
            prompts += `${name}: overwrite '${destination}'? `;
            if (!/^[yY]/.test(answers.shift() ?? '')) continue;
          }
          kept.push(source);
        }
        if (kept.length === 0) return { stdout: '', stderr: prompts, exitCode: 0 };
      }
      const result = await ctx.origCommand([...request.options, ...kept, target]);
      // just-bash names the destination by its absolute path (`'a' -> '/home/learner/b'` with -v); GNU as typed.
      const typed = target.replace(/(.)\/+$/, '$1');
      const absolute = `'${services.fs.resolvePath(ctx.cwd, typed)}`;
      // just-bash's mv writes `DIR//NAME` for a target typed with its slash.
      const asTyped = (text: string) => text.replaceAll(absolute, `'${typed}`).replaceAll(`'${typed}//`, `'${typed}/`);
      return { ...result, stdout: asTyped(result.stdout), stderr: prompts + asTyped(result.stderr) };
    },
  };
}

async function isDirectory(services: ShellServices, cwd: string, path: string): Promise<boolean> {
  try {
    return (await services.fs.stat(services.fs.resolvePath(cwd, path))).isDirectory;
  } catch {
    return false;
  }
}

async function exists(services: ShellServices, cwd: string, path: string): Promise<boolean> {
  try {
    await services.fs.lstat(services.fs.resolvePath(cwd, path));
    return true;
  } catch {
    return false;
  }
}
