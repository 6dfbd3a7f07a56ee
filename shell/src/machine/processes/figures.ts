import type { ProcessEntry } from '@lta/labs';

/**
 * The figures `ps`, `top` and `uptime` show, derived from the table so that they agree with each other and stay
 * consistent over time: a process's CPU time is its CPU share times how long it has run (not while stopped).
 */

/** The simulated machine's processors and memory. */
export const HARDWARE = { cpus: 2, memoryKiB: 4_026_532 } as const;

/** Seconds of CPU a process has used by `now`. */
export function cpuSeconds(process: ProcessEntry, now: number): number {
  const until = process.state === 'stopped' && process.stoppedAt !== undefined ? process.stoppedAt : now;
  return Math.max(0, ((process.cpu / 100) * (until - process.startedAt)) / 1000);
}

/** Its virtual memory size in KiB: a program maps about three times what it keeps resident. */
export const virtualKiB = (process: ProcessEntry): number => Math.round(process.memory * 3 + 2_304);

/** Share of the machine's memory it keeps resident, in percent. */
export const memoryPercent = (process: ProcessEntry): number => (process.memory * 100) / HARDWARE.memoryKiB;

/** The terminal a process belongs to: the learner's shell and what it started have `pts/0`; daemons none. */
export const ttyOf = (process: ProcessEntry, shellPid: number): string =>
  process.pid === shellPid || process.ppid === shellPid ? 'pts/0' : '?';

/** `ps`'s STAT: R, S or T, then `<` (favoured), `N` (nice), `s` (session leader), `+` (foreground). */
export function statOf(process: ProcessEntry, shellPid: number, foreground: boolean): string {
  const state = process.state === 'stopped' ? 'T' : process.state === 'running' ? 'R' : 'S';
  return `${state}${process.nice < 0 ? '<' : process.nice > 0 ? 'N' : ''}${process.pid === shellPid ? 's' : ''}${foreground ? '+' : ''}`;
}

const two = (n: number) => String(Math.floor(n)).padStart(2, '0');

/** `[DD-]HH:MM:SS`: `ps`'s TIME. */
export function clockTime(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const rest = seconds % 86_400;
  return `${days > 0 ? `${days}-` : ''}${two(rest / 3600)}:${two((rest % 3600) / 60)}:${two(rest % 60)}`;
}

/** `M:SS`: `ps u`'s TIME. */
export const minutesTime = (seconds: number): string => `${Math.floor(seconds / 60)}:${two(seconds % 60)}`;

/** `M:SS.hh`: `top`'s TIME+. */
export const hundredthsTime = (seconds: number): string =>
  `${Math.floor(seconds / 60)}:${two(seconds % 60)}.${two((seconds * 100) % 100)}`;

/** `[[DD-]HH:]MM:SS`: `ps -o etime`. */
export function elapsedTime(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const head = days > 0 ? `${days}-${two(hours)}:` : hours > 0 ? `${two(hours)}:` : '';
  return `${head}${two((seconds % 3600) / 60)}:${two(seconds % 60)}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `ps`'s START and STIME: `HH:MM` within the last day, else `MonDD`. */
export function startTime(startedAt: number, now: number): string {
  const date = new Date(startedAt);
  if (now - startedAt < 86_400_000) return `${two(date.getHours())}:${two(date.getMinutes())}`;
  return `${MONTHS[date.getMonth()]}${two(date.getDate())}`;
}

/** The load average: the processes wanting a CPU, which is steady here, so the same over 1, 5 and 15 minutes. */
export function loadAverage(processes: ProcessEntry[]): string {
  const load = processes.reduce((sum, process) => sum + (process.state === 'stopped' ? 0 : process.cpu / 100), 0);
  return `${load.toFixed(2)}, ${load.toFixed(2)}, ${load.toFixed(2)}`;
}

/** `uptime`'s first line: ` 17:32:41 up  9:07,  1 user,  load average: 0.99, 0.99, 0.99`. */
export function uptimeLine(now: number, bootedAt: number, processes: ProcessEntry[]): string {
  const date = new Date(now);
  const minutes = Math.floor((now - bootedAt) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const clock = hours > 0 ? `${String(hours).padStart(2)}:${two(minutes % 60)}` : `${minutes % 60} min`;
  const up = `${days > 0 ? `${days} day${days === 1 ? '' : 's'}, ` : ''}${clock}`;
  return ` ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())} up ${up},  1 user,  load average: ${loadAverage(processes)}`;
}
