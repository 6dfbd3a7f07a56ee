import type { Lab, LabFile } from './format.js';
import { startingMachine } from './machine/index.js';
import { LEARNER_HOME, parentOf, resolveLabPath } from './paths.js';
import type { ShellSnapshot, VfsEntry } from './snapshot.js';

/** Octal permission strings a lab may use: `644`, `0755`, and with setuid, setgid or sticky, `4755`, `2775`, `1777`. */
const OCTAL_MODE = /^[0-7]{3,4}$/;

/** The permission bits of an octal string such as `"755"`, or undefined when it is not one. */
export function parseMode(mode: string): number | undefined {
  return OCTAL_MODE.test(mode) ? parseInt(mode, 8) : undefined;
}

/** Shows permission bits the way `stat -c %a` does: `755`, `2775`. */
export function formatMode(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(3, '0');
}

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

/**
 * The session a lab starts from: its files, its starting directory (`cwd`, home by default), its variables, and
 * no history. A terminal can boot its shell from it (`createShell({ snapshot })`) and `reset()` back to it.
 */
export function startingSnapshot(
  lab: Pick<Lab, 'files' | 'cwd' | 'env' | 'machine'>,
  home: string = LEARNER_HOME,
): ShellSnapshot {
  const machine = startingMachine(lab.machine);
  return {
    version: 1,
    cwd: resolveLabPath(lab.cwd ?? '~', home),
    home,
    env: { ...lab.env },
    files: startingFiles(lab, home),
    history: [],
    lastOutput: '',
    lastExitCode: 0,
    ...(machine ? { machine } : {}),
  };
}
