import git from 'isomorphic-git';
import { changesBetween, EMPTY_TREE_REF, trees } from './changes.js';
import { commit } from './history.js';
import { pathStatuses } from './status.js';
import { fatal, GitFailure, headCommit, resolveRevision, textInCommit, type Repository } from './repository.js';

/**
 * `git revert [--no-edit] COMMIT`: a new commit undoing what COMMIT changed, history kept. There is no editor here,
 * so the message is always git's own (`Revert "..."`), as with `--no-edit`. A file changed again since COMMIT is
 * refused rather than merged line by line.
 */
export async function revert(repo: Repository, args: string[]): Promise<string> {
  const revisions = args.filter((arg) => !arg.startsWith('-'));
  const unknown = args.find((arg) => arg.startsWith('-') && arg !== '--no-edit' && arg !== '--edit' && arg !== '-e');
  if (unknown) throw new GitFailure(`error: unknown option \`${unknown.replace(/^-+/, '')}'\n`, 129);
  if (revisions.length !== 1) throw new GitFailure('usage: git revert [--[no-]edit] <commit>\n', 129);
  const typed = revisions[0]!;
  const head = await headCommit(repo);
  const oid = await resolveRevision(repo, typed).catch(() => {
    throw fatal(`bad revision '${typed}'`);
  });
  if (!head) throw fatal(`bad revision '${typed}'`);
  const { commit: target } = await git.readCommit({ ...repo.git, oid });
  const subject = target.message.split('\n')[0]!;
  if (target.parent.length > 1)
    throw new GitFailure(`error: commit ${oid} is a merge but no -m option was given.\nfatal: revert failed\n`, 128);
  const parent = target.parent[0];
  const changes = await changesBetween(
    repo,
    parent ? trees.commit(parent) : git.TREE({ ref: EMPTY_TREE_REF }),
    trees.commit(oid),
  );
  const touched = new Set(changes.map((c) => c.path));
  const dirty = (await pathStatuses(repo))
    .filter((s) => s.staged !== '?' && touched.has(s.path))
    .map((s) => `\t${s.path}\n`);
  if (dirty.length > 0) {
    throw new GitFailure(
      `error: Your local changes to the following files would be overwritten by merge:\n${dirty.join('')}Please commit your changes or stash them before you merge.\nAborting\nfatal: revert failed\n`,
      128,
    );
  }
  const undone: typeof changes = [];
  for (const change of changes) {
    const now = await textInCommit(repo, head, change.path);
    // Already as before that commit: nothing to undo there (git then finds nothing to commit).
    if (now === change.before?.text) continue;
    undone.push(change);
    if (now !== change.after?.text) {
      throw new GitFailure(
        `error: could not revert ${oid.slice(0, 7)}... ${subject}\nhint: ${change.path} changed again after that commit; here git reverts only files left as that commit made them.\nhint: Undo it by hand (see 'git show ${oid.slice(0, 7)}') and commit.\n`,
        1,
      );
    }
  }
  for (const change of undone) {
    const file = `${repo.dir}/${change.path}`;
    if (change.before) {
      await repo.learnerFs.writeFile(file, change.before.text);
      await git.add({ ...repo.git, filepath: change.path });
    } else {
      await repo.learnerFs.rm(file, { force: true });
      await git.remove({ ...repo.git, filepath: change.path });
    }
  }
  return commit(repo, ['-m', `Revert "${subject}"`, '-m', `This reverts commit ${oid}.`]);
}
