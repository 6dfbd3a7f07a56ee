import { normalizePath, ownerOf, parentOf, type VfsEntry } from '@lta/labs';
import type { LearnerFs, Ownership } from './learner-fs.js';
import { accountsOf } from './accounts.js';
import type { SystemFiles } from './system-files.js';
import { bytesToLatin1, decodeUtf8, isUtf8, latin1ToBytes } from '../text.js';

/**
 * Puts files from a lab or a snapshot into the filesystem, as root would have prepared the machine, each with its
 * owner and group (by name, or as `ownerOf` says by default). Run after the accounts exist (the users part).
 */
export function writeFiles(fs: LearnerFs, files: Record<string, VfsEntry>): void {
  const accounts = accountsOf(fs);
  const ownership = (path: string, entry: VfsEntry): Ownership => {
    const { owner, group } = ownerOf(entry, path, fs.home);
    const uid = accounts.uidOf(owner) ?? 0;
    return { uid, gid: accounts.gidOf(group) ?? accounts.account(uid)?.gid ?? 0 };
  };
  const paths = Object.keys(files).sort();
  // Directories a list leaves out (`a/f` without `a`) belong to whoever owns that place by default.
  const makeParents = (path: string) => {
    const parent = parentOf(path);
    if (fs.nodeAt(parent)) return;
    makeParents(parent);
    fs.mkdirSync(parent, { recursive: false }, 0o755, ownership(parent, { type: 'dir', mode: 0o755 }));
  };
  for (const path of paths) {
    const entry = files[path]!;
    const owner = ownership(path, entry);
    makeParents(normalizePath(path));
    if (entry.type === 'dir') {
      fs.mkdirSync(path, { recursive: true }, entry.mode, owner);
      // An existing directory (the learner's home) keeps its node: give it the entry's owner.
      fs.chownSync(path, owner);
    } else if (entry.type === 'symlink') fs.symlinkSync(entry.target, path, owner);
    else {
      const content = entry.encoding === 'base64' ? latin1ToBytes(atob(entry.content)) : entry.content;
      fs.writeFileSync(path, content, undefined, { mode: entry.mode, owner });
    }
  }
  // Directories are created on demand above; their modes are applied last so a 0o500 directory can still be filled.
  for (const path of paths) {
    const entry = files[path]!;
    if (entry.type === 'dir') fs.chmodSync(path, entry.mode);
  }
}

/**
 * Every entry but the machine's own files as they were at boot (`system`), as plain JSON. Text stays text; other bytes go as base64. Owner and group are named
 * only where they differ from `ownerOf`'s default, so snapshots of labs that never change owners stay as before.
 */
export function readFiles(fs: LearnerFs, system: SystemFiles): Record<string, VfsEntry> {
  const files: Record<string, VfsEntry> = {};
  const accounts = accountsOf(fs);
  for (const [path, node] of fs.entries()) {
    if (system.unchanged(path, node)) continue;
    let entry: VfsEntry;
    if (node.type === 'dir') entry = { type: 'dir', mode: node.mode };
    else if (node.type === 'symlink') entry = { type: 'symlink', mode: 0o777, target: node.target };
    else {
      const data = node.inode.data;
      entry = isUtf8(data)
        ? { type: 'file', mode: node.inode.mode, content: decodeUtf8(data) }
        : { type: 'file', mode: node.inode.mode, content: btoa(bytesToLatin1(data)), encoding: 'base64' };
    }
    const { uid, gid } = fs.ownershipOf(node);
    const usual = ownerOf(entry, path, fs.home);
    const owner = accounts.userName(uid);
    const group = accounts.groupName(gid);
    if (owner !== usual.owner) entry.owner = owner;
    if (group !== usual.group) entry.group = group;
    files[path] = entry;
  }
  return files;
}
