import type { Json, Problems } from '../problems.js';
import { usersPart, type UsersCheck, type UsersDeclaration } from './users.js';
import { packagesPart, type PackageCheck, type PackagesDeclaration } from './packages.js';
import { servicesPart, type ServiceCheck, type ServicesDeclaration } from './services.js';
import { processesPart, type ProcessCheck, type ProcessDeclaration } from './processes.js';
import { networkPart, type NetworkCheck, type NetworkDeclaration } from './network.js';
import { editorsPart, type EditorCheck } from './editors.js';
import { storagePart, type StorageCheck, type StorageDeclaration } from './storage.js';
import type { ShellSnapshot } from '../snapshot.js';

/**
 * The simulated machine a lab needs beyond its files: accounts, processes, services, packages, other hosts, disks.
 * A lab declares what it needs in `Lab.machine`; the learner's shell keeps the live state and hands it back in the
 * snapshot's `machine`, where the checks read it.
 *
 * Each part lives in its own file in this folder and is one `MachinePart` in `MACHINE_PARTS`; the validator, the
 * snapshot reader, `startingSnapshot` and the check engine reach the parts only through that list, so adding a part
 * never touches them. Each part owns one key of `LabMachine` and `MachineState` and its own check kinds, named
 * `<part>-<what>` (`process-running`, `user-in-group`, ...).
 */
export interface LabMachine {
  users?: UsersDeclaration;
  processes?: ProcessDeclaration[];
  services?: ServicesDeclaration;
  packages?: PackagesDeclaration;
  network?: NetworkDeclaration;
  storage?: StorageDeclaration;
  /** Nothing to declare: the shell records here what `nano` and `vi` save (see `editors.ts`). */
  editors?: never;
}

/**
 * The check kinds the parts add: each part adds its checks' type to this union (`| ProcessCheck`).
 */
export type MachineCheck =
  UsersCheck | ProcessCheck | PackageCheck | ServiceCheck | StorageCheck | EditorCheck | NetworkCheck;

/** Every key a lab's `machine` may have, in the order the parts are listed. */
export type MachinePartKey = keyof LabMachine;

/**
 * The machine as it is now (a snapshot's `machine`): per part, plain JSON the check engine reads and the shell
 * resumes from. A part absent here is as its lab declared it, or absent from the lab.
 */
export type MachineState = { [K in MachinePartKey]?: unknown };

/** What a check found on the machine: whether the condition holds, described in the learner's words either way. */
export interface MachineFinding {
  holds: boolean;
  saw: string;
}

/** How one part of the machine is declared, stored and checked. */
export interface MachinePart {
  key: MachinePartKey;
  /** The part's check kinds, each with its fields beyond `kind`, `message` and `negate`. */
  checkFields: Readonly<Record<string, readonly string[]>>;
  /** Adds the problems of a lab's declaration of this part (`at` is its JSON path, `machine.<key>`). */
  declarationProblems(declaration: unknown, at: string, problems: Problems): void;
  /** Adds the problems of one of its checks (fields already known to be among `checkFields`). */
  checkProblems(check: Json, at: string, problems: Problems): void;
  /** The part's state at the lab's start, from its declaration (already validated). */
  startingState(declaration: unknown): unknown;
  /** Why a state read from untrusted JSON (a client, storage) is not one of this part's, or null when it is. */
  stateProblem(state: unknown): string | null;
  /**
   * Whether one of its checks holds on this part's state (`undefined` when the snapshot has none); `snapshot` is the
   * whole snapshot, for a part whose checks compare its state with the files.
   */
  evaluate(check: Json & { kind: string }, state: unknown, snapshot?: ShellSnapshot): MachineFinding;
}

/** Every part of the simulated machine. */
export const MACHINE_PARTS: readonly MachinePart[] = [
  usersPart,
  processesPart,
  packagesPart,
  servicesPart,
  storagePart,
  editorsPart,
  networkPart,
];

const PART_BY_CHECK_KIND = new Map(
  MACHINE_PARTS.flatMap((part) => Object.keys(part.checkFields).map((kind) => [kind, part] as const)),
);

/** The check kinds the parts add, with their fields, for the validator. */
export const MACHINE_CHECK_FIELDS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  MACHINE_PARTS.flatMap((part) => Object.entries(part.checkFields)),
);

/** The part that evaluates a check kind, if a part does. */
export function machinePartOf(kind: string): MachinePart | undefined {
  return PART_BY_CHECK_KIND.get(kind);
}

/** Adds the problems of a lab's `machine` (at JSON path `machine`). */
export function machineProblems(machine: unknown, problems: Problems): void {
  if (!problems.object(machine, 'machine')) return;
  problems.known(
    machine,
    'machine',
    MACHINE_PARTS.map((part) => part.key),
  );
  for (const part of MACHINE_PARTS) {
    if (machine[part.key] !== undefined) part.declarationProblems(machine[part.key], `machine.${part.key}`, problems);
  }
}

/** The machine at a lab's start, or undefined when the lab declares none. */
export function startingMachine(machine: LabMachine | undefined): MachineState | undefined {
  if (!machine) return undefined;
  const state: MachineState = {};
  for (const part of MACHINE_PARTS) {
    if (machine[part.key] !== undefined) state[part.key] = part.startingState(machine[part.key]);
  }
  return state;
}

/** Why a snapshot's `machine` from untrusted JSON is not a machine state, or null when it is. */
export function machineStateProblem(state: unknown): string | null {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) return 'machine: not an object';
  for (const [key, value] of Object.entries(state)) {
    const part = MACHINE_PARTS.find((candidate) => candidate.key === key);
    if (!part) return `machine.${key}: unknown part`;
    const problem = part.stateProblem(value);
    if (problem) return `machine.${key}: ${problem}`;
  }
  return null;
}
