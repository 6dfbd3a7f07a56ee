import { fileProblem, Repo, type GitFinding } from './git.js';
import { normalizePath, resolveLabPath } from './paths.js';
import type { ShellSnapshot } from './snapshot.js';

/** The checks on how a repository shares its work with another one (a remote); `path` is the work tree. */
export type GitRemoteCheck =
  /**
   * The repository has a remote `remote` (default `origin`) leading to the repository at `url`; with `branch`, that
   * branch also tracks the remote's branch of the same name (`git push -u`, `git clone`).
   */
  | { kind: 'git-remote'; path: string; url: string; remote?: string; branch?: string }
  /**
   * The remote's `branch`, as the remote repository holds it now, has `file` in its last commit (holding `content`
   * exactly or containing `text`), and a push from this repository got it there: the commit this repository last
   * saw on that branch (`origin/BRANCH`, moved by `git push` and `git fetch`) is in the remote branch's history.
   */
  | { kind: 'git-pushed'; path: string; branch: string; file: string; content?: string; text?: string; remote?: string }
  /**
   * `branch` (default: the one checked out) has every commit the remote's branch of that name has now: nothing is
   * left to pull.
   */
  | { kind: 'git-up-to-date'; path: string; branch?: string; remote?: string };

export const GIT_REMOTE_CHECK_FIELDS: Readonly<Record<GitRemoteCheck['kind'], readonly string[]>> = {
  'git-remote': ['path', 'url', 'remote', 'branch'],
  'git-pushed': ['path', 'branch', 'file', 'content', 'text', 'remote'],
  'git-up-to-date': ['path', 'branch', 'remote'],
};

/** One value of a git config file: `section` is `remote "origin"` or `core`, `key` as written (`url`). */
function configValue(text: string, section: string, key: string): string | undefined {
  let inside = false;
  let found: string | undefined;
  for (const line of text.split('\n')) {
    const header = /^\s*\[\s*([^\]]+?)\s*\]/.exec(line);
    if (header) {
      inside = header[1]!.toLowerCase() === section.toLowerCase();
      continue;
    }
    const entry = /^\s*([A-Za-z][\w-]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (inside && entry?.[1]!.toLowerCase() === key.toLowerCase()) found = entry[2]!.replace(/^"(.*)"$/, '$1');
  }
  return found;
}

/** The git directory a remote's URL leads to in the snapshot: a work tree's `.git`, a bare repository, or `url.git`. */
function remoteGitDir(files: ShellSnapshot['files'], dir: string, url: string): string | undefined {
  const path = url.replace(/^file:\/\//, '');
  const absolute = normalizePath(path.startsWith('/') ? path : `${dir}/${path}`);
  const top = absolute === '/' ? '' : absolute;
  return [`${top}/.git`, top, `${top}.git`].find((gitDir) => files[`${gitDir}/HEAD`]?.type === 'file');
}

/** Whether a remote check holds on the snapshot, in the learner's words. */
export function gitRemoteFinding(
  check: GitRemoteCheck,
  files: ShellSnapshot['files'],
  dir: string,
  shown: string,
  home: string,
): GitFinding {
  const repo = Repo.ofWorkTree(files, dir);
  if (!repo.exists()) return { holds: false, saw: `${shown} is not a git repository` };
  const config = repo.text('config') ?? '';
  const name = check.remote ?? 'origin';
  const url = configValue(config, `remote "${name}"`, 'url');
  if (!url) return { holds: false, saw: `${shown} has no remote ${name} (git remote -v lists none)` };
  const gitDir = remoteGitDir(files, dir, url);
  if (check.kind === 'git-remote') {
    const wanted = remoteGitDir(files, '/', resolveLabPath(check.url, home));
    if (!gitDir || gitDir !== wanted) return { holds: false, saw: `${shown}'s remote ${name} leads to ${url}` };
    if (check.branch === undefined) return { holds: true, saw: `${shown}'s remote ${name} is ${url}` };
    const tracks =
      configValue(config, `branch "${check.branch}"`, 'remote') === name &&
      configValue(config, `branch "${check.branch}"`, 'merge') === `refs/heads/${check.branch}`;
    return {
      holds: tracks,
      saw: tracks
        ? `${check.branch} tracks ${name}/${check.branch}`
        : `${check.branch} does not track ${name}/${check.branch} (git branch -vv shows what it tracks)`,
    };
  }
  if (!gitDir) return { holds: false, saw: `${shown}'s remote ${name} (${url}) is not a git repository` };
  const remote = new Repo(files, gitDir);
  const branch = check.kind === 'git-pushed' ? check.branch : (check.branch ?? currentBranch(repo));
  if (!branch) return { holds: false, saw: `${shown} is not on a branch` };
  const theirs = remote.resolve(branch);
  const onRemote = `${name}'s ${branch}`;
  if (!theirs || !remote.commit(theirs)) return { holds: false, saw: `${onRemote} has no commits` };
  if (check.kind === 'git-up-to-date') {
    const ours = repo.resolve(branch);
    const holds = ours !== undefined && repo.commit(ours) !== undefined && repo.reaches(ours, theirs);
    return {
      holds,
      saw: holds ? `${branch} has everything ${onRemote} has` : `${onRemote} has commits that ${branch} lacks`,
    };
  }
  const problem = fileProblem(remote, theirs, check);
  if (problem === 'absent') return { holds: false, saw: `${check.file} is not in the last commit of ${onRemote}` };
  if (problem) return { holds: false, saw: `${check.file} on ${onRemote} is not as the step wants` };
  const seen = repo.resolveRef(`refs/remotes/${name}/${branch}`);
  const holds = seen !== undefined && remote.reaches(theirs, seen);
  return {
    holds,
    saw: holds ? `${onRemote} has your ${check.file}` : `${shown} has not pushed to ${onRemote}`,
  };
}

/** The branch HEAD names, if it names one. */
function currentBranch(repo: Repo): string | undefined {
  return /^ref: refs\/heads\/(\S+)/.exec(repo.text('HEAD') ?? '')?.[1];
}
