import type { CpOptions, FileContent, FsStat, IFileSystem, MkdirOptions, RmOptions } from 'just-bash';
import { normalizePath, parentOf } from '@lta/labs';
import { bytesToLatin1, decodeUtf8, encodeUtf8, latin1ToBytes } from '../text.js';

// just-bash's entry point does not export these option types; take them from the interface.
type DirentEntry = Awaited<ReturnType<NonNullable<IFileSystem['readdirWithFileTypes']>>>[number];
type ReadOptions = Parameters<IFileSystem['readFile']>[1];
type WriteOptions = Parameters<IFileSystem['writeFile']>[2];

/** A file's data, shared by every hard link to it. */
interface Inode {
  id: number;
  /** Replaced, never changed in place, and only through `LearnerFs.setData`, which forgets `text`. */
  readonly data: Uint8Array;
  /** `data` decoded, once some command has read it as text. */
  text: string | undefined;
  mode: number;
  mtime: Date;
  links: number;
  uid: number;
  gid: number;
}

/** Who owns an entry: user and group ids, as the kernel keeps them (names come from /etc/passwd and /etc/group). */
export interface Ownership {
  uid: number;
  gid: number;
}

type Node =
  | { type: 'file'; inode: Inode }
  | ({ type: 'dir'; mode: number; mtime: Date; id: number } & Ownership)
  | ({ type: 'symlink'; target: string; mtime: Date; id: number } & Ownership);

/** An entry as the filesystem stores it (for walks and `ls -l` columns). */
export type FsNode = Node;

/** One entry of a directory listing, looked up once: its name, resolved path and node. */
export interface ListedEntry {
  readonly name: string;
  readonly path: string;
  readonly node: Node;
}

/** The user a command runs as: its user id, primary group and every group it belongs to. */
export interface Credentials {
  uid: number;
  gid: number;
  groups: readonly number[];
}

/** The superuser: no permission check applies to it. */
export const ROOT: Credentials = { uid: 0, gid: 0, groups: [0] };
const SETUID = 0o4000;
const SETGID = 0o2000;
const STICKY = 0o1000;

const READ = 4;
const WRITE = 2;
const SEARCH = 1;
const MAX_SYMLINK_HOPS = 40;
const DEV_NULL = '/dev/null';

/** A filesystem error shaped like Node's, which just-bash's commands recognise by its code in the message. */
export class FsError extends Error {
  constructor(
    readonly code: 'ENOENT' | 'EACCES' | 'EEXIST' | 'ENOTDIR' | 'EISDIR' | 'ENOTEMPTY' | 'EPERM' | 'EINVAL' | 'ELOOP',
    syscall: string,
    path: string,
  ) {
    // just-bash's commands print the message after their own prefix (`rm: cannot remove 'f': ...`) and recognise
    // the other codes in it; a refused access or operation reads as Linux says it.
    super(
      code === 'EACCES'
        ? 'Permission denied'
        : code === 'EPERM'
          ? 'Operation not permitted'
          : `${code}: ${FS_ERROR_TEXT[code]}, ${syscall} '${path}'`,
    );
  }
}

/** What Linux prints for a failed file operation, e.g. `Permission denied`. */
export function errorText(error: unknown): string {
  if (!(error instanceof FsError)) return 'No such file or directory';
  const text = FS_ERROR_TEXT[error.code];
  return error.code === 'EACCES'
    ? 'Permission denied'
    : error.code === 'EISDIR'
      ? 'Is a directory'
      : text[0]!.toUpperCase() + text.slice(1);
}

const FS_ERROR_TEXT: Record<FsError['code'], string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EEXIST: 'file already exists',
  ENOTDIR: 'not a directory',
  EISDIR: 'illegal operation on a directory',
  ENOTEMPTY: 'directory not empty',
  EPERM: 'operation not permitted',
  EINVAL: 'invalid argument',
  ELOOP: 'too many symbolic links encountered',
};

function childPath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

/**
 * The learner's filesystem: in memory, with real hard links (shared inodes), owners and groups by id, and
 * read/write/search permission, setgid directories and sticky directories enforced for the user commands run as
 * (`user`: the learner, or root under `sudo`) the way Linux does. Setup code (the system layout, just-bash's command
 * stubs) writes through the `*Sync` methods, which act as root.
 */
export class LearnerFs implements IFileSystem {
  private readonly nodes = new Map<string, Node>();
  /**
   * Each directory's entries by name, so listing a directory does not scan the whole tree and a walk reaches each
   * child's node without hashing its full path.
   */
  private readonly children = new Map<string, Map<string, Node>>();
  /**
   * Each directory's sorted listing, kept until an entry is added to or removed from it: whole-tree walks (`grep -r`,
   * `find`) would otherwise sort every directory and build an entry per child on every run.
   */
  private readonly listings = new Map<string, readonly ListedEntry[]>();
  private nextId = 1;
  /** File-creation mask, as `umask` sets it. */
  umask = 0o022;

  /** The user commands run as now: the learner, or root under `sudo` and in a root shell. */
  user: Credentials;

  constructor(
    readonly home: string,
    user: Credentials,
  ) {
    this.user = user;
    this.nodes.set('/', { type: 'dir', mode: 0o755, mtime: new Date(), id: this.nextId++, uid: 0, gid: 0 });
    this.children.set('/', new Map());
  }

  /** Runs `action` as `user` (`sudo`), then returns to the user before, even when it fails. */
  async as<T>(user: Credentials, action: () => Promise<T>): Promise<T> {
    const before = this.user;
    this.user = user;
    try {
      return await action();
    } finally {
      this.user = before;
    }
  }

  // ---- setup (root, unless an owner is given) ----

  mkdirSync(path: string, options?: MkdirOptions, mode = 0o755, owner: Ownership = ROOT): void {
    const p = normalizePath(path);
    if (this.nodes.has(p)) return;
    if (options?.recursive !== false) this.mkdirSync(parentOf(p), { recursive: true });
    this.put(p, { type: 'dir', mode, mtime: new Date(), id: this.nextId++, uid: owner.uid, gid: owner.gid });
  }

  writeFileSync(
    path: string,
    content: FileContent,
    _options?: unknown,
    metadata?: { mode?: number; mtime?: Date; owner?: Ownership },
  ): void {
    const p = normalizePath(path);
    this.mkdirSync(parentOf(p), { recursive: true });
    const isProgram = p.startsWith('/bin/') || p.startsWith('/usr/bin/');
    const mode = metadata?.mode ?? (isProgram ? 0o755 : p.startsWith('/dev/') ? 0o666 : 0o644);
    this.put(p, {
      type: 'file',
      inode: this.newInode(toBytes(content), mode, metadata?.owner ?? ROOT, metadata?.mtime),
    });
  }

  symlinkSync(target: string, linkPath: string, owner: Ownership = ROOT): void {
    const p = normalizePath(linkPath);
    this.mkdirSync(parentOf(p), { recursive: true });
    this.put(p, { type: 'symlink', target, mtime: new Date(), id: this.nextId++, uid: owner.uid, gid: owner.gid });
  }

  chmodSync(path: string, mode: number): void {
    const node = this.nodes.get(normalizePath(path));
    if (node?.type === 'file') node.inode.mode = mode;
    else if (node?.type === 'dir') node.mode = mode;
  }

  /** Gives an entry (not followed if a symlink) to another owner, with no permission check. */
  chownSync(path: string, owner: Ownership): void {
    const node = this.nodes.get(normalizePath(path));
    if (!node) return;
    const held = node.type === 'file' ? node.inode : node;
    held.uid = owner.uid;
    held.gid = owner.gid;
  }

  /** Removes the entry at `path` and all below it, as root (a package manager removing its files). */
  removeSync(path: string): void {
    const p = normalizePath(path);
    if (!this.nodes.has(p)) return;
    for (const name of this.childrenOf(p)) this.removeSync(childPath(p, name));
    this.unlinkNode(p);
  }

  /** Every entry, unresolved, for snapshots and listings: path, node, and the file's link count. */
  entries(): IterableIterator<[string, Node]> {
    return this.nodes.entries();
  }

  /**
   * Text of a file found by walking the tree (`grep -r`), whose directories were already checked: skips the path
   * walk that `readFile` does for every file. Undefined when the learner may not read it.
   */
  readWalkedFile(path: string, known?: Node): string | undefined {
    const node = known ?? this.nodes.get(path);
    return node?.type === 'file' && this.can(node, READ) ? textOf(node.inode) : undefined;
  }

  /**
   * Entries directly inside the resolved directory `dir`, sorted by name, with their nodes (no permission check):
   * walks (`grep -r`, `find`) get each entry in one map lookup instead of normalising its path again. The array is
   * shared until the directory changes (then replaced, never edited), so a walk may hold it while actions run.
   */
  listing(dir: string): readonly ListedEntry[] {
    const cached = this.listings.get(dir);
    if (cached) return cached;
    const entries = this.children.get(dir);
    if (!entries) return [];
    const prefix = dir === '/' ? '/' : `${dir}/`;
    const listed = [...entries.keys()].sort().map((name) => ({ name, path: prefix + name, node: entries.get(name)! }));
    this.listings.set(dir, listed);
    return listed;
  }

  /** The raw node at a path without permission checks or symlink resolution (for `ls -l` columns). */
  nodeAt(path: string): Node | undefined {
    return this.nodes.get(normalizePath(path));
  }

  private put(path: string, node: Node): void {
    const parent = parentOf(path);
    this.children.get(parent)?.set(path.slice(path.lastIndexOf('/') + 1), node);
    this.listings.delete(parent);
    this.listings.delete(path);
    if (node.type === 'dir' && !this.children.has(path)) this.children.set(path, new Map());
    this.nodes.set(path, node);
  }

  private drop(path: string): void {
    const parent = parentOf(path);
    this.nodes.delete(path);
    this.children.delete(path);
    this.children.get(parent)?.delete(path.slice(path.lastIndexOf('/') + 1));
    this.listings.delete(parent);
    this.listings.delete(path);
  }

  // ---- permission and path resolution ----

  private newInode(data: Uint8Array, mode: number, owner: Ownership, mtime = new Date()): Inode {
    return { id: this.nextId++, data, text: undefined, mode, mtime, links: 1, uid: owner.uid, gid: owner.gid };
  }

  /** Owner and group of an entry. */
  ownershipOf(node: Node): Ownership {
    return node.type === 'file' ? node.inode : node;
  }

  /**
   * Owner and group of an entry the current user creates in the directory `dir`: the user's, but the directory's
   * group when it is setgid (so a shared directory's files stay the team's).
   */
  private newOwnership(dir: string): Ownership {
    const parent = this.nodes.get(dir);
    const gid = parent?.type === 'dir' && parent.mode & SETGID ? parent.gid : this.user.gid;
    return { uid: this.user.uid, gid };
  }

  private modeOf(node: Node): number {
    if (node.type === 'file') return node.inode.mode;
    if (node.type === 'dir') return node.mode;
    return 0o777;
  }

  /**
   * True when the current user has `bit` (4 read, 2 write, 1 search/execute) on `node`: the owner's bits for its
   * owner, the group's for a member of its group, the others' bits otherwise; root may read and write anything, and
   * search any directory or run a file any one may run.
   */
  can(node: Node, bit: number): boolean {
    const mode = this.modeOf(node);
    const user = this.user;
    if (user.uid === 0) return bit !== SEARCH || node.type !== 'file' || (mode & 0o111) !== 0;
    const { uid, gid } = this.ownershipOf(node);
    const bits = uid === user.uid ? mode >> 6 : user.groups.includes(gid) ? mode >> 3 : mode;
    return (bits & bit) !== 0;
  }

  /** True when the current user owns `node` or is root: who may change its mode, times and (in a group) its group. */
  owns(node: Node): boolean {
    return this.user.uid === 0 || this.ownershipOf(node).uid === this.user.uid;
  }

  /** True when the current user may write the existing entry at the resolved `path`. */
  mayWrite(path: string): boolean {
    const node = this.nodes.get(path);
    return node !== undefined && (node.type !== 'file' || this.can(node, WRITE));
  }

  /** True when the current user may create entries in the resolved directory `path`. */
  mayCreateIn(path: string): boolean {
    const node = this.nodes.get(path);
    return node?.type === 'dir' && this.can(node, WRITE) && this.can(node, SEARCH);
  }

  /**
   * Walks `path` component by component as the kernel does: search permission on every directory crossed,
   * symlinks followed in the middle and (when `followLast`) at the end. Returns the resolved path and its node,
   * or no node when only the last component is missing.
   */
  private resolve(path: string, followLast: boolean, syscall: string): { path: string; node?: Node } {
    const original = path;
    let pending = normalizePath(path).split('/').filter(Boolean);
    let current = '/';
    let hops = 0;
    while (pending.length > 0) {
      const dir = this.nodes.get(current);
      if (!dir) throw new FsError('ENOENT', syscall, original);
      if (dir.type !== 'dir') throw new FsError('ENOTDIR', syscall, original);
      if (!this.can(dir, SEARCH)) throw new FsError('EACCES', syscall, original);
      const name = pending.shift()!;
      if (name === '..') {
        current = parentOf(current);
        continue;
      }
      const next = childPath(current, name);
      const node = this.nodes.get(next);
      if (node?.type === 'symlink' && (pending.length > 0 || followLast)) {
        if (++hops > MAX_SYMLINK_HOPS) throw new FsError('ELOOP', syscall, original);
        const target = node.target.startsWith('/') ? node.target : `${current}/${node.target}`;
        pending = [...target.split('/').filter((p) => p && p !== '.'), ...pending];
        current = '/';
        continue;
      }
      if (!node) {
        if (pending.length > 0) throw new FsError('ENOENT', syscall, original);
        return { path: next };
      }
      current = next;
    }
    return { path: current, node: this.nodes.get(current) };
  }

  private existing(path: string, followLast: boolean, syscall: string): { path: string; node: Node } {
    const found = this.resolve(path, followLast, syscall);
    if (!found.node) throw new FsError('ENOENT', syscall, path);
    return { path: found.path, node: found.node };
  }

  /** The directory that will hold a new or removed entry, checked for write and search permission. */
  private writableParent(path: string, syscall: string): string {
    const { path: dirPath, node } = this.existing(parentOf(normalizePath(path)), true, syscall);
    if (node.type !== 'dir') throw new FsError('ENOTDIR', syscall, path);
    if (!this.can(node, WRITE) || !this.can(node, SEARCH)) {
      throw new FsError('EACCES', syscall, path);
    }
    return dirPath;
  }

  /**
   * The directory an existing entry is removed or renamed from: writable, and when sticky (`/tmp`) only the entry's
   * owner, the directory's owner or root may take the entry out of it.
   */
  private removableFrom(path: string, node: Node, syscall: string): void {
    const dirPath = this.writableParent(path, syscall);
    const dir = this.nodes.get(dirPath)!;
    if (dir.type === 'dir' && dir.mode & STICKY && !this.owns(node) && !this.owns(dir))
      throw new FsError('EPERM', syscall, path);
  }

  private readableFile(path: string, syscall: string): Inode {
    const { node } = this.existing(path, true, syscall);
    if (node.type === 'dir') throw new FsError('EISDIR', syscall, path);
    if (node.type !== 'file') throw new FsError('ENOENT', syscall, path);
    if (!this.can(node, READ)) throw new FsError('EACCES', syscall, path);
    return node.inode;
  }

  // ---- IFileSystem ----

  async readFile(path: string, _options?: ReadOptions): Promise<string> {
    return textOf(this.readableFile(path, 'open'));
  }

  async readFileBuffer(path: string): Promise<Uint8Array> {
    return this.readableFile(path, 'open').data.slice();
  }

  async readFileBytes(path: string): Promise<never> {
    // just-bash's ByteString is a latin1 string at run time; its type is opaque on purpose.
    return bytesToLatin1(this.readableFile(path, 'open').data) as never;
  }

  /** Told of each text the learner's commands write into a file (not a device), with the file's absolute path. */
  onWrite?: (path: string, content: string) => void;

  async writeFile(path: string, content: FileContent, options?: WriteOptions): Promise<void> {
    this.write(path, content, options, false);
  }

  async appendFile(path: string, content: FileContent, options?: WriteOptions): Promise<void> {
    this.write(path, content, options, true);
  }

  /** Content is turned into bytes only once it is known to be kept (not for the null device). */
  private write(path: string, content: FileContent, options: WriteOptions, append: boolean): void {
    const found = this.resolve(path, true, 'open');
    if (found.node) {
      if (found.node.type === 'dir') throw new FsError('EISDIR', 'open', path);
      if (found.node.type !== 'file') throw new FsError('ENOENT', 'open', path);
      if (!this.can(found.node, WRITE)) throw new FsError('EACCES', 'open', path);
      // The null device swallows writes: kept, `> /dev/null` output would show in `cat /dev/null` and be re-read
      // by every later `< /dev/null`.
      if (found.path === DEV_NULL) return;
      const inode = found.node.inode;
      const data = toBytes(content, options);
      setData(inode, append ? concat(inode.data, data) : data);
      inode.mtime = new Date();
    } else {
      const dir = this.writableParent(found.path, 'open');
      this.put(found.path, {
        type: 'file',
        inode: this.newInode(toBytes(content, options), 0o666 & ~this.umask, this.newOwnership(dir)),
      });
    }
    if (this.onWrite && typeof content === 'string' && !found.path.startsWith('/dev/'))
      this.onWrite(found.path, content);
  }

  async exists(path: string): Promise<boolean> {
    try {
      return this.resolve(path, true, 'access').node !== undefined;
    } catch {
      return false;
    }
  }

  /**
   * The entry at `path` (the link itself unless `follow`), found and checked as `stat` and `lstat` do: for a caller
   * that needs more of it than `FsStat` holds (git tells a file's versions apart by its data).
   */
  entryAt(path: string, follow: boolean): Node {
    return this.existing(path, follow, follow ? 'stat' : 'lstat').node;
  }

  async stat(path: string): Promise<FsStat> {
    return this.statOf(this.existing(path, true, 'stat').node);
  }

  async lstat(path: string): Promise<FsStat> {
    return this.statOf(this.existing(path, false, 'lstat').node);
  }

  /** An entry's `stat`. One object literal, not shared fields spread into one (spreading costs more than the lookup). */
  statOf(node: Node): FsStat {
    const isFile = node.type === 'file';
    return {
      isFile,
      isDirectory: node.type === 'dir',
      isSymbolicLink: node.type === 'symlink',
      mode: this.modeOf(node),
      size: isFile ? node.inode.data.length : node.type === 'symlink' ? node.target.length : 4096,
      mtime: isFile ? node.inode.mtime : node.mtime,
      ino: isFile ? node.inode.id : node.id,
      // One device: with `ino` it tells cp and mv whether source and destination are the same file.
      dev: 1,
    };
  }

  /** Owner and group of the entry at `path` (the link itself when `follow` is false), as `stat` reports them. */
  async ownership(path: string, follow = true): Promise<Ownership> {
    const { node } = this.existing(path, follow, follow ? 'stat' : 'lstat');
    const { uid, gid } = this.ownershipOf(node);
    return { uid, gid };
  }

  /** Link count and size as `ls -l` shows them. */
  linkCount(path: string, node: Node): number {
    if (node.type === 'file') return node.inode.links;
    if (node.type === 'symlink') return 1;
    let subdirs = 0;
    for (const child of this.children.get(path)?.values() ?? []) if (child.type === 'dir') subdirs++;
    return 2 + subdirs;
  }

  async mkdir(path: string, options?: MkdirOptions): Promise<void> {
    const parent = parentOf(normalizePath(path));
    if (options?.recursive && parent !== '/' && !(await this.exists(parent))) await this.mkdir(parent, options);
    const found = this.resolve(path, true, 'mkdir');
    if (found.node) {
      if (options?.recursive && found.node.type === 'dir') return;
      throw new FsError('EEXIST', 'mkdir', path);
    }
    const dir = this.writableParent(found.path, 'mkdir');
    const holder = this.nodes.get(dir)!;
    // A setgid directory passes its group and its setgid bit on to new directories.
    const inherited = holder.type === 'dir' ? holder.mode & SETGID : 0;
    this.put(found.path, {
      type: 'dir',
      mode: (0o777 & ~this.umask) | inherited,
      mtime: new Date(),
      id: this.nextId++,
      ...this.newOwnership(dir),
    });
  }

  private listable(path: string): string {
    const { path: real, node } = this.existing(path, true, 'scandir');
    if (node.type !== 'dir') throw new FsError('ENOTDIR', 'scandir', path);
    if (!this.can(node, READ)) throw new FsError('EACCES', 'scandir', path);
    return real;
  }

  /** Names directly inside a resolved directory, sorted (no permission check). */
  childrenOf(dir: string): string[] {
    return this.listing(dir).map((entry) => entry.name);
  }

  async readdir(path: string): Promise<string[]> {
    return this.childrenOf(this.listable(path));
  }

  async readdirWithFileTypes(path: string): Promise<DirentEntry[]> {
    const dir = this.listable(path);
    return this.listing(dir).map(({ name, node }) => ({
      name,
      isFile: node.type === 'file',
      isDirectory: node.type === 'dir',
      isSymbolicLink: node.type === 'symlink',
    }));
  }

  async rm(path: string, options?: RmOptions): Promise<void> {
    let found: { path: string; node?: Node };
    try {
      found = this.resolve(path, false, 'rm');
    } catch (error) {
      if (options?.force && error instanceof FsError && error.code === 'ENOENT') return;
      throw error;
    }
    if (!found.node) {
      if (options?.force) return;
      throw new FsError('ENOENT', 'rm', path);
    }
    this.removableFrom(found.path, found.node, 'rm');
    if (found.node.type === 'dir') {
      const children = this.childrenOf(found.path);
      if (children.length > 0) {
        if (!options?.recursive) throw new FsError('ENOTEMPTY', 'rm', path);
        if (!this.can(found.node, READ) || !this.can(found.node, WRITE) || !this.can(found.node, SEARCH))
          throw new FsError('EACCES', 'rm', path);
        for (const name of children) await this.rm(childPath(found.path, name), options);
      }
    }
    this.unlinkNode(found.path);
  }

  private unlinkNode(path: string): void {
    const node = this.nodes.get(path);
    if (node?.type === 'file') node.inode.links--;
    this.drop(path);
  }

  async cp(src: string, dest: string, options?: CpOptions): Promise<void> {
    const from = this.existing(src, true, 'copyfile');
    if (from.node.type === 'dir') {
      if (!options?.recursive) throw new FsError('EISDIR', 'copyfile', src);
      if (!this.can(from.node, READ) || !this.can(from.node, SEARCH)) throw new FsError('EACCES', 'scandir', src);
      await this.mkdir(dest, { recursive: true });
      for (const name of this.childrenOf(from.path)) {
        await this.cp(childPath(from.path, name), childPath(normalizePath(dest), name), options);
      }
      return;
    }
    if (from.node.type === 'symlink') return this.symlink(from.node.target, dest);
    const data = this.readableFile(from.path, 'copyfile').data;
    const existed = this.resolve(dest, true, 'copyfile').node !== undefined;
    this.write(dest, data, undefined, false);
    if (!existed) this.chmodSync(this.resolve(dest, true, 'chmod').path, from.node.inode.mode & ~this.umask);
  }

  async mv(src: string, dest: string): Promise<void> {
    const from = this.resolve(src, false, 'rename');
    if (!from.node) throw new FsError('ENOENT', 'rename', src);
    const to = this.resolve(dest, false, 'rename');
    if (to.path === from.path) return;
    if (to.path.startsWith(from.path + '/')) throw new FsError('EINVAL', 'rename', dest);
    this.removableFrom(from.path, from.node, 'rename');
    this.writableParent(to.path, 'rename');
    if (to.node) this.removableFrom(to.path, to.node, 'rename');
    if (to.node) {
      if (to.node.type === 'dir' && from.node.type !== 'dir') throw new FsError('EISDIR', 'rename', dest);
      if (to.node.type === 'dir' && this.childrenOf(to.path).length > 0) throw new FsError('ENOTEMPTY', 'rename', dest);
      this.unlinkNode(to.path);
    }
    const prefix = from.path + '/';
    const moved = [...this.nodes].filter(([p]) => p === from.path || p.startsWith(prefix));
    for (const [p] of moved) this.drop(p);
    for (const [p, node] of moved) this.put(to.path + p.slice(from.path.length), node);
  }

  resolvePath(base: string, path: string): string {
    return normalizePath(path.startsWith('/') ? path : `${base}/${path}`);
  }

  getAllPaths(): string[] {
    return [...this.nodes.keys()];
  }

  async chmod(path: string, mode: number): Promise<void> {
    const { node } = this.existing(path, true, 'chmod');
    if (!this.owns(node)) throw new FsError('EPERM', 'chmod', path);
    if (node.type === 'file') node.inode.mode = mode & 0o7777;
    else if (node.type === 'dir') node.mode = mode & 0o7777;
  }

  /**
   * `chown`/`chgrp` on `path` (followed unless `follow` is false): only root may give an entry to another owner; its
   * owner may give it to a group they belong to. As Linux does, a change by anyone but root clears setuid and setgid
   * on a file (root's clears them too, except on directories).
   */
  chown(path: string, owner: Partial<Ownership>, follow = true): void {
    const { node } = this.existing(path, follow, 'chown');
    const held = this.ownershipOf(node);
    const user = this.user;
    const givesAway = owner.uid !== undefined && owner.uid !== held.uid;
    const regroups = owner.gid !== undefined && owner.gid !== held.gid;
    if (user.uid !== 0 && (givesAway || (regroups && (held.uid !== user.uid || !user.groups.includes(owner.gid!))))) {
      throw new FsError('EPERM', 'chown', path);
    }
    if (owner.uid !== undefined) held.uid = owner.uid;
    if (owner.gid !== undefined) held.gid = owner.gid;
    if (node.type === 'file' && (givesAway || regroups)) node.inode.mode &= ~(SETUID | SETGID);
  }

  async symlink(target: string, linkPath: string): Promise<void> {
    const found = this.resolve(linkPath, false, 'symlink');
    if (found.node) throw new FsError('EEXIST', 'symlink', linkPath);
    const dir = this.writableParent(found.path, 'symlink');
    this.put(found.path, { type: 'symlink', target, mtime: new Date(), id: this.nextId++, ...this.newOwnership(dir) });
  }

  async link(existingPath: string, newPath: string): Promise<void> {
    const from = this.existing(existingPath, false, 'link');
    if (from.node.type === 'dir') throw new FsError('EPERM', 'link', existingPath);
    const to = this.resolve(newPath, false, 'link');
    if (to.node) throw new FsError('EEXIST', 'link', newPath);
    this.writableParent(to.path, 'link');
    if (from.node.type === 'file') from.node.inode.links++;
    this.put(to.path, from.node);
  }

  async readlink(path: string): Promise<string> {
    const { node } = this.existing(path, false, 'readlink');
    if (node.type !== 'symlink') throw new FsError('EINVAL', 'readlink', path);
    return node.target;
  }

  async realpath(path: string): Promise<string> {
    return this.existing(path, true, 'realpath').path;
  }

  async utimes(path: string, _atime: Date, mtime: Date): Promise<void> {
    const { node } = this.existing(path, true, 'utime');
    if (!this.owns(node) && !this.can(node, WRITE)) throw new FsError('EACCES', 'utime', path);
    if (node.type === 'file') node.inode.mtime = mtime;
    else if (node.type === 'dir') node.mtime = mtime;
  }
}

/**
 * Strings are UTF-8 text unless the caller says they carry raw bytes (just-bash's binary pipes do). Given bytes are
 * copied: the filesystem owns its arrays (the caller may reuse its own), so cached text cannot go stale under it.
 */
function toBytes(content: FileContent, options?: WriteOptions): Uint8Array {
  if (typeof content !== 'string') return content.slice();
  const encoding = typeof options === 'string' ? options : options?.encoding;
  return encoding === 'binary' || encoding === 'latin1' ? latin1ToBytes(content) : encodeUtf8(content);
}

/**
 * A file's contents as text, decoded once per version of the contents: whole-tree `grep -r` would otherwise decode
 * every file on every run. Writers give the inode a new array (`setData`, `toBytes` copies what callers pass).
 */
function textOf(inode: Inode): string {
  return (inode.text ??= decodeUtf8(inode.data));
}

/** New contents for a file, forgetting the text decoded from the old ones. */
function setData(inode: Inode, data: Uint8Array): void {
  (inode as { data: Uint8Array }).data = data;
  inode.text = undefined;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
