import type { ProcessEntry } from '@lta/labs';
import { fail, ok, type LearnerCommand } from '../../commands/command.js';
import { cpuSeconds, HARDWARE, hundredthsTime, memoryPercent, uptimeLine, virtualKiB } from './figures.js';
import type { ProcessTable } from './process-table.js';

/** Memory the kernel and caches hold besides the processes (KiB), so the summary reads like a real machine's. */
const SYSTEM_KIB = 310_000;
const CACHE_KIB = 620_000;

const f1 = (n: number, width: number) => n.toFixed(1).padStart(width);

/** One `top -b` screen: the summary, then the processes by CPU share. */
function screen(table: ProcessTable, only: (process: ProcessEntry) => boolean): string {
  const now = table.clock.now();
  const processes = table.list();
  const running = processes.filter((process) => process.state === 'running').length;
  const stopped = processes.filter((process) => process.state === 'stopped').length;
  const busy = (nice: boolean) =>
    processes.reduce(
      (sum, process) => sum + (process.state !== 'stopped' && process.nice > 0 === nice ? process.cpu : 0),
      0,
    ) / HARDWARE.cpus;
  const user = Math.min(100, busy(false));
  const niced = Math.min(100 - user, busy(true));
  const used = SYSTEM_KIB + processes.reduce((sum, process) => sum + process.memory, 0);
  const mib = (kib: number) => kib / 1024;
  const lines = [
    `top - ${uptimeLine(now, table.bootTime, processes).trimStart()}`,
    `Tasks: ${String(processes.length + 1).padStart(3)} total, ${String(running + 1).padStart(3)} running, ${String(processes.length - running - stopped).padStart(3)} sleeping, ${String(stopped).padStart(3)} stopped,   0 zombie`,
    `%Cpu(s):${f1(user, 5)} us,  0.0 sy,${f1(niced, 5)} ni,${f1(100 - user - niced, 5)} id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st `,
    `MiB Mem : ${f1(mib(HARDWARE.memoryKiB), 8)} total, ${f1(mib(HARDWARE.memoryKiB - used - CACHE_KIB), 8)} free, ${f1(mib(used), 8)} used, ${f1(mib(CACHE_KIB), 8)} buff/cache     `,
    `MiB Swap: ${f1(0, 8)} total, ${f1(0, 8)} free, ${f1(0, 8)} used. ${f1(mib(HARDWARE.memoryKiB - used), 8)} avail Mem `,
    '',
    '  PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND',
  ];
  const shown = processes
    .filter(only)
    .sort((a, b) => (b.state === 'stopped' ? 0 : b.cpu) - (a.state === 'stopped' ? 0 : a.cpu) || a.pid - b.pid);
  for (const process of shown) {
    const state = process.state === 'stopped' ? 'T' : process.state === 'running' ? 'R' : 'S';
    const cpu = process.state === 'stopped' ? 0 : process.cpu;
    lines.push(
      `${String(process.pid).padStart(5)} ${process.user.padEnd(8).slice(0, 8)} ${String(20 + process.nice).padStart(3)} ${String(process.nice).padStart(3)} ${String(virtualKiB(process)).padStart(7)} ${String(process.memory).padStart(6)} ${String(Math.round(process.memory / 4)).padStart(6)} ${state} ${f1(cpu, 5)} ${f1(memoryPercent(process), 5)} ${hundredthsTime(cpuSeconds(process, now)).padStart(9)} ${process.name}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `top`: batch mode (`top -b -n 1`) as procps prints it. Without `-b` it prints the same screen once, since this
 * terminal has no full-screen `top` (see shell/README.md).
 */
function topCommand(table: ProcessTable): LearnerCommand {
  return {
    name: 'top',
    async execute(args, ctx) {
      let frames = 1;
      let delay = 3;
      let users: string[] | undefined;
      let pids: number[] | undefined;
      for (let i = 0; i < args.length; i++) {
        const arg = args[i]!;
        const value = () => (arg.length > 2 ? arg.slice(2) : (args[++i] ?? ''));
        if (/^-b+$/.test(arg) || arg === '-c') continue;
        if (/^-bn\d+$/.test(arg)) frames = Number(arg.slice(3));
        else if (arg.startsWith('-n')) frames = Number(value());
        else if (arg.startsWith('-d')) delay = Number(value());
        else if (arg.startsWith('-u') || arg.startsWith('-U')) users = [value()];
        else if (arg.startsWith('-p')) pids = value().split(',').map(Number);
        else
          return fail(
            `top: unknown option '${arg.replace(/^-/, '')[0] ?? arg}'\nUsage:\n  top -hv | -bcEeHiOSs1 -d secs -n max -u|U user -p pid(s) -o field -w [cols]\n`,
          );
        if (!Number.isFinite(frames) || frames < 1 || !Number.isFinite(delay) || delay < 0)
          return fail(`top: bad number of iterations or delay\n`);
      }
      const only = (process: ProcessEntry) =>
        (!users || users.includes(process.user)) && (!pids || pids.includes(process.pid));
      const output: string[] = [];
      for (let frame = 0; frame < Math.min(frames, 10); frame++) {
        if (frame > 0) await table.clock.sleep(delay * 1000, ctx.signal);
        if (ctx.signal?.aborted) break;
        output.push(screen(table, only));
      }
      return ok(output.join('\n'));
    },
  };
}

/** `uptime`: the time, how long the machine has been up, and the load average. */
function uptimeCommand(table: ProcessTable): LearnerCommand {
  return {
    name: 'uptime',
    async execute(args) {
      const now = table.clock.now();
      if (args[0] === '-p' || args[0] === '--pretty') {
        const minutes = Math.floor((now - table.bootTime) / 60_000);
        const parts = [
          [Math.floor(minutes / 1440), 'day'],
          [Math.floor((minutes % 1440) / 60), 'hour'],
          [minutes % 60, 'minute'],
        ].filter(([n]) => n !== 0) as [number, string][];
        return ok(`up ${parts.map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`).join(', ') || '0 minutes'}\n`);
      }
      if (args[0] === '-s' || args[0] === '--since') {
        const boot = new Date(table.bootTime);
        const two = (n: number) => String(n).padStart(2, '0');
        return ok(
          `${boot.getFullYear()}-${two(boot.getMonth() + 1)}-${two(boot.getDate())} ${two(boot.getHours())}:${two(boot.getMinutes())}:${two(boot.getSeconds())}\n`,
        );
      }
      if (args.length > 0)
        return fail(`uptime: invalid option -- '${args[0]!.replace(/^-+/, '')[0]}'\n\nUsage:\n uptime [options]\n`);
      return ok(`${uptimeLine(now, table.bootTime, table.list())}\n`);
    },
  };
}

/** `top` and `uptime`. */
export function monitorCommands(table: ProcessTable): LearnerCommand[] {
  return [topCommand(table), uptimeCommand(table)];
}
