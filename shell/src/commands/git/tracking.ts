import git from 'isomorphic-git';
import { currentBranch, fatal, GitFailure, headCommit, type Repository } from './repository.js';
import { localStore, refTarget, remoteNames, setUpstream, upstreamOf } from './remotes.js';
import { aheadBehind } from './transfer.js';

const commits = (n: number) => `${n} commit${n === 1 ? '' : 's'}`;

/**
 * The lines `git status` prints under "On branch X" for a branch that tracks a remote one: up to date, ahead,
 * behind, diverged or gone, each with git's advice, then a blank line; '' for a branch that tracks nothing.
 */
export async function trackingStatus(repo: Repository, branch: string | undefined): Promise<string> {
  const upstream = branch ? await upstreamOf(repo, branch) : undefined;
  const head = await headCommit(repo);
  if (!upstream || !head) return '';
  const theirs = await refTarget(localStore(repo), upstream.ref);
  const name = upstream.shown;
  if (!theirs)
    return `Your branch is based on '${name}', but the upstream is gone.\n  (use "git branch --unset-upstream" to fixup)\n\n`;
  const { ahead, behind } = await aheadBehind(localStore(repo), head, theirs);
  if (ahead === 0 && behind === 0) return `Your branch is up to date with '${name}'.\n\n`;
  if (behind === 0)
    return `Your branch is ahead of '${name}' by ${commits(ahead)}.\n  (use "git push" to publish your local commits)\n\n`;
  if (ahead === 0)
    return `Your branch is behind '${name}' by ${commits(behind)}, and can be fast-forwarded.\n  (use "git pull" to update your local branch)\n\n`;
  return `Your branch and '${name}' have diverged,\nand have ${ahead} and ${behind} different commits each, respectively.\n  (use "git pull" to merge the remote branch into yours)\n\n`;
}

/** `[origin/main: ahead 1, behind 2]` as `git branch -vv` shows a branch's upstream, '' when it has none. */
async function upstreamLabel(repo: Repository, branch: string, tip: string): Promise<string> {
  const upstream = await upstreamOf(repo, branch);
  if (!upstream) return '';
  const theirs = await refTarget(localStore(repo), upstream.ref);
  if (!theirs) return `[${upstream.shown}: gone] `;
  const { ahead, behind } = await aheadBehind(localStore(repo), tip, theirs);
  const parts = [...(ahead ? [`ahead ${ahead}`] : []), ...(behind ? [`behind ${behind}`] : [])];
  return `[${upstream.shown}${parts.length ? `: ${parts.join(', ')}` : ''}] `;
}

/** `git branch -r` (remote-tracking branches), `-a` (all), `-v`/`-vv` (with commit, subject and upstream). */
export async function listBranches(repo: Repository, given: readonly string[]): Promise<string> {
  // `-avv` is `-a -v -v`.
  const flags = given.flatMap((f) => (/^-[a-z]+$/.test(f) ? [...f.slice(1)].map((letter) => `-${letter}`) : [f]));
  const verbose = flags.filter((f) => f === '-v' || f === '--verbose').length;
  const all = flags.some((f) => f === '-a' || f === '--all');
  const remoteOnly = flags.some((f) => f === '-r' || f === '--remotes');
  const current = await currentBranch(repo);
  const rows: { mark: string; name: string; ref: string; link?: string; local?: string }[] = [];
  if (!remoteOnly) {
    for (const name of (await git.listBranches({ ...repo.git })).sort())
      rows.push({ mark: name === current ? '*' : ' ', name, ref: `refs/heads/${name}`, local: name });
  }
  if (all || remoteOnly) {
    for (const remote of await remoteNames(repo)) {
      const branches = (await git.listBranches({ ...repo.git, remote })).sort();
      for (const name of branches) {
        const shown = `${all ? 'remotes/' : ''}${remote}/${name}`;
        const ref = `refs/remotes/${remote}/${name}`;
        if (name !== 'HEAD') {
          rows.push({ mark: ' ', name: shown, ref });
          continue;
        }
        const target = await git.resolveRef({ ...repo.git, ref, depth: 2 }).catch(() => undefined);
        if (target?.startsWith('refs/remotes/')) rows.push({ mark: ' ', name: shown, ref, link: target.slice(13) });
      }
    }
  }
  // With -v the names form a column, `origin/HEAD` and its arrow included.
  const width = verbose ? Math.max(0, ...rows.map((r) => r.name.length)) : 0;
  let out = '';
  for (const row of rows) {
    if (row.link || !verbose) {
      out += `${row.mark} ${row.link ? `${row.name.padEnd(width)} -> ${row.link}` : row.name}\n`;
      continue;
    }
    const oid = await git.resolveRef({ ...repo.git, ref: row.ref });
    const { commit } = await git.readCommit({ ...repo.git, oid });
    const label = verbose > 1 && row.local ? await upstreamLabel(repo, row.local, oid) : '';
    out += `${row.mark} ${row.name.padEnd(width)} ${oid.slice(0, 7)} ${label}${commit.message.split('\n')[0]}\n`;
  }
  return out;
}

/** `git branch -u|--set-upstream-to=REMOTE/BRANCH [BRANCH]` and `git branch --unset-upstream [BRANCH]`. */
export async function changeUpstream(repo: Repository, args: readonly string[]): Promise<string> {
  const unset = args.includes('--unset-upstream');
  const inline = args.find((a) => a.startsWith('--set-upstream-to='));
  const at = args.findIndex((a) => a === '-u' || a === '--set-upstream-to');
  const target = inline ? inline.slice('--set-upstream-to='.length) : at === -1 ? undefined : args[at + 1];
  const branch = args.find((a, i) => !a.startsWith('-') && a !== target && i !== at + 1) ?? (await currentBranch(repo));
  if (!branch) throw fatal('could not set upstream of HEAD when it does not point to any branch.');
  if (unset) {
    if (!(await upstreamOf(repo, branch))) throw fatal(`branch '${branch}' has no upstream information`);
    for (const key of ['remote', 'merge'])
      await git.setConfig({ ...repo.git, path: `branch.${branch}.${key}`, value: undefined });
    return '';
  }
  const remote = (await remoteNames(repo)).find((name) => target?.startsWith(`${name}/`));
  const theirs = remote ? target!.slice(remote.length + 1) : undefined;
  if (!remote || !theirs || !(await refTarget(localStore(repo), `refs/remotes/${remote}/${theirs}`)))
    throw new GitFailure(
      `fatal: the requested upstream branch '${target}' does not exist\nhint: \nhint: If you are planning on basing your work on an upstream\nhint: branch that already exists at the remote, you may need to\nhint: run "git fetch" to retrieve it.\n`,
      128,
    );
  await setUpstream(localStore(repo), branch, remote, theirs);
  return `branch '${branch}' set up to track '${target}'.\n`;
}

/**
 * Creates branch `name` at the one remote branch of that name (`origin/NAME`), tracking it, as `git switch NAME`
 * does for a branch only a remote has. Returns git's line about it, or undefined when no single remote has one.
 */
export async function branchFromRemote(repo: Repository, name: string): Promise<string | undefined> {
  const found = await remoteBranchesNamed(repo, name);
  if (found.length !== 1) return undefined;
  const { remote, oid } = found[0]!;
  await git.branch({ ...repo.git, ref: name, object: oid });
  await setUpstream(localStore(repo), name, remote, name);
  return `branch '${name}' set up to track '${remote}/${name}'.\n`;
}

/** The remote-tracking branches called `name` (`origin/NAME`, `upstream/NAME`), one per remote that has one. */
export async function remoteBranchesNamed(repo: Repository, name: string): Promise<{ remote: string; oid: string }[]> {
  const found: { remote: string; oid: string }[] = [];
  for (const remote of await remoteNames(repo)) {
    const oid = await refTarget(localStore(repo), `refs/remotes/${remote}/${name}`);
    if (oid) found.push({ remote, oid });
  }
  return found;
}
