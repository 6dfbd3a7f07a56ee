import type { Json, Problems } from '../problems.js';
import { compileSafeRegex } from '../regex.js';
import type { MachineFinding, MachinePart } from './index.js';

/**
 * The processes part: the programs running on the learner's machine. A lab declares the daemons it starts with (a
 * runaway `backup.sh`, a hung `report-gen`); the learner's shell adds their own jobs (`sleep 300 &`) and their
 * `kill`, `renice`, `fg`, `bg` change the table. Checks read the table as it was when the snapshot was taken.
 */

/** The signals a declared process may ignore: `KILL` and `STOP` cannot be ignored, as on Linux. */
export const IGNORABLE_SIGNALS = ['HUP', 'INT', 'QUIT', 'TERM', 'USR1', 'USR2'] as const;
export type IgnorableSignal = (typeof IGNORABLE_SIGNALS)[number];

/** What a process is doing: `ps`'s STAT `R`, `S` or `T`. */
export type ProcessRunState = 'running' | 'sleeping' | 'stopped';
const RUN_STATES: readonly ProcessRunState[] = ['running', 'sleeping', 'stopped'];

/** One process a lab starts with (`machine.processes[i]`). */
export interface ProcessDeclaration {
  /** The command line as `ps aux` shows it: `/bin/bash /opt/backup.sh --full`. */
  command: string;
  /**
   * The program's name, as `ps` and `top` show it and `pgrep`/`pkill` match it (at most 15 characters, as Linux
   * keeps). Default: the command's first word without its directory, or the script's for an interpreter
   * (`/bin/bash /opt/backup.sh` is `backup.sh`).
   */
  name?: string;
  /** Its owner (default `root`). The learner can signal only their own (`learner`). */
  user?: string;
  /** Its process ID, 2-32767 (default: the next free one from 400 up, in order). */
  pid?: number;
  /** Share of one CPU it uses, 0-100 (default 0). */
  cpu?: number;
  /** Resident memory in MiB, 0-16384 (default 4). */
  memory?: number;
  /** Its niceness, -20 (most favoured) to 19 (default 0). */
  nice?: number;
  /** `running`, `sleeping` or `stopped` (default `running` when it uses CPU, else `sleeping`). */
  state?: ProcessRunState;
  /** How long it has been running when the lab starts, in minutes (default 90). */
  startedMinutesAgo?: number;
  /** Signals it ignores (a hung process ignores `TERM`: only `kill -9` ends it). */
  ignores?: IgnorableSignal[];
}

/** One live process in the table. Times are milliseconds on the machine's clock (see `ProcessesState.at`). */
export interface ProcessEntry {
  pid: number;
  ppid: number;
  user: string;
  name: string;
  command: string;
  state: ProcessRunState;
  nice: number;
  /** Share of one CPU, 0-100. */
  cpu: number;
  /** Resident memory in KiB. */
  memory: number;
  startedAt: number;
  /** When it ends by itself (a learner's `sleep 300 &`); absent for a process that runs until signalled. */
  endsAt?: number;
  /** When it was stopped, while it is: its own time stands still until it is continued. */
  stoppedAt?: number;
  /** Its exit status when it ends by itself (default 0). */
  status?: number;
  ignores?: IgnorableSignal[];
  /** The learner's job number, for a job started at the prompt. */
  job?: number;
  /** Started with `nohup`: it outlives the terminal session. */
  nohup?: boolean;
}

/** A job of the learner's shell that has ended and not yet been reported at a prompt. */
export interface EndedJob {
  job: number;
  pid: number;
  command: string;
  /** How bash reports it: `Done`, `Exit 3`, `Terminated`, `Killed`, ... */
  how: string;
  /** Its mark when it ended: `+` current job, `-` previous, else a space. */
  mark?: string;
}

/** The processes part's state (a snapshot's `machine.processes`). */
export interface ProcessesState {
  /** The machine's clock when the state was taken: the time every check reads the table at. */
  at: number;
  /** When the machine booted (`uptime`). */
  bootedAt: number;
  /** The process ID the next process gets. */
  nextPid: number;
  processes: ProcessEntry[];
  ended: EndedJob[];
}

/** How a check names the processes it is about: by name, by command line pattern, by owner. */
export interface ProcessMatch {
  /** The program's name exactly (`pgrep -x NAME`). */
  name?: string;
  /** A pattern searched in the whole command line (`pgrep -f PATTERN`), in the safe regex dialect. */
  command?: string;
  /** Only processes of this user. */
  user?: string;
}

/** The processes part's checks. */
export type ProcessCheck =
  /** A matching process exists and is not stopped. */
  | ({ kind: 'process-running' } & ProcessMatch)
  /** A matching process exists and is stopped (`kill -STOP`, Ctrl-Z). */
  | ({ kind: 'process-stopped' } & ProcessMatch)
  /** No matching process exists, in any state. */
  | ({ kind: 'process-absent' } & ProcessMatch)
  /** A matching process exists and every matching one has a niceness of at least `atLeast`. */
  | ({ kind: 'process-nice'; atLeast: number } & ProcessMatch)
  /** The learner's shell has exactly `count` jobs (with `state`, only those running or stopped). */
  | { kind: 'job-count'; count: number; state?: 'running' | 'stopped' };

/** Bounds on a state from a client: a few KiB in practice, well under the snapshot's limit at the most. */
export const PROCESS_LIMITS = { processes: 100, ended: 50, command: 300, name: 15, user: 32 } as const;
const MAX_DECLARED = 40;
const USER = /^[a-z_][a-z0-9_-]{0,31}$/;
const MATCH_FIELDS = ['name', 'command', 'user'] as const;
/** Where declared processes' IDs start: a few hundred, as a freshly booted system's services have. */
const FIRST_DECLARED_PID = 400;
/** The login shell's process ID and the first a learner's job gets. */
export const LOGIN_SHELL_PID = 1000;

const isInteger = (value: unknown, min: number, max: number): value is number =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
const isNumber = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;

/** The name Linux gives a process run as `command`: its first word's last part, or the script an interpreter runs. */
export function processNameOf(command: string): string {
  const words = command.trim().split(/\s+/);
  const base = (word: string | undefined) => (word ?? '').replace(/.*\//, '');
  const program = base(words[0]);
  const script = /^(ba|da|z)?sh$|^python3?$|^perl$/.test(program)
    ? words.slice(1).find((word) => !word.startsWith('-'))
    : undefined;
  return (script ? base(script) : program).slice(0, PROCESS_LIMITS.name) || 'sh';
}

function declarationProblems(declaration: unknown, at: string, p: Problems): void {
  if (!p.array(declaration, at, 1, MAX_DECLARED)) return;
  const pids = new Set<number>();
  declaration.forEach((item, i) => {
    const here = `${at}[${i}]`;
    if (!p.object(item, here)) return;
    p.known(item, here, [
      'command',
      'name',
      'user',
      'pid',
      'cpu',
      'memory',
      'nice',
      'state',
      'startedMinutesAgo',
      'ignores',
    ]);
    p.text(item.command, `${here}.command`, PROCESS_LIMITS.command);
    if (item.name !== undefined && p.text(item.name, `${here}.name`, PROCESS_LIMITS.name) && /\s/.test(item.name))
      p.add(`${here}.name`, 'must be one word');
    if (item.user !== undefined && (typeof item.user !== 'string' || !USER.test(item.user)))
      p.add(`${here}.user`, 'must be a user name such as "root" or "learner"');
    if (item.pid !== undefined) {
      if (!isInteger(item.pid, 2, 32767) || item.pid === LOGIN_SHELL_PID)
        p.add(`${here}.pid`, `must be an integer from 2 to 32767, not ${LOGIN_SHELL_PID} (the learner's shell)`);
      else if (pids.has(item.pid)) p.add(`${here}.pid`, 'is already taken by another process');
      else pids.add(item.pid);
    }
    if (item.cpu !== undefined && !isNumber(item.cpu, 0, 100))
      p.add(`${here}.cpu`, 'must be a number from 0 to 100 (percent of one CPU)');
    if (item.memory !== undefined && !isNumber(item.memory, 0, 16384))
      p.add(`${here}.memory`, 'must be a number of MiB from 0 to 16384');
    if (item.nice !== undefined && !isInteger(item.nice, -20, 19))
      p.add(`${here}.nice`, 'must be an integer from -20 to 19');
    p.oneOf(item.state, `${here}.state`, RUN_STATES, true);
    if (item.startedMinutesAgo !== undefined && !isNumber(item.startedMinutesAgo, 0, 525_600))
      p.add(`${here}.startedMinutesAgo`, 'must be a number of minutes from 0 to 525600 (a year)');
    if (item.ignores !== undefined) {
      if (
        !Array.isArray(item.ignores) ||
        item.ignores.some((signal) => !(IGNORABLE_SIGNALS as readonly unknown[]).includes(signal))
      ) {
        p.add(
          `${here}.ignores`,
          `must be a list of signals among ${IGNORABLE_SIGNALS.join(', ')} (KILL and STOP cannot be ignored)`,
        );
      }
    }
  });
}

function checkProblems(check: Json, at: string, p: Problems): void {
  if (check.kind === 'job-count') {
    if (!isInteger(check.count, 0, 100)) p.add(`${at}.count`, 'must be an integer from 0 to 100');
    p.oneOf(check.state, `${at}.state`, ['running', 'stopped'], true);
    return;
  }
  if (MATCH_FIELDS.every((field) => check[field] === undefined))
    p.add(at, 'must name the processes by "name", "command" or "user"');
  if (check.name !== undefined) p.text(check.name, `${at}.name`, PROCESS_LIMITS.name);
  if (check.command !== undefined) p.pattern(check.command, undefined, `${at}.command`, `${at}.flags`);
  if (check.user !== undefined && (typeof check.user !== 'string' || !USER.test(check.user)))
    p.add(`${at}.user`, 'must be a user name such as "root" or "learner"');
  if (check.kind === 'process-nice' && !isInteger(check.atLeast, -20, 19))
    p.add(`${at}.atLeast`, 'must be an integer from -20 to 19');
}

function startingState(declaration: unknown): ProcessesState {
  const declared = declaration as ProcessDeclaration[];
  const taken = new Set(declared.map((process) => process.pid).filter((pid) => pid !== undefined));
  let next = FIRST_DECLARED_PID;
  const processes = declared.map((process): ProcessEntry => {
    let pid = process.pid;
    if (pid === undefined) {
      while (taken.has(next) || next === LOGIN_SHELL_PID) next += 1;
      pid = next;
      taken.add(next);
    }
    const cpu = process.cpu ?? 0;
    return {
      pid,
      ppid: 1,
      user: process.user ?? 'root',
      name: process.name ?? processNameOf(process.command),
      command: process.command,
      state: process.state ?? (cpu > 0 ? 'running' : 'sleeping'),
      nice: process.nice ?? 0,
      cpu,
      memory: Math.round((process.memory ?? 4) * 1024),
      startedAt: -Math.round((process.startedMinutesAgo ?? 90) * 60_000),
      ...(process.ignores?.length ? { ignores: [...process.ignores] } : {}),
    };
  });
  // The machine has been up a little longer than its oldest process.
  const bootedAt = Math.min(0, ...processes.map((process) => process.startedAt)) - 120_000;
  return {
    at: 0,
    bootedAt,
    nextPid: LOGIN_SHELL_PID + 1,
    processes: processes.sort((a, b) => a.pid - b.pid),
    ended: [],
  };
}

function entryProblem(entry: unknown, index: number): string | null {
  const at = `processes[${index}]`;
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return `${at}: not an object`;
  const e = entry as Record<string, unknown>;
  if (!isInteger(e.pid, 1, 4_194_304) || !isInteger(e.ppid, 0, 4_194_304)) return `${at}: bad process ID`;
  if (typeof e.user !== 'string' || !USER.test(e.user)) return `${at}.user: not a user name`;
  if (typeof e.name !== 'string' || e.name.length > PROCESS_LIMITS.name) return `${at}.name: not a process name`;
  if (typeof e.command !== 'string' || e.command.length > PROCESS_LIMITS.command)
    return `${at}.command: not a command line`;
  if (!RUN_STATES.includes(e.state as ProcessRunState)) return `${at}.state: not a process state`;
  if (!isInteger(e.nice, -20, 19) || !isNumber(e.cpu, 0, 100) || !isNumber(e.memory, 0, 1 << 30))
    return `${at}: bad figures`;
  if (!isNumber(e.startedAt, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)) return `${at}.startedAt: not a time`;
  if (e.endsAt !== undefined && !isNumber(e.endsAt, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER))
    return `${at}.endsAt: not a time`;
  if (e.stoppedAt !== undefined && !isNumber(e.stoppedAt, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER))
    return `${at}.stoppedAt: not a time`;
  if (e.status !== undefined && !isInteger(e.status, 0, 255)) return `${at}.status: not an exit status`;
  if (e.job !== undefined && !isInteger(e.job, 1, 1000)) return `${at}.job: not a job number`;
  if (e.nohup !== undefined && typeof e.nohup !== 'boolean') return `${at}.nohup: not true or false`;
  if (
    e.ignores !== undefined &&
    (!Array.isArray(e.ignores) ||
      e.ignores.some((signal) => !(IGNORABLE_SIGNALS as readonly unknown[]).includes(signal)))
  )
    return `${at}.ignores: not a list of signals`;
  return null;
}

function stateProblem(state: unknown): string | null {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) return 'not an object';
  const s = state as Record<string, unknown>;
  for (const field of ['at', 'bootedAt'] as const)
    if (!isNumber(s[field], -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)) return `${field}: not a time`;
  if (!isInteger(s.nextPid, 2, 4_194_304)) return 'nextPid: not a process ID';
  if (!Array.isArray(s.processes) || s.processes.length > PROCESS_LIMITS.processes)
    return `processes: not a list of at most ${PROCESS_LIMITS.processes}`;
  for (const [index, entry] of s.processes.entries()) {
    const problem = entryProblem(entry, index);
    if (problem) return problem;
  }
  if (!Array.isArray(s.ended) || s.ended.length > PROCESS_LIMITS.ended)
    return `ended: not a list of at most ${PROCESS_LIMITS.ended}`;
  for (const [index, job] of s.ended.entries()) {
    const j = job as Record<string, unknown> | null;
    if (
      typeof j !== 'object' ||
      j === null ||
      !isInteger(j.job, 1, 1000) ||
      !isInteger(j.pid, 1, 4_194_304) ||
      typeof j.command !== 'string' ||
      j.command.length > PROCESS_LIMITS.command ||
      typeof j.how !== 'string' ||
      j.how.length > 40 ||
      (j.mark !== undefined && !['+', '-', ' '].includes(j.mark as string))
    ) {
      return `ended[${index}]: not an ended job`;
    }
  }
  return null;
}

/** Whether `process` is still alive at `at` (a job that has run its time is over; a stopped one waits). */
export function isAlive(process: ProcessEntry, at: number): boolean {
  return process.state === 'stopped' || process.endsAt === undefined || process.endsAt > at;
}

/** Whether `process` is one `match` names. */
export function matchesProcess(process: ProcessEntry, match: ProcessMatch): boolean {
  if (match.name !== undefined && process.name !== match.name) return false;
  if (match.user !== undefined && process.user !== match.user) return false;
  if (match.command !== undefined) {
    const compiled = compileSafeRegex(match.command);
    if (!compiled.ok || compiled.regex.search(process.command) !== 'match') return false;
  }
  return true;
}

/** The check's processes in the learner's words: `backup.sh`, `a process matching "report"`, `learner's processes`. */
function described(match: ProcessMatch): string {
  const what = match.name ?? (match.command !== undefined ? `a process matching "${match.command}"` : 'a process');
  return match.user ? `${what} of ${match.user}` : what;
}

const listed = (processes: ProcessEntry[]) =>
  processes.map((process) => `${process.name} (PID ${process.pid}, ${process.state})`).join(', ');

function evaluate(check: Json & { kind: string }, state: unknown): MachineFinding {
  const s = state as ProcessesState | undefined;
  const alive = s ? s.processes.filter((process) => isAlive(process, s.at)) : [];
  if (check.kind === 'job-count') {
    const jobs = alive.filter(
      (process) =>
        process.job !== undefined &&
        (check.state === undefined || (check.state === 'stopped') === (process.state === 'stopped')),
    );
    const what = check.state ? `${check.state} job` : 'job';
    return {
      holds: jobs.length === check.count,
      saw: `your shell has ${jobs.length} ${what}${jobs.length === 1 ? '' : 's'}`,
    };
  }
  const match = check as ProcessMatch;
  const found = alive.filter((process) => matchesProcess(process, match));
  const who = described(match);
  switch (check.kind) {
    case 'process-running': {
      const running = found.filter((process) => process.state !== 'stopped');
      return { holds: running.length > 0, saw: found.length > 0 ? `${listed(found)}` : `no ${who} is running` };
    }
    case 'process-stopped': {
      const stopped = found.filter((process) => process.state === 'stopped');
      return { holds: stopped.length > 0, saw: found.length > 0 ? `${listed(found)}` : `no ${who} exists` };
    }
    case 'process-absent':
      return {
        holds: found.length === 0,
        saw: found.length > 0 ? `still there: ${listed(found)}` : `no ${who} is left`,
      };
    case 'process-nice': {
      const atLeast = check.atLeast as number;
      const holds = found.length > 0 && found.every((process) => process.nice >= atLeast);
      return {
        holds,
        saw:
          found.length > 0
            ? found.map((process) => `${process.name} (PID ${process.pid}) has niceness ${process.nice}`).join(', ')
            : `no ${who} is running`,
      };
    }
    default:
      return { holds: false, saw: `unknown check kind "${check.kind}"` };
  }
}

/** The processes part of the machine. */
export const processesPart: MachinePart = {
  key: 'processes',
  checkFields: {
    'process-running': MATCH_FIELDS,
    'process-stopped': MATCH_FIELDS,
    'process-absent': MATCH_FIELDS,
    'process-nice': [...MATCH_FIELDS, 'atLeast'],
    'job-count': ['count', 'state'],
  },
  declarationProblems,
  checkProblems,
  startingState,
  stateProblem,
  evaluate,
};
