import git from 'isomorphic-git';
import type { LearnerFs } from '../../filesystem/learner-fs.js';
import { gitFs } from './git-fs.js';
import { fatal, GitFailure } from './repository.js';
import { findRepository, gitDirOf, remotePath, setUpstream } from './remotes.js';
import { copyObjects, type ObjectStore } from './transfer.js';

/** The branch a repository's HEAD names (`ref: refs/heads/main`), even before its first commit. */
export async function headBranch(fs: LearnerFs, gitdir: string): Promise<string | undefined> {
  const text = await fs.readFile(`${gitdir}/HEAD`).catch(() => '');
  return /^ref: refs\/heads\/(\S+)/.exec(text)?.[1];
}

/** The folder `git clone` makes when given none: the source's last name without `.git` (`/srv/git/app.git` -> `app`). */
function defaultTarget(source: string): string {
  const trimmed = source.replace(/\/+$/, '').replace(/\/\.git$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1).replace(/\.git$/, '') || trimmed;
}

/**
 * `git clone SOURCE [DIR]` (`-b BRANCH`, `-q`) from a repository on this machine, by path or `file://` URL: the
 * new repository gets every object, the source's branches as `origin/*`, its tags, and the branch its HEAD names
 * (or `-b`'s) checked out and tracking `origin`'s.
 */
export async function clone(fs: LearnerFs, cwd: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  const operands: string[] = [];
  let quiet = false;
  let wanted: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-q' || arg === '--quiet') quiet = true;
    else if (arg === '-b' || arg === '--branch') wanted = args[++i];
    else if (arg.startsWith('--branch=')) wanted = arg.slice('--branch='.length);
    else if (arg.startsWith('-')) throw new GitFailure(`error: unknown option \`${arg.replace(/^-+/, '')}'\n`, 129);
    else operands.push(arg);
  }
  const [source, typedTarget] = operands;
  if (!source) throw new GitFailure('fatal: You must specify a repository to clone.\n', 129);
  const sourcePath = remotePath(fs, cwd, source);
  const sourceGitdir = await findRepository(fs, sourcePath);
  if (!sourceGitdir) throw fatal(`repository '${source}' does not exist`);
  const target = typedTarget ?? defaultTarget(source);
  const dir = fs.resolvePath(cwd, target);
  if ((await fs.exists(dir)) && (!(await fs.stat(dir)).isDirectory || (await fs.readdir(dir)).length > 0))
    throw fatal(`destination path '${target}' already exists and is not an empty directory.`);

  const from: ObjectStore = { fs: gitFs(fs), gitdir: sourceGitdir };
  const branches = await git.listBranches({ fs: from.fs, gitdir: from.gitdir });
  const remoteHead = await headBranch(fs, sourceGitdir);
  const checkout = wanted ?? (remoteHead && branches.includes(remoteHead) ? remoteHead : undefined);
  if (wanted && !branches.includes(wanted)) throw fatal(`Remote branch ${wanted} not found in upstream origin`);

  await fs.mkdir(dir, { recursive: true });
  await git.init({ fs: from.fs, dir, defaultBranch: checkout ?? remoteHead ?? 'master' });
  const to: ObjectStore = { fs: from.fs, gitdir: gitDirOf(dir) };
  const tips = new Map<string, string>();
  for (const branch of branches) tips.set(`refs/remotes/origin/${branch}`, await resolve(from, `refs/heads/${branch}`));
  for (const tag of await git.listTags({ fs: from.fs, gitdir: from.gitdir }))
    tips.set(`refs/tags/${tag}`, await resolve(from, `refs/tags/${tag}`));
  await copyObjects(from, to, [...tips.values()]);
  for (const [ref, value] of tips) await git.writeRef({ fs: to.fs, gitdir: to.gitdir, ref, value });
  // git records a path as an absolute one, a URL as given.
  const url = source.startsWith('file://') ? source : sourcePath;
  await git.addRemote({ fs: to.fs, gitdir: to.gitdir, remote: 'origin', url });
  let warning = '';
  if (remoteHead && branches.includes(remoteHead)) {
    await git.writeRef({
      fs: to.fs,
      gitdir: to.gitdir,
      ref: 'refs/remotes/origin/HEAD',
      value: `refs/remotes/origin/${remoteHead}`,
      symbolic: true,
    });
  }
  if (checkout) {
    await git.writeRef({
      fs: to.fs,
      gitdir: to.gitdir,
      ref: `refs/heads/${checkout}`,
      value: tips.get(`refs/remotes/origin/${checkout}`)!,
    });
    await setUpstream(to, checkout, 'origin', checkout);
    await git.checkout({ fs: to.fs, dir, ref: checkout, force: true });
  } else if (branches.length === 0) {
    warning = 'warning: You appear to have cloned an empty repository.\n';
    // The first branch will push to and pull from the remote's, once one of them has a commit.
    if (remoteHead) await setUpstream(to, remoteHead, 'origin', remoteHead);
  } else warning = 'warning: remote HEAD refers to nonexistent ref, unable to checkout\n';
  return { stdout: '', stderr: quiet ? warning : `Cloning into '${target}'...\n${warning}done.\n` };
}

const resolve = (store: ObjectStore, ref: string) => git.resolveRef({ fs: store.fs, gitdir: store.gitdir, ref });
