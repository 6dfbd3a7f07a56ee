import { HOSTNAME, LEARNER } from '../filesystem/layout.js';
import { fail, ok, type LearnerCommand } from './command.js';

const ID_LINE = `uid=${LEARNER.uid}(${LEARNER.name}) gid=${LEARNER.gid}(${LEARNER.name}) groups=${LEARNER.gid}(${LEARNER.name})`;

/** `whoami`, `id`, `groups`, `uname`: the learner's account on a Debian machine (`hostname` is the network's). */
export const identityCommands: LearnerCommand[] = [
  { name: 'whoami', execute: async () => ok(`${LEARNER.name}\n`) },
  {
    name: 'id',
    async execute(args) {
      const user = args.find((arg) => !arg.startsWith('-'));
      if (user !== undefined && user !== LEARNER.name && user !== 'root') return fail(`id: '${user}': no such user\n`);
      if (user === 'root') return ok(args.includes('-u') ? '0\n' : args.includes('-un') ? 'root\n' : 'uid=0(root) gid=0(root) groups=0(root)\n');
      if (args.includes('-u')) return ok(`${LEARNER.uid}\n`);
      if (args.includes('-g')) return ok(`${LEARNER.gid}\n`);
      if (args.includes('-un') || args.includes('-nu') || (args.includes('-n') && args.includes('-u'))) return ok(`${LEARNER.name}\n`);
      if (args.includes('-Gn') || args.includes('-nG')) return ok(`${LEARNER.name}\n`);
      return ok(`${ID_LINE}\n`);
    },
  },
  { name: 'groups', execute: async () => ok(`${LEARNER.name}\n`) },
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
