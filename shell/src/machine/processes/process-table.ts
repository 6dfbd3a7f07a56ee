import {
  isAlive,
  LOGIN_SHELL_PID,
  PROCESS_LIMITS,
  processNameOf,
  type EndedJob,
  type ProcessEntry,
  type ProcessesState,
} from '@lta/labs';
import { LEARNER } from '../../filesystem/layout.js';
import type { MachineClock } from '../clock.js';
import { signalName } from '../../commands/signals.js';

/** Memory a learner's job holds (KiB): a small program such as `sleep`. */
const JOB_MEMORY = 1_024;
/** How long the machine has been up when a lab declares no process: a freshly started container. */
const FRESH_UPTIME = 3 * 60_000;

/** How many reported jobs' statuses `wait PID` still finds. */
const REMEMBERED_STATUSES = 32;

/** What `kill` gets from the table: done, or the errno Linux would give. */
export type SignalOutcome = 'sent' | 'no-such-process' | 'not-permitted';

/** The login shell as `ps` lists it. */
export const LOGIN_SHELL: Omit<ProcessEntry, 'startedAt'> = {
  pid: LOGIN_SHELL_PID,
  ppid: LOGIN_SHELL_PID - 1,
  user: LEARNER.name,
  name: 'bash',
  command: '-bash',
  state: 'sleeping',
  nice: 0,
  cpu: 0,
  memory: 5_120,
};

/**
 * The machine's process table: the lab's daemons, the learner's jobs and processes a script left behind, on the
 * machine's clock. A job ends by itself when its simulated time is up (`endsAt`); a signal ends, stops or resumes a
 * process at once. Jobs that ended wait in `ended` until a prompt reports them, as bash's notices do.
 */
export class ProcessTable {
  private processes: ProcessEntry[];
  private ended: EndedJob[];
  private nextPid: number;
  private readonly bootedAt: number;
  private readonly startedAt: number;
  /** Whether the lab declared processes or the learner has changed the table: only then is there a state to keep. */
  private touched: boolean;
  /** Job numbers in the order they became current: the last is `%+`, the one before `%-`. */
  private recency: number[] = [];
  /** Jobs already reported, whose status `wait PID` still gives, as bash remembers its last children's. */
  private reported: EndedJob[] = [];
  /** The background jobs whose commands are running now (a job may start one), each with the time it slept. */
  private recording: { process: ProcessEntry; slept: number }[] = [];

  constructor(
    saved: ProcessesState | undefined,
    readonly clock: MachineClock,
  ) {
    const now = clock.now();
    // A saved or declared table resumes as it was: its times move with the clock, as if the machine had paused.
    const shift = saved ? now - saved.at : 0;
    this.processes = (saved?.processes ?? []).map((process) => ({
      ...process,
      startedAt: process.startedAt + shift,
      ...(process.endsAt !== undefined ? { endsAt: process.endsAt + shift } : {}),
      ...(process.stoppedAt !== undefined ? { stoppedAt: process.stoppedAt + shift } : {}),
    }));
    this.ended = [...(saved?.ended ?? [])];
    this.nextPid = saved?.nextPid ?? LOGIN_SHELL_PID + 1;
    this.bootedAt = saved ? saved.bootedAt + shift : now - FRESH_UPTIME;
    this.startedAt = now;
    this.touched = saved !== undefined;
    this.recency = this.processes.filter((process) => process.job !== undefined).map((process) => process.job!);
  }

  /** When the machine booted. */
  get bootTime(): number {
    return this.bootedAt;
  }

  /** Every live process, the login shell first, by process ID; jobs whose time is up are reaped first. */
  list(): ProcessEntry[] {
    this.reap();
    return [{ ...LOGIN_SHELL, startedAt: this.startedAt }, ...this.processes].sort((a, b) => a.pid - b.pid);
  }

  /** The live process with this ID. */
  find(pid: number): ProcessEntry | undefined {
    return this.list().find((process) => process.pid === pid);
  }

  /** A new process ID, as each program started takes one (`ps` lists itself with one). */
  takePid(): number {
    const pid = this.nextPid;
    this.nextPid = pid >= 32_767 ? LOGIN_SHELL_PID + 1 : pid + 1;
    return pid;
  }

  /**
   * Starts a process of the learner's: a job at the prompt (`job` true: it gets a job number and notices) or a
   * process a script left running. It runs until `end` sets how long it took.
   */
  start(command: string, options: { job: boolean; nohup?: boolean; nice?: number }): ProcessEntry | undefined {
    this.reap();
    if (this.processes.length >= PROCESS_LIMITS.processes) return undefined;
    this.touched = true;
    const job = options.job ? Math.max(0, ...this.processes.map((process) => process.job ?? 0)) + 1 : undefined;
    const entry: ProcessEntry = {
      pid: this.takePid(),
      ppid: LOGIN_SHELL_PID,
      user: LEARNER.name,
      name: processNameOf(command.replace(/^(nohup|nice(\s+-n\s*-?\d+|\s+-\d+)?)\s+/, '')),
      command: command.slice(0, PROCESS_LIMITS.command),
      state: 'sleeping',
      nice: options.nice ?? 0,
      cpu: 0,
      memory: JOB_MEMORY,
      startedAt: this.clock.now(),
      // Running until its commands have run and told how long they took.
      endsAt: Number.MAX_SAFE_INTEGER,
      ...(job !== undefined ? { job } : {}),
      ...(options.nohup ? { nohup: true } : {}),
    };
    this.processes.push(entry);
    if (job !== undefined) this.makeCurrent(job);
    return entry;
  }

  /** Runs `process`'s commands now: the time their sleeps would wait becomes the time it runs on for. */
  record(process: ProcessEntry): void {
    this.recording.push({ process, slept: 0 });
    this.clock.divert = (ms) => {
      this.recording[this.recording.length - 1]!.slept += ms;
    };
  }

  /** The background job whose commands are running now (`nice` and `nohup` inside it mark it). */
  get recordingJob(): ProcessEntry | undefined {
    return this.recording[this.recording.length - 1]?.process;
  }

  /** The recorded job's commands have run: it stays alive for the time they slept, then exits with `status`. */
  endRecording(status: number): void {
    const done = this.recording.pop();
    if (this.recording.length === 0) this.clock.divert = undefined;
    if (!done) return;
    done.process.endsAt = done.process.startedAt + done.slept;
    if (status !== 0) done.process.status = status;
  }

  /**
   * The line has ended: a job whose commands the line cut short (Ctrl-C, a limit) runs on until signalled. Returns
   * bash's notices for the prompt.
   */
  lineEnded(): string {
    for (const { process } of this.recording) delete process.endsAt;
    this.recording = [];
    this.clock.divert = undefined;
    return this.notices();
  }

  /** The learner's jobs still alive, by job number. */
  jobs(): ProcessEntry[] {
    this.reap();
    return this.processes.filter((process) => process.job !== undefined).sort((a, b) => a.job! - b.job!);
  }

  /** `+` for the current job, `-` for the previous one, else a space (bash's marks in `jobs`). */
  markOf(job: number): string {
    const live = this.liveRecency();
    if (live[live.length - 1] === job) return '+';
    if (live[live.length - 2] === job) return '-';
    return ' ';
  }

  /** The current (`%+`) or previous (`%-`) job's number. */
  currentJob(previous = false): number | undefined {
    const live = this.liveRecency();
    return live[live.length - (previous ? 2 : 1)];
  }

  /** `recency` without the jobs that have ended (no reaping: `remove` asks while reaping). */
  private liveRecency(): number[] {
    return this.recency.filter((number) => this.processes.some((process) => process.job === number));
  }

  private makeCurrent(job: number): void {
    this.recency = [...this.recency.filter((number) => number !== job), job];
  }

  /**
   * Sends `signal` (a number) to a process as the learner: only their own processes; KILL ends any, TERM/INT/HUP/...
   * end one unless it ignores them, STOP/TSTP stop it, CONT resumes it, 0 only checks it exists.
   */
  signal(pid: number, signal: number): SignalOutcome {
    const process = this.list().find((candidate) => candidate.pid === pid);
    if (!process) return 'no-such-process';
    if (process.user !== LEARNER.name) return 'not-permitted';
    if (signal === 0) return 'sent';
    this.touched = true;
    const name = signalName(signal);
    if (name === 'STOP' || name === 'TSTP' || name === 'TTIN' || name === 'TTOU') {
      if (process.pid !== LOGIN_SHELL_PID && process.state !== 'stopped') this.stop(process);
    } else if (name === 'CONT') {
      if (process.state === 'stopped') this.resume(process);
    } else if (process.pid === LOGIN_SHELL_PID) {
      // The learner's own shell: an interactive bash ignores TERM and INT; anything stronger would end the session,
      // which this terminal never does.
    } else if (name === 'KILL' || !(process.ignores as string[] | undefined)?.includes(name ?? '')) {
      if (['CHLD', 'URG', 'WINCH'].includes(name ?? '')) return 'sent';
      this.remove(process, name === 'KILL' ? 'Killed' : bashSignalWords(name ?? String(signal)));
    }
    return 'sent';
  }

  /** Stops a process (its time stands still until it is continued). */
  stop(process: ProcessEntry): void {
    process.state = 'stopped';
    process.stoppedAt = this.clock.now();
    if (process.job !== undefined) {
      this.makeCurrent(process.job);
      this.notify(process, 'Stopped', '+');
    }
  }

  /** Continues a stopped process where it left off. */
  resume(process: ProcessEntry): void {
    if (process.state !== 'stopped') return;
    process.state = process.cpu > 0 ? 'running' : 'sleeping';
    if (process.endsAt !== undefined && process.stoppedAt !== undefined)
      process.endsAt += this.clock.now() - process.stoppedAt;
    delete process.stoppedAt;
  }

  /** Sets a process's niceness. */
  renice(process: ProcessEntry, nice: number): void {
    this.touched = true;
    process.nice = Math.max(-20, Math.min(19, nice));
  }

  /** Ends a process now, reported at the next prompt as `how` if it was a job (`Terminated`, `Killed`, `Done`). */
  remove(process: ProcessEntry, how: string, report = true): void {
    // The mark the job had while it lived (`[2]-  Terminated`).
    const mark = process.job !== undefined ? this.markOf(process.job) : ' ';
    this.processes = this.processes.filter((candidate) => candidate.pid !== process.pid);
    if (process.job !== undefined && report) this.notify(process, how, mark);
  }

  /** Forgets a job the shell waited for in the foreground (`fg`, `wait`): bash reports no notice for it. */
  forget(process: ProcessEntry): void {
    this.remove(process, '', false);
    this.ended = this.ended.filter((job) => job.pid !== process.pid);
  }

  /** A job that ended and has not been reported yet, by `%N` or process ID. */
  endedJob(id: string): EndedJob | undefined {
    this.reap();
    if (id.startsWith('%')) return this.ended.find((job) => `%${job.job}` === id);
    return [...this.ended, ...this.reported].find((job) => String(job.pid) === id);
  }

  /** The learner's user name: the owner of the processes they may signal. */
  readonly learner = LEARNER.name;

  /** The login shell's process ID: the parent of the learner's jobs. */
  readonly shellPid = LOGIN_SHELL_PID;

  private notify(process: ProcessEntry, how: string, mark: string): void {
    this.ended = [
      ...this.ended.filter((notice) => notice.job !== process.job),
      { job: process.job!, pid: process.pid, command: process.command, how, mark },
    ].slice(-PROCESS_LIMITS.ended);
  }

  /** Moves the jobs whose time is up (and stopped ones never) out of the table, to be reported. */
  private reap(): void {
    const now = this.clock.now();
    for (const process of [...this.processes]) {
      if (isAlive(process, now)) continue;
      this.remove(process, process.status ? `Exit ${process.status}` : 'Done');
    }
  }

  /**
   * What bash says before the next prompt about jobs that changed since the last one (`[1]+  Done   sleep 3`), and
   * forgets them. `jobs` reports them itself (`take` with the job numbers it listed).
   */
  notices(take?: (job: EndedJob) => boolean): string {
    this.reap();
    const shown = this.ended.filter((job) => !take || take(job));
    this.ended = this.ended.filter((job) => !shown.includes(job));
    this.reported = [...this.reported, ...shown].slice(-REMEMBERED_STATUSES);
    return shown.map((job) => jobLine(job.job, job.mark ?? ' ', job.how, job.command)).join('');
  }

  /** The table as plain JSON for the snapshot, or undefined while it is as on a machine that declared nothing. */
  state(): ProcessesState | undefined {
    this.reap();
    if (!this.touched) return undefined;
    return {
      at: this.clock.now(),
      bootedAt: this.bootedAt,
      nextPid: this.nextPid,
      processes: this.processes.map((process) => ({ ...process })),
      ended: this.ended.map((job) => ({ ...job })),
    };
  }
}

/** How bash reports a job a signal ended: `Terminated`, `Hangup`, `Interrupt`, ... */
function bashSignalWords(name: string): string {
  const words: Record<string, string> = {
    TERM: 'Terminated',
    HUP: 'Hangup',
    INT: 'Interrupt',
    QUIT: 'Quit',
    USR1: 'User defined signal 1',
    USR2: 'User defined signal 2',
    ALRM: 'Alarm clock',
    PIPE: 'Broken pipe',
    ABRT: 'Aborted',
    SEGV: 'Segmentation fault',
  };
  return words[name] ?? name;
}

/** One line of `jobs` or of a notice: `[1]+  Running                 sleep 300 &`. */
export function jobLine(job: number, mark: string, status: string, command: string, pid?: number): string {
  const shown = status === 'Running' ? `${command} &` : command;
  return `[${job}]${mark} ${pid !== undefined ? `${pid} ` : ' '}${status.padEnd(24)}${shown}\n`;
}
