import { accountsOf, groupLine, passwdLine, type Accounts } from '../../filesystem/accounts.js';
import type { Credentials } from '../../filesystem/learner-fs.js';
import { fail, ok, type LearnerCommand, type ShellServices } from '../../commands/command.js';

/** `uid=1000(learner)`: an id with its name, as `id` prints it (the bare number when nothing has it). */
function named(id: number, name: string): string {
  return name === String(id) ? name : `${id}(${name})`;
}

/** Options as letters (`-un` is u and n), long ones by their letter; an unknown one is reported by `id`. */
function letters(args: string[]): { flags: Set<string>; operands: string[]; bad?: string } {
  const longs: Record<string, string> = {
    '--user': 'u',
    '--group': 'g',
    '--groups': 'G',
    '--name': 'n',
    '--real': 'r',
  };
  const flags = new Set<string>();
  const operands: string[] = [];
  for (const arg of args) {
    if (arg.startsWith('--')) {
      const flag = longs[arg];
      if (!flag) return { flags, operands, bad: arg };
      flags.add(flag);
    } else if (arg.startsWith('-') && arg.length > 1) for (const ch of arg.slice(1)) flags.add(ch);
    else operands.push(arg);
  }
  return { flags, operands };
}

/** The credentials `id` and `groups` describe: the named account's at login, or the shell's own now. */
function whoFor(accounts: Accounts, services: ShellServices, name: string | undefined): Credentials | string {
  if (name === undefined) return services.fs.user;
  const account = accounts.account(name) ?? (/^\d+$/.test(name) ? accounts.account(Number(name)) : undefined);
  return account ? accounts.credentialsOf(account) : name;
}

function idCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'id',
    async execute(args) {
      const accounts = accountsOf(services.fs);
      const { flags, operands, bad } = letters(args);
      const wrong = bad ?? [...flags].find((flag) => !'ugGnr'.includes(flag));
      if (wrong)
        return fail(
          `id: ${bad ? `unrecognized option '${bad}'` : `invalid option -- '${wrong}'`}\nTry 'id --help' for more information.\n`,
        );
      if (operands.length > 1)
        return fail(`id: extra operand '${operands[1]}'\nTry 'id --help' for more information.\n`);
      const who = whoFor(accounts, services, operands[0]);
      if (typeof who === 'string') return fail(`id: '${who}': no such user\n`);
      const only = ['u', 'g', 'G'].filter((flag) => flags.has(flag));
      if (only.length > 1) return fail('id: cannot print "only" of more than one choice\n');
      if (flags.has('n') && only.length === 0)
        return fail('id: cannot print only names or real IDs in default format\n');
      const user = (id: number) => (flags.has('n') ? accounts.userName(id) : String(id));
      const group = (id: number) => (flags.has('n') ? accounts.groupName(id) : String(id));
      if (only[0] === 'u') return ok(`${user(who.uid)}\n`);
      if (only[0] === 'g') return ok(`${group(who.gid)}\n`);
      if (only[0] === 'G') return ok(`${who.groups.map(group).join(' ')}\n`);
      const groups = who.groups.map((gid) => named(gid, accounts.groupName(gid))).join(',');
      return ok(
        `uid=${named(who.uid, accounts.userName(who.uid))} gid=${named(who.gid, accounts.groupName(who.gid))} groups=${groups}\n`,
      );
    },
  };
}

function groupsCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'groups',
    async execute(args) {
      const accounts = accountsOf(services.fs);
      if (args.length === 0) return ok(`${services.fs.user.groups.map((gid) => accounts.groupName(gid)).join(' ')}\n`);
      let stdout = '';
      let stderr = '';
      for (const name of args) {
        const who = whoFor(accounts, services, name);
        if (typeof who === 'string') stderr += `groups: '${name}': no such user\n`;
        else stdout += `${name} : ${who.groups.map((gid) => accounts.groupName(gid)).join(' ')}\n`;
      }
      return { stdout, stderr, exitCode: stderr ? 1 : 0 };
    },
  };
}

function getentCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'getent',
    async execute(args) {
      const [database, ...keys] = args;
      const accounts = accountsOf(services.fs);
      const tables: Record<string, () => { key: string; id: number; line: string }[]> = {
        passwd: () => accounts.accounts().map((a) => ({ key: a.name, id: a.uid, line: passwdLine(a) })),
        group: () => accounts.groups().map((g) => ({ key: g.name, id: g.gid, line: groupLine(g) })),
      };
      if (database === undefined)
        return fail(
          "getent: wrong number of arguments\nTry `getent --help' or `getent --usage' for more information.\n",
        );
      const table = tables[database];
      if (!table)
        return fail(`Unknown database: ${database}\nTry \`getent --help' or \`getent --usage' for more information.\n`);
      const rows = table();
      if (keys.length === 0) return ok(rows.map((row) => `${row.line}\n`).join(''));
      const found = keys.map((key) =>
        rows.find((row) => row.key === key || (/^\d+$/.test(key) && row.id === Number(key))),
      );
      const stdout = found.flatMap((row) => (row ? [`${row.line}\n`] : [])).join('');
      // getent exits 2 when a key is not found, and says nothing.
      return { stdout, stderr: '', exitCode: found.every(Boolean) ? 0 : 2 };
    },
  };
}

/** `whoami`, `id`, `groups`, `getent passwd|group`: who the shell runs as, and the accounts of the machine. */
export function identityCommands(services: ShellServices): LearnerCommand[] {
  return [
    { name: 'whoami', execute: async () => ok(`${accountsOf(services.fs).userName(services.fs.user.uid)}\n`) },
    idCommand(services),
    groupsCommand(services),
    getentCommand(services),
  ];
}
