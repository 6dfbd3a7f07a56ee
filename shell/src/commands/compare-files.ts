import { errorText } from '../filesystem/learner-fs.js';
import { encodeUtf8, stdinText } from '../text.js';
import { fail, type LearnerCommand, type ShellServices } from './command.js';

const NEWLINE = 0x0a;

/**
 * `cmp`: the first byte where two files differ (`a b differ: char 3, line 1`, GNU's words in the C locale), or where the shorter one ends;
 * `-s` says nothing, only the status (0 same, 1 different, 2 trouble). `-` or a missing second file is stdin.
 */
export function cmpCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'cmp',
    async execute(args, ctx) {
      const silent = args.some((arg) => arg === '-s' || arg === '--silent' || arg === '--quiet');
      const unknown = args.find(
        (arg) => arg.startsWith('-') && arg.length > 1 && !['-s', '--silent', '--quiet'].includes(arg),
      );
      if (unknown)
        return fail(`cmp: invalid option -- '${unknown.slice(1)}'\nTry 'cmp --help' for more information.\n`, 2);
      const names = args.filter((arg) => !arg.startsWith('-') || arg === '-');
      if (names.length === 0)
        return fail("cmp: missing operand after 'cmp'\ncmp: Try 'cmp --help' for more information.\n", 2);
      if (names.length > 2)
        return fail(`cmp: invalid --ignore-initial value '${names[2]}'\nTry 'cmp --help' for more information.\n`, 2);
      const [first, second = '-'] = names as [string, string?];
      const contents: Uint8Array[] = [];
      for (const name of [first, second]) {
        if (name === '-') {
          contents.push(encodeUtf8(stdinText(ctx.stdin)));
          continue;
        }
        try {
          contents.push(await services.fs.readFileBuffer(services.fs.resolvePath(ctx.cwd, name)));
        } catch (error) {
          return fail(`cmp: ${name}: ${errorText(error)}\n`, 2);
        }
      }
      const [a, b] = contents as [Uint8Array, Uint8Array];
      const common = Math.min(a.length, b.length);
      let at = 0;
      let lines = 1;
      while (at < common && a[at] === b[at]) {
        if (a[at] === NEWLINE) lines++;
        at++;
      }
      if (at === common && a.length === b.length) return { stdout: '', stderr: '', exitCode: 0 };
      if (silent) return { stdout: '', stderr: '', exitCode: 1 };
      if (at < common)
        return { stdout: `${first} ${second} differ: char ${at + 1}, line ${lines}\n`, stderr: '', exitCode: 1 };
      const shorter = a.length < b.length ? first : second;
      if (common === 0) return fail(`cmp: EOF on ${shorter} which is empty\n`);
      // After a whole line GNU names the line; inside one, the line it is in.
      const where = a[common - 1] === NEWLINE ? `line ${lines - 1}` : `in line ${lines}`;
      return fail(`cmp: EOF on ${shorter} after byte ${common}, ${where}\n`);
    },
  };
}
