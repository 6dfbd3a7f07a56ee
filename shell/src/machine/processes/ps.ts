import type { ProcessEntry } from '@lta/labs';
import { fail, ok, type LearnerCommand } from '../../commands/command.js';
import { LEARNER } from '../../filesystem/layout.js';
import {
  clockTime,
  cpuSeconds,
  elapsedTime,
  memoryPercent,
  minutesTime,
  startTime,
  statOf,
  ttyOf,
  virtualKiB,
} from './figures.js';
import type { ProcessTable } from './process-table.js';

/** What a column shows of one process, given the time and whether it is `ps` itself. */
interface Row {
  process: ProcessEntry;
  now: number;
  self: boolean;
  shellPid: number;
}

interface Column {
  header: string;
  /** Width of the column; negative: left-aligned. The last column is never padded. */
  width: number;
  value(row: Row): string;
  /** The number it sorts by, when it is not its text. */
  order?(row: Row): number;
}

const cpuPercent = ({ process, now }: Row) => {
  const elapsed = (now - process.startedAt) / 1000;
  return elapsed > 0 ? (cpuSeconds(process, now) * 100) / elapsed : 0;
};

const COLUMNS: Record<string, Column> = {
  pid: { header: 'PID', width: 5, value: (r) => String(r.process.pid), order: (r) => r.process.pid },
  ppid: { header: 'PPID', width: 5, value: (r) => String(r.process.ppid), order: (r) => r.process.ppid },
  user: { header: 'USER', width: -8, value: (r) => r.process.user },
  uid: {
    header: 'UID',
    width: 5,
    value: (r) => String(r.process.user === 'root' ? 0 : r.process.user === LEARNER.name ? LEARNER.uid : 1001),
  },
  comm: { header: 'COMMAND', width: -15, value: (r) => r.process.name },
  args: { header: 'COMMAND', width: -27, value: (r) => r.process.command },
  ni: { header: 'NI', width: 3, value: (r) => String(r.process.nice), order: (r) => r.process.nice },
  stat: {
    header: 'STAT',
    width: -4,
    value: (r) => statOf(r.process, r.shellPid, r.self || r.process.pid === r.shellPid),
  },
  s: { header: 'S', width: 1, value: (r) => statOf(r.process, r.shellPid, false)[0]! },
  pcpu: { header: '%CPU', width: 4, value: (r) => cpuPercent(r).toFixed(1), order: cpuPercent },
  pmem: { header: '%MEM', width: 4, value: (r) => memoryPercent(r.process).toFixed(1), order: (r) => r.process.memory },
  rss: { header: 'RSS', width: 5, value: (r) => String(r.process.memory), order: (r) => r.process.memory },
  vsz: { header: 'VSZ', width: 6, value: (r) => String(virtualKiB(r.process)), order: (r) => virtualKiB(r.process) },
  tty: { header: 'TT', width: -8, value: (r) => ttyOf(r.process, r.shellPid) },
  time: {
    header: 'TIME',
    width: 8,
    value: (r) => clockTime(Math.floor(cpuSeconds(r.process, r.now))),
    order: (r) => cpuSeconds(r.process, r.now),
  },
  etime: {
    header: 'ELAPSED',
    width: 11,
    value: (r) => elapsedTime(Math.floor((r.now - r.process.startedAt) / 1000)),
    order: (r) => r.now - r.process.startedAt,
  },
  start: {
    header: 'STARTED',
    width: 8,
    value: (r) => startTime(r.process.startedAt, r.now),
    order: (r) => r.process.startedAt,
  },
};

/** Other names procps accepts for the same columns. */
const ALIASES: Record<string, string> = {
  '%cpu': 'pcpu',
  '%mem': 'pmem',
  cmd: 'args',
  command: 'args',
  nice: 'ni',
  euser: 'user',
  uname: 'user',
  state: 's',
  tname: 'tty',
  tt: 'tty',
  cputime: 'time',
  stime: 'start',
  lstart: 'start',
  euid: 'uid',
  ucmd: 'comm',
  ucomm: 'comm',
};

/** A column with its header as asked (`pid=` for none, `pid=ID` renamed). */
interface Chosen {
  column: Column;
  header: string;
}

/** The default formats: `ps`, `ps -f`, `ps u` (and `aux`). */
const FORMATS = {
  plain: ['pid', 'tty:TTY', 'time', 'comm:CMD'],
  full: ['user:UID', 'pid', 'ppid', 'c', 'shortstart:STIME', 'tty:TTY', 'time', 'args:CMD'],
  user: ['user', 'pid', 'pcpu', 'pmem', 'vsz', 'rss', 'tty:TTY', 'stat', 'shortstart:START', 'bsdtime', 'args'],
};

/** Columns only the built-in formats use. */
const FORMAT_ONLY: Record<string, Column> = {
  c: { header: 'C', width: 2, value: (r) => String(Math.floor(cpuPercent(r))) },
  bsdtime: { header: 'TIME', width: 6, value: (r) => minutesTime(Math.floor(cpuSeconds(r.process, r.now))) },
  shortstart: { header: 'START', width: 5, value: (r) => startTime(r.process.startedAt, r.now) },
};

function columnOf(spec: string): Chosen | string {
  const [key = '', ...rename] = spec.split(/[:=]/);
  const name = ALIASES[key.toLowerCase()] ?? key.toLowerCase();
  const column = COLUMNS[name] ?? FORMAT_ONLY[name];
  if (!column) return `error: unknown user-defined format specifier "${key}"`;
  return { column, header: spec.includes('=') || spec.includes(':') ? rename.join('=') : column.header };
}

const PS_USAGE = `\nUsage:\n ps [options]\n\n Try 'ps --help <simple|list|output|threads|misc|all>'\n  or 'ps --help <s|l|o|t|m|a>'\n for additional help text.\n\nFor more details see ps(1).\n`;

/** What `ps` was asked for. */
interface Request {
  every: boolean;
  /** BSD `x`: the learner's processes without a terminal too. */
  withoutTerminal: boolean;
  /** BSD `a`: other users' processes with a terminal. */
  allUsers: boolean;
  users?: string[];
  pids?: number[];
  names?: string[];
  format: string[];
  sort: string[];
  headers: boolean;
}

function parse(args: string[]): Request | string {
  const request: Request = {
    every: false,
    withoutTerminal: false,
    allUsers: false,
    format: [],
    sort: [],
    headers: true,
  };
  let style: keyof typeof FORMATS = 'plain';
  const list = (value: string | undefined) => (value ?? '').split(/[,\s]+/).filter(Boolean);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = () => args[++i];
    if (arg.startsWith('--sort')) request.sort.push(...list(arg.includes('=') ? arg.slice(7) : value()));
    else if (arg === '--no-headers' || arg === '--no-heading') request.headers = false;
    else if (arg.startsWith('--format') || arg === '-o' || arg.startsWith('-o'))
      request.format.push(
        ...list(
          arg.includes('=')
            ? arg.slice(arg.indexOf('=') + 1)
            : arg.length > 2 && arg.startsWith('-o')
              ? arg.slice(2)
              : value(),
        ),
      );
    else if (arg.startsWith('--')) return `error: unknown gnu long option${PS_USAGE}`;
    else if (arg.startsWith('-')) {
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j]!;
        const rest = arg.slice(j + 1);
        const take = () => (rest ? rest : value());
        if (letter === 'e' || letter === 'A') request.every = true;
        else if (letter === 'f') style = 'full';
        else if (letter === 'o') {
          request.format.push(...list(take()));
          break;
        } else if (letter === 'u' || letter === 'U') {
          request.users = [...(request.users ?? []), ...list(take())];
          break;
        } else if (letter === 'p') {
          request.pids = [...(request.pids ?? []), ...list(take()).map(Number)];
          break;
        } else if (letter === 'C') {
          request.names = [...(request.names ?? []), ...list(take())];
          break;
        } else if (letter === 'a' && arg === '-aux') {
          request.every = true;
          style = 'user';
          break;
        } else return `error: unsupported SysV option${PS_USAGE}`;
      }
    } else if (/^[auxwf]+$/.test(arg)) {
      if (arg.includes('a')) request.allUsers = true;
      if (arg.includes('x')) request.withoutTerminal = true;
      if (arg.includes('u')) style = 'user';
    } else if (/^\d+$/.test(arg)) request.pids = [...(request.pids ?? []), Number(arg)];
    else return `error: unsupported option (BSD syntax)${PS_USAGE}`;
  }
  if (request.format.length === 0) request.format = FORMATS[style];
  return request;
}

function chooses(request: Request, process: ProcessEntry, shellPid: number): boolean {
  if (request.pids || request.users || request.names) {
    return (
      (request.pids?.includes(process.pid) ?? false) ||
      (request.users?.includes(process.user) ?? false) ||
      (request.names?.includes(process.name) ?? false)
    );
  }
  if (request.every || (request.allUsers && request.withoutTerminal)) return true;
  const onTerminal = ttyOf(process, shellPid) !== '?';
  if (request.withoutTerminal) return process.user === LEARNER.name;
  if (request.allUsers) return onTerminal;
  return onTerminal && process.user === LEARNER.name;
}

const pad = (text: string, width: number, last: boolean) =>
  last ? text : width < 0 ? text.padEnd(-width) : text.padStart(width);

/** `ps`: the process table in procps's formats (`ps`, `ps aux`, `ps -ef`, `ps -o ...`, `-u`, `-p`, `-C`, `--sort`). */
export function psCommand(table: ProcessTable): LearnerCommand {
  return {
    name: 'ps',
    async execute(args) {
      const request = parse(args);
      if (typeof request === 'string') return fail(request);
      const chosen: Chosen[] = [];
      for (const spec of request.format) {
        const column = columnOf(spec);
        if (typeof column === 'string') return fail(`${column}${PS_USAGE}`);
        chosen.push(column);
      }
      const now = table.clock.now();
      const self: ProcessEntry = {
        pid: table.takePid(),
        ppid: table.shellPid,
        user: LEARNER.name,
        name: 'ps',
        command: ['ps', ...args].join(' '),
        state: 'running',
        nice: 0,
        cpu: 0,
        memory: 4_096,
        startedAt: now,
      };
      const shellPid = table.shellPid;
      let rows: Row[] = [...table.list(), self]
        .filter((process) => chooses(request, process, shellPid))
        .map((process) => ({ process, now, self: process === self, shellPid }));
      for (const key of [...request.sort].reverse()) {
        const descending = key.startsWith('-');
        const column = columnOf(key.replace(/^[-+]/, ''));
        if (typeof column === 'string') return fail(`error: unknown sort specifier${PS_USAGE}`);
        const order = column.column.order;
        rows = [...rows].sort((a, b) => {
          const difference = order ? order(a) - order(b) : column.column.value(a).localeCompare(column.column.value(b));
          return descending ? -difference : difference;
        });
      }
      const line = (cells: string[]) =>
        `${cells.map((cell, i) => pad(cell, chosen[i]!.column.width, i === cells.length - 1)).join(' ')}\n`;
      const header = request.headers && chosen.some((c) => c.header !== '') ? line(chosen.map((c) => c.header)) : '';
      const body = rows.map((row) => line(chosen.map((c) => c.column.value(row)))).join('');
      return rows.length > 0 ? ok(header + body) : fail('', 1, header);
    },
  };
}
