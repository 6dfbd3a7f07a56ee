import type { Repository } from './repository.js';

/** The commit being merged while a conflict waits to be resolved (`.git/MERGE_HEAD`), or undefined. */
export async function readMergeHead(repo: Repository): Promise<string | undefined> {
  try {
    return (await repo.learnerFs.readFile(`${repo.dir}/.git/MERGE_HEAD`)).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Bytes of an index entry before its path: times, ids, mode, sizes (40), the object id (20), the flags (2). */
const ENTRY_FIXED = 62;

/**
 * The paths a conflicted merge left unresolved: entries of `.git/index` at a stage above 0 (git's "Unmerged
 * paths"), read straight from the index file since isomorphic-git does not list them. `git add` clears them.
 */
export async function unmergedPaths(repo: Repository): Promise<string[]> {
  let index: Uint8Array;
  try {
    index = await repo.learnerFs.readFileBuffer(`${repo.dir}/.git/index`);
  } catch {
    return [];
  }
  const view = new DataView(index.buffer, index.byteOffset, index.byteLength);
  if (index.length < 12 || view.getUint32(0) !== 0x44495243) return [];
  const version = view.getUint32(4);
  if (version !== 2 && version !== 3) return [];
  const count = view.getUint32(8);
  const paths = new Set<string>();
  let at = 12;
  for (let i = 0; i < count && at + ENTRY_FIXED <= index.length; i++) {
    const flags = view.getUint16(at + 60);
    const extended = version === 3 && (flags & 0x4000) !== 0;
    const nameAt = at + ENTRY_FIXED + (extended ? 2 : 0);
    const end = index.indexOf(0, nameAt);
    if (end === -1) break;
    if ((flags >> 12) & 3) paths.add(new TextDecoder().decode(index.subarray(nameAt, end)));
    // Entries are padded with 1 to 8 NULs to a multiple of 8 bytes.
    at += Math.ceil((end + 1 - at) / 8) * 8;
  }
  return [...paths].sort();
}
