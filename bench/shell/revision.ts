import { execSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Extracts `src/shell` and `labs/src` as they were at revision `rev` into the checkout (so that the old copy finds the
 * same node_modules) and imports `path` (relative to the checkout) from there. `remove` deletes the copy.
 */
export async function atRevision<T>(rev: string, path: string): Promise<{ module: T; remove: () => void }> {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const dir = `${root}.tmp/shell-at-${rev.replace(/[^\w.-]/g, '_')}`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execSync(`git archive ${JSON.stringify(rev)} src/shell labs/src | tar -x -C ${JSON.stringify(dir)}`, { cwd: root });
  const module = (await import(`${dir}/${path}`)) as T;
  return { module, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
