/** Path handling shared by the validator, the check engine and the starting filesystem. Pure string work. */

/** The learner's home directory in every lab. */
export const LEARNER_HOME = '/home/learner';

/** True for a path a lab may use: absolute (`/etc/hosts`), or `~` / `~/...` under the learner's home. */
export function isLabPath(path: string): boolean {
  return path.startsWith('/') || path === '~' || path.startsWith('~/');
}

/** A `.` or `..` component of a path (not a dotfile's name: `/.git` is normal). */
const DOT_COMPONENT = /\/\.\.?(?:\/|$)/;

/** Removes `.`, `..`, repeated and trailing slashes from an absolute path. `..` at the root stays at the root. */
export function normalizePath(path: string): string {
  // Most paths arrive already normal (the shell's walks and listings, git's `.git/...`): skip the split and join.
  if (path === '/' || (path[0] === '/' && !path.endsWith('/') && !path.includes('//') && !DOT_COMPONENT.test(path)))
    return path;
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return '/' + parts.join('/');
}

/** Turns a lab path into a normalised absolute path, expanding `~` to `home`. */
export function resolveLabPath(path: string, home: string): string {
  if (path === '~') return normalizePath(home);
  if (path.startsWith('~/')) return normalizePath(`${home}/${path.slice(2)}`);
  return normalizePath(path);
}

/** The directory holding `path` (an absolute, normalised path). */
export function parentOf(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}

/** Shows an absolute path the way the prompt does: `~/notes.txt` under the home directory. */
export function displayPath(path: string, home: string): string {
  if (path === home) return '~';
  return path.startsWith(home + '/') ? '~' + path.slice(home.length) : path;
}
