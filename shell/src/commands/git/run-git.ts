import { Buffer } from 'buffer';
import git from 'isomorphic-git';
import type { ExecResult } from 'just-bash';
import { errorText, FsError, type LearnerFs } from '../../filesystem/learner-fs.js';
import type { ShellServices } from '../command.js';
import { add, diff, mv, reset, restore, rm } from './work-tree.js';
import { branch, merge, switchBranch } from './branches.js';
import { clone } from './clone.js';
import { readGlobalConfig, writeGlobalConfig } from './config-file.js';
import { gitFs } from './git-fs.js';
import { commit, log, show } from './history.js';
import { fatal, findTopLevel, GitFailure, gitTime, type Repository } from './repository.js';
import { revert } from './revert.js';
import { fetch, pull, push } from './push-pull.js';
import { remote } from './remotes.js';
import { longStatus, shortStatus } from './status.js';
import { tag } from './tags.js';
import { remoteBranchesNamed } from './tracking.js';

// isomorphic-git uses Node's Buffer; a page has none.
(globalThis as { Buffer?: unknown }).Buffer ??= Buffer;

/**
 * Most bytes a repository's `.git` may hold: the whole machine travels in one snapshot (at most 256 KiB, binary
 * objects as base64), so a practice repository stays small. Commands that write refuse past it, and say why.
 */
export const MAX_REPOSITORY_BYTES = 96 * 1024;

/** Where `git` runs. */
export interface GitContext {
  cwd: string;
  home: string;
  /** The command's environment (`GIT_AUTHOR_DATE`, `GIT_COMMITTER_DATE`). */
  env: (name: string) => string | undefined;
}

const USAGE = `usage: git [--version] [--help] <command> [<args>]

These are the common Git commands used here:

start a working area
   clone      Clone a repository into a new directory
   init       Create an empty Git repository

work on the current change
   add        Add file contents to the index
   mv         Move or rename a file
   restore    Restore working tree files
   rm         Remove files from the working tree and from the index

examine the history and state
   diff       Show changes between commits, commit and working tree, etc
   log        Show commit logs
   show       Show a commit
   status     Show the working tree status

grow, mark and tweak your common history
   branch     List, create, or delete branches
   commit     Record changes to the repository
   merge      Join two development histories together
   reset      Reset current HEAD to the specified state
   revert     Revert some existing commits
   switch     Switch branches
   tag        Create, list, delete a tag object

collaborate
   fetch      Download objects and refs from another repository
   pull       Fetch from and integrate with another repository or a local branch
   push       Update remote refs along with associated objects
   remote     Manage set of tracked repositories
`;

/** Subcommands that write into `.git`: refused once the repository is over its size limit. */
const WRITERS = new Set([
  'add',
  'commit',
  'merge',
  'mv',
  'rm',
  'branch',
  'switch',
  'checkout',
  'reset',
  'revert',
  'tag',
  'fetch',
  'pull',
  'push',
]);

/** Bytes of the files under `dir`, walked through its listings (not the whole machine's entries). */
function repositoryBytes(fs: LearnerFs, dir: string): number {
  let total = 0;
  for (const { path, node } of fs.listing(dir)) {
    if (node.type === 'file') total += node.inode.data.length;
    else if (node.type === 'dir') total += repositoryBytes(fs, path);
  }
  return total;
}

/** Runs one `git` command line; never throws (git's own failures become its messages and status). */
export async function runGit(args: string[], context: GitContext, services: ShellServices): Promise<ExecResult> {
  const [sub, ...rest] = args;
  try {
    if (sub === undefined || sub === '--help' || sub === 'help')
      return { stdout: USAGE, stderr: '', exitCode: sub === undefined ? 1 : 0 };
    if (sub === '--version' || sub === 'version') return { stdout: 'git version 2.39.5\n', stderr: '', exitCode: 0 };
    if (sub === 'init') return await init(rest, context, services);
    if (sub === 'config') return await config(rest, context, services);
    if (sub === 'clone') return { ...(await clone(services.fs, context.cwd, rest)), exitCode: 0 };
    const dir = await findTopLevel(services.fs, context.cwd);
    if (!dir) throw fatal('not a git repository (or any of the parent directories): .git');
    const clock = {
      author: gitTime(context.env('GIT_AUTHOR_DATE')),
      committer: gitTime(context.env('GIT_COMMITTER_DATE')),
    };
    const repo: Repository = {
      git: { fs: gitFs(services.fs), dir, cache: {} },
      learnerFs: services.fs,
      dir,
      cwd: context.cwd,
      home: context.home,
      clock,
    };
    if (WRITERS.has(sub)) {
      const bytes = repositoryBytes(services.fs, `${dir === '/' ? '' : dir}/.git`);
      if (bytes > MAX_REPOSITORY_BYTES) {
        throw fatal(
          `this practice repository is full: .git holds ${Math.ceil(bytes / 1024)} KiB, the limit here is ${MAX_REPOSITORY_BYTES / 1024} KiB.\nKeep large files out of it (list them in .gitignore), or start again with 'rm -rf .git' and 'git init'.`,
        );
      }
    }
    return await subcommand(sub, rest, repo);
  } catch (error) {
    if (error instanceof GitFailure) return { stdout: error.stdout, stderr: error.text, exitCode: error.status };
    if (error instanceof FsError) return { stdout: '', stderr: `fatal: ${errorText(error)}\n`, exitCode: 128 };
    return { stdout: '', stderr: `fatal: ${error instanceof Error ? error.message : String(error)}\n`, exitCode: 128 };
  }
}

async function subcommand(sub: string, args: string[], repo: Repository): Promise<ExecResult> {
  const out = (stdout: string, stderr = ''): ExecResult => ({ stdout, stderr, exitCode: 0 });
  switch (sub) {
    case 'status': {
      if (args.some((a) => a === '-s' || a === '--short' || a === '--porcelain')) return out(await shortStatus(repo));
      return out((await longStatus(repo)).text);
    }
    case 'add':
      return out(await add(repo, args));
    case 'commit':
      return out(await commit(repo, args));
    case 'log':
      return out(await log(repo, args));
    case 'show':
      return out(await show(repo, args));
    case 'diff':
      return out(await diff(repo, args));
    case 'rm':
      return out(await rm(repo, args));
    case 'mv':
      return out(await mv(repo, args));
    case 'restore':
      return out(await restore(repo, args));
    case 'reset':
      return out(await reset(repo, args));
    case 'revert':
      return out(await revert(repo, args));
    case 'tag':
      return out(await tag(repo, args));
    case 'branch':
      return out(await branch(repo, args));
    case 'merge':
      return out(await merge(repo, args));
    case 'remote':
      return out(await remote(repo, args));
    case 'fetch': {
      const { stdout, stderr } = await fetch(repo, args);
      return out(stdout, stderr);
    }
    case 'push': {
      const { stdout, stderr } = await push(repo, args);
      return out(stdout, stderr);
    }
    case 'pull': {
      const { stdout, stderr } = await pull(repo, args);
      return out(stdout, stderr);
    }
    case 'switch': {
      const create = args.find((a) => a === '-c' || a === '--create' || a === '-qc');
      const name = args.find((a) => !a.startsWith('-'));
      if (!name) throw fatal('missing branch or commit argument');
      const { stdout, stderr } = await switchBranch(repo, name, create !== undefined);
      return out(stdout, args.some((a) => a === '-q' || a === '--quiet' || a === '-qc') ? '' : stderr);
    }
    case 'checkout': {
      const dashes = args.indexOf('--');
      if (dashes !== -1) return out(await restore(repo, args.slice(dashes + 1)));
      const create = args.includes('-b');
      const name = args.find((a) => !a.startsWith('-'));
      if (!name) throw fatal('you must specify a branch to switch to');
      const isBranch =
        (await git.listBranches({ ...repo.git })).includes(name) ||
        (await remoteBranchesNamed(repo, name)).length === 1;
      if (!create && !isBranch) return out(await restore(repo, [name]));
      const { stdout, stderr } = await switchBranch(repo, name, create);
      return out(stdout, stderr);
    }
    default:
      throw new GitFailure(`git: '${sub}' is not a git command. See 'git --help'.\n`, 1);
  }
}

/**
 * `git init [--bare] [DIR]`: creates `.git` (with `--bare`, a repository with no work tree, to push to), naming the
 * first branch after `init.defaultBranch` (git's `master` otherwise).
 */
async function init(args: string[], context: GitContext, services: ShellServices): Promise<ExecResult> {
  const target = args.find((a, i) => !a.startsWith('-') && args[i - 1] !== '-b');
  const initial = args.find((a) => a.startsWith('--initial-branch=') || a.startsWith('-b'));
  const dir = target ? services.fs.resolvePath(context.cwd, target) : context.cwd;
  if (target && !(await services.fs.exists(dir))) await services.fs.mkdir(dir, { recursive: true });
  const bare = args.includes('--bare');
  const gitDir = bare ? `${dir === '/' ? '' : dir}/` : `${dir === '/' ? '' : dir}/.git/`;
  const existed = await services.fs.exists(`${gitDir}HEAD`);
  const configured = (await readGlobalConfig(services.fs, context.home)).get('init.defaultbranch');
  const named = initial?.startsWith('-b')
    ? initial === '-b'
      ? args[args.indexOf('-b') + 1]
      : initial.slice(2)
    : initial?.slice('--initial-branch='.length);
  const defaultBranch = named ?? configured ?? 'master';
  if (!existed) await git.init({ fs: gitFs(services.fs), dir, defaultBranch, bare });
  const hint = existed || named || configured ? '' : DEFAULT_BRANCH_HINT;
  const quiet = args.includes('-q') || args.includes('--quiet');
  return {
    stdout: quiet ? '' : `${existed ? 'Reinitialized existing' : 'Initialized empty'} Git repository in ${gitDir}\n`,
    stderr: hint,
    exitCode: 0,
  };
}

const DEFAULT_BRANCH_HINT = `hint: Using 'master' as the name for the initial branch. This default branch name
hint: is subject to change. To configure the initial branch name to use in all
hint: of your new repositories, which will suppress this warning, call:
hint: 
hint: 	git config --global init.defaultBranch <name>
hint: 
hint: Names commonly chosen instead of 'master' are 'main', 'trunk' and
hint: 'development'. The just-created branch can be renamed via this command:
hint: 
hint: 	git branch -m <name>
`;

/** `git config [--global] KEY [VALUE]`, `--unset KEY`, `--list`/`-l`. */
async function config(args: string[], context: GitContext, services: ShellServices): Promise<ExecResult> {
  const global = args.includes('--global');
  const unset = args.includes('--unset');
  const list = args.includes('--list') || args.includes('-l');
  const [key, value] = args.filter((a) => !a.startsWith('-'));
  const dir = await findTopLevel(services.fs, context.cwd);
  if (!global && !dir && (value !== undefined || unset)) throw fatal('not in a git directory');
  const local = dir ? { fs: gitFs(services.fs), dir } : undefined;
  const globalValues = await readGlobalConfig(services.fs, context.home);
  if (list) {
    const lines = [...globalValues].map(([k, v]) => `${k}=${v}\n`);
    if (!global && local) {
      const text = await services.fs.readFile(`${dir === '/' ? '' : dir}/.git/config`).catch(() => '');
      let section = '';
      for (const line of text.split('\n')) {
        const header = /^\s*\[([^\]\s]+)(?:\s+"([^"]*)")?\]/.exec(line);
        if (header) section = header[2] === undefined ? header[1]! : `${header[1]}.${header[2]}`;
        const entry = /^\s*([A-Za-z][\w-]*)\s*=\s*(.*)$/.exec(line);
        if (entry) lines.push(`${section}.${entry[1]!.toLowerCase()}=${entry[2]}\n`);
      }
    }
    return { stdout: lines.join(''), stderr: '', exitCode: 0 };
  }
  if (!key) return { stdout: '', stderr: 'usage: git config [<options>]\n', exitCode: 129 };
  if (!/^[A-Za-z][\w-]*(\.[^\s]+)?\.[A-Za-z][\w-]*$/.test(key))
    return { stdout: '', stderr: `error: key does not contain a section: ${key}\n`, exitCode: 1 };
  const normal = `${key.slice(0, key.indexOf('.')).toLowerCase()}${key.slice(key.indexOf('.'), key.lastIndexOf('.'))}.${key.slice(key.lastIndexOf('.') + 1).toLowerCase()}`;
  if (unset || value !== undefined) {
    if (global) await writeGlobalConfig(services.fs, context.home, key, unset ? undefined : value);
    else await git.setConfig({ ...local!, path: normal, value: unset ? undefined : value });
    return { stdout: '', stderr: '', exitCode: 0 };
  }
  const found =
    !global && local
      ? (((await git.getConfig({ ...local, path: normal })) as string | undefined) ?? globalValues.get(normal))
      : globalValues.get(normal);
  return found === undefined
    ? { stdout: '', stderr: '', exitCode: 1 }
    : { stdout: `${found}\n`, stderr: '', exitCode: 0 };
}
