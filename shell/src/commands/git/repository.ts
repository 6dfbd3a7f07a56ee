import git, { type PromiseFsClient } from 'isomorphic-git';
import type { LearnerFs } from '../../filesystem/learner-fs.js';
import { decodeUtf8 } from '../../text.js';
import { readGlobalConfig } from './config-file.js';

/**
 * What every isomorphic-git call of one command takes: the filesystem, the work tree, and a cache that one command's
 * calls share, so that the index is read and parsed once per command rather than once per call.
 */
export interface GitCallBase {
  fs: PromiseFsClient;
  dir: string;
  cache: object;
}

/** What one `git` command works on: the repository around the current directory. */
export interface Repository {
  git: GitCallBase;
  learnerFs: LearnerFs;
  /** The work tree's top directory (where `.git` is). */
  dir: string;
  /** The shell's current directory. */
  cwd: string;
  home: string;
  /** When the commits made now say they were made (`GIT_AUTHOR_DATE` and `GIT_COMMITTER_DATE` as git reads them). */
  clock: { author: GitTime; committer: GitTime };
}

/** A commit time as isomorphic-git takes it: seconds, and minutes *west* of UTC. */
export interface GitTime {
  timestamp: number;
  timezoneOffset: number;
}

/**
 * A time from `GIT_AUTHOR_DATE`-style text (`@1700000000 +0100`, `1700000000 +0100`, ISO 8601), or now (the
 * learner's machine runs on UTC) when absent or not understood.
 */
export function gitTime(text: string | undefined): GitTime {
  const raw = /^@?(\d+)(?: ([+-])(\d\d)(\d\d))?$/.exec(text?.trim() ?? '');
  if (raw) {
    const east = raw[2] ? (raw[2] === '-' ? -1 : 1) * (Number(raw[3]) * 60 + Number(raw[4])) : 0;
    return { timestamp: Number(raw[1]), timezoneOffset: east === 0 ? 0 : -east };
  }
  const parsed = text ? Date.parse(text) : NaN;
  return { timestamp: Math.floor((Number.isNaN(parsed) ? Date.now() : parsed) / 1000), timezoneOffset: 0 };
}

/** A failure git reports with `fatal:` (or another message) and a status; run-git turns it into the output. */
export class GitFailure extends Error {
  constructor(
    readonly text: string,
    readonly status = 128,
    readonly stdout = '',
  ) {
    super(text);
  }
}

export const fatal = (message: string, status = 128): GitFailure => new GitFailure(`fatal: ${message}\n`, status);

/** The directory holding `.git`, from `cwd` upwards, or undefined outside a repository. */
export async function findTopLevel(fs: LearnerFs, cwd: string): Promise<string | undefined> {
  let dir = cwd;
  for (;;) {
    if (await fs.exists(`${dir === '/' ? '' : dir}/.git/HEAD`)) return dir;
    if (dir === '/') return undefined;
    dir = dir.slice(0, dir.lastIndexOf('/')) || '/';
  }
}

/** A path of the repository (`notes/a.txt`) as git shows it to someone in `cwd` (`../notes/a.txt`). */
export function shownPath(repo: Repository, path: string): string {
  const here = repo.cwd === repo.dir ? [] : repo.cwd.slice(repo.dir.length + 1).split('/');
  const there = path.split('/');
  let common = 0;
  while (common < here.length && common < there.length - 1 && here[common] === there[common]) common++;
  return [...here.slice(common).map(() => '..'), ...there.slice(common)].join('/') || './';
}

/** A path the learner typed (relative to `cwd`) as a path in the repository, `''` for its top; fails outside it. */
export function repoPath(repo: Repository, typed: string): string {
  const absolute = repo.learnerFs.resolvePath(repo.cwd, typed);
  if (absolute === repo.dir) return '';
  if (!absolute.startsWith(`${repo.dir}/`)) throw fatal(`${typed}: '${typed}' is outside repository at '${repo.dir}'`);
  return absolute.slice(repo.dir.length + 1);
}

/** The checked-out branch's name, or undefined on a detached HEAD. */
export async function currentBranch(repo: Repository): Promise<string | undefined> {
  return (await git.currentBranch({ ...repo.git, fullname: false })) ?? undefined;
}

/** The commit HEAD points at, or undefined before the first commit. */
export async function headCommit(repo: Repository): Promise<string | undefined> {
  try {
    return await git.resolveRef({ ...repo.git, ref: 'HEAD' });
  } catch {
    return undefined;
  }
}

/**
 * The commit a revision names: `HEAD`, a branch, a (short) commit id, each optionally followed by `~N` or `^`s.
 */
export async function resolveRevision(repo: Repository, revision: string): Promise<string> {
  const match = /^(.*?)((?:~\d*|\^+)*)$/.exec(revision)!;
  const base = match[1] || 'HEAD';
  let oid: string;
  try {
    oid = await git.resolveRef({ ...repo.git, ref: base });
  } catch {
    try {
      if (!/^[0-9a-f]{4,40}$/.test(base)) throw new Error('not an id');
      oid = await git.expandOid({ ...repo.git, oid: base });
    } catch {
      throw fatal(
        `ambiguous argument '${revision}': unknown revision or path not in the working tree.\nUse '--' to separate paths from revisions, like this:\n'git <command> [<revision>...] -- [<file>...]'`,
      );
    }
  }
  for (const step of match[2]!.match(/~\d*|\^/g) ?? []) {
    const count = step === '^' ? 1 : Number(step.slice(1) || '1');
    for (let i = 0; i < count; i++) {
      const { commit } = await git.readCommit({ ...repo.git, oid });
      if (!commit.parent[0])
        throw fatal(`ambiguous argument '${revision}': unknown revision or path not in the working tree.`);
      oid = commit.parent[0];
    }
  }
  return oid;
}

/** `user.name` and `user.email` from the repository's config, else `~/.gitconfig`. */
export async function identity(repo: Repository): Promise<{ name: string; email: string }> {
  const global = await readGlobalConfig(repo.learnerFs, repo.home);
  const value = async (key: string) =>
    ((await git.getConfig({ ...repo.git, path: key })) as string | undefined) ?? global.get(key);
  const name = await value('user.name');
  const email = await value('user.email');
  if (!name || !email) {
    throw new GitFailure(
      'Author identity unknown\n\n*** Please tell me who you are.\n\nRun\n\n  git config --global user.email "you@example.com"\n  git config --global user.name "Your Name"\n\n' +
        "to set your account's default identity.\nOmit --global to set the identity only in this repository.\n\n" +
        `fatal: unable to auto-detect email address (got 'learner@academy.(none)')\n`,
    );
  }
  return { name, email };
}

/** The text of the blob at `path` in a commit, or undefined when the commit has no such file. */
export async function textInCommit(repo: Repository, oid: string, path: string): Promise<string | undefined> {
  try {
    const { blob } = await git.readBlob({ ...repo.git, oid, filepath: path });
    return decodeUtf8(blob);
  } catch {
    return undefined;
  }
}
