import type { PromiseFsClient } from 'isomorphic-git';
import { FsError, type LearnerFs } from '../../filesystem/learner-fs.js';
import { encodeUtf8 } from '../../text.js';

/** Type bits of `st_mode`: isomorphic-git tells a symlink's or an executable's git mode from them. */
const TYPE_BITS = { file: 0o100000, dir: 0o040000, symlink: 0o120000 } as const;

/**
 * The learner's filesystem as the `fs.promises` isomorphic-git wants: git reads and writes the learner's files with
 * the learner's permissions, so a read-only file or directory stops it as it would stop real git.
 */
export function gitFs(fs: LearnerFs): PromiseFsClient {
  const stats = async (path: string, follow: boolean) => {
    const stat = follow ? await fs.stat(path) : await fs.lstat(path);
    const type = stat.isSymbolicLink ? 'symlink' : stat.isDirectory ? 'dir' : 'file';
    const ms = stat.mtime.getTime();
    return {
      isFile: () => stat.isFile,
      isDirectory: () => stat.isDirectory,
      isSymbolicLink: () => stat.isSymbolicLink,
      mode: TYPE_BITS[type] | (stat.mode & 0o7777),
      size: stat.size,
      ino: Number(stat.ino ?? 0),
      dev: 1,
      uid: 1000,
      gid: 1000,
      mtimeMs: ms,
      ctimeMs: ms,
    };
  };
  return {
    promises: {
      async readFile(path: string, options?: { encoding?: string } | string) {
        const encoding = typeof options === 'string' ? options : options?.encoding;
        if (encoding === 'utf8') return fs.readFile(path);
        return fs.readFileBuffer(path);
      },
      async writeFile(path: string, data: Uint8Array | string) {
        await fs.writeFile(path, typeof data === 'string' ? encodeUtf8(data) : data);
      },
      async unlink(path: string) {
        await fs.rm(path);
      },
      async readdir(path: string) {
        const stat = await fs.stat(path);
        if (!stat.isDirectory) throw new FsError('ENOTDIR', 'scandir', path);
        return fs.readdir(path);
      },
      async mkdir(path: string) {
        if (await fs.exists(path)) throw new FsError('EEXIST', 'mkdir', path);
        await fs.mkdir(path);
      },
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
