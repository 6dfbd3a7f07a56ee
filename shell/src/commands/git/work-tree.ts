import git from 'isomorphic-git';
import { changesBetween, diffStat, EMPTY_TREE_REF, patchText, trees } from './changes.js';
import { fatal, GitFailure, headCommit, repoPath, resolveRevision, shownPath, type Repository } from './repository.js';
import { pathStatuses, under, type PathStatus } from './status.js';

/** The operands after the options, with `--` ending the options. */
function operands(args: string[]): { flags: string[]; paths: string[] } {
  const end = args.indexOf('--');
  const before = end === -1 ? args : args.slice(0, end);
  return {
    flags: before.filter((a) => a.startsWith('-')),
    paths: [...before.filter((a) => !a.startsWith('-')), ...(end === -1 ? [] : args.slice(end + 1))],
  };
}

/** `git add PATH...` (`.`, `-A`, `--all` for everything): new, changed and deleted files under each path. */
export async function add(repo: Repository, args: string[]): Promise<string> {
  const { flags, paths } = operands(args);
  const everything = flags.some((f) => f === '-A' || f === '--all');
  const force = flags.some((f) => f === '-f' || f === '--force');
  if (paths.length === 0 && !everything)
    return 'Nothing specified, nothing added.\nhint: Maybe you wanted to say \'git add .\'?\nhint: Turn this message off by running\nhint: "git config advice.addEmptyPathspec false"\n';
  const specs = everything && paths.length === 0 ? [''] : paths.map((p) => repoPath(repo, p));
  const statuses = await pathStatuses(repo, specs);
  const ignored: string[] = [];
  const forced: string[] = [];
  // As git does, a pathspec that matches nothing stops the command before anything is staged.
  for (const [i, spec] of specs.entries()) {
    if (statuses.some((s) => under(s.path, spec)) || spec === '') continue;
    if (!(await repo.learnerFs.exists(`${repo.dir}/${spec}`)))
      throw fatal(`pathspec '${paths[i] ?? '.'}' did not match any files`);
    if (await git.isIgnored({ ...repo.git, filepath: spec })) (force ? forced : ignored).push(force ? spec : paths[i]!);
  }
  await stageChanges(repo, statuses);
  if (forced.length > 0) await git.add({ ...repo.git, filepath: forced, force: true });
  if (ignored.length > 0) {
    throw new GitFailure(
      `The following paths are ignored by one of your .gitignore files:\n${ignored.join('\n')}\nhint: Use -f if you really want to add them.\nhint: Turn this message off by running\nhint: "git config advice.addIgnoredFile false"\n`,
      1,
    );
  }
  return '';
}

/**
 * Stages the work tree's changes that the statuses list: changed and new files in one `git.add` (one index write),
 * deleted ones removed from the index.
 */
export async function stageChanges(repo: Repository, statuses: readonly PathStatus[]): Promise<void> {
  const changed = statuses.filter((s) => s.unstaged === 'M' || s.unstaged === '?').map((s) => s.path);
  if (changed.length > 0) await git.add({ ...repo.git, filepath: changed });
  for (const s of statuses) if (s.unstaged === 'D') await git.remove({ ...repo.git, filepath: s.path });
}

/** `git rm [--cached] [-r] PATH...`: untracks the files and, without `--cached`, deletes them. */
export async function rm(repo: Repository, args: string[]): Promise<string> {
  const { flags, paths } = operands(args);
  const cached = flags.includes('--cached');
  const quiet = flags.some((f) => f === '-q' || f === '--quiet');
  const recursive = flags.some((f) => f === '-r' || /^-[a-z]*r/.test(f));
  const tracked = await git.listFiles({ ...repo.git });
  let out = '';
  for (const typed of paths) {
    const spec = repoPath(repo, typed);
    const matching = tracked.filter((path) => under(path, spec));
    if (matching.length === 0) throw fatal(`pathspec '${typed}' did not match any files`);
    if (matching.some((path) => path !== spec) && !recursive)
      throw fatal(`not removing '${typed}' recursively without -r`);
    for (const path of matching) {
      await git.remove({ ...repo.git, filepath: path });
      if (!cached) await repo.learnerFs.rm(`${repo.dir}/${path}`, { force: true });
      if (!quiet) out += `rm '${path}'\n`;
    }
  }
  return out;
}

/** `git mv FROM TO`: renames the file and stages the rename. */
export async function mv(repo: Repository, args: string[]): Promise<string> {
  const { paths } = operands(args);
  if (paths.length !== 2) throw new GitFailure('usage: git mv [<options>] <source>... <destination>\n', 129);
  const [from, to] = paths.map((p) => repoPath(repo, p)) as [string, string];
  const tracked = await git.listFiles({ ...repo.git });
  if (!tracked.includes(from)) throw fatal(`not under version control, source=${from}, destination=${to}`);
  const target =
    (await repo.learnerFs.exists(`${repo.dir}/${to}`)) && (await repo.learnerFs.stat(`${repo.dir}/${to}`)).isDirectory
      ? `${to ? `${to}/` : ''}${from.slice(from.lastIndexOf('/') + 1)}`
      : to;
  if (await repo.learnerFs.exists(`${repo.dir}/${target}`))
    throw fatal(`destination exists, source=${from}, destination=${target}`);
  await repo.learnerFs.mv(`${repo.dir}/${from}`, `${repo.dir}/${target}`);
  await git.remove({ ...repo.git, filepath: from });
  await git.add({ ...repo.git, filepath: target });
  return '';
}

/** `git restore [--staged] PATH...`: the work tree's file from the index, or (`--staged`) the index's from HEAD. */
export async function restore(repo: Repository, args: string[]): Promise<string> {
  const { flags, paths } = operands(args);
  if (paths.length === 0) throw fatal('you must specify path(s) to restore');
  const staged = flags.some((f) => f === '--staged' || f === '-S');
  const head = await headCommit(repo);
  for (const typed of paths) {
    const spec = repoPath(repo, typed);
    if (staged) {
      const tracked = (await git.listFiles({ ...repo.git })).filter((path) => under(path, spec));
      if (tracked.length === 0)
        throw new GitFailure(`error: pathspec '${typed}' did not match any file(s) known to git\n`, 1);
      for (const path of tracked)
        await git.resetIndex({ ...repo.git, filepath: path, ...(head ? {} : { ref: EMPTY_TREE_REF }) });
      continue;
    }
    const changed = (await changesBetween(repo, trees.index(), trees.workTree(), true)).filter((c) =>
      under(c.path, spec),
    );
    const known = (await git.listFiles({ ...repo.git })).some((path) => under(path, spec));
    if (!known) throw new GitFailure(`error: pathspec '${typed}' did not match any file(s) known to git\n`, 1);
    for (const change of changed) {
      if (change.before) await repo.learnerFs.writeFile(`${repo.dir}/${change.path}`, change.before.text);
    }
  }
  return '';
}

/**
 * `git reset [--soft|--mixed|--hard] [COMMIT]` and `git reset [COMMIT] -- PATH...` (unstage): moves the branch,
 * and resets the index (mixed) and the work tree (hard) as git does.
 */
export async function reset(repo: Repository, args: string[]): Promise<string> {
  const { flags, paths } = operands(args);
  const mode = flags.find((f) => ['--soft', '--mixed', '--hard'].includes(f)) ?? '--mixed';
  const head = await headCommit(repo);
  let revision = 'HEAD';
  let files = paths;
  if (paths.length > 0 && !args.includes('--')) {
    const first = paths[0]!;
    const isRevision = await resolveRevision(repo, first).then(
      () => true,
      () => false,
    );
    if (isRevision) [revision, ...files] = paths as [string, ...string[]];
  }
  if (files.length > 0) {
    for (const typed of files) {
      const spec = repoPath(repo, typed);
      for (const path of (await git.listFiles({ ...repo.git })).filter((p) => under(p, spec))) {
        await git.resetIndex({
          ...repo.git,
          filepath: path,
          ...(head ? { ref: await resolveRevision(repo, revision) } : { ref: EMPTY_TREE_REF }),
        });
      }
    }
    return unstagedAfterReset(repo);
  }
  if (!head) throw fatal("ambiguous argument 'HEAD': unknown revision or path not in the working tree.");
  const target = await resolveRevision(repo, revision);
  const branchRef = await git.currentBranch({ ...repo.git, fullname: true });
  await git.writeRef({ ...repo.git, ref: branchRef ?? 'HEAD', value: target, force: true });
  if (mode === '--soft') return '';
  if (mode === '--hard') {
    const { commit } = await git.readCommit({ ...repo.git, oid: target });
    // Files the reset leaves untracked by the old HEAD go, as `git reset --hard` removes them from the work tree.
    for (const change of await changesBetween(repo, trees.commit(head), trees.commit(target))) {
      if (!change.after) await repo.learnerFs.rm(`${repo.dir}/${change.path}`, { force: true });
    }
    await git.checkout({
      ...repo.git,
      ref: branchRef ? branchRef.replace('refs/heads/', '') : target,
      force: true,
    });
    await repo.learnerFs.rm(`${repo.dir}/.git/MERGE_HEAD`, { force: true });
    return `HEAD is now at ${target.slice(0, 7)} ${commit.message.split('\n')[0]}\n`;
  }
  // Every path in the index or in the target commit: the index becomes the commit's tree.
  const known = new Set([
    ...(await git.listFiles({ ...repo.git })),
    ...(await git.listFiles({ ...repo.git, ref: target })),
  ]);
  for (const path of known) await git.resetIndex({ ...repo.git, filepath: path, ref: target });
  return unstagedAfterReset(repo);
}

async function unstagedAfterReset(repo: Repository): Promise<string> {
  const lines = (await pathStatuses(repo))
    .filter((s) => s.unstaged === 'M' || s.unstaged === 'D')
    .map((s) => `${s.unstaged}\t${shownPath(repo, s.path)}\n`);
  return lines.length > 0 ? `Unstaged changes after reset:\n${lines.join('')}` : '';
}

/** `git diff` (work tree against the index), `git diff --staged|--cached` (index against HEAD), `git diff COMMIT`. */
export async function diff(repo: Repository, args: string[]): Promise<string> {
  const { flags, paths } = operands(args);
  const staged = flags.some((f) => f === '--staged' || f === '--cached');
  const nameOnly = flags.includes('--name-only');
  const head = await headCommit(repo);
  let revision: string | undefined;
  let files = paths;
  if (paths.length > 0 && !args.includes('--')) {
    const isRevision = await resolveRevision(repo, paths[0]!).then(
      () => true,
      () => false,
    );
    if (isRevision) [revision, ...files] = paths as [string, ...string[]];
  }
  const base = revision
    ? trees.commit(await resolveRevision(repo, revision))
    : head
      ? trees.commit(head)
      : git.TREE({ ref: EMPTY_TREE_REF });
  const changes = staged
    ? await changesBetween(repo, base, trees.index())
    : revision
      ? await changesBetween(repo, base, trees.workTree(), true)
      : await changesBetween(repo, trees.index(), trees.workTree(), true);
  const specs = files.map((p) => repoPath(repo, p));
  const shown = specs.length === 0 ? changes : changes.filter((c) => specs.some((spec) => under(c.path, spec)));
  if (nameOnly) return shown.map((c) => `${c.path}\n`).join('');
  if (flags.includes('--stat')) return shown.length > 0 ? diffStat(shown, true, false) : '';
  return patchText(shown);
}
