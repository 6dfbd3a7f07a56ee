import type { VfsEntry } from '@lta/labs';
import type { LearnerFs } from './learner-fs.js';
import { bytesToLatin1, decodeUtf8, isUtf8, latin1ToBytes } from '../text.js';

/** Puts files from a lab or a snapshot into the filesystem, as root would have prepared the machine. */
export function writeFiles(fs: LearnerFs, files: Record<string, VfsEntry>): void {
  const paths = Object.keys(files).sort();
  for (const path of paths) {
    const entry = files[path]!;
    if (entry.type === 'dir') fs.mkdirSync(path, { recursive: true }, entry.mode);
    else if (entry.type === 'symlink') fs.symlinkSync(entry.target, path);
    else {
      const content = entry.encoding === 'base64' ? latin1ToBytes(atob(entry.content)) : entry.content;
      fs.writeFileSync(path, content, undefined, { mode: entry.mode });
    }
  }
  // Directories are created on demand above; their modes are applied last so a 0o500 directory can still be filled.
  for (const path of paths) {
    const entry = files[path]!;
    if (entry.type === 'dir') fs.chmodSync(path, entry.mode);
  }
}

/** Every entry not in `hidden`, as plain JSON. Text stays text; other bytes go as base64. */
export function readFiles(fs: LearnerFs, hidden: ReadonlySet<string>): Record<string, VfsEntry> {
  const files: Record<string, VfsEntry> = {};
  for (const [path, node] of fs.entries()) {
    if (hidden.has(path)) continue;
    if (node.type === 'dir') files[path] = { type: 'dir', mode: node.mode };
    else if (node.type === 'symlink') files[path] = { type: 'symlink', mode: 0o777, target: node.target };
    else {
      const data = node.inode.data;
      files[path] = isUtf8(data)
        ? { type: 'file', mode: node.inode.mode, content: decodeUtf8(data) }
        : { type: 'file', mode: node.inode.mode, content: btoa(bytesToLatin1(data)), encoding: 'base64' };
    }
  }
  return files;
}
