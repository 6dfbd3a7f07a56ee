import git from 'isomorphic-git';
import { blobId } from './changes.js';
import { readMergeHead, unmergedPaths } from './merge-state.js';
import { trackingStatus } from './tracking.js';
import { currentBranch, headCommit, shownPath, type Repository } from './repository.js';

/** One path's state: staged (index vs HEAD) and unstaged (work tree vs index), as `git status -s` letters. */
export interface PathStatus {
  path: string;
  /** ' ' unchanged, 'A' added, 'M' modified, 'D' deleted, 'R' renamed (from `from`), '?' untracked. */
  staged: ' ' | 'A' | 'M' | 'D' | 'R' | '?';
  from?: string;
  unstaged: ' ' | 'M' | 'D' | '?';
}

/** Whether `path` is `spec` or lies under it (`''` is the whole repository). */
export const under = (path: string, spec: string) => spec === '' || path === spec || path.startsWith(`${spec}/`);

/** Whether a walk must enter `path` to reach what lies at or under `spec` (`''` is the whole repository). */
const reaches = (path: string, spec: string) => under(path, spec) || spec.startsWith(`${path}/`);

/**
 * Every path at or under one of `specs` (repository paths, `''` for all) that differs somewhere between HEAD, the
 * index and the work tree, ignored files left out, in git's order. One walk over the three trees: a work tree file
 * is hashed only when its stat differs from the index's record of it. The work tree's modes are not compared, as
 * the repository's `core.filemode = false` says; a mode staged with `git add` is a staged change.
 */
export async function pathStatuses(repo: Repository, specs: readonly string[] = ['']): Promise<PathStatus[]> {
  const statuses: PathStatus[] = [];
  /** The blob a staged deletion had and a staged new file has, by path: equal ones are a rename. */
  const deleted = new Map<string, string>();
  const added = new Map<string, string>();
  await git.walk({
    ...repo.git,
    trees: [git.TREE({ ref: 'HEAD' }), git.STAGE(), git.WORKDIR()],
    map: async (path, [head, index, work]) => {
      if (path === '.') return undefined;
      if (!specs.some((spec) => reaches(path, spec))) return null;
      if (!head && !index && (await git.isIgnored({ ...repo.git, filepath: path }))) return null;
      const [inHead, inIndex] = await Promise.all([blobId(head), blobId(index)]);
      const inWork = (await work?.type()) === 'blob';
      if (!inIndex) {
        if (inHead) {
          statuses.push({ path, staged: 'D', unstaged: ' ' });
          deleted.set(path, inHead.oid);
        }
        // Out of the index but still here (`git rm --cached`): untracked too, unless ignored.
        if (inWork && (!inHead || !(await git.isIgnored({ ...repo.git, filepath: path }))))
          statuses.push({ path, staged: '?', unstaged: '?' });
        return undefined;
      }
      const staged = !inHead ? 'A' : inHead.oid === inIndex.oid && inHead.mode === inIndex.mode ? ' ' : 'M';
      const unstaged = !inWork ? 'D' : (await work!.oid()) === inIndex.oid ? ' ' : 'M';
      if (staged === 'A') added.set(path, inIndex.oid);
      if (staged !== ' ' || unstaged !== ' ') statuses.push({ path, staged, unstaged });
      return undefined;
    },
  });
  return withRenames(statuses, deleted, added)
    .filter((s) => specs.some((spec) => under(s.path, spec)))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A staged deletion and a staged new file with the same content are one rename, as git shows it. */
function withRenames(
  statuses: PathStatus[],
  deleted: ReadonlyMap<string, string>,
  added: ReadonlyMap<string, string>,
): PathStatus[] {
  if (deleted.size === 0 || added.size === 0) return statuses;
  const deletedBy = new Map([...deleted].map(([path, oid]) => [oid, path]));
  const renamedFrom = new Set<string>();
  const out = statuses.map((s) => {
    const oid = s.staged === 'A' ? added.get(s.path) : undefined;
    const from = oid ? deletedBy.get(oid) : undefined;
    if (!from || renamedFrom.has(from)) return s;
    renamedFrom.add(from);
    return { ...s, staged: 'R' as const, from };
  });
  return out.filter((s) => !(s.staged === 'D' && renamedFrom.has(s.path)));
}

/** Untracked paths as git lists them: a directory holding no tracked file shows once, as `dir/`. */
function untrackedShown(statuses: PathStatus[], tracked: ReadonlySet<string>): string[] {
  const trackedDirs = new Set<string>();
  for (const path of tracked) {
    for (let at = path.indexOf('/'); at !== -1; at = path.indexOf('/', at + 1)) trackedDirs.add(path.slice(0, at));
  }
  const shown = new Set<string>();
  for (const { path, staged } of statuses) {
    if (staged !== '?') continue;
    let top = path;
    for (let at = path.indexOf('/'); at !== -1; at = path.indexOf('/', at + 1)) {
      if (!trackedDirs.has(path.slice(0, at))) {
        top = `${path.slice(0, at)}/`;
        break;
      }
    }
    shown.add(top);
  }
  return [...shown].sort();
}

async function trackedPaths(repo: Repository): Promise<Set<string>> {
  return new Set(await git.listFiles({ ...repo.git }));
}

/** `git status --short`: `XY path` per changed path, `?? path` for untracked ones. */
export async function shortStatus(repo: Repository): Promise<string> {
  const statuses = await pathStatuses(repo);
  const unmerged = await unmergedPaths(repo);
  const conflicts = unmerged.map((path) => `UU ${shownPath(repo, path)}\n`);
  const tracked = statuses
    .filter((s) => s.staged !== '?' && !unmerged.includes(s.path))
    .map(
      (s) => `${s.staged}${s.unstaged} ${s.from ? `${shownPath(repo, s.from)} -> ` : ''}${shownPath(repo, s.path)}\n`,
    );
  const untracked = untrackedShown(statuses, await trackedPaths(repo)).map((path) => `?? ${shownPath(repo, path)}\n`);
  const listed =
    conflicts.length === 0 ? tracked : [...tracked, ...conflicts].sort((a, b) => (a.slice(3) < b.slice(3) ? -1 : 1));
  return listed.join('') + untracked.join('');
}

const LABEL = { A: 'new file:   ', M: 'modified:   ', D: 'deleted:    ', R: 'renamed:    ' } as const;

/** `git status`: the branch, then staged, unstaged and untracked paths with git's own advice lines. */
export async function longStatus(repo: Repository): Promise<{ text: string; clean: boolean }> {
  const branch = await currentBranch(repo);
  const head = await headCommit(repo);
  const unmerged = await unmergedPaths(repo);
  const merging = (await readMergeHead(repo)) !== undefined;
  const statuses = (await pathStatuses(repo)).filter((s) => !unmerged.includes(s.path));
  let text = branch ? `On branch ${branch}\n` : `HEAD detached at ${head?.slice(0, 7)}\n`;
  text += await trackingStatus(repo, branch);
  if (!head) text += '\nNo commits yet\n\n';
  if (merging && unmerged.length > 0)
    text +=
      'You have unmerged paths.\n  (fix conflicts and run "git commit")\n  (use "git merge --abort" to abort the merge)\n\n';
  else if (merging)
    text += 'All conflicts fixed but you are still merging.\n  (use "git commit" to conclude merge)\n\n';
  const staged = statuses.filter((s) => s.staged !== ' ' && s.staged !== '?');
  const unstaged = statuses.filter((s) => s.unstaged !== ' ' && s.unstaged !== '?');
  const untracked = untrackedShown(statuses, await trackedPaths(repo));
  if (staged.length > 0) {
    // While a merge is being concluded git gives no advice on unstaging.
    text += `Changes to be committed:\n${merging ? '' : `  (use "git ${head ? 'restore --staged' : 'rm --cached'} <file>..." to unstage)\n`}`;
    for (const s of staged)
      text += `\t${LABEL[s.staged as 'A' | 'M' | 'D' | 'R']}${s.from ? `${shownPath(repo, s.from)} -> ` : ''}${shownPath(repo, s.path)}\n`;
    text += '\n';
  }
  if (unstaged.length > 0) {
    const removal = unstaged.some((s) => s.unstaged === 'D') ? '/rm' : '';
    text += `Changes not staged for commit:\n  (use "git add${removal} <file>..." to update what will be committed)\n  (use "git restore <file>..." to discard changes in working directory)\n`;
    for (const s of unstaged) text += `\t${LABEL[s.unstaged as 'M' | 'D']}${shownPath(repo, s.path)}\n`;
    text += '\n';
  }
  if (unmerged.length > 0) {
    text += 'Unmerged paths:\n  (use "git add <file>..." to mark resolution)\n';
    for (const path of unmerged) text += `\tboth modified:   ${shownPath(repo, path)}\n`;
    text += '\n';
  }
  if (untracked.length > 0) {
    text += 'Untracked files:\n  (use "git add <file>..." to include in what will be committed)\n';
    for (const path of untracked) text += `\t${shownPath(repo, path)}\n`;
    text += '\n';
  }
  if (staged.length === 0) {
    if (unstaged.length > 0 || unmerged.length > 0)
      text += 'no changes added to commit (use "git add" and/or "git commit -a")\n';
    else if (untracked.length > 0)
      text += 'nothing added to commit but untracked files present (use "git add" to track)\n';
    else if (!head) text += 'nothing to commit (create/copy files and use "git add" to track)\n';
    else text += 'nothing to commit, working tree clean\n';
  }
  return { text, clean: staged.length === 0 };
}
