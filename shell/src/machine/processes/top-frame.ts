import type { ProcessEntry } from '@lta/labs';
import { cpuSeconds, HARDWARE, hundredthsTime, memoryPercent, uptimeLine, virtualKiB } from './figures.js';
import type { ProcessTable } from './process-table.js';

/** Memory the kernel and caches hold besides the processes (KiB), so the summary reads like a real machine's. */
const SYSTEM_KIB = 310_000;
const CACHE_KIB = 620_000;

/** The column `top` sorts its processes by: %CPU (its default, `P`) or %MEM (`M`). */
export type TopSort = 'cpu' | 'memory';

/** The processes' column headings, as procps top 3.3 prints them. */
export const TOP_HEADER = '  PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND';

const f1 = (n: number, width: number) => n.toFixed(1).padStart(width);
const cpuOf = (process: ProcessEntry) => (process.state === 'stopped' ? 0 : process.cpu);

/**
 * The summary at the top of a `top` screen: time and load, tasks, CPU states (one line for all CPUs, or one per CPU
 * with `perCpu`, top's `1`), memory and swap.
 */
export function summaryLines(table: ProcessTable, processes: ProcessEntry[], now: number, perCpu = false): string[] {
  const running = processes.filter((process) => process.state === 'running').length;
  const stopped = processes.filter((process) => process.state === 'stopped').length;
  const busy = (nice: boolean) =>
    processes.reduce((sum, process) => sum + (process.nice > 0 === nice ? cpuOf(process) : 0), 0) / HARDWARE.cpus;
  const user = Math.min(100, busy(false));
  const niced = Math.min(100 - user, busy(true));
  const used = SYSTEM_KIB + processes.reduce((sum, process) => sum + process.memory, 0);
  const mib = (kib: number) => kib / 1024;
  const states = `${f1(user, 5)} us,  0.0 sy,${f1(niced, 5)} ni,${f1(100 - user - niced, 5)} id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st `;
  // The simulated load is spread evenly: each CPU shows the machine's shares.
  const cpuLines = perCpu
    ? Array.from({ length: HARDWARE.cpus }, (_, cpu) => `%Cpu${cpu}`.padEnd(7) + `:${states}`)
    : [`%Cpu(s):${states}`];
  return [
    `top - ${uptimeLine(now, table.bootTime, processes).trimStart()}`,
    `Tasks: ${String(processes.length + 1).padStart(3)} total, ${String(running + 1).padStart(3)} running, ${String(processes.length - running - stopped).padStart(3)} sleeping, ${String(stopped).padStart(3)} stopped,   0 zombie`,
    ...cpuLines,
    `MiB Mem : ${f1(mib(HARDWARE.memoryKiB), 8)} total, ${f1(mib(HARDWARE.memoryKiB - used - CACHE_KIB), 8)} free, ${f1(mib(used), 8)} used, ${f1(mib(CACHE_KIB), 8)} buff/cache     `,
    `MiB Swap: ${f1(0, 8)} total, ${f1(0, 8)} free, ${f1(0, 8)} used. ${f1(mib(HARDWARE.memoryKiB - used), 8)} avail Mem `,
  ];
}

/** The processes in `sort`'s order (ties by process ID). */
export function sortedProcesses(processes: readonly ProcessEntry[], sort: TopSort): ProcessEntry[] {
  const key = sort === 'cpu' ? cpuOf : (process: ProcessEntry) => process.memory;
  return [...processes].sort((a, b) => key(b) - key(a) || a.pid - b.pid);
}

/** One process's row under `TOP_HEADER`. */
export function processLine(process: ProcessEntry, now: number): string {
  const state = process.state === 'stopped' ? 'T' : process.state === 'running' ? 'R' : 'S';
  return `${String(process.pid).padStart(5)} ${process.user.padEnd(8).slice(0, 8)} ${String(20 + process.nice).padStart(3)} ${String(process.nice).padStart(3)} ${String(virtualKiB(process)).padStart(7)} ${String(process.memory).padStart(6)} ${String(Math.round(process.memory / 4)).padStart(6)} ${state} ${f1(cpuOf(process), 5)} ${f1(memoryPercent(process), 5)} ${hundredthsTime(cpuSeconds(process, now)).padStart(9)} ${process.name}`;
}
