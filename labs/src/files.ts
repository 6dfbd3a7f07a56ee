import type { Lab, LabFile } from './format.js';
import { parseMode } from './modes.js';
import { LEARNER_HOME, parentOf, resolveLabPath } from './paths.js';
import type { VfsEntry } from './vfs-entry.js';

/** The filesystem entry an author's `LabFile` stands for, with default modes (file 644, dir 755). */
function toEntry(file: LabFile): VfsEntry {
  if (typeof file === 'string') return { type: 'file', mode: 0o644, content: file };
  const owned = { ...(file.owner ? { owner: file.owner } : {}), ...(file.group ? { group: file.group } : {}) };
  if (file.type === 'dir') return { type: 'dir', mode: parseMode(file.mode ?? '755') ?? 0o755, ...owned };
  if (file.type === 'symlink') return { type: 'symlink', mode: 0o777, target: file.target, ...owned };
  return { type: 'file', mode: parseMode(file.mode ?? '644') ?? 0o644, content: file.content, ...owned };
}

/**
 * A lab's starting filesystem as the shell loads it: absolute paths, `~` expanded to `home`, and every parent
 * directory listed (mode 755, the learner's home included) so the shell can create them in order.
 */
export function startingFiles(lab: Pick<Lab, 'files'>, home: string = LEARNER_HOME): Record<string, VfsEntry> {
  const files: Record<string, VfsEntry> = {};
  const addParents = (path: string) => {
    for (let dir = parentOf(path); dir !== '/' && !(dir in files); dir = parentOf(dir)) {
      files[dir] = { type: 'dir', mode: 0o755 };
    }
  };
  addParents(`${home}/.`);
  for (const [path, file] of Object.entries(lab.files)) {
    const absolute = resolveLabPath(path, home);
    addParents(absolute);
    files[absolute] = toEntry(file);
  }
  // Parents first: a shell creating entries in key order never meets a missing directory.
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
