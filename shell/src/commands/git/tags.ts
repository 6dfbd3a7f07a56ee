import git from 'isomorphic-git';
import { fatal, GitFailure, headCommit, identity, resolveRevision, type Repository } from './repository.js';

/**
 * `git tag` (list), `git tag NAME [COMMIT]` (lightweight), `git tag -a NAME -m MESSAGE [COMMIT]` (annotated: a tag
 * object with its tagger and message), `git tag -d NAME`. There is no editor here, so `-a` needs `-m`.
 */
export async function tag(repo: Repository, args: string[]): Promise<string> {
  let annotated = false;
  let remove = false;
  let message: string | undefined;
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-a' || arg === '--annotate') annotated = true;
    else if (arg === '-d' || arg === '--delete') remove = true;
    else if (arg === '-m' || arg === '--message') {
      if (args[i + 1] === undefined) throw new GitFailure("error: switch `m' requires a value\n", 129);
      message = args[++i];
    } else if (arg.startsWith('--message=')) message = arg.slice(10);
    else if (/^-m./.test(arg)) message = arg.slice(2);
    else if (arg === '-l' || arg === '--list') continue;
    else if (arg.startsWith('-')) throw new GitFailure(`error: unknown option \`${arg.replace(/^-+/, '')}'\n`, 129);
    else names.push(arg);
  }
  const tags = await git.listTags({ ...repo.git });
  if (remove) {
    let out = '';
    for (const name of names) {
      if (!tags.includes(name)) throw new GitFailure(`error: tag '${name}' not found.\n`, 1);
      const oid = await git.resolveRef({ ...repo.git, ref: `refs/tags/${name}` });
      await git.deleteTag({ ...repo.git, ref: name });
      out += `Deleted tag '${name}' (was ${oid.slice(0, 7)})\n`;
    }
    return out;
  }
  if (names.length === 0)
    return [...tags]
      .sort()
      .map((name) => `${name}\n`)
      .join('');
  const [name, start = 'HEAD'] = names as [string, string?];
  if (!/^(?!-)(?!.*\.\.)(?!.*\/$)(?!.*\.lock$)[^\s~^:?*[\\]+$/.test(name))
    throw fatal(`'${name}' is not a valid tag name.`);
  if (tags.includes(name)) throw fatal(`tag '${name}' already exists`);
  if (start === 'HEAD' && !(await headCommit(repo))) throw fatal("Failed to resolve 'HEAD' as a valid ref.");
  const object = await resolveRevision(repo, start);
  if (!annotated && message === undefined) {
    await git.tag({ ...repo.git, ref: name, object });
    return '';
  }
  if (message === undefined)
    throw new GitFailure('error: this terminal has no editor for the tag message: give it with -m "message"\n', 1);
  const tagger = await identity(repo);
  await git.annotatedTag({
    ...repo.git,
    ref: name,
    object,
    message: `${message.replace(/\n+$/, '')}\n`,
    tagger: { ...tagger, ...repo.clock.committer },
  });
  return '';
}
