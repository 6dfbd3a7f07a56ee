import type { MachinePartKey, MachineState } from '@lta/labs';
import type { LearnerCommand, ShellServices } from '../commands/command.js';
import { MACHINE_BOOT_COMMAND } from '../internal-names.js';
import { storageStarter } from './storage/index.js';
import { usersStarter } from './users/index.js';
import { MachineEvents } from './events.js';
import { packagesStarter } from './packages/index.js';
import { servicesStarter } from './services/index.js';
import { processesStarter } from './processes/index.js';
import { editorsStarter } from './editors/index.js';
import { networkStarter } from './network/index.js';
import type { Shell } from '../types.js';

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
  /**
   * Puts the part's files in place once the interpreter has written its command stubs to /usr/bin (e.g. removes
   * the programs of packages not installed), before the shell sets its system files apart from the learner's.
   */
  booted?(): void;
  /**
   * Paths the part wrote at boot that are the learner's data, not the system's (a mounted partition's files): kept
   * in snapshots with the learner's files.
   */
  learnerPaths?(): string[];
  /** The typed line has ended: what to tell the learner before the next prompt (bash's job notices), if anything. */
  lineEnded?(): string;
  /**
   * The rest of the boot that needs the shell (running a service's script), done before the learner's first line
   * runs; `run` runs a command line as the machine would. Absent when nothing is left to do.
   */
  finishBoot?: (run: MachineRunner) => Promise<void>;
  /**
   * The shell of another machine the learner is logged in to now (`ssh web01`), if any: it takes the learner's lines,
   * prompt and completion until it ends.
   */
  remoteSession?(): RemoteSession | undefined;
}

/**
 * A login on another machine of the network, which reads the learner's lines instead of this shell until it ends:
 * its prompt and completion are that machine's; `run` runs a line there, or ends the login on its `exit`.
 */
export type RemoteSession = Pick<Shell, 'run' | 'prompt' | 'complete'>;

/** Runs one command line in the learner's shell (a service's program), with what it printed and its status. */
export type MachineRunner = (command: string) => Promise<{ stdout: string; stderr: string; exitCode: number }>;

/** Starts one part of the machine. */
export interface MachinePartStarter {
  key: MachinePartKey;
  /** `state` is the part's saved or starting state (see `startingMachine` in `@lta/labs`), undefined for none. */
  start(state: unknown, services: ShellServices, events: MachineEvents): MachinePartSession;
}

/** Every part of the simulated machine, in the order their commands are added. */
const PARTS: readonly MachinePartStarter[] = [
  usersStarter,
  processesStarter,
  storageStarter,
  packagesStarter,
  servicesStarter,
  editorsStarter,
  networkStarter,
];

/** The running machine: every part's commands, and the state of those that have one. */
export interface RunningMachine {
  commands: LearnerCommand[];
  state(): MachineState | undefined;
  /** Called once the interpreter exists (see `MachinePartSession.booted`). */
  booted(): void;
  /** What the parts wrote at boot that belongs with the learner's files (see `MachinePartSession.learnerPaths`). */
  learnerPaths(): string[];
  /** What the parts tell the learner before the next prompt. */
  lineEnded(): string;
  /** True until the boot the parts finish in the shell (`MACHINE_BOOT_COMMAND`) has run. */
  bootPending(): boolean;
  /** The login on another machine that reads the learner's next line (see `MachinePartSession.remoteSession`). */
  remoteSession(): RemoteSession | undefined;
}

/** Starts every part from a snapshot's or a lab's starting machine (undefined: a lab that declares none). */
export function startMachine(state: MachineState | undefined, services: ShellServices): RunningMachine {
  const events = new MachineEvents();
  const sessions = PARTS.map((part) => ({ key: part.key, session: part.start(state?.[part.key], services, events) }));
  let bootPending = sessions.some(({ session }) => session.finishBoot);
  const finishBoot: LearnerCommand = {
    name: MACHINE_BOOT_COMMAND,
    async execute(_args, ctx) {
      bootPending = false;
      const exec = ctx.exec;
      if (!exec) return { stdout: '', stderr: '', exitCode: 0 };
      for (const { session } of sessions) await session.finishBoot?.((command) => exec(command, { cwd: '/' }));
      return { stdout: '', stderr: '', exitCode: 0 };
    },
  };
  return {
    commands: [...sessions.flatMap(({ session }) => session.commands), finishBoot],
    bootPending: () => bootPending,
    booted() {
      for (const { session } of sessions) session.booted?.();
    },
    learnerPaths: () => sessions.flatMap(({ session }) => session.learnerPaths?.() ?? []),
    lineEnded: () => sessions.map(({ session }) => session.lineEnded?.() ?? '').join(''),
    remoteSession() {
      for (const { session } of sessions) {
        const remote = session.remoteSession?.();
        if (remote) return remote;
      }
      return undefined;
    },
    state() {
      const now: MachineState = {};
      for (const { key, session } of sessions) {
        const partState = session.state();
        if (partState !== undefined) now[key] = partState;
      }
      return Object.keys(now).length > 0 ? now : undefined;
    },
  };
}
