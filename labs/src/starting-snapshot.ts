import { startingFiles } from './files.js';
import type { Lab } from './format.js';
import { startingMachine } from './machine/index.js';
import { LEARNER_HOME, resolveLabPath } from './paths.js';
import type { ShellSnapshot } from './snapshot.js';

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
