import type { HostState } from '@lta/labs';
import type { OtherShell } from '../../commands/command.js';
import type { LearnerFs } from '../../filesystem/learner-fs.js';
import { LEARNER } from '../../filesystem/layout.js';
import type { Talk } from './talk.js';
import type { LocalContext, Network } from './network.js';
import { DEFAULT_IDENTITIES, fingerprint, hostKey, learnerPublicKeys, publicKeys } from './ssh-keys.js';

/** Where `ssh` connects, after `~/.ssh/config` has had its say. */
export interface SshTarget {
  /** The name as typed (`web`), which `~/.ssh/config` may map to another. */
  alias: string;
  hostName: string;
  user: string;
  port: number;
  /** Identity files to try, `~` expanded. */
  identities: string[];
}

/** What the command line gave: `[user@]host`, and `-l`, `-p`, `-i`. */
export interface SshRequest {
  destination: string;
  user?: string;
  port?: number;
  identity?: string;
}

/** A logged-in session's ends: the host, its shell and its filesystem. */
export interface SshLogin {
  host: HostState;
  other: OtherShell;
  fs: LearnerFs;
  target: SshTarget;
}

/** The options of `~/.ssh/config` that apply to `alias`: the first value of each wins, as in ssh. */
function configFor(text: string, alias: string): Record<string, string> {
  const options: Record<string, string> = {};
  let applies = true;
  for (const raw of text.split('\n')) {
    const match = /^\s*(\w+)\s*(?:=\s*|\s+)(.+?)\s*$/.exec(raw);
    if (!match || raw.trim().startsWith('#')) continue;
    const key = match[1]!.toLowerCase();
    const value = match[2]!;
    if (key === 'host') {
      applies = value.split(/\s+/).some((pattern) => globMatches(pattern, alias));
      continue;
    }
    if (applies && !(key in options)) options[key] = value;
  }
  return options;
}

function globMatches(pattern: string, name: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return regex.test(name);
}

/** Reads `~/.ssh/config` (if any) to turn what was typed into where to connect. */
export async function sshTarget(ctx: LocalContext, request: SshRequest): Promise<SshTarget> {
  const home = ctx.env.get('HOME') ?? LEARNER.home;
  const at = request.destination.lastIndexOf('@');
  const alias = at >= 0 ? request.destination.slice(at + 1) : request.destination;
  let config: Record<string, string> = {};
  try {
    config = configFor(await ctx.fs.readFile(`${home}/.ssh/config`), alias);
  } catch {
    // No config: everything as typed.
  }
  const expand = (path: string) => ctx.fs.resolvePath(ctx.cwd, path.replace(/^~(?=\/|$)/, home));
  const identity = request.identity ?? config.identityfile;
  return {
    alias,
    hostName: config.hostname ?? alias,
    user: request.user ?? (at >= 0 ? request.destination.slice(0, at) : undefined) ?? config.user ?? LEARNER.name,
    port: request.port ?? (Number(config.port) || 22),
    identities: identity ? [expand(identity)] : DEFAULT_IDENTITIES.map((file) => `${home}/.ssh/${file}`),
  };
}

/** The name `known_hosts` records a host under: `web01`, or `[web01]:2222` on another port. */
function knownName(target: SshTarget): string {
  return target.port === 22 ? target.hostName : `[${target.hostName}]:${target.port}`;
}

/**
 * Connects and logs in as ssh does, saying what ssh says on the way: resolving the name, reaching port 22, the
 * host key (asked on first connection, then written to `~/.ssh/known_hosts`), then a key from `~/.ssh` that the
 * host's `authorized_keys` holds, else the password (three tries). Returns the session, or ssh's exit status 255.
 */
export async function sshLogin(
  network: Network,
  ctx: LocalContext,
  target: SshTarget,
  talk: Talk,
  tool = 'ssh',
): Promise<SshLogin | number> {
  if (!network.isHome) {
    talk.say(`${tool}: the lab's hosts take ssh connections from academy only\n`);
    return 255;
  }
  const address = network.resolve(target.hostName);
  if (!address) {
    talk.say(`${tool}: Could not resolve hostname ${target.hostName}: Name or service not known\n`);
    return 255;
  }
  const connection = network.connect(address, target.port);
  if (!connection.ok) {
    const why = { refused: 'Connection refused', timeout: 'Connection timed out', unreachable: 'No route to host' }[
      connection.why
    ];
    talk.say(`${tool}: connect to host ${target.hostName} port ${target.port}: ${why}\n`);
    return 255;
  }
  const host = connection.machine.host;
  if (connection.service.kind !== 'ssh' || !host) {
    talk.say(
      connection.service.kind === 'ssh'
        ? `${tool}: connect to host ${target.hostName} port ${target.port}: Connection refused\n`
        : `kex_exchange_identification: Connection closed by remote host\nConnection closed by ${address} port ${target.port}\n`,
    );
    return 255;
  }
  if (!(await trustHost(ctx, target, address, host.name, talk))) return 255;
  const opened = network.openHost(host);
  if (!opened) return 255;
  const login: SshLogin = { host, other: opened, fs: opened.fs, target };
  if (target.user === LEARNER.name && (await keyAccepted(ctx, login))) return login;
  if (host.password === undefined) {
    talk.say(`${target.user}@${target.hostName}: Permission denied (publickey).\n`);
    return 255;
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    const typed = await talk.ask(`${target.user}@${target.hostName}'s password: `, true);
    if (target.user === LEARNER.name && typed === host.password) return login;
    if (attempt < 2) talk.say('Permission denied, please try again.\n');
  }
  talk.say(`${target.user}@${target.hostName}: Permission denied (publickey,password).\n`);
  return 255;
}

/** Whether the host's `~/.ssh/authorized_keys` holds one of the learner's public keys. */
export async function keyAccepted(ctx: LocalContext, login: Pick<SshLogin, 'fs' | 'target'>): Promise<boolean> {
  let authorized: string[] = [];
  try {
    authorized = publicKeys(login.fs.readWalkedFile(`${LEARNER.home}/.ssh/authorized_keys`) ?? '');
  } catch {
    return false;
  }
  const mine = await learnerPublicKeys(ctx, login.target.identities);
  return mine.some(({ key }) => authorized.includes(key));
}

/** The host key check: known, or accepted now (`yes`) and recorded in `~/.ssh/known_hosts`. */
async function trustHost(
  ctx: LocalContext,
  target: SshTarget,
  address: string,
  hostName: string,
  talk: Talk,
): Promise<boolean> {
  const home = ctx.env.get('HOME') ?? LEARNER.home;
  const knownHosts = `${home}/.ssh/known_hosts`;
  const name = knownName(target);
  const key = hostKey(hostName);
  let known = '';
  try {
    known = await ctx.fs.readFile(knownHosts);
  } catch {
    // Never connected anywhere yet.
  }
  if (known.split('\n').some((line) => line.split(/\s+/)[0]?.split(',').includes(name) && line.includes(key)))
    return true;
  const print = await fingerprint(key.split(' ')[1]!);
  talk.say(
    `The authenticity of host '${name} (${address})' can't be established.\nED25519 key fingerprint is ${print}.\nThis key is not known by any other names.\n`,
  );
  let answer = (await talk.ask('Are you sure you want to continue connecting (yes/no/[fingerprint])? ')).trim();
  while (answer !== 'yes' && answer !== 'no' && answer !== print)
    answer = (await talk.ask("Please type 'yes', 'no' or the fingerprint: ")).trim();
  if (answer === 'no') {
    talk.say('Host key verification failed.\n');
    return false;
  }
  try {
    if (!(await ctx.fs.exists(`${home}/.ssh`))) {
      await ctx.fs.mkdir(`${home}/.ssh`);
      await ctx.fs.chmod(`${home}/.ssh`, 0o700);
    }
    await ctx.fs.appendFile(knownHosts, `${name} ${key}\n`);
    talk.say(`Warning: Permanently added '${name}' (ED25519) to the list of known hosts.\n`);
  } catch {
    talk.say(`Failed to add the host to the list of known hosts (${knownHosts}).\n`);
  }
  return true;
}
