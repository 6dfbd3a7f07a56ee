import type { Lab, ShellSnapshot } from '@lta/labs';
import type { Shell } from '@lta/shell';
import type { Stack } from './xterm-boot.js';

/**
 * A shell for the lab (or a free shell without one): from the work saved in `snapshot`, else from the lab's
 * starting files, environment and machine, in its starting directory.
 */
export async function labShell(
  stack: Stack,
  lab: Lab | undefined,
  snapshot: ShellSnapshot | undefined,
): Promise<Shell> {
  const fresh = () =>
    stack.createShell({
      files: lab ? stack.startingFiles(lab) : undefined,
      env: lab?.env,
      machine: stack.startingMachine(lab?.machine),
    });
  let shell: Shell;
  try {
    shell = snapshot ? await stack.createShell({ snapshot }) : await fresh();
  } catch {
    // A saved session that no longer loads (an older format, a damaged entry): start the lab afresh.
    shell = await fresh();
  }
  if (!snapshot && lab?.cwd) await shell.run(`cd ${lab.cwd.replace(/^~/, '"$HOME"')}`);
  return shell;
}
