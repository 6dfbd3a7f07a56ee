import git, { type Walker, type WalkerEntry } from 'isomorphic-git';
import { decodeUtf8 } from '../../text.js';
import { lineChanges } from '../diff.js';
import type { Repository } from './repository.js';

/** One side of a changed file: its blob id, git mode and text. */
interface Side {
  oid: string;
  mode: number;
  text: string;
}

/** A file that differs between two trees (a commit's, the index, the work tree). */
export interface FileChange {
  path: string;
  before?: Side;
  after?: Side;
}

type BlobId = Pick<Side, 'oid' | 'mode'>;

/** A file's blob id and mode in one tree, or undefined where that tree has no file at the path. */
export async function blobId(entry: WalkerEntry | null | undefined): Promise<BlobId | undefined> {
  if (!entry || (await entry.type()) !== 'blob') return undefined;
  return { oid: (await entry.oid()) as string, mode: (await entry.mode()) as number };
}

/** A ref name isomorphic-git resolves to nothing: with it, TREE walks the empty tree (before the first commit). */
export const EMPTY_TREE_REF = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

/** The trees a diff compares, as isomorphic-git walkers. */
export const trees = {
  commit: (oid: string): Walker => git.TREE({ ref: oid }),
  index: (): Walker => git.STAGE(),
  workTree: (): Walker => git.WORKDIR(),
};

/**
 * The files that differ from `from` to `to`, by path. With `trackedOnly`, files of `to` absent from `from` are
 * left out (the work tree's untracked files, when it is compared with the index).
 */
export async function changesBetween(
  repo: Repository,
  from: Walker,
  to: Walker,
  trackedOnly = false,
): Promise<FileChange[]> {
  const found = await git.walk({
    ...repo.git,
    trees: [from, to],
    map: async (path, [a, b]) => {
      if (path === '.') return undefined;
      if (path === '.git' || path.startsWith('.git/')) return null;
      const aType = a ? await a.type() : undefined;
      const bType = b ? await b.type() : undefined;
      if (aType === 'tree' || bType === 'tree') {
        // A directory only in the work tree is untracked: nothing under it is compared with the index.
        return trackedOnly && aType !== 'tree' ? null : undefined;
      }
      // Ignore rules name untracked files only, and those are left out here (trackedOnly) or not in `to` at all.
      if (trackedOnly && !a) return null;
      const [aId, bId] = await Promise.all([blobId(a), blobId(b)]);
      if (aId?.oid === bId?.oid && aId?.mode === bId?.mode) return undefined;
      // Only a changed file's contents are read: an unchanged one costs no blob read at all.
      const side = async (entry: WalkerEntry | null | undefined, id: BlobId | undefined): Promise<Side | undefined> => {
        if (!entry || !id) return undefined;
        // The index's entries carry no content: read their blob.
        const content = (await entry.content()) ?? (await git.readBlob({ ...repo.git, oid: id.oid })).blob;
        return { ...id, text: decodeUtf8(content) };
      };
      const [before, after] = await Promise.all([side(a, aId), side(b, bId)]);
      return { path, ...(before ? { before } : {}), ...(after ? { after } : {}) } satisfies FileChange;
    },
  });
  return (found as (FileChange | undefined)[]).filter(
    (change): change is FileChange => change !== undefined && 'path' in change,
  );
}

const modeText = (mode: number) => mode.toString(8).padStart(6, '0');
const short = (oid: string | undefined) => (oid ?? '0'.repeat(40)).slice(0, 7);

/** `git diff`'s patch text for the changes: a header per file, then its hunks. */
export function patchText(changes: readonly FileChange[]): string {
  let out = '';
  for (const { path, before, after } of changes) {
    out += `diff --git a/${path} b/${path}\n`;
    if (!before) out += `new file mode ${modeText(after!.mode)}\nindex ${short(undefined)}..${short(after!.oid)}\n`;
    else if (!after)
      out += `deleted file mode ${modeText(before.mode)}\nindex ${short(before.oid)}..${short(undefined)}\n`;
    else if (before.mode !== after.mode)
      out += `old mode ${modeText(before.mode)}\nnew mode ${modeText(after.mode)}\n${before.oid !== after.oid ? `index ${short(before.oid)}..${short(after.oid)}\n` : ''}`;
    else out += `index ${short(before.oid)}..${short(after.oid)} ${modeText(after.mode)}\n`;
    const { hunks } = lineChanges(before?.text ?? '', after?.text ?? '');
    if (hunks) out += `--- ${before ? `a/${path}` : '/dev/null'}\n+++ ${after ? `b/${path}` : '/dev/null'}\n${hunks}`;
  }
  return out;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * The diffstat git prints after a commit or a merge: with `perFile`, a ` path | 3 ++-` line per file; then the
 * totals; then `create mode` and `delete mode` lines.
 */
export function diffStat(changes: readonly FileChange[], perFile: boolean, modes = true): string {
  const counts = changes.map((change) => lineChanges(change.before?.text ?? '', change.after?.text ?? '', 0));
  const inserted = counts.reduce((sum, c) => sum + c.inserted, 0);
  const deleted = counts.reduce((sum, c) => sum + c.deleted, 0);
  let out = '';
  if (perFile) {
    const nameWidth = Math.max(...changes.map((c) => c.path.length));
    const totals = counts.map((c) => c.inserted + c.deleted);
    const countWidth = String(Math.max(...totals)).length;
    // git scales the +/- bar so that the widest fits in the terminal's 80 columns.
    const room = Math.max(10, 80 - nameWidth - countWidth - 6);
    const scale = Math.max(...totals) > room ? room / Math.max(...totals) : 1;
    changes.forEach((change, i) => {
      const c = counts[i]!;
      const bar = '+'.repeat(Math.round(c.inserted * scale)) + '-'.repeat(Math.round(c.deleted * scale));
      out += ` ${change.path.padEnd(nameWidth)} | ${String(totals[i]).padStart(countWidth)}${bar ? ` ${bar}` : ''}\n`;
    });
  }
  out += ` ${plural(changes.length, 'file changed', 'files changed')}`;
  if (inserted > 0 || deleted === 0) out += `, ${plural(inserted, 'insertion(+)', 'insertions(+)')}`;
  if (deleted > 0) out += `, ${plural(deleted, 'deletion(-)', 'deletions(-)')}`;
  out += '\n';
  for (const change of modes ? changes : []) {
    if (!change.before) out += ` create mode ${modeText(change.after!.mode)} ${change.path}\n`;
    else if (!change.after) out += ` delete mode ${modeText(change.before.mode)} ${change.path}\n`;
  }
  return out;
}
