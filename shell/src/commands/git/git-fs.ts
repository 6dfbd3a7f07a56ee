import type { PromiseFsClient } from 'isomorphic-git';
import type { LearnerFs } from '../../filesystem/learner-fs.js';
import { encodeUtf8 } from '../../text.js';

/** Type bits of `st_mode`: isomorphic-git tells a symlink's or an executable's git mode from them. */
const TYPE_BITS = { file: 0o100000, dir: 0o040000, symlink: 0o120000 } as const;

/**
 * A number per version of a file's contents, which git is shown as the file's inode number. The learner's filesystem
 * gives a file a new data array on every write, so a file written since git recorded it in the index never looks
 * unchanged to git's stat check (which compares `ino`), even when it was rewritten with the same size within the
 * millisecond git looked at it: the "racily clean" case real git re-hashes for and isomorphic-git does not. The
 * same holds for `.git/index` itself, which isomorphic-git's cache re-reads only when its stat changes.
 */
const versions = new WeakMap<Uint8Array, number>();
let lastVersion = 0;

function contentVersion(data: Uint8Array): number {
  let version = versions.get(data);
  if (version === undefined) versions.set(data, (version = ++lastVersion));
  return version;
}

/**
 * The learner's filesystem as the `fs.promises` isomorphic-git wants: git reads and writes the learner's files with
 * the learner's permissions, so a read-only file or directory stops it as it would stop real git.
 */
export function gitFs(fs: LearnerFs): PromiseFsClient {
  const stats = async (path: string, follow: boolean) => {
    const node = fs.entryAt(path, follow);
    const stat = fs.statOf(node);
    const ms = stat.mtime.getTime();
    return {
      isFile: () => stat.isFile,
      isDirectory: () => stat.isDirectory,
      isSymbolicLink: () => stat.isSymbolicLink,
      mode: TYPE_BITS[node.type] | (stat.mode & 0o7777),
      size: stat.size,
      ino: node.type === 'file' ? contentVersion(node.inode.data) : Number(stat.ino ?? 0),
      dev: 1,
      uid: 1000,
      gid: 1000,
      mtimeMs: ms,
      ctimeMs: ms,
    };
  };
  return {
    promises: {
      async readFile(path: string | undefined, options?: { encoding?: string } | string) {
        // Every isomorphic-git call first calls readFile() with no path, twice, only to see that it returns a
        // promise: answer at once rather than fail on a missing path (an exception, with its stack, each time).
        if (path === undefined) return undefined;
        const encoding = typeof options === 'string' ? options : options?.encoding;
        if (encoding === 'utf8') return fs.readFile(path);
        return fs.readFileBuffer(path);
      },
      async writeFile(path: string, data: Uint8Array | string, options?: { mode?: number } | string) {
        await fs.writeFile(path, typeof data === 'string' ? encodeUtf8(data) : data);
        // isomorphic-git gives a mode only when it creates a file (an executable it checks out): as open(2) does,
        // the mode goes through the umask.
        if (typeof options === 'object' && options.mode !== undefined) await fs.chmod(path, options.mode & ~fs.umask);
      },
      async unlink(path: string) {
        await fs.rm(path);
      },
      // The learner's readdir and mkdir fail as Node's do (ENOTDIR, EEXIST), which isomorphic-git relies on.
      readdir: (path: string) => fs.readdir(path),
      mkdir: (path: string) => fs.mkdir(path),
      async rmdir(path: string) {
        await fs.rm(path);
      },
      stat: (path: string) => stats(path, true),
      lstat: (path: string) => stats(path, false),
      readlink: (path: string) => fs.readlink(path),
      symlink: (target: string, path: string) => fs.symlink(target, path),
      chmod: (path: string, mode: number) => fs.chmod(path, mode & 0o777),
    },
  };
}
