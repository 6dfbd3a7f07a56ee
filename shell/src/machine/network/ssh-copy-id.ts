import type { LearnerCommand } from '../../commands/command.js';
import { errorText } from '../../filesystem/learner-fs.js';
import { LEARNER } from '../../filesystem/layout.js';
import type { Talk } from './talk.js';
import type { LocalContext, Network } from './network.js';
import { parseSshArgs } from './ssh.js';
import { DEFAULT_IDENTITIES, learnerPublicKeys, publicKeys } from './ssh-keys.js';
import { sshLogin, sshTarget } from './ssh-login.js';

const TOOL = '/usr/bin/ssh-copy-id';

/** `ssh-copy-id [-i KEY] [user@]host`: appends the learner's public key to the host's `~/.ssh/authorized_keys`. */
export function sshCopyIdCommand(network: Network): LearnerCommand {
  return {
    name: 'ssh-copy-id',
    execute: (args, ctx) => network.talking(ctx, 'ssh-copy-id', 1, (talk, local) => copyId(network, args, local, talk)),
  };
}

async function copyId(network: Network, args: string[], ctx: LocalContext, talk: Talk): Promise<number> {
  const parsed = parseSshArgs(args);
  if (parsed.bad || !parsed.request) {
    talk.say(
      `Usage: ${TOOL} [-h|-?|-f|-n|-s|-x] [-i [identity_file]] [-p port] [-F alternative ssh_config file] [-t target_path] [[-o <ssh -o options>] ...] [user@]hostname\n`,
    );
    return 1;
  }
  const home = ctx.env.get('HOME') ?? LEARNER.home;
  const identities = parsed.request.identity
    ? [parsed.request.identity]
    : DEFAULT_IDENTITIES.map((file) => `${home}/.ssh/${file}`);
  const [key] = await learnerPublicKeys(ctx, identities);
  if (!key) {
    talk.say(`${TOOL}: ERROR: no ID file found\n`);
    return 1;
  }
  talk.say(`${TOOL}: INFO: Source of key(s) to be installed: "${key.path}"\n`);
  const target = await sshTarget(ctx, { ...parsed.request, identity: undefined });
  const address = network.resolve(target.hostName);
  const host = network.state.hosts.find((candidate) => candidate.address === address);
  const opened = host && !host.down ? network.openHost(host) : undefined;
  if (opened && publicKeys(opened.fs.readWalkedFile(`${LEARNER.home}/.ssh/authorized_keys`) ?? '').includes(key.key)) {
    talk.say(
      `${TOOL}: INFO: attempting to log in with the new key(s), to filter out any that are already installed\n\n${TOOL}: WARNING: All keys were skipped because they already exist on the remote system.\n\t\t(if you think this is a mistake, you may want to use -f option)\n\n`,
    );
    return 0;
  }
  talk.say(
    `${TOOL}: INFO: attempting to log in with the new key(s), to filter out any that are already installed\n${TOOL}: INFO: 1 key(s) remain to be installed -- if you are prompted now it is to install the new keys\n`,
  );
  const login = await sshLogin(network, ctx, target, talk);
  if (typeof login === 'number') return 1;
  const dir = `${LEARNER.home}/.ssh`;
  const file = `${dir}/authorized_keys`;
  if (!network.hasRoomOn(login.host, key.key.length + 64)) {
    talk.say(`${TOOL}: ERROR: ${file}: No space left on device\n`);
    return 1;
  }
  try {
    if (!(await login.fs.exists(dir))) {
      await login.fs.mkdir(dir);
      await login.fs.chmod(dir, 0o700);
    }
    const before = login.fs.readWalkedFile(file) ?? '';
    const comment = (await ctx.fs.readFile(key.path)).trim();
    await login.fs.writeFile(file, `${before}${before && !before.endsWith('\n') ? '\n' : ''}${comment}\n`);
    await login.fs.chmod(file, 0o600);
  } catch (error) {
    talk.say(`${TOOL}: ERROR: ${file}: ${errorText(error)}\n`);
    return 1;
  }
  const shown =
    target.user === LEARNER.name && target.alias === target.hostName ? target.alias : `${target.user}@${target.alias}`;
  talk.print(
    `\nNumber of key(s) added: 1\n\nNow try logging into the machine, with:   "ssh '${shown}'"\nand check to make sure that only the key(s) you wanted were added.\n\n`,
  );
  return 0;
}
