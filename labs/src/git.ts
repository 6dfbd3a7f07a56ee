import { strFromU8, strToU8, unzlibSync } from 'fflate';
import { base64ToBytes } from './base64.js';
import type { ShellSnapshot } from './snapshot.js';

/**
 * A git repository as it lies in a snapshot's files (`.git/HEAD`, `.git/refs/heads/*`, loose objects under
 * `.git/objects/`, zlib-compressed as git writes them), read for the `git-*` checks. Reads are bounded: a check
 * never inflates more than {@link MAX_OBJECTS_READ} objects, whatever the snapshot holds.
 */
export const MAX_OBJECTS_READ = 2000;

/** The checks on a learner's git repository; `path` is its work tree (the directory holding `.git`). */
export type GitCheck =
  /** The branch (default: the one checked out) has at least `count` commits in its history. */
  | { kind: 'git-commit-count'; path: string; count: number; branch?: string }
  /** The branch's last commit (default: HEAD) has `file` (relative to the work tree), holding `content` exactly or containing `text`. */
  | { kind: 'git-file-committed'; path: string; file: string; content?: string; text?: string; branch?: string }
  /** A branch named `branch` exists; with `current`, it is the one checked out. */
  | { kind: 'git-branch-exists'; path: string; branch: string; current?: boolean }
  /** Nothing to commit: every file of the work tree (but those `.gitignore` names) is as in HEAD's commit, and HEAD has one. */
  | { kind: 'git-clean'; path: string }
  /**
   * The last commit of `into` (default: the checked-out branch) is a merge commit that brought in `branch`: it has
   * two parents, and `branch`'s last commit is its second parent or behind it. A fast-forward is not a merge commit.
   */
  | { kind: 'git-merged'; path: string; branch: string; into?: string }
  /**
   * A tag named `tag` exists and points at the last commit of `branch` (default: HEAD's); with `annotated`, it is a
   * tag object (`git tag -a`), with a message, not a bare ref.
   */
  | { kind: 'git-tag'; path: string; tag: string; branch?: string; annotated?: boolean };

export const GIT_CHECK_FIELDS: Readonly<Record<GitCheck['kind'], readonly string[]>> = {
  'git-commit-count': ['path', 'count', 'branch'],
  'git-file-committed': ['path', 'file', 'content', 'text', 'branch'],
  'git-branch-exists': ['path', 'branch', 'current'],
  'git-clean': ['path'],
  'git-merged': ['path', 'branch', 'into'],
  'git-tag': ['path', 'tag', 'branch', 'annotated'],
};

interface GitObject {
  type: string;
  body: Uint8Array;
}

/** A repository of the snapshot, read through its git directory (`dir/.git`, or a bare `x.git` itself). */
export class Repo {
  private reads = 0;
  constructor(
    private readonly files: ShellSnapshot['files'],
    readonly gitDir: string,
  ) {}

  /** The repository whose work tree is `dir`. */
  static ofWorkTree(files: ShellSnapshot['files'], dir: string): Repo {
    return new Repo(files, `${dir === '/' ? '' : dir}/.git`);
  }

  text(path: string): string | undefined {
    const entry = this.files[`${this.gitDir}/${path}`];
    if (entry?.type !== 'file') return undefined;
    return entry.encoding === 'base64' ? strFromU8(base64ToBytes(entry.content) ?? new Uint8Array()) : entry.content;
  }

  exists(): boolean {
    return this.text('HEAD') !== undefined;
  }

  /** The commit a branch (or HEAD, when none is named) points at. */
  resolve(branch?: string): string | undefined {
    return this.resolveRef(branch ? `refs/heads/${branch}` : 'HEAD');
  }

  /** The object a ref (`HEAD`, `refs/tags/v1`) points at, following symbolic refs. */
  resolveRef(start: string): string | undefined {
    let ref = start;
    for (let hops = 0; hops < 5; hops++) {
      const value = this.text(ref)?.trim() ?? this.packedRef(ref);
      if (value === undefined) return undefined;
      if (!value.startsWith('ref: ')) return /^[0-9a-f]{40}$/.test(value) ? value : undefined;
      ref = value.slice(5);
    }
    return undefined;
  }

  private packedRef(ref: string): string | undefined {
    const line = this.text('packed-refs')
      ?.split('\n')
      .find((l) => l.endsWith(` ${ref}`));
    return line?.slice(0, 40);
  }

  branches(): string[] {
    const prefix = `${this.gitDir}/refs/heads/`;
    const loose = Object.keys(this.files)
      .filter((p) => p.startsWith(prefix) && this.files[p]!.type === 'file')
      .map((p) => p.slice(prefix.length));
    const packed = (this.text('packed-refs') ?? '')
      .split('\n')
      .filter((l) => / refs\/heads\//.test(l))
      .map((l) => l.slice(l.indexOf('refs/heads/') + 11));
    return [...new Set([...loose, ...packed])];
  }

  object(oid: string): GitObject | undefined {
    if (++this.reads > MAX_OBJECTS_READ) throw new Error('the repository is too large to check');
    const entry = this.files[`${this.gitDir}/objects/${oid.slice(0, 2)}/${oid.slice(2)}`];
    if (entry?.type !== 'file') return undefined;
    const bytes = entry.encoding === 'base64' ? base64ToBytes(entry.content) : strToU8(entry.content);
    if (!bytes) return undefined;
    const raw = unzlibSync(bytes);
    const nul = raw.indexOf(0);
    return { type: strFromU8(raw.subarray(0, nul)).split(' ')[0]!, body: raw.subarray(nul + 1) };
  }

  commit(oid: string): { tree: string; parents: string[] } | undefined {
    const object = this.object(oid);
    if (object?.type !== 'commit') return undefined;
    const head = strFromU8(object.body).split('\n\n')[0]!.split('\n');
    return {
      tree: head.find((l) => l.startsWith('tree '))?.slice(5) ?? '',
      parents: head.filter((l) => l.startsWith('parent ')).map((l) => l.slice(7)),
    };
  }

  /** The object an annotated tag points at, when `oid` is a tag object. */
  tagTarget(oid: string): string | undefined {
    const object = this.object(oid);
    if (object?.type !== 'tag') return undefined;
    return /^object ([0-9a-f]{40})$/m.exec(strFromU8(object.body))?.[1];
  }

  /** Whether `ancestor` is `oid` or one of its ancestors (bounded by the reads limit). */
  reaches(oid: string, ancestor: string): boolean {
    const seen = new Set<string>();
    const queue = [oid];
    while (queue.length > 0) {
      const next = queue.pop()!;
      if (next === ancestor) return true;
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(...(this.commit(next)?.parents ?? []));
    }
    return false;
  }

  /** Every file of a tree, by path, with its blob id. */
  treeFiles(oid: string, prefix = '', out = new Map<string, string>()): Map<string, string> {
    const object = this.object(oid);
    if (object?.type !== 'tree') return out;
    const body = object.body;
    let at = 0;
    while (at < body.length) {
      const space = body.indexOf(0x20, at);
      const nul = body.indexOf(0, space);
      const mode = strFromU8(body.subarray(at, space));
      const name = strFromU8(body.subarray(space + 1, nul));
      const id = [...body.subarray(nul + 1, nul + 21)].map((b) => b.toString(16).padStart(2, '0')).join('');
      if (mode === '40000') this.treeFiles(id, `${prefix}${name}/`, out);
      else out.set(`${prefix}${name}`, id);
      at = nul + 21;
    }
    return out;
  }

  blobText(oid: string): string | undefined {
    const object = this.object(oid);
    return object?.type === 'blob' ? strFromU8(object.body) : undefined;
  }
}

/** A `.gitignore` line as a test on a path relative to the work tree (the common forms: `*.log`, `build/`, `/tmp`). */
function ignoreRules(text: string): ((path: string) => boolean)[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('!'))
    .map((line) => {
      const dirOnly = line.endsWith('/');
      const body = line.replace(/\/$/, '');
      const anchored = body.includes('/');
      const source = body
        .replace(/^\//, '')
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '[^/]');
      const regex = new RegExp(anchored ? `^${source}(/|$)` : `(^|/)${source}${dirOnly ? '/' : '(/|$)'}`);
      return (path: string) => regex.test(path);
    });
}

/**
 * What is wrong with `file` in commit `oid` compared with what a step wants (exactly `content`, or containing
 * `text`): `absent`, `content`, `text`, or undefined when it is as wanted.
 */
export function fileProblem(
  repo: Repo,
  oid: string,
  want: { file: string; content?: string; text?: string },
): 'absent' | 'content' | 'text' | undefined {
  const tree = repo.commit(oid)?.tree;
  const blob = tree ? repo.treeFiles(tree).get(want.file) : undefined;
  if (!blob) return 'absent';
  const text = repo.blobText(blob) ?? '';
  if (want.content !== undefined && text !== want.content) return 'content';
  if (want.text !== undefined && !text.includes(want.text)) return 'text';
  return undefined;
}

export interface GitFinding {
  holds: boolean;
  saw: string;
}

/** Whether a git check holds on the snapshot, described in the learner's words. */
export function gitFinding(check: GitCheck, files: ShellSnapshot['files'], dir: string, shown: string): GitFinding {
  const repo = Repo.ofWorkTree(files, dir);
  if (!repo.exists()) return { holds: false, saw: `${shown} is not a git repository` };
  const branch = 'branch' in check ? check.branch : undefined;
  if (check.kind === 'git-branch-exists') {
    const exists = repo.branches().includes(check.branch);
    if (!exists || !check.current)
      return { holds: exists, saw: exists ? `branch ${check.branch} exists` : `there is no branch ${check.branch}` };
    const head = repo.text('HEAD')?.trim() ?? '';
    const holds = head === `ref: refs/heads/${check.branch}`;
    return { holds, saw: holds ? `you are on branch ${check.branch}` : `you are not on branch ${check.branch}` };
  }
  if (check.kind === 'git-tag') return tagFinding(repo, check);
  if (check.kind === 'git-merged') return mergedFinding(repo, check);
  const tip = repo.resolve(branch);
  const named = branch ? `branch ${branch}` : 'the current branch';
  if (!tip)
    return {
      holds: false,
      saw: branch && !repo.branches().includes(branch) ? `there is no branch ${branch}` : `${named} has no commits yet`,
    };
  switch (check.kind) {
    case 'git-commit-count': {
      const seen = new Set<string>();
      const queue = [tip];
      while (queue.length > 0 && seen.size < check.count) {
        const oid = queue.pop()!;
        const commit = seen.has(oid) ? undefined : repo.commit(oid);
        if (!commit) continue;
        seen.add(oid);
        queue.push(...commit.parents);
      }
      const holds = seen.size >= check.count;
      return {
        holds,
        saw: holds
          ? `${named} has at least ${check.count} commits`
          : `${named} has ${seen.size} commit${seen.size === 1 ? '' : 's'}`,
      };
    }
    case 'git-file-committed': {
      const problem = fileProblem(repo, tip, check);
      if (problem === 'absent') return { holds: false, saw: `${check.file} is not in the last commit of ${named}` };
      if (problem === 'content')
        return { holds: false, saw: `${check.file} is committed, but not with the content the step wants` };
      if (problem === 'text')
        return { holds: false, saw: `${check.file} is committed, but does not contain "${check.text}"` };
      return { holds: true, saw: `${check.file} is committed as the step wants` };
    }
    case 'git-clean': {
      const tree = repo.commit(tip)?.tree;
      const committed = tree ? repo.treeFiles(tree) : new Map<string, string>();
      const prefix = `${dir === '/' ? '' : dir}/`;
      const ignoreEntry = files[`${prefix}.gitignore`];
      const rules = ignoreRules(
        ignoreEntry?.type === 'file' && ignoreEntry.encoding !== 'base64' ? ignoreEntry.content : '',
      );
      for (const [path, entry] of Object.entries(files)) {
        if (!path.startsWith(prefix) || entry.type === 'dir') continue;
        const rel = path.slice(prefix.length);
        if (rel === '.git' || rel.startsWith('.git/') || rules.some((rule) => rule(rel))) continue;
        const blob = committed.get(rel);
        if (!blob) return { holds: false, saw: `${rel} is not committed (git status lists it)` };
        if (entry.type === 'file') {
          const content =
            entry.encoding === 'base64' ? strFromU8(base64ToBytes(entry.content) ?? new Uint8Array()) : entry.content;
          if (repo.blobText(blob) !== content)
            return { holds: false, saw: `${rel} has changes that are not committed` };
        }
      }
      for (const rel of committed.keys()) {
        if (files[`${prefix}${rel}`] === undefined)
          return { holds: false, saw: `${rel} was deleted but the deletion is not committed` };
      }
      return { holds: true, saw: 'nothing to commit, working tree clean' };
    }
  }
}

function tagFinding(repo: Repo, check: Extract<GitCheck, { kind: 'git-tag' }>): GitFinding {
  const oid = repo.resolveRef(`refs/tags/${check.tag}`);
  if (!oid) return { holds: false, saw: `there is no tag ${check.tag}` };
  const target = repo.tagTarget(oid);
  if (check.annotated && !target)
    return { holds: false, saw: `tag ${check.tag} is a bare name, not an annotated tag (git tag -a)` };
  const tip = repo.resolve(check.branch);
  const where = check.branch ? `the last commit of branch ${check.branch}` : 'the last commit';
  const holds = tip !== undefined && (target ?? oid) === tip;
  return { holds, saw: holds ? `tag ${check.tag} marks ${where}` : `tag ${check.tag} does not mark ${where}` };
}

function mergedFinding(repo: Repo, check: Extract<GitCheck, { kind: 'git-merged' }>): GitFinding {
  const theirs = repo.resolve(check.branch);
  if (!theirs) return { holds: false, saw: `there is no branch ${check.branch}` };
  const tip = repo.resolve(check.into);
  const named = check.into ? `branch ${check.into}` : 'the current branch';
  const commit = tip ? repo.commit(tip) : undefined;
  if (!commit) return { holds: false, saw: `${named} has no commits yet` };
  if (commit.parents.length < 2) return { holds: false, saw: `the last commit of ${named} is not a merge commit` };
  const holds = commit.parents.slice(1).some((parent) => repo.reaches(parent, theirs));
  return {
    holds,
    saw: holds
      ? `${named} ends with the merge of ${check.branch}`
      : `the last merge on ${named} did not bring in ${check.branch}`,
  };
}
