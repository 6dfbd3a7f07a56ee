import { HOSTNAME } from '../filesystem/layout.js';
import { fail, ok, type LearnerCommand } from './command.js';

/** `hostname`, `uname`: the machine, a Debian box (who the learner is: the users part, `machine/users/`). */
export const identityCommands: LearnerCommand[] = [
  { name: 'hostname', execute: async () => ok(`${HOSTNAME}\n`) },
  {
    name: 'uname',
    async execute(args) {
      const fields: Record<string, string> = {
        s: 'Linux', n: HOSTNAME, r: '6.1.0-academy', v: '#1 SMP Debian 6.1.0', m: 'x86_64', o: 'GNU/Linux',
      };
      const flags = args.flatMap((arg) => (arg.startsWith('-') && !arg.startsWith('--') ? [...arg.slice(1)] : arg === '--all' ? ['a'] : []));
      const unknown = flags.find((flag) => !'asnrvmoip'.includes(flag));
      if (unknown) return fail(`uname: invalid option -- '${unknown}'\nTry 'uname --help' for more information.\n`);
      const order = flags.includes('a') ? ['s', 'n', 'r', 'v', 'm', 'o'] : ['s', 'n', 'r', 'v', 'm', 'o'].filter((f) => flags.includes(f));
      return ok(`${(order.length ? order : ['s']).map((f) => fields[f]).join(' ')}\n`);
    },
  },
];
