import { execSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { createShell } from '@lta/shell';

/** Where the shell's entry point lived: its own package `shell/` since the move, `src/shell/` before. */
const LAYOUTS = [
  { folder: 'shell/src', entry: 'shell/src/index.ts' },
  { folder: 'src/shell', entry: 'src/shell/index.ts' },
];

/**
 * Extracts the shell and `labs/src` as they were at revision `rev` into the checkout (so that the old copy finds the
 * same node_modules) and imports the shell's entry point from there. `remove` deletes the copy. A shell that imports
 * `@lta/labs` by name (since the package move) gets the working tree's labs, not the revision's.
 */
export async function shellAt(
  rev: string,
): Promise<{ module: { createShell: typeof createShell }; remove: () => void }> {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const layout = LAYOUTS.find(({ entry }) => {
    try {
      execSync(`git cat-file -e ${JSON.stringify(`${rev}:${entry}`)}`, { cwd: root, stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
  if (!layout) throw new Error(`no shell at revision ${rev}`);
  const dir = `${root}.tmp/shell-at-${rev.replace(/[^\w.-]/g, '_')}`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execSync(`git archive ${JSON.stringify(rev)} ${layout.folder} labs/src | tar -x -C ${JSON.stringify(dir)}`, {
    cwd: root,
  });
  const module = (await import(`${dir}/${layout.entry}`)) as { createShell: typeof createShell };
  return { module, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
