/**
 * The learner's shell: bash (just-bash) with session state carried between lines, a `learner` account, a
 * permission-aware filesystem and GNU-faithful versions of the commands the curriculum teaches.
 *
 * ```ts
 * const shell = await createShell({ files: lab.initialFiles });
 * const { output, exitCode } = await shell.run('ls -l', { signal });
 * check(lab, shell.snapshot());
 * ```
 */
export { createShell } from './session/shell.js';
export { tryScripts } from './session/try-scripts.js';
export type {
  Completion,
  Question,
  RunOptions,
  RunResult,
  Shell,
  ShellLimits,
  ShellOptions,
  ShellClock,
  FullScreenProgram,
  Screen,
  ScreenLine,
  ScreenSpan,
  ScreenSize,
} from './types.js';
export { keysFromNotation } from './editors/keys.js';
export type { ShellSnapshot, VfsEntry } from '@lta/labs';
/** Pipes bytes through a `CompressionStream`/`DecompressionStream` in pieces (the terminal packs saved lab state with it). */
export { throughStream } from './commands/compression.js';
