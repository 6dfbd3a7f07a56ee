import type { ProcessEntry } from '@lta/labs';
import { fail, ok, type LearnerCommand, type ShellServices } from '../../commands/command.js';
import { terminalScreen } from '../../commands/terminal-screen.js';
import { uptimeLine } from './figures.js';
import { processLine, sortedProcesses, summaryLines, TOP_HEADER } from './top-frame.js';
import type { ProcessTable } from './process-table.js';

/** One `top -b` screen: the summary, then the processes by CPU share. */
function batchScreen(table: ProcessTable, only: (process: ProcessEntry) => boolean): string {
  const processes = table.list();
  const now = table.clock.now();
  const rows = sortedProcesses(processes.filter(only), 'cpu').map((process) => processLine(process, now));
  return `${[...summaryLines(table, processes, now), '', TOP_HEADER, ...rows].join('\n')}\n`;
}

/**
 * `top`: on the terminal, the full screen refreshed every 3 s (`-d`) with its keys (`top-screen.ts`, loaded on first
 * use); in batch mode (`-b`), with a number of frames (`-n`), in a pipe or without a terminal, the frames printed as
 * procps prints them (`top -b -n 1`).
 */
function topCommand(table: ProcessTable, services: ShellServices): LearnerCommand {
  return {
    name: 'top',
    async execute(args, ctx) {
      let frames: number | undefined;
      let batch = false;
      let delay = 3;
      let users: string[] | undefined;
      let pids: number[] | undefined;
      for (let i = 0; i < args.length; i++) {
        const arg = args[i]!;
        const value = () => (arg.length > 2 ? arg.slice(2) : (args[++i] ?? ''));
        if (arg === '-c') continue;
        if (/^-b+$/.test(arg)) batch = true;
        else if (/^-bn\d+$/.test(arg)) [batch, frames] = [true, Number(arg.slice(3))];
        else if (arg.startsWith('-n')) frames = Number(value());
        else if (arg.startsWith('-d')) delay = Number(value());
        else if (arg.startsWith('-u') || arg.startsWith('-U')) users = [value()];
        else if (arg.startsWith('-p')) pids = value().split(',').map(Number);
        else
          return fail(
            `top: unknown option '${arg.replace(/^-/, '')[0] ?? arg}'\nUsage:\n  top -hv | -bcEeHiOSs1 -d secs -n max -u|U user -p pid(s) -o field -w [cols]\n`,
          );
        if ((frames !== undefined && !(frames >= 1)) || !Number.isFinite(delay) || delay < 0)
          return fail(`top: bad number of iterations or delay\n`);
      }
      const only = (process: ProcessEntry) =>
        (!users || users.includes(process.user)) && (!pids || pids.includes(process.pid));
      const screen = terminalScreen(ctx, services);
      if (screen && !batch && frames === undefined) {
        const { TopScreen } = await import('./top-screen.js');
        const running = new TopScreen(table, only, delay);
        await screen(running);
        if (!running.done) running.hangUp();
        return ok();
      }
      const output: string[] = [];
      for (let frame = 0; frame < Math.min(frames ?? 1, 10); frame++) {
        if (frame > 0) await table.clock.sleep(delay * 1000, ctx.signal);
        if (ctx.signal?.aborted) break;
        output.push(batchScreen(table, only));
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
export function monitorCommands(table: ProcessTable, services: ShellServices): LearnerCommand[] {
  return [topCommand(table, services), uptimeCommand(table)];
}
