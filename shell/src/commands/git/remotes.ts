import git from 'isomorphic-git';
import type { LearnerFs } from '../../filesystem/learner-fs.js';
import { fatal, GitFailure, type Repository } from './repository.js';
import type { ObjectStore } from './transfer.js';

/** The git directory of a work tree: where its objects, refs and config are. */
export const gitDirOf = (dir: string): string => `${dir === '/' ? '' : dir}/.git`;

/** The repository's own object store. */
export const localStore = (repo: Repository): ObjectStore => ({ fs: repo.git.fs, gitdir: gitDirOf(repo.dir) });

/** A remote's URL as a path on this machine: `file://` dropped, a relative one taken from `base`. */
export function remotePath(fs: LearnerFs, base: string, url: string): string {
  return fs.resolvePath(base, url.replace(/^file:\/\//, ''));
}

/**
 * The git directory of the repository at `path`, as git finds it for a clone or a remote: a work tree's `.git`, a
 * bare repository itself, or `path.git` (so `/srv/git/project` finds `/srv/git/project.git`).
 */
export async function findRepository(fs: LearnerFs, path: string): Promise<string | undefined> {
  const top = path === '/' ? '' : path.replace(/\/+$/, '');
  for (const gitdir of [`${top}/.git`, top, `${top}.git`]) {
    if ((await fs.exists(`${gitdir}/HEAD`)) && (await fs.exists(`${gitdir}/objects`))) return gitdir || '/';
  }
  return undefined;
}

/** Whether a git directory is bare: it is not the `.git` of a work tree. */
export const isBare = (gitdir: string): boolean => !gitdir.endsWith('/.git');

/** A configured remote, with the repository it leads to. */
export interface Remote {
  name: string;
  url: string;
  store: ObjectStore;
}

const UNREACHABLE = (url: string) =>
  new GitFailure(
    `fatal: '${url}' does not appear to be a git repository\nfatal: Could not read from remote repository.\n\nPlease make sure you have the correct access rights\nand the repository exists.\n`,
    128,
  );

/** The remote named `name` (or a URL given instead of a name), refused as git refuses one it cannot reach. */
export async function openRemote(repo: Repository, name: string): Promise<Remote> {
  const configured = (await git.getConfig({ ...repo.git, path: `remote.${name}.url` })) as string | undefined;
  const url = configured ?? name;
  const gitdir = await findRepository(repo.learnerFs, remotePath(repo.learnerFs, repo.dir, url));
  if (!gitdir) throw UNREACHABLE(url);
  return { name, url, store: { fs: repo.git.fs, gitdir } };
}

/** The names of the configured remotes, in the order the config lists them. */
export async function remoteNames(repo: Repository): Promise<string[]> {
  return (await git.listRemotes({ ...repo.git })).map((r) => r.remote);
}

/** Where a branch pulls from and pushes to (`branch.NAME.remote` and `.merge`), if it tracks one. */
export interface Upstream {
  remote: string;
  /** The branch's name on the remote (`main` for `refs/heads/main`). */
  branch: string;
  /** The remote-tracking ref that mirrors it here: `refs/remotes/origin/main`. */
  ref: string;
  /** As git names it to the learner: `origin/main`. */
  shown: string;
}

export async function upstreamOf(repo: Repository, branch: string): Promise<Upstream | undefined> {
  const read = async (key: string) =>
    (await git.getConfig({ ...repo.git, path: `branch.${branch}.${key}` })) as string | undefined;
  const remote = await read('remote');
  const merge = await read('merge');
  if (!remote || !merge?.startsWith('refs/heads/')) return undefined;
  const name = merge.slice('refs/heads/'.length);
  return { remote, branch: name, ref: `refs/remotes/${remote}/${name}`, shown: `${remote}/${name}` };
}

/** Makes `branch` track `remote`'s branch `theirs` (`git push -u`, `git clone`). */
export async function setUpstream(store: ObjectStore, branch: string, remote: string, theirs: string): Promise<void> {
  const { fs, gitdir } = store;
  await git.setConfig({ fs, gitdir, path: `branch.${branch}.remote`, value: remote });
  await git.setConfig({ fs, gitdir, path: `branch.${branch}.merge`, value: `refs/heads/${theirs}` });
}

/** The commit a ref points at, or undefined when there is no such ref. */
export async function refTarget(store: ObjectStore, ref: string): Promise<string | undefined> {
  try {
    return await git.resolveRef({ fs: store.fs, gitdir: store.gitdir, ref });
  } catch {
    return undefined;
  }
}

/**
 * `git remote` (names), `-v` (with URLs), `add NAME URL`, `remove|rm NAME`, `get-url NAME`, `set-url NAME URL`.
 */
export async function remote(repo: Repository, args: string[]): Promise<string> {
  const [action, ...rest] = args;
  const names = await remoteNames(repo);
  const urlOf = async (name: string) => (await git.getConfig({ ...repo.git, path: `remote.${name}.url` })) as string;
  if (action === undefined || action === '-v' || action === '--verbose') {
    if (action === undefined) return names.map((name) => `${name}\n`).join('');
    let out = '';
    for (const name of names) {
      const url = await urlOf(name);
      out += `${name}\t${url} (fetch)\n${name}\t${url} (push)\n`;
    }
    return out;
  }
  const [name, url] = rest.filter((arg) => !arg.startsWith('-'));
  const known = (n: string | undefined): string => {
    if (n === undefined) throw new GitFailure(`usage: git remote ${action} <name>\n`, 129);
    if (!names.includes(n)) throw new GitFailure(`error: No such remote: '${n}'\n`, 2);
    return n;
  };
  switch (action) {
    case 'add': {
      if (!name || !url) throw new GitFailure('usage: git remote add [<options>] <name> <url>\n', 129);
      if (names.includes(name)) throw new GitFailure(`error: remote ${name} already exists.\n`, 3);
      if (!/^(?!-)(?!.*\.\.)[^\s~^:?*[\\/]+$/.test(name)) throw fatal(`'${name}' is not a valid remote name`);
      await git.addRemote({ ...repo.git, remote: name, url });
      return '';
    }
    case 'remove':
    case 'rm': {
      const gone = known(name);
      await git.deleteRemote({ ...repo.git, remote: gone });
      await repo.learnerFs.rm(`${gitDirOf(repo.dir)}/refs/remotes/${gone}`, { recursive: true, force: true });
      // Branches that tracked it track nothing now, as git leaves them.
      for (const branch of await git.listBranches({ ...repo.git })) {
        if ((await upstreamOf(repo, branch))?.remote !== gone) continue;
        for (const key of ['remote', 'merge'])
          await git.setConfig({ ...repo.git, path: `branch.${branch}.${key}`, value: undefined });
      }
      return '';
    }
    case 'get-url':
      return `${await urlOf(known(name))}\n`;
    case 'set-url': {
      if (!url) throw new GitFailure('usage: git remote set-url [--push] <name> <newurl> [<oldurl>]\n', 129);
      await git.setConfig({ ...repo.git, path: `remote.${known(name)}.url`, value: url });
      return '';
    }
    default:
      throw new GitFailure(`error: unknown subcommand: \`${action}'\n`, 129);
  }
}
