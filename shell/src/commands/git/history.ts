import git, { type ReadCommitResult } from 'isomorphic-git';
import { changesBetween, diffStat, EMPTY_TREE_REF, patchText, trees } from './changes.js';
import {
  currentBranch,
  fatal,
  GitFailure,
  headCommit,
  identity,
  resolveRevision,
  type Repository,
} from './repository.js';
import { readMergeHead, unmergedPaths } from './merge-state.js';
import { longStatus, pathStatuses } from './status.js';
import { stageChanges } from './work-tree.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A commit's date as `git log` shows it, in the author's own zone: `Sun Dec 6 17:32:47 2026 +0000`. */
function dateText(seconds: number, minutesWest: number): string {
  const east = -minutesWest;
  const d = new Date((seconds + east * 60) * 1000);
  const time = [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
  const zone = `${east < 0 ? '-' : '+'}${String(Math.floor(Math.abs(east) / 60)).padStart(2, '0')}${String(Math.abs(east) % 60).padStart(2, '0')}`;
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${time} ${d.getUTCFullYear()} ${zone}`;
}

/**
 * The refs pointing at each commit, for `(HEAD -> main, tag: v1, origin/main)` after its id: git lists them in
 * reverse order of their full names, the checked-out branch first.
 */
async function decorations(repo: Repository): Promise<Map<string, string>> {
  const branch = await currentBranch(repo);
  const head = await headCommit(repo);
  const { fs, dir } = repo.git;
  const refs = (await git.listBranches({ fs, dir })).map((name) => ({ ref: `refs/heads/${name}`, shown: name }));
  for (const { remote } of await git.listRemotes({ fs, dir }))
    for (const name of await git.listBranches({ fs, dir, remote }))
      refs.push({ ref: `refs/remotes/${remote}/${name}`, shown: `${remote}/${name}` });
  for (const name of await git.listTags({ fs, dir })) refs.push({ ref: `refs/tags/${name}`, shown: `tag: ${name}` });
  refs.sort((a, b) => (a.ref < b.ref ? 1 : -1));
  const names = new Map<string, string[]>();
  for (const { ref, shown } of refs) {
    const target = await git.resolveRef({ fs, dir, ref }).catch(() => undefined);
    if (!target) continue;
    // An annotated tag decorates the commit it marks.
    const oid = ref.startsWith('refs/tags/')
      ? await git.readTag({ fs, dir, oid: target }).then(
          (t) => t.tag.object,
          () => target,
        )
      : target;
    const list = names.get(oid) ?? [];
    if (ref === `refs/heads/${branch}`) list.unshift(`HEAD -> ${shown}`);
    else list.push(shown);
    names.set(oid, list);
  }
  if (head && !branch) names.set(head, ['HEAD', ...(names.get(head) ?? [])]);
  return new Map([...names].map(([oid, list]) => [oid, ` (${list.join(', ')})`]));
}

function fullEntry(entry: ReadCommitResult, decoration: string): string {
  const { commit } = entry;
  const merge = commit.parent.length > 1 ? `Merge: ${commit.parent.map((p) => p.slice(0, 7)).join(' ')}\n` : '';
  const body = commit.message
    .replace(/\n+$/, '')
    .split('\n')
    .map((line) => (line ? `    ${line}` : ''))
    .join('\n');
  return `commit ${entry.oid}${decoration}\n${merge}Author: ${commit.author.name} <${commit.author.email}>\nDate:   ${dateText(commit.author.timestamp, commit.author.timezoneOffset)}\n\n${body}\n`;
}

/**
 * The commits reachable from `oid`, newest first as git walks them: by committer date, ties in the order met
 * (a merge's first parent before its second).
 */
async function history(repo: Repository, oid: string, limit: number): Promise<ReadCommitResult[]> {
  const queue: { entry: ReadCommitResult; order: number }[] = [];
  const seen = new Set([oid]);
  let met = 0;
  const push = async (id: string) =>
    queue.push({ entry: await git.readCommit({ ...repo.git, oid: id }), order: met++ });
  await push(oid);
  const out: ReadCommitResult[] = [];
  while (queue.length > 0 && out.length < limit) {
    let best = 0;
    for (let i = 1; i < queue.length; i++) {
      const [a, b] = [queue[i]!, queue[best]!];
      if (
        a.entry.commit.committer.timestamp > b.entry.commit.committer.timestamp ||
        (a.entry.commit.committer.timestamp === b.entry.commit.committer.timestamp && a.order < b.order)
      )
        best = i;
    }
    const { entry } = queue.splice(best, 1)[0]!;
    out.push(entry);
    for (const parent of entry.commit.parent) {
      if (seen.has(parent)) continue;
      seen.add(parent);
      await push(parent);
    }
  }
  return out;
}

/** `git log [--oneline] [--no-decorate] [-n N | -N] [REVISION]`. */
export async function log(repo: Repository, args: string[]): Promise<string> {
  let oneline = false;
  // git decorates when it writes to a terminal, as it does here.
  let decorate = true;
  let limit: number | undefined;
  let revision = 'HEAD';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--oneline') oneline = true;
    else if (arg === '--no-decorate' || arg === '--decorate') decorate = arg === '--decorate';
    else if (arg === '-n' || arg === '--max-count') limit = Number(args[++i]);
    else if (/^-n\d+$|^-\d+$/.test(arg)) limit = Number(arg.replace(/^-n?/, ''));
    else if (arg.startsWith('--max-count=')) limit = Number(arg.slice(12));
    else if (arg.startsWith('-')) throw fatal(`unrecognized argument: ${arg}`);
    else revision = arg;
  }
  if (limit !== undefined && !Number.isInteger(limit)) throw fatal(`'${args.join(' ')}': not an integer`);
  if (!(await headCommit(repo)) && revision === 'HEAD') {
    throw fatal(`your current branch '${(await currentBranch(repo)) ?? 'HEAD'}' does not have any commits yet`);
  }
  const oid = await resolveRevision(repo, revision);
  const shown = await history(repo, oid, limit ?? Infinity);
  const decorated = decorate ? await decorations(repo) : new Map<string, string>();
  if (oneline)
    return shown
      .map((e) => `${e.oid.slice(0, 7)}${decorated.get(e.oid) ?? ''} ${e.commit.message.split('\n')[0]}\n`)
      .join('');
  return shown.map((e) => fullEntry(e, decorated.get(e.oid) ?? '')).join('\n');
}

/** `git show [REVISION]`: the commit as `git log` shows it, then its patch against its first parent. */
export async function show(repo: Repository, args: string[]): Promise<string> {
  const revision = args.find((arg) => !arg.startsWith('-')) ?? 'HEAD';
  if (revision === 'HEAD' && !(await headCommit(repo)))
    throw fatal(`your current branch '${(await currentBranch(repo)) ?? 'HEAD'}' does not have any commits yet`);
  const oid = await resolveRevision(repo, revision);
  const entry = await git.readCommit({ ...repo.git, oid });
  const parent = entry.commit.parent[0];
  const changes = parent
    ? await changesBetween(repo, trees.commit(parent), trees.commit(oid))
    : await changesBetween(repo, git.TREE({ ref: EMPTY_TREE_REF }), trees.commit(oid));
  const patch = entry.commit.parent.length > 1 ? '' : patchText(changes);
  const decoration = args.includes('--no-decorate') ? '' : ((await decorations(repo)).get(oid) ?? '');
  return `${await tagHeader(repo, revision)}${fullEntry(entry, decoration)}${patch ? `\n${patch}` : ''}`;
}

/** An annotated tag's own lines (name, tagger, message), as `git show TAG` prints them before the commit; '' otherwise. */
async function tagHeader(repo: Repository, revision: string): Promise<string> {
  try {
    const oid = await git.resolveRef({ ...repo.git, ref: `refs/tags/${revision}` });
    const { tag } = await git.readTag({ ...repo.git, oid });
    const tagger = tag.tagger;
    return `tag ${tag.tag}\nTagger: ${tagger.name} <${tagger.email}>\nDate:   ${dateText(tagger.timestamp, tagger.timezoneOffset)}\n\n${tag.message.replace(/\n+$/, '')}\n\n`;
  } catch {
    return ''; // not a tag, or a lightweight one: git shows the commit alone
  }
}

/**
 * `git commit -m MESSAGE [-a]`: records the index (with `-a`, every tracked file as it is now) as a new commit on
 * the current branch, a merge commit when a merge with conflicts is being concluded.
 */
export async function commit(repo: Repository, args: string[]): Promise<string> {
  const messages: string[] = [];
  let all = false;
  let quiet = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-m' || arg === '--message') {
      if (args[i + 1] === undefined) throw new GitFailure("error: switch `m' requires a value\n", 129);
      messages.push(args[++i]!);
    } else if (arg.startsWith('--message=')) messages.push(arg.slice(10));
    else if (/^-[aqm]+$/.test(arg) && arg.endsWith('m')) {
      all ||= arg.includes('a');
      quiet ||= arg.includes('q');
      if (args[i + 1] === undefined) throw new GitFailure("error: switch `m' requires a value\n", 129);
      messages.push(args[++i]!);
    } else if (arg === '-a' || arg === '--all') all = true;
    else if (arg === '-q' || arg === '--quiet') quiet = true;
    else if (/^-m./.test(arg)) messages.push(arg.slice(2));
    else throw new GitFailure(`error: unknown option \`${arg.replace(/^-+/, '')}'\n`, 129);
  }
  if (messages.length === 0) {
    throw new GitFailure('error: this terminal has no editor for the commit message: give it with -m "message"\n', 1);
  }
  const author = await identity(repo);
  if (all)
    await stageChanges(
      repo,
      (await pathStatuses(repo)).filter((s) => s.staged !== '?'),
    );
  const unmerged = await unmergedPaths(repo);
  if (unmerged.length > 0) {
    throw new GitFailure(
      "error: Committing is not possible because you have unmerged files.\nhint: Fix them up in the work tree, and then use 'git add/rm <file>'\nhint: as appropriate to mark resolution and make a commit.\nfatal: Exiting because of an unresolved conflict.\n",
      128,
      unmerged.map((path) => `U\t${path}\n`).join(''),
    );
  }
  const head = await headCommit(repo);
  const branch = await currentBranch(repo);
  const mergeHead = await readMergeHead(repo);
  const staged = await changesBetween(
    repo,
    head ? trees.commit(head) : git.TREE({ ref: EMPTY_TREE_REF }),
    trees.index(),
  );
  if (staged.length === 0 && !mergeHead) {
    // commit's own status says "Initial commit" where `git status` says "No commits yet".
    const { text } = await longStatus(repo);
    throw new GitFailure('', 1, text.replace('\nNo commits yet\n', '\nInitial commit\n'));
  }
  const message = `${messages.join('\n\n').replace(/\n+$/, '')}\n`;
  const parents = [...(head ? [head] : []), ...(mergeHead ? [mergeHead] : [])];
  const oid = await git.commit({
    ...repo.git,
    message,
    author: { ...author, ...repo.clock.author },
    committer: { ...author, ...repo.clock.committer },
    parent: parents,
  });
  if (mergeHead) await repo.learnerFs.rm(`${repo.dir}/.git/MERGE_HEAD`, { force: true });
  if (quiet) return '';
  const where = branch ?? 'detached HEAD';
  // git shows no summary of the changes for a merge commit.
  return `[${where}${head ? '' : ' (root-commit)'} ${oid.slice(0, 7)}] ${message.split('\n')[0]}\n${mergeHead ? '' : diffStat(staged, false)}`;
}
