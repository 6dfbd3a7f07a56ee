import { passwordHash } from '@lta/labs';
import { accountsOf, type Account } from '../../filesystem/accounts.js';
import { HOSTNAME } from '../../filesystem/layout.js';
import { ROOT } from '../../filesystem/learner-fs.js';
import { fail, type LearnerCommand, type ShellServices } from '../../commands/command.js';
import { readPasswords } from './account-files.js';
import { askFor } from '../terminal-question.js';
import { screenMark } from '../../commands/terminal-screen.js';

type Context = Parameters<LearnerCommand['execute']>[1];

/** Tries sudo allows before it gives up, as its default `passwd_tries`. */
const PASSWORD_TRIES = 3;

/** sudo's long options, by their short letter. */
const SUDO_LONG_OPTIONS: Record<string, string> = {
  '--login': 'i',
  '--shell': 's',
  '--list': 'l',
  '--stdin': 'S',
  '--non-interactive': 'n',
  '--reset-timestamp': 'k',
  '--validate': 'v',
};

/** Quotes a word for the command line `sudo` and `su -c` hand to the shell. */
function quote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/** True when `password` is the account's, as /etc/shadow has it (a locked `!` or `*` account has none). */
function passwordMatches(services: ShellServices, account: Account, password: string): boolean {
  const field = readPasswords(services.fs)[account.name] ?? '!';
  return !field.startsWith('!') && field !== '*' && passwordHash(password) === field;
}

/**
 * Runs `command` as `account` (its uid and groups), with its HOME, USER and LOGNAME, reading `stdin` (just-bash's
 * latin1 byte string: what is left of the caller's standard input).
 */
async function runAs(
  services: ShellServices,
  account: Account,
  command: string,
  ctx: Context,
  stdin: string,
  sudoBy?: Account,
) {
  if (!ctx.exec) return fail('sudo: unable to execute here\n');
  const exec = ctx.exec;
  const credentials = account.uid === 0 ? ROOT : accountsOf(services.fs).credentialsOf(account);
  // sudo tells the command who called it (apt then suggests `sudo apt autoremove`); identity is never read from these.
  const caller: Record<string, string> = sudoBy
    ? { SUDO_USER: sudoBy.name, SUDO_UID: String(sudoBy.uid), SUDO_GID: String(sudoBy.gid) }
    : {};
  const env = { HOME: account.home, USER: account.name, LOGNAME: account.name, ...caller, ...screenMark(ctx) };
  return services.fs.as(credentials, () => exec(command, { cwd: ctx.cwd, env, stdin, stdinKind: 'bytes' }));
}

/**
 * `sudo`: runs a command as root (or `-u USER`) for a member of group `sudo` (Debian's /etc/sudoers rule), after
 * the user's own password, asked at the terminal up to three times; once given, the session does not ask again
 * until `sudo -k`. `-i` starts a root login shell, `-s` a root shell here, `-l` lists what the user may run, `-S`
 * reads the password from standard input, `-k` forgets that it was given.
 */
export function sudoCommand(services: ShellServices): LearnerCommand {
  let authenticated = false;
  return {
    name: 'sudo',
    async execute(args, ctx) {
      const accounts = accountsOf(services.fs);
      const me = services.logins.current();
      const options = new Set<string>();
      let target = 'root';
      let i = 0;
      for (; i < args.length && args[i]!.startsWith('-'); i++) {
        const arg = args[i]!;
        if (arg === '--') {
          i++;
          break;
        }
        if (arg === '-u' || arg === '--user') {
          target = args[++i] ?? '';
          continue;
        }
        if (arg.startsWith('--user=')) {
          target = arg.slice('--user='.length);
          continue;
        }
        if (arg.startsWith('--')) {
          const short = SUDO_LONG_OPTIONS[arg];
          if (!short) return fail(`sudo: unrecognized option '${arg}'\nusage: sudo -h | -K | -k | -V\n`);
          options.add(short);
          continue;
        }
        for (const ch of arg.slice(1)) {
          if (!'iklsSnv'.includes(ch)) return fail(`sudo: invalid option -- '${ch}'\nusage: sudo -h | -K | -k | -V\n`);
          options.add(ch);
        }
      }
      const command = args.slice(i);
      if (options.has('k') && command.length === 0) {
        authenticated = false;
        return { stdout: '', stderr: '', exitCode: 0 };
      }
      if (command.length === 0 && !options.has('i') && !options.has('s') && !options.has('l') && !options.has('v')) {
        return fail(
          'usage: sudo -h | -K | -k | -V\nusage: sudo -v [-ABkNnS] [-g group] [-h host] [-p prompt] [-u user]\nusage: sudo -l [-ABkNnS] [-g group] [-h host] [-p prompt] [-U user] [-u user] [command [arg ...]]\nusage: sudo [-ABbEHkNnPS] [-r role] [-t type] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] [VAR=value] [-i | -s] [command [arg ...]]\n',
        );
      }
      const runAsAccount =
        accounts.account(target) ?? (/^#\d+$/.test(target) ? accounts.account(Number(target.slice(1))) : undefined);
      if (!runAsAccount)
        return fail(`sudo: unknown user ${target}\nsudo: error initializing audit plugin sudoers_audit\n`);
      let stderr = '';
      // `-S` takes the password lines from standard input; the command reads the rest.
      let stdin = String(ctx.stdin);
      if (me.uid !== 0 && !authenticated) {
        const sudoers = accounts.group('sudo');
        if (options.has('n')) return fail('sudo: a password is required\n');
        let tries = 0;
        let stdinLines = options.has('S') ? String(ctx.stdin).split('\n') : [];
        for (;;) {
          // At the terminal the retry notice shows at once, before the next prompt, as sudo writes it.
          const prompt = `${tries > 0 && !options.has('S') ? 'Sorry, try again.\n' : ''}[sudo] password for ${me.name}: `;
          let answer: string | null;
          if (options.has('S')) {
            stderr += prompt;
            answer =
              stdinLines.length > 0 && !(stdinLines.length === 1 && stdinLines[0] === '') ? stdinLines[0]! : null;
            stdinLines = stdinLines.slice(1);
            stdin = stdinLines.join('\n');
            if (answer === null)
              return {
                stdout: '',
                stderr: `${stderr}\nsudo: no password was provided\nsudo: a password is required\n`,
                exitCode: 1,
              };
          } else {
            if (!services.ask) {
              return fail(
                'sudo: a terminal is required to read the password; either use the -S option to read from standard input or configure an askpass helper\nsudo: a password is required\n',
              );
            }
            answer = await askFor(services, { prompt, hidden: true });
            if (answer === null) return { stdout: '', stderr, exitCode: 1 };
          }
          if (passwordMatches(services, me, answer)) break;
          tries++;
          if (tries >= PASSWORD_TRIES)
            return {
              stdout: '',
              stderr: `${stderr}sudo: ${PASSWORD_TRIES} incorrect password attempts\n`,
              exitCode: 1,
            };
          if (options.has('S')) stderr += 'Sorry, try again.\n';
        }
        if (!sudoers || !accounts.groupsOf(me).includes(sudoers.gid)) {
          return { stdout: '', stderr: `${stderr}${me.name} is not in the sudoers file.\n`, exitCode: 1 };
        }
        authenticated = true;
      }
      if (options.has('l')) {
        const stdout = `Matching Defaults entries for ${me.name} on ${HOSTNAME}:\n    env_reset, mail_badpass, secure_path=/usr/local/sbin\\:/usr/local/bin\\:/usr/sbin\\:/usr/bin\\:/sbin\\:/bin, use_pty\n\nUser ${me.name} may run the following commands on ${HOSTNAME}:\n    (ALL : ALL) ALL\n`;
        return { stdout, stderr, exitCode: 0 };
      }
      if (options.has('v')) return { stdout: '', stderr, exitCode: 0 };
      if (command.length === 0) {
        services.logins.enter(runAsAccount, options.has('i'));
        return { stdout: '', stderr, exitCode: 0 };
      }
      const result = await runAs(services, runAsAccount, command.map(quote).join(' '), ctx, stdin, me);
      return { ...result, stderr: stderr + result.stderr };
    },
  };
}

/**
 * `su [-] [USER]` (root by default) starts a shell as USER after USER's password (root needs none); `-`, `-l` or
 * `--login` makes it a login shell in USER's home; `-c CMD` runs one command instead.
 */
export function suCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'su',
    async execute(args, ctx) {
      const accounts = accountsOf(services.fs);
      let login = false;
      let command: string | undefined;
      const operands: string[] = [];
      for (let i = 0; i < args.length; i++) {
        const arg = args[i]!;
        if (arg === '-' || arg === '-l' || arg === '--login') login = true;
        else if (arg === '-c' || arg === '--command') command = args[++i];
        else if (arg.startsWith('-'))
          return fail(`su: invalid option -- '${arg.slice(1, 2)}'\nTry 'su --help' for more information.\n`);
        else operands.push(arg);
      }
      const name = operands[0] ?? 'root';
      const account = accounts.account(name);
      if (!account)
        return fail(`su: user ${name} does not exist or the user entry does not contain all the required fields\n`);
      if (services.logins.current().uid !== 0) {
        if (!services.ask) return fail('su: must be run from a terminal\n');
        const answer = await askFor(services, { prompt: 'Password: ', hidden: true });
        if (answer === null || !passwordMatches(services, account, answer)) return fail('su: Authentication failure\n');
      }
      if (command !== undefined) return runAs(services, account, command, ctx, String(ctx.stdin));
      services.logins.enter(account, login);
      return { stdout: '', stderr: '', exitCode: 0 };
    },
  };
}
