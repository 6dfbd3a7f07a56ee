import git from 'isomorphic-git';
import { merge } from './branches.js';
import { changesBetween, trees } from './changes.js';
import { headBranch } from './clone.js';
import { readGlobalConfig } from './config-file.js';
import { currentBranch, fatal, GitFailure, headCommit, type Repository } from './repository.js';
import {
  isBare,
  localStore,
  openRemote,
  refTarget,
  remoteNames,
  setUpstream,
  upstreamOf,
  type Remote,
} from './remotes.js';
import { pathStatuses } from './status.js';
import { ancestors, copyObjects } from './transfer.js';

/** git's column for the summary of a ref update (`[new branch]`, `1a2b3c4..5d6e7f8`). */
const SUMMARY_WIDTH = 17;
const short = (oid: string) => oid.slice(0, 7);

/** Whether `ancestor` is `oid` or in its history, as far as the local repository knows both. */
async function reaches(repo: Repository, oid: string, ancestor: string): Promise<boolean> {
  return (await ancestors(localStore(repo), oid)).has(ancestor);
}

/** A URL as fetch and pull show it in `From ...` and merge messages: a final `/` and `.git` dropped. */
const shownUrl = (url: string) => url.replace(/\/+$/, '').replace(/\.git$/, '');

/** Split the operands from the options (`-qu` is `-q -u`), each option checked against those the subcommand knows. */
function parse(args: string[], known: readonly string[], sub: string): { flags: Set<string>; operands: string[] } {
  const flags = new Set<string>();
  const operands: string[] = [];
  for (const arg of args) {
    const letters = /^-[a-z]{2,}$/.test(arg) ? [...arg.slice(1)].map((letter) => `-${letter}`) : [arg];
    for (const flag of letters) {
      if (!flag.startsWith('-')) operands.push(flag);
      else if (known.includes(flag)) flags.add(flag);
      else
        throw new GitFailure(
          `error: unknown option \`${flag.replace(/^-+/, '')}'\nusage: git ${sub} [<options>]\n`,
          129,
        );
    }
  }
  return { flags, operands };
}

/**
 * Brings a remote's branches (and the tags on them) into the repository: their objects, and `refs/remotes/NAME/*`
 * moved to where the remote's branches are. Returns git's report, `From URL` and a line per ref that moved.
 */
async function fetchRemote(repo: Repository, remote: Remote): Promise<string> {
  const local = localStore(repo);
  const lines: { code: string; summary: string; from: string; to: string; note: string }[] = [];
  const branches = await git.listBranches({ fs: remote.store.fs, gitdir: remote.store.gitdir });
  for (const branch of branches) {
    const oid = (await refTarget(remote.store, `refs/heads/${branch}`))!;
    const ref = `refs/remotes/${remote.name}/${branch}`;
    const old = await refTarget(local, ref);
    if (old === oid) continue;
    await copyObjects(remote.store, local, [oid]);
    const to = `${remote.name}/${branch}`;
    if (!old) lines.push({ code: '*', summary: '[new branch]', from: branch, to, note: '' });
    else if (await reaches(repo, oid, old))
      lines.push({ code: ' ', summary: `${short(old)}..${short(oid)}`, from: branch, to, note: '' });
    else
      lines.push({ code: '+', summary: `${short(old)}...${short(oid)}`, from: branch, to, note: '  (forced update)' });
    await git.writeRef({ fs: local.fs, gitdir: local.gitdir, ref, value: oid, force: true });
  }
  // Tags that mark a commit now here come along, as git's fetch follows them.
  for (const tag of await git.listTags({ fs: remote.store.fs, gitdir: remote.store.gitdir })) {
    if (await refTarget(local, `refs/tags/${tag}`)) continue;
    const oid = (await refTarget(remote.store, `refs/tags/${tag}`))!;
    const { object } = await git.readTag({ fs: remote.store.fs, gitdir: remote.store.gitdir, oid }).then(
      (t) => t.tag,
      () => ({ object: oid }),
    );
    if (!(await has(repo, object))) continue;
    await copyObjects(remote.store, local, [oid]);
    await git.writeRef({ fs: local.fs, gitdir: local.gitdir, ref: `refs/tags/${tag}`, value: oid });
    lines.push({ code: '*', summary: '[new tag]', from: tag, to: tag, note: '' });
  }
  if (lines.length === 0) return '';
  const width = Math.max(10, ...lines.map((l) => l.from.length));
  return `From ${shownUrl(remote.url)}\n${lines
    .map((l) => ` ${l.code} ${l.summary.padEnd(SUMMARY_WIDTH)} ${l.from.padEnd(width)} -> ${l.to}${l.note}\n`)
    .join('')}`;
}

/** Whether the local repository has the commit `oid`. */
async function has(repo: Repository, oid: string): Promise<boolean> {
  return (await ancestors(localStore(repo), oid, 1)).size > 0;
}

/** The remote a fetch or pull with no name uses: the branch's upstream's, else `origin`. */
async function defaultRemote(repo: Repository): Promise<string | undefined> {
  const branch = await currentBranch(repo);
  const upstream = branch ? await upstreamOf(repo, branch) : undefined;
  if (upstream) return upstream.remote;
  return (await remoteNames(repo)).includes('origin') ? 'origin' : undefined;
}

/** A remote the learner named, which here must be a configured one (`git remote add`). */
async function namedRemote(repo: Repository, name: string): Promise<Remote> {
  if (!(await remoteNames(repo)).includes(name)) {
    // A path or URL not saved as a remote: git would fetch into FETCH_HEAD only, which this terminal does not do.
    await openRemote(repo, name);
    throw fatal(`here fetch and pull take a remote's name; save this one first: git remote add NAME ${name}`);
  }
  return openRemote(repo, name);
}

/** `git fetch [REMOTE]` (`--all`): the remote's branches, as `origin/*`, without touching your own. */
export async function fetch(repo: Repository, args: string[]): Promise<{ stdout: string; stderr: string }> {
  const { flags, operands } = parse(args, ['-q', '--quiet', '--all', '-v'], 'fetch');
  const names = flags.has('--all')
    ? await remoteNames(repo)
    : [operands[0] ?? (await defaultRemote(repo))].filter((n): n is string => n !== undefined);
  // With no remote at all, git's fetch has nothing to do and says nothing.
  let report = '';
  for (const name of names) report += await fetchRemote(repo, await namedRemote(repo, name));
  return { stdout: '', stderr: flags.has('-q') || flags.has('--quiet') ? '' : report };
}

const PUSH_HINTS = {
  'fetch first':
    "hint: Updates were rejected because the remote contains work that you do\nhint: not have locally. This is usually caused by another repository pushing\nhint: to the same ref. You may want to first integrate the remote changes\nhint: (e.g., 'git pull ...') before pushing again.\n",
  'non-fast-forward':
    "hint: Updates were rejected because the tip of your current branch is behind\nhint: its remote counterpart. Integrate the remote changes (e.g.\nhint: 'git pull ...') before pushing again.\n",
} as const;

const NO_UPSTREAM = (branch: string, remote: string) =>
  new GitFailure(
    `fatal: The current branch ${branch} has no upstream branch.\nTo push the current branch and set the remote as upstream, use\n\n    git push --set-upstream ${remote} ${branch}\n\nTo have this happen automatically for branches without a tracking\nupstream, see 'push.autoSetupRemote' in 'git help config'.\n\n`,
    128,
  );

/** What the receiving side of a push says when the branch is checked out in its work tree (its lines end in spaces). */
const CHECKED_OUT = (ref: string) =>
  [
    `error: refusing to update checked out branch: ${ref}`,
    'error: By default, updating the current branch in a non-bare repository',
    'is denied, because it will make the index and work tree inconsistent',
    "with what you pushed, and will require 'git reset --hard' to match",
    'the work tree to HEAD.',
    '',
    "You can set the 'receive.denyCurrentBranch' configuration variable",
    "to 'ignore' or 'warn' in the remote repository to allow pushing into",
    'its current branch; however, this is not recommended unless you',
    'arranged to update its work tree to match what you pushed in some',
    'other way.',
    '',
    'To squelch this message and still keep the default behaviour, set',
    "'receive.denyCurrentBranch' configuration variable to 'refuse'.",
  ]
    .map((text) => (text ? `remote: ${text}        \n` : 'remote: \n'))
    .join('');

const NO_DESTINATION = new GitFailure(
  'fatal: No configured push destination.\nEither specify the URL from the command-line or configure a remote repository using\n\n    git remote add <name> <url>\n\nand then push using the remote name\n\n    git push <name>\n\n',
  128,
);

/**
 * `git push [-u] [-f] [REMOTE [BRANCH | LOCAL:THEIRS]]`: sends the branch's commits to the remote repository and
 * moves its branch, refusing (as git does) an update that would lose commits the remote has, unless `-f`.
 */
export async function push(repo: Repository, args: string[]): Promise<{ stdout: string; stderr: string }> {
  const { flags, operands } = parse(
    args,
    ['-u', '--set-upstream', '-f', '--force', '-q', '--quiet', '-v', '--verbose'],
    'push',
  );
  const setUp = flags.has('-u') || flags.has('--set-upstream');
  const force = flags.has('-f') || flags.has('--force');
  const current = await currentBranch(repo);
  const upstream = current ? await upstreamOf(repo, current) : undefined;
  const [remoteName, refspec] = operands;
  const names = await remoteNames(repo);
  if (!remoteName && !upstream && names.length === 0) throw NO_DESTINATION;
  const remoteChosen = remoteName ?? upstream?.remote ?? 'origin';
  /** The local branch as typed (`HEAD` stays `HEAD` in git's report), and the remote branch it goes to. */
  let local: string;
  let theirs: string;
  if (refspec) {
    const colon = refspec.indexOf(':');
    local = colon === -1 ? refspec : refspec.slice(0, colon);
    theirs = colon === -1 ? refspec : refspec.slice(colon + 1);
    if (theirs === 'HEAD') theirs = current ?? 'HEAD';
  } else {
    if (!current) throw fatal('You are not currently on a branch.');
    // push.default=simple: without a branch, the current one goes to its upstream, which must be on that remote.
    if (!setUp && (!upstream || upstream.remote !== remoteChosen)) throw NO_UPSTREAM(current, remoteChosen);
    local = current;
    theirs = upstream && !setUp ? upstream.branch : current;
  }
  const remote = await openRemote(repo, remoteChosen);
  const localOid = await refTarget(localStore(repo), local === 'HEAD' ? (current ?? 'HEAD') : local);
  if (!localOid)
    throw new GitFailure(
      `error: src refspec ${local} does not match any\nerror: failed to push some refs to '${remote.url}'\n`,
      1,
    );
  const theirRef = `refs/heads/${theirs}`;
  const before = await refTarget(remote.store, theirRef);
  const quiet = flags.has('-q') || flags.has('--quiet');
  const trackingRef = names.includes(remote.name) ? `refs/remotes/${remote.name}/${theirs}` : undefined;
  const tracked = async () => {
    if (trackingRef) await git.writeRef({ ...repo.git, ref: trackingRef, value: localOid, force: true });
    if (!setUp || !trackingRef) return '';
    const branch = local === 'HEAD' ? current : local;
    if (!branch) return '';
    await setUpstream(localStore(repo), branch, remote.name, theirs);
    return quiet ? '' : `branch '${branch}' set up to track '${remote.name}/${theirs}'.\n`;
  };
  if (before === localOid) return { stdout: await tracked(), stderr: quiet ? '' : 'Everything up-to-date\n' };
  const line = (code: string, summary: string, note = '') =>
    `To ${remote.url}\n ${code} ${summary.padEnd(SUMMARY_WIDTH)} ${local} -> ${theirs}${note}\n`;
  if (before && !force) {
    const known = await has(repo, before);
    if (!known || !(await reaches(repo, localOid, before))) {
      const reason = known ? 'non-fast-forward' : 'fetch first';
      throw new GitFailure(
        `${line('!', '[rejected]', ` (${reason})`)}error: failed to push some refs to '${remote.url}'\n${PUSH_HINTS[reason]}hint: See the 'Note about fast-forwards' in 'git push --help' for details.\n`,
        1,
      );
    }
  }
  if (!isBare(remote.store.gitdir) && (await headBranch(repo.learnerFs, remote.store.gitdir)) === theirs) {
    throw new GitFailure(
      `${CHECKED_OUT(theirRef)}${line('!', '[remote rejected]', ' (branch is currently checked out)')}error: failed to push some refs to '${remote.url}'\n`,
      1,
    );
  }
  await copyObjects(localStore(repo), remote.store, [localOid]);
  await git.writeRef({ fs: remote.store.fs, gitdir: remote.store.gitdir, ref: theirRef, value: localOid, force: true });
  const summary = !before
    ? line('*', '[new branch]')
    : force && !(await reaches(repo, localOid, before))
      ? line('+', `${short(before)}...${short(localOid)}`, ' (forced update)')
      : line(' ', `${short(before)}..${short(localOid)}`);
  return { stdout: await tracked(), stderr: quiet ? '' : summary };
}

const DIVERGED = `hint: You have divergent branches and need to specify how to reconcile them.
hint: You can do so by running one of the following commands sometime before
hint: your next pull:
hint: 
hint:   git config pull.rebase false  # merge
hint:   git config pull.rebase true   # rebase
hint:   git config pull.ff only       # fast-forward only
hint: 
hint: You can replace "git config" with "git config --global" to set a default
hint: preference for all repositories. You can also pass --rebase, --no-rebase,
hint: or --ff-only on the command line to override the configured default per
hint: invocation.
fatal: Need to specify how to reconcile divergent branches.
`;

/** git's advice for a pull with nothing to pull from: it names the remote when there is exactly one. */
const NO_TRACKING = (branch: string, remotes: readonly string[]) =>
  new GitFailure(
    `There is no tracking information for the current branch.\nPlease specify which branch you want to merge with.\nSee git-pull(1) for details.\n\n    git pull <remote> <branch>\n\nIf you wish to set tracking information for this branch you can do so with:\n\n    git branch --set-upstream-to=${remotes.length === 1 ? remotes[0] : '<remote>'}/<branch> ${branch}\n\n`,
    1,
  );

/**
 * `git pull [--ff-only | --no-rebase] [REMOTE [BRANCH]]`: fetch, then bring the upstream branch in: a fast-forward
 * when only the remote moved, a merge commit when both did and a merge is asked for (git 2.x asks how, otherwise).
 */
export async function pull(repo: Repository, args: string[]): Promise<{ stdout: string; stderr: string }> {
  const { flags, operands } = parse(
    args,
    ['--ff-only', '--no-rebase', '--rebase', '-r', '--ff', '--no-ff', '-q', '--quiet'],
    'pull',
  );
  const current = await currentBranch(repo);
  if (!current) throw fatal('You are not currently on a branch.');
  const upstream = await upstreamOf(repo, current);
  const [remoteName, branchName] = operands;
  const remotes = await remoteNames(repo);
  if (!remoteName && !upstream) throw NO_TRACKING(current, remotes);
  const remote = await namedRemote(repo, remoteName ?? upstream!.remote);
  if (remoteName && !branchName && upstream?.remote !== remote.name) throw NO_TRACKING(current, remotes);
  const theirBranch = branchName ?? upstream!.branch;
  const fetched = await fetchRemote(repo, remote);
  const quiet = flags.has('-q') || flags.has('--quiet');
  const stderr = quiet ? '' : fetched;
  const ref = `refs/remotes/${remote.name}/${theirBranch}`;
  const theirs = await refTarget(localStore(repo), ref);
  if (!theirs && branchName) throw new GitFailure(`${stderr}fatal: couldn't find remote ref ${theirBranch}\n`, 1);
  if (!theirs)
    throw new GitFailure(
      `${stderr}Your configuration specifies to merge with the ref 'refs/heads/${theirBranch}'\nfrom the remote, but no such ref was fetched.\n`,
      1,
    );
  const ours = await headCommit(repo);
  if (!ours) {
    // Nothing here yet (a clone of an empty repository): the branch simply starts where the remote's is.
    await git.writeRef({ ...repo.git, ref: `refs/heads/${current}`, value: theirs, force: true });
    await git.checkout({ ...repo.git, ref: current, force: true });
    return { stdout: '', stderr };
  }
  if (await reaches(repo, ours, theirs)) return { stdout: quiet ? '' : 'Already up to date.\n', stderr };
  const fastForward = await reaches(repo, theirs, ours);
  await refuseOverwrite(repo, ours, theirs);
  if (!fastForward || flags.has('--no-ff')) {
    const configured =
      ((await git.getConfig({ ...repo.git, path: 'pull.rebase' })) as string | undefined) ??
      (await readGlobalConfig(repo.learnerFs, repo.home)).get('pull.rebase');
    const rebase = flags.has('--rebase') || flags.has('-r') || (configured === 'true' && !flags.has('--no-rebase'));
    if (rebase)
      throw new GitFailure(
        `${stderr}fatal: this terminal cannot rebase; merge instead with: git pull --no-rebase\n`,
        128,
      );
    if (flags.has('--ff-only')) throw new GitFailure(`${stderr}fatal: Not possible to fast-forward, aborting.\n`, 128);
    const chosen = flags.has('--no-rebase') || flags.has('--no-ff') || configured === 'false';
    if (!chosen) throw new GitFailure(`${stderr}${DIVERGED}`, 128);
  }
  const message = `Merge branch '${theirBranch}' of ${shownUrl(remote.url)}`;
  try {
    const merged = await merge(repo, [...(flags.has('--no-ff') ? ['--no-ff'] : []), '-m', message, ref]);
    return { stdout: quiet ? '' : merged, stderr };
  } catch (error) {
    if (error instanceof GitFailure) throw new GitFailure(`${stderr}${error.text}`, error.status, error.stdout);
    throw error;
  }
}

/** Refuses, as git does, a pull that would overwrite local changes to files the incoming commits change. */
async function refuseOverwrite(repo: Repository, ours: string, theirs: string): Promise<void> {
  const changed = (await pathStatuses(repo)).filter(
    (s) => s.staged !== '?' && (s.staged !== ' ' || s.unstaged !== ' '),
  );
  if (changed.length === 0) return;
  const [base] = (await git.findMergeBase({ ...repo.git, oids: [ours, theirs] })) as string[];
  const incoming = new Set(
    (await changesBetween(repo, trees.commit(base ?? ours), trees.commit(theirs))).map((c) => c.path),
  );
  const hit = changed.filter((s) => incoming.has(s.path)).map((s) => `\t${s.path}\n`);
  if (hit.length > 0)
    throw new GitFailure(
      `error: Your local changes to the following files would be overwritten by merge:\n${hit.join('')}Please commit your changes or stash them before you merge.\nAborting\n`,
      1,
    );
}
