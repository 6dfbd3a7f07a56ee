import git, { type PromiseFsClient } from 'isomorphic-git';
import { decodeUtf8 } from '../../text.js';

/** One repository's object store: the filesystem and its git directory (`x/.git`, or a bare `x.git`). */
export interface ObjectStore {
  fs: PromiseFsClient;
  gitdir: string;
}

async function has(store: ObjectStore, oid: string): Promise<boolean> {
  try {
    await git.readObject({ fs: store.fs, gitdir: store.gitdir, oid, format: 'deflated' });
    return true;
  } catch {
    return false;
  }
}

/** The ids a commit, tree or tag object points at: what must travel with it. */
function linked(type: string, body: Uint8Array): string[] {
  if (type === 'commit' || type === 'tag') {
    const header = decodeUtf8(body).split('\n\n')[0]!;
    return [...header.matchAll(/^(?:tree|parent|object) ([0-9a-f]{40})$/gm)].map((m) => m[1]!);
  }
  if (type !== 'tree') return [];
  const ids: string[] = [];
  let at = 0;
  while (at < body.length) {
    const nul = body.indexOf(0, at);
    // A gitlink (mode 160000, a submodule's commit) names an object of another repository.
    const gitlink = decodeUtf8(body.subarray(at, at + 6)) === '160000';
    if (!gitlink) ids.push([...body.subarray(nul + 1, nul + 21)].map((b) => b.toString(16).padStart(2, '0')).join(''));
    at = nul + 21;
  }
  return ids;
}

/**
 * Copies into `to` every object reachable from `tips` that it lacks, as a push or a fetch between two repositories
 * of one machine does (isomorphic-git has no transport for a local path). An object `to` already has is taken to
 * come with its whole history, as git assumes. Returns how many objects were copied.
 */
export async function copyObjects(from: ObjectStore, to: ObjectStore, tips: readonly string[]): Promise<number> {
  const seen = new Set<string>();
  const pending = [...tips];
  let copied = 0;
  while (pending.length > 0) {
    const oid = pending.pop()!;
    if (seen.has(oid)) continue;
    seen.add(oid);
    if (await has(to, oid)) continue;
    const { type, object } = (await git.readObject({ fs: from.fs, gitdir: from.gitdir, oid, format: 'content' })) as {
      type: 'blob' | 'tree' | 'commit' | 'tag';
      object: Uint8Array;
    };
    await git.writeObject({ fs: to.fs, gitdir: to.gitdir, type, object, format: 'content' });
    copied++;
    pending.push(...linked(type, object));
  }
  return copied;
}

/** The commits reachable from `oid` (itself included), at most `limit` of them. */
export async function ancestors(store: ObjectStore, oid: string, limit = 10_000): Promise<Set<string>> {
  const found = new Set<string>();
  const pending = [oid];
  while (pending.length > 0 && found.size < limit) {
    const next = pending.pop()!;
    if (found.has(next)) continue;
    try {
      const { commit } = await git.readCommit({ fs: store.fs, gitdir: store.gitdir, oid: next });
      found.add(next);
      pending.push(...commit.parent);
    } catch {
      // A commit this repository does not have (yet): its history is not counted.
    }
  }
  return found;
}

/** How many commits `ours` has that `theirs` lacks (ahead), and the other way round (behind). */
export async function aheadBehind(
  store: ObjectStore,
  ours: string,
  theirs: string,
): Promise<{ ahead: number; behind: number }> {
  if (ours === theirs) return { ahead: 0, behind: 0 };
  const [a, b] = await Promise.all([ancestors(store, ours), ancestors(store, theirs)]);
  let ahead = 0;
  let behind = 0;
  for (const oid of a) if (!b.has(oid)) ahead++;
  for (const oid of b) if (!a.has(oid)) behind++;
  return { ahead, behind };
}
