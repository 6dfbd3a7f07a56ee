/** Lab states for tests, produced by the real shell running a lab's commands (as the terminal would). */
import { CURRICULUM, startingFiles, type Lab } from '../../../labs/src/index.js';
import { createShell } from '../../../src/shell/index.js';

/** The first lab of the curriculum (module 1 is always unlocked). */
export const FIRST_LAB: Lab = CURRICULUM[0]!.labs[0]!;
/** A lab of the second module: locked until every lab of module 1 is done. */
export const LOCKED_LAB: Lab = CURRICULUM[1]!.labs[0]!;

/** The snapshot after typing `commands` in a fresh session of `lab`, as JSON. */
export async function stateAfter(lab: Lab, commands: readonly string[]): Promise<string> {
  const shell = await createShell({ files: startingFiles(lab), env: lab.env });
  for (const command of commands) await shell.run(command);
  return JSON.stringify(shell.snapshot());
}

/** A state that passes every check of `lab` (its reference solution typed in). */
export function passingState(lab: Lab): Promise<string> {
  return stateAfter(lab, lab.solution);
}
