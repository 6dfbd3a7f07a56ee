import { HOSTNAME } from '../filesystem/layout.js';
import { fail, ok, type LearnerCommand } from './command.js';

/** `uname`: the machine, a Debian box (who the learner is: the users part; `hostname`: the network part). */
export const identityCommands: LearnerCommand[] = [
  {
    name: 'uname',
    async execute(args, ctx) {
      // The node name is the machine's own (another host's in an ssh session), as /etc/hostname holds it.
      const node = (await ctx.fs.readFile('/etc/hostname').catch(() => HOSTNAME)).trim() || HOSTNAME;
      const fields: Record<string, string> = {
        s: 'Linux',
        n: node,
        r: '6.1.0-academy',
        v: '#1 SMP Debian 6.1.0',
        m: 'x86_64',
        o: 'GNU/Linux',
      };
      const flags = args.flatMap((arg) =>
        arg.startsWith('-') && !arg.startsWith('--') ? [...arg.slice(1)] : arg === '--all' ? ['a'] : [],
      );
      const unknown = flags.find((flag) => !'asnrvmoip'.includes(flag));
      if (unknown) return fail(`uname: invalid option -- '${unknown}'\nTry 'uname --help' for more information.\n`);
      const order = flags.includes('a')
        ? ['s', 'n', 'r', 'v', 'm', 'o']
        : ['s', 'n', 'r', 'v', 'm', 'o'].filter((f) => flags.includes(f));
      return ok(`${(order.length ? order : ['s']).map((f) => fields[f]).join(' ')}\n`);
    },
  },
];
