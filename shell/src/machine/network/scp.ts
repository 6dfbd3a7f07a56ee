import type { LearnerCommand } from '../../commands/command.js';
import { errorText, type LearnerFs } from '../../filesystem/learner-fs.js';
import { LEARNER } from '../../filesystem/layout.js';
import type { Talk } from './talk.js';
import type { LocalContext, Network } from './network.js';
import { parseSshArgs } from './ssh.js';
import { sshLogin, sshTarget, type SshLogin } from './ssh-login.js';

const USAGE = `usage: scp [-346ABCOpqRrsTv] [-c cipher] [-D sftp_server_path] [-F ssh_config]
           [-i identity_file] [-J destination] [-l limit] [-o ssh_option]
           [-P port] [-S program] [-X sftp_option] source ... target
`;

/** One side of a copy: a path on this machine, or on `[user@]host:`. */
interface Side {
  remote?: string;
  path: string;
}

function sideOf(operand: string): Side {
  const match = /^((?:[^@/:]+@)?[^/:]+):(.*)$/.exec(operand);
  return match ? { remote: match[1]!, path: match[2]! } : { path: operand };
}

/** `scp [-r] SOURCE... TARGET`, either side `[user@]host:path`: copies files to and from another host. */
export function scpCommand(network: Network): LearnerCommand {
  return {
    name: 'scp',
    execute: (args, ctx) => network.talking(ctx, 'scp', 255, (talk, local) => scp(network, args, local, talk)),
  };
}

async function scp(network: Network, args: string[], ctx: LocalContext, talk: Talk): Promise<number> {
  const options: string[] = [];
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('-') && operands.length === 0) {
      options.push(arg);
      if (/^-[PiloFJSDcX]$/.test(arg) && args[i + 1] !== undefined) options.push(args[++i]!);
    } else operands.push(arg);
  }
  const parsed = parseSshArgs([...options, 'host'], '-P');
  if (parsed.bad || operands.length < 2) {
    talk.say(parsed.bad ? `scp: ${parsed.bad}\n${USAGE}` : USAGE);
    return 1;
  }
  const recursive = parsed.flags.has('r');
  const quiet = parsed.flags.has('q');
  const sides = operands.map(sideOf);
  const target = sides.pop()!;
  const remotes = new Set([target, ...sides].flatMap((side) => (side.remote ? [side.remote] : [])));
  if (remotes.size === 0) {
    talk.say('scp: no host given: use cp to copy on this machine\n');
    return 1;
  }
  if (remotes.size > 1 || (target.remote && sides.some((side) => side.remote))) {
    talk.say('scp: copying between two remote hosts is not simulated: copy to this machine first\n');
    return 1;
  }
  const [remote] = remotes;
  const request = parsed.request!;
  const login = await sshLogin(network, ctx, await sshTarget(ctx, { ...request, destination: remote! }), talk, 'ssh');
  if (typeof login === 'number') return login;
  const here = { fs: ctx.fs, cwd: ctx.cwd };
  const there = { fs: login.fs, cwd: LEARNER.home };
  let status = 0;
  for (const source of sides) {
    const [from, to] = target.remote ? [here, there] : [there, here];
    const copy = new Copy(network, login, talk, recursive, quiet, Boolean(target.remote));
    const ok = await copy.run(
      from.fs,
      from.fs.resolvePath(from.cwd, expandHome(source.path, from === here ? ctx : undefined)),
      to.fs,
      to.fs.resolvePath(to.cwd, expandHome(target.path, to === here ? ctx : undefined)),
      source.path,
    );
    if (!ok) status = 1;
  }
  return status;
}

/** `~` in a path on this machine (bash has already expanded an unquoted one); a remote path is relative to home. */
function expandHome(path: string, ctx: LocalContext | undefined): string {
  const home = ctx?.env.get('HOME') ?? LEARNER.home;
  return path === '' ? '.' : path.replace(/^~(?=\/|$)/, home);
}

/** One source copied to the target, as scp does: into it when it is a directory, its tree with `-r`. */
class Copy {
  constructor(
    private readonly network: Network,
    private readonly login: SshLogin,
    private readonly talk: Talk,
    private readonly recursive: boolean,
    private readonly quiet: boolean,
    private readonly upload: boolean,
  ) {}

  async run(fromFs: LearnerFs, from: string, toFs: LearnerFs, to: string, shown: string): Promise<boolean> {
    let kind: 'file' | 'dir';
    try {
      kind = (await fromFs.stat(from)).isDirectory ? 'dir' : 'file';
    } catch (error) {
      this.talk.say(
        this.upload ? `scp: stat local "${shown}": ${errorText(error)}\n` : `scp: ${shown}: ${errorText(error)}\n`,
      );
      return false;
    }
    if (kind === 'dir' && !this.recursive) {
      this.talk.say(`scp: ${shown}: not a regular file\n`);
      return false;
    }
    const into = (await isDirectory(toFs, to))
      ? `${to === '/' ? '' : to}/${from.slice(from.lastIndexOf('/') + 1)}`
      : to;
    return kind === 'dir' ? this.tree(fromFs, from, toFs, into) : this.file(fromFs, from, toFs, into);
  }

  private async tree(fromFs: LearnerFs, from: string, toFs: LearnerFs, to: string): Promise<boolean> {
    try {
      if (!(await isDirectory(toFs, to))) await toFs.mkdir(to);
    } catch (error) {
      this.talk.say(`scp: ${to}: ${errorText(error)}\n`);
      return false;
    }
    let ok = true;
    for (const name of await fromFs.readdir(from)) {
      const path = `${from}/${name}`;
      const isDir = await isDirectory(fromFs, path);
      ok =
        (isDir
          ? await this.tree(fromFs, path, toFs, `${to}/${name}`)
          : await this.file(fromFs, path, toFs, `${to}/${name}`)) && ok;
    }
    return ok;
  }

  private async file(fromFs: LearnerFs, from: string, toFs: LearnerFs, to: string): Promise<boolean> {
    let data: Uint8Array;
    try {
      data = await fromFs.readFileBuffer(from);
    } catch (error) {
      this.talk.say(`scp: ${from}: ${errorText(error)}\n`);
      return false;
    }
    if (this.upload && !this.network.hasRoomOn(this.login.host, data.length)) {
      this.talk.say(`scp: write remote "${to}": No space left on device\n`);
      return false;
    }
    try {
      // As scp does without -p: a new file takes the source's mode (less the umask), an existing one keeps its own.
      const existed = await toFs.exists(to);
      await toFs.writeFile(to, data);
      if (!existed) await toFs.chmod(to, (await fromFs.stat(from)).mode & 0o777 & ~toFs.umask);
    } catch (error) {
      this.talk.say(`scp: dest open "${to}": ${errorText(error)}\n`);
      return false;
    }
    if (!this.quiet) {
      const name = from.slice(from.lastIndexOf('/') + 1);
      const size = data.length < 1024 ? `${data.length}` : `${(data.length / 1024).toFixed(1)}KB`;
      this.talk.print(
        `${name.padEnd(48)} 100% ${size.padStart(5)}   ${(data.length / 1000).toFixed(1)}KB/s   00:00    \n`,
      );
    }
    return true;
  }
}

async function isDirectory(fs: LearnerFs, path: string): Promise<boolean> {
  try {
    return (await fs.stat(path)).isDirectory;
  } catch {
    return false;
  }
}
