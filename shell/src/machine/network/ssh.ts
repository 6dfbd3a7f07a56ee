import type { LearnerCommand } from '../../commands/command.js';
import type { Talk } from './talk.js';
import type { LocalContext, Network } from './network.js';
import { sshLogin, sshTarget, type SshRequest } from './ssh-login.js';

const USAGE = `usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface]
           [-b bind_address] [-c cipher_spec] [-D [bind_address:]port]
           [-E log_file] [-e escape_char] [-F configfile] [-I pkcs11]
           [-i identity_file] [-J [user@]host[:port]] [-L address]
           [-l login_name] [-m mac_spec] [-O ctl_cmd] [-o option] [-p port]
           [-Q query_option] [-R address] [-S ctl_path] [-W host:port]
           [-w local_tun[:remote_tun]] destination [command [argument ...]]
`;

/** Options of ssh that take a value (the ones it ignores here are skipped with it). */
const WITH_VALUE = new Set([
  '-p',
  '-i',
  '-l',
  '-o',
  '-F',
  '-E',
  '-c',
  '-m',
  '-J',
  '-L',
  '-R',
  '-D',
  '-b',
  '-B',
  '-e',
  '-S',
  '-W',
  '-w',
  '-O',
  '-Q',
  '-I',
]);

/** Reads `ssh`'s options up to the destination; the words after it are the remote command. */
export function parseSshArgs(
  args: string[],
  portFlag = '-p',
): { request?: SshRequest; rest: string[]; flags: Set<string>; bad?: string } {
  const flags = new Set<string>();
  const request: Partial<SshRequest> = {};
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-') || arg === '-') break;
    const flag = arg.slice(0, 2);
    const attached = arg.length > 2 && WITH_VALUE.has(flag) ? arg.slice(2) : undefined;
    if (flag === portFlag || flag === '-i' || flag === '-l' || WITH_VALUE.has(flag)) {
      const value = attached ?? args[++i];
      if (value === undefined) return { rest: [], flags, bad: `option requires an argument -- ${flag.slice(1)}` };
      if (flag === portFlag) {
        if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 65535)
          return { rest: [], flags, bad: `Bad port '${value}'` };
        request.port = Number(value);
      } else if (flag === '-i') request.identity = value;
      else if (flag === '-l') request.user = value;
    } else {
      for (const letter of arg.slice(1)) flags.add(letter);
    }
  }
  const destination = args[i];
  if (destination === undefined) return { rest: [], flags };
  return { request: { ...request, destination }, rest: args.slice(i + 1), flags };
}

/** `ssh [user@]host [command]`: a session on another host of the network, or one command run there. */
export function sshCommand(network: Network): LearnerCommand {
  return {
    name: 'ssh',
    execute: (args, ctx) => network.talking(ctx, 'ssh', 255, (talk, local) => ssh(network, args, local, talk)),
  };
}

async function ssh(network: Network, args: string[], ctx: LocalContext, talk: Talk): Promise<number> {
  const parsed = parseSshArgs(args);
  if (parsed.bad) {
    talk.say(`ssh: ${parsed.bad}\n`);
    return 255;
  }
  if (!parsed.request) {
    talk.say(USAGE);
    return 255;
  }
  const target = await sshTarget(ctx, parsed.request);
  const login = await sshLogin(network, ctx, target, talk);
  if (typeof login === 'number') return login;
  if (parsed.rest.length > 0) {
    // ssh joins the words into one line for the remote shell, as the real one does.
    const result = await login.other.shell.run(parsed.rest.join(' '));
    talk.print(result.stdout);
    talk.say(result.stderr);
    return result.exitCode;
  }
  talk.print(
    `Linux ${login.host.name} 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01) x86_64\n\n` +
      'The programs included with the Debian GNU/Linux system are free software;\n' +
      'the exact distribution terms for each program are described in the\n' +
      'individual files in /usr/share/doc/*/copyright.\n\n' +
      'Debian GNU/Linux comes with ABSOLUTELY NO WARRANTY, to the extent\n' +
      'permitted by applicable law.\n',
  );
  network.session.enter(login.host.name, login.other);
  return 0;
}
