import type { MachinePartKey, MachineState } from '@lta/labs';
import type { LearnerCommand, ShellServices } from '../commands/command.js';
import type { Completion, RunOptions, RunResult } from '../types.js';
import { networkStarter } from './network/index.js';

/**
 * The simulated machine around the learner's shell, beyond its files: processes, users, services, packages, other
 * hosts, disks. Each part lives in its own folder here (`machine/<part>/`) and is one `MachinePartStarter` in
 * `PARTS`; the shell reaches the parts only through `startMachine`. The state a part keeps is the plain JSON that
 * the part of the same key in `@lta/labs` (`labs/src/machine/`) validates and checks.
 */
export interface MachinePartSession {
  /** The commands this part adds to the shell (`ps`, `systemctl`, ...). */
  commands: LearnerCommand[];
  /**
   * Its state now, for the snapshot; undefined when it is as on a machine whose lab declared nothing for this part,
   * so that the snapshots of labs without a machine stay as small as before.
   */
  state(): unknown;
  /** What reads the learner's next line instead of bash, if anything does now (an ssh session, a question). */
  reader?(): LineReader | undefined;
}

/**
 * A program that reads the learner's lines instead of bash for a while: a session on another host (`ssh web01`),
 * or a question a command asked (`Are you sure you want to continue connecting (yes/no)?`, a password). The shell
 * hands it each line typed, shows its prompt, and keeps the line out of bash's history.
 */
export interface LineReader {
  /** What the terminal shows before the line (`learner@web01:~$ `, `learner@web01's password: `). */
  prompt(): string;
  /** The line is a secret (a password): the terminal does not show it. */
  secret: boolean;
  run(line: string, options: RunOptions): Promise<RunResult>;
  complete?(line: string, cursor: number): Completion;
}

/** Starts one part of the machine. */
export interface MachinePartStarter {
  key: MachinePartKey;
  /** `state` is the part's saved or starting state (see `startingMachine` in `@lta/labs`), undefined for none. */
  start(state: unknown, services: ShellServices): MachinePartSession;
}

/** Every part of the simulated machine, in the order their commands are added. */
const PARTS: readonly MachinePartStarter[] = [networkStarter];

/** The running machine: every part's commands, and the state of those that have one. */
export interface RunningMachine {
  commands: LearnerCommand[];
  state(): MachineState | undefined;
  /** What reads the next line instead of bash (see `LineReader`), if a part has one now. */
  reader(): LineReader | undefined;
}

/** Starts every part from a snapshot's or a lab's starting machine (undefined: a lab that declares none). */
export function startMachine(state: MachineState | undefined, services: ShellServices): RunningMachine {
  const sessions = PARTS.map((part) => ({ key: part.key, session: part.start(state?.[part.key], services) }));
  return {
    commands: sessions.flatMap(({ session }) => session.commands),
    state() {
      const now: MachineState = {};
      for (const { key, session } of sessions) {
        const partState = session.state();
        if (partState !== undefined) now[key] = partState;
      }
      return Object.keys(now).length > 0 ? now : undefined;
    },
    reader() {
      for (const { session } of sessions) {
        const reader = session.reader?.();
        if (reader) return reader;
      }
      return undefined;
    },
  };
}
