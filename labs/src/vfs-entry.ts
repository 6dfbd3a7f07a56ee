import { isRecord } from './json.js';

/**
 * One entry of the virtual filesystem. `mode` holds the permission bits, with setuid, setgid and sticky (e.g. 0o644,
 * 0o2775). `owner` and `group` are names (or a number, for an id no account has); absent, they are as `ownerOf` says.
 */
export type VfsEntry = (
  | { type: 'file'; mode: number; content: string; encoding?: 'utf8' | 'base64' }
  | { type: 'dir'; mode: number }
  | { type: 'symlink'; mode: number; target: string }
) & { owner?: string; group?: string };

/**
 * Who owns an entry: its own `owner` and `group`, or by default the learner for their home and what is in /tmp, and
 * root for the rest (snapshots made before owners were kept, and lab files that name none).
 */
export function ownerOf(entry: VfsEntry, path: string, home: string): { owner: string; group: string } {
  const learners = path === home || path.startsWith(`${home}/`) || path.startsWith('/tmp/');
  const name = learners ? home.slice(home.lastIndexOf('/') + 1) : 'root';
  return { owner: entry.owner ?? name, group: entry.group ?? name };
}

/** An account name, or a bare id for a file whose account was deleted. */
const OWNER_NAME = /^(?:[a-z_][a-z0-9_-]{0,31}|\d{1,10})$/;

function isMode(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0o7777;
}

/** What is wrong with one filesystem entry, or null when it is a valid `VfsEntry`. */
export function entryProblem(path: string, entry: unknown): string | null {
  const shown = path.slice(0, 80);
  if (!path.startsWith('/')) return `path "${shown}" is not absolute`;
  if (!isRecord(entry) || !isMode(entry.mode)) return `${shown}: needs a type and a mode`;
  for (const key of ['owner', 'group'] as const) {
    const name = entry[key];
    if (name !== undefined && (typeof name !== 'string' || !OWNER_NAME.test(name)))
      return `${shown}: ${key} must be a user or group name`;
  }
  switch (entry.type) {
    case 'dir':
      return null;
    case 'symlink':
      return typeof entry.target === 'string' ? null : `${shown}: a symlink needs a target`;
    case 'file':
      if (typeof entry.content !== 'string') return `${shown}: a file needs content`;
      if (entry.encoding !== undefined && entry.encoding !== 'utf8' && entry.encoding !== 'base64')
        return `${shown}: unknown encoding`;
      return null;
    default:
      return `${shown}: unknown entry type`;
  }
}
