import git, { Errors } from 'isomorphic-git';
import { changesBetween, diffStat, trees, type FileChange } from './changes.js';
import {
  currentBranch,
  fatal,
  GitFailure,
  headCommit,
  identity,
  resolveRevision,
  type Repository,
} from './repository.js';
import { readMergeHead } from './merge-state.js';
import { pathStatuses } from './status.js';
import { branchFromRemote, changeUpstream, listBranches, trackingStatus } from './tracking.js';
import { reset } from './work-tree.js';

async function branchExists(repo: Repository, name: string): Promise<boolean> {
  return (await git.listBranches({ ...repo.git })).includes(name);
}

function checkName(name: string): void {
  if (!/^(?!-)(?!.*\.\.)(?!.*\/$)(?!.*\.lock$)[^\s~^:?*[\\]+$/.test(name) || name === 'HEAD')
    throw fatal(`'${name}' is not a valid branch name`);
}

/** `git branch` (list), `git branch NAME [START]`, `git branch -d|-D NAME`, `git branch -m [OLD] NEW`. */
export async function branch(repo: Repository, args: string[]): Promise<string> {
  const flags = args.filter((arg) => arg.startsWith('-'));
  const names = args.filter((arg) => !arg.startsWith('-'));
  const current = await currentBranch(repo);
  if (flags.some((f) => f === '-d' || f === '-D' || f === '--delete')) {
    let out = '';
    for (const name of names) {
      if (!(await branchExists(repo, name))) throw new GitFailure(`error: branch '${name}' not found.\n`, 1);
      if (name === current)
        throw new GitFailure(`error: Cannot delete branch '${name}' checked out at '${repo.dir}'\n`, 1);
      const oid = await git.resolveRef({ ...repo.git, ref: name });
      if (!flags.includes('-D')) {
        const head = await headCommit(repo);
        const merged =
          head !== undefined &&
          ((await git.isDescendent({ ...repo.git, oid: head, ancestor: oid, depth: -1 })) || head === oid);
        if (!merged)
          throw new GitFailure(
            `error: The branch '${name}' is not fully merged.\nIf you are sure you want to delete it, run 'git branch -D ${name}'.\n`,
            1,
          );
      }
      await git.deleteBranch({ ...repo.git, ref: name });
      out += `Deleted branch ${name} (was ${oid.slice(0, 7)}).\n`;
    }
    return out;
  }
  if (flags.some((f) => f === '-m' || f === '-M' || f === '--move')) {
    const [from, to] = names.length === 1 ? [current!, names[0]!] : [names[0]!, names[1]!];
    if (!to) throw fatal('branch name required');
    checkName(to);
    await git.renameBranch({ ...repo.git, ref: to, oldref: from, checkout: from === current });
    return '';
  }
  if (flags.some((f) => /^(-u|--set-upstream-to(=.*)?|--unset-upstream)$/.test(f))) return changeUpstream(repo, args);
  if (names.length === 0 && flags.some((f) => /^-[avr]+$|^--(verbose|all|remotes)$/.test(f)))
    return listBranches(repo, flags);
  if (names.length === 0) {
    const all = await git.listBranches({ ...repo.git });
    return all
      .sort()
      .map((name) => `${name === current ? '*' : ' '} ${name}\n`)
      .join('');
  }
  const [name, start = 'HEAD'] = names as [string, string?];
  checkName(name);
  if (await branchExists(repo, name)) throw fatal(`a branch named '${name}' already exists`);
  if (!(await headCommit(repo))) throw fatal(`not a valid object name: '${current ?? 'HEAD'}'`);
  await git.branch({ ...repo.git, ref: name, object: await resolveRevision(repo, start) });
  return '';
}

/** Locally changed tracked files, listed as `git switch` lists them when it carries them over (`M\tfile`). */
async function carriedChanges(repo: Repository): Promise<string> {
  return (await pathStatuses(repo))
    .filter((s) => s.staged !== '?' && (s.staged !== ' ' || s.unstaged !== ' '))
    .map((s) => `${s.unstaged === 'D' || s.staged === 'D' ? 'D' : s.staged === 'A' ? 'A' : 'M'}\t${s.path}\n`)
    .join('');
}

/**
 * `git switch NAME`, `git switch -c NAME`, `git checkout [-b] NAME`: changes branch, keeping local changes that do
 * not collide with the other branch (as git does) and refusing otherwise.
 */
export async function switchBranch(
  repo: Repository,
  name: string,
  create: boolean,
): Promise<{ stdout: string; stderr: string }> {
  checkName(name);
  if (create) {
    if (await branchExists(repo, name)) throw fatal(`a branch named '${name}' already exists`);
    if (!(await headCommit(repo))) {
      // Before the first commit a new branch is only HEAD's new name.
      await git.writeRef({
        ...repo.git,
        ref: 'HEAD',
        value: `refs/heads/${name}`,
        symbolic: true,
        force: true,
      });
      return { stdout: '', stderr: `Switched to a new branch '${name}'\n` };
    }
    await git.branch({ ...repo.git, ref: name, checkout: true });
    return { stdout: '', stderr: `Switched to a new branch '${name}'\n` };
  }
  // A branch only a remote has (`origin/NAME`) becomes a local one tracking it, as git guesses.
  const exists = await branchExists(repo, name);
  const started = exists ? undefined : await branchFromRemote(repo, name);
  if (!exists && started === undefined) throw fatal(`invalid reference: ${name}`);
  // git tells where the branch stands against its upstream, once on it (a blank line less than `status`).
  const tracking = async () => (await trackingStatus(repo, name)).replace(/\n\n$/, '\n');
  if (name === (await currentBranch(repo))) return { stdout: await tracking(), stderr: `Already on '${name}'\n` };
  try {
    await git.checkout({ ...repo.git, ref: name });
  } catch (error) {
    if (error instanceof Errors.CheckoutConflictError) {
      const files = error.data.filepaths.map((path) => `\t${path}\n`).join('');
      throw new GitFailure(
        `error: Your local changes to the following files would be overwritten by checkout:\n${files}Please commit your changes or stash them before you switch branches.\nAborting\n`,
        1,
      );
    }
    throw error;
  }
  if (started !== undefined) return { stdout: started, stderr: `Switched to a new branch '${name}'\n` };
  return { stdout: `${await carriedChanges(repo)}${await tracking()}`, stderr: `Switched to branch '${name}'\n` };
}

/** Whether a name is a remote-tracking branch (`origin/main`) rather than a local one. */
async function isRemoteTracking(repo: Repository, name: string): Promise<boolean> {
  if (await branchExists(repo, name)) return false;
  return git.resolveRef({ ...repo.git, ref: `refs/remotes/${name}` }).then(
    () => true,
    () => false,
  );
}

/** What each side of a merge changed since the two sides' common ancestor (none when they share no history). */
interface SidesChanged {
  ours: FileChange[];
  theirs: FileChange[];
}

async function sidesChanged(repo: Repository, ours: string, theirs: string): Promise<SidesChanged> {
  const [base] = (await git.findMergeBase({ ...repo.git, oids: [ours, theirs] })) as (string | undefined)[];
  if (!base) return { ours: [], theirs: [] };
  const [a, b] = await Promise.all([
    changesBetween(repo, trees.commit(base), trees.commit(ours)),
    changesBetween(repo, trees.commit(base), trees.commit(theirs)),
  ]);
  return { ours: a, theirs: b };
}

/** `Auto-merging PATH` for each file both sides changed (and each of `also`), as git announces them. */
function bothChanged(sides: SidesChanged, also: ReadonlySet<string> = new Set()): string {
  const theirs = new Set(sides.theirs.map((c) => c.path));
  const paths = new Set([...sides.ours.map((c) => c.path).filter((path) => theirs.has(path)), ...also]);
  return [...paths]
    .sort()
    .map((path) => `Auto-merging ${path}\n`)
    .join('');
}

/**
 * What merged cleanly, staged and in the work tree as git leaves it after a conflict, so that only the conflicts wait
 * for the learner (isomorphic-git leaves their side's new, changed and deleted files unstaged, deletions undone).
 */
async function stageCleanMerges(repo: Repository, sides: SidesChanged, conflicted: ReadonlySet<string>): Promise<void> {
  const oursChanged = new Set(sides.ours.map((c) => c.path));
  const staged: string[] = [];
  for (const change of sides.theirs) {
    if (conflicted.has(change.path)) continue;
    const file = `${repo.dir}/${change.path}`;
    // Changed on both sides: isomorphic-git wrote the merged text. Changed on theirs only: their version.
    if (!oursChanged.has(change.path)) {
      if (change.after) await repo.learnerFs.writeFile(file, change.after.text);
      else await repo.learnerFs.rm(file, { force: true });
    }
    if (await repo.learnerFs.exists(file)) staged.push(change.path);
    else await git.remove({ ...repo.git, filepath: change.path });
  }
  if (staged.length > 0) await git.add({ ...repo.git, filepath: staged });
}

/**
 * `git merge BRANCH` (`--abort` gives up a conflicted one): a fast-forward when possible, else a merge commit ("the 'ort' strategy"); conflicting lines
 * are left in the files between `<<<<<<<` and `>>>>>>>` markers for the learner to resolve and commit.
 */
export async function merge(repo: Repository, args: string[]): Promise<string> {
  if (args.includes('--abort')) {
    if (!(await readMergeHead(repo))) throw fatal('There is no merge to abort (MERGE_HEAD missing).');
    await reset(repo, ['--hard']);
    return '';
  }
  const messageAt = args.findIndex((arg) => arg === '-m');
  const message = messageAt === -1 ? undefined : args[messageAt + 1];
  const theirs = args.find((arg, i) => !arg.startsWith('-') && (messageAt === -1 || i !== messageAt + 1));
  if (!theirs) throw fatal('No remote for the current branch.');
  const ours = await currentBranch(repo);
  if (!ours) throw fatal('merging on a detached HEAD is not supported here');
  const before = await headCommit(repo);
  const theirOid = await resolveRevision(repo, theirs).catch(() => {
    throw new GitFailure(`merge: ${theirs} - not something we can merge\n`, 1);
  });
  if (!before) throw fatal(`your current branch '${ours}' does not have any commits yet`);
  const who = await identity(repo);
  let result;
  try {
    result = await git.merge({
      ...repo.git,
      ours,
      theirs,
      author: { ...who, ...repo.clock.author },
      committer: { ...who, ...repo.clock.committer },
      message: `${message ?? `Merge ${(await isRemoteTracking(repo, theirs)) ? 'remote-tracking ' : ''}branch '${theirs}'`}\n`,
      abortOnConflict: false,
      fastForward: !args.includes('--no-ff'),
    });
  } catch (error) {
    if (error instanceof Errors.MergeConflictError) {
      await repo.learnerFs.writeFile(`${repo.dir}/.git/MERGE_HEAD`, `${theirOid}\n`);
      const conflicted = new Set(error.data.filepaths);
      const sides = await sidesChanged(repo, before, theirOid);
      await stageCleanMerges(repo, sides, conflicted);
      // isomorphic-git labels our side with the branch's name; git writes `<<<<<<< HEAD`.
      for (const path of conflicted) {
        const file = `${repo.dir}/${path}`;
        await repo.learnerFs.writeFile(
          file,
          (await repo.learnerFs.readFile(file)).replaceAll(`<<<<<<< ${ours}\n`, '<<<<<<< HEAD\n'),
        );
      }
      const merged = bothChanged(sides, conflicted).replace(/^Auto-merging (.*)\n/gm, (line, path: string) =>
        conflicted.has(path) ? `${line}CONFLICT (content): Merge conflict in ${path}\n` : line,
      );
      throw new GitFailure('', 1, `${merged}Automatic merge failed; fix conflicts and then commit the result.\n`);
    }
    if (error instanceof Errors.MergeNotSupportedError)
      throw fatal('this merge needs more than isomorphic-git can do here (a file changed in a way it cannot merge)');
    throw error;
  }
  if (result.alreadyMerged) return 'Already up to date.\n';
  const merging = result.fastForward ? '' : bothChanged(await sidesChanged(repo, before, theirOid));
  const changes = await changesBetween(repo, trees.commit(before), trees.commit(result.oid!));
  await git.checkout({ ...repo.git, ref: ours, force: true });
  if (result.fastForward)
    return `Updating ${before.slice(0, 7)}..${result.oid!.slice(0, 7)}\nFast-forward\n${diffStat(changes, true)}`;
  return `${merging}Merge made by the 'ort' strategy.\n${diffStat(changes, true)}`;
}
