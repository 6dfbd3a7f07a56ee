/** Lab states for tests, produced by the real shell running a lab's commands (as the terminal would). */
import { encodeLabState, startingFiles, type Lab, type ShellSnapshot } from '@lta/labs';
import { CURRICULUM } from '@lta/curriculum';
import { nativeDeflateRaw } from '../../../src/components/terminal/lab-state-codec.js';
import { createShell, type Shell, type ShellLimits } from '@lta/shell';

/** The first lab of the curriculum (module 1 is always unlocked). */
export const FIRST_LAB: Lab = CURRICULUM[0]!.labs[0]!;
/** A lab of the second module: locked until every lab of module 1 is done. */
export const LOCKED_LAB: Lab = CURRICULUM[1]!.labs[0]!;

/** The state of a shell started from `lab`'s files, encoded as the terminal sends it. */
export function stateAfterShell(shell: Shell, lab: Lab = FIRST_LAB): Promise<string> {
  return encodeLabState(shell.snapshot(), startingFiles(lab), nativeDeflateRaw);
}

/** A fresh session of `lab` after typing `commands` in it (`limits`: the shell's bounds on one command line). */
export async function shellAfter(lab: Lab, commands: readonly string[], limits?: ShellLimits): Promise<Shell> {
  const shell = await createShell({ files: startingFiles(lab), env: lab.env, limits });
  for (const command of commands) await shell.run(command);
  return shell;
}

/** The state after typing `commands` in a fresh session of `lab`, encoded as the terminal sends it. */
export async function stateAfter(lab: Lab, commands: readonly string[]): Promise<string> {
  return stateAfterShell(await shellAfter(lab, commands), lab);
}

/** The first lab's solved state as a whole snapshot, the way terminals saved it before states were packed. */
export async function passingSnapshot(lab: Lab = FIRST_LAB): Promise<ShellSnapshot> {
  return (await shellAfter(lab, lab.solution)).snapshot();
}

/** A state that passes every check of `lab` (its reference solution typed in). */
export function passingState(lab: Lab): Promise<string> {
  return stateAfter(lab, lab.solution);
}
