import type { ProcessEntry } from '@lta/labs';
import { fail, ok, type LearnerCommand } from '../../commands/command.js';
import { signalNumber, signalTable, SIGNALS } from '../../commands/signals.js';
import { jobOf } from './job-control.js';
import type { ProcessTable } from './process-table.js';

const KILL_USAGE = 'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n';
const TERM = 15;

/** `kill -l [SIGSPEC...]`: the table, or names for numbers and numbers for names. */
function listSignals(specs: string[]) {
  if (specs.length === 0) return ok(signalTable());
  let stdout = '';
  for (const spec of specs) {
    const number = signalNumber(spec.replace(/^(\d+)$/, (n) => String(Number(n) > 128 ? Number(n) - 128 : n)));
    if (number === undefined) return fail(`bash: kill: ${spec}: invalid signal specification\n`, 1, stdout);
    stdout += /^\d+$/.test(spec) ? `${SIGNALS.get(number)}\n` : `${number}\n`;
  }
  return ok(stdout);
}

/** `kill [-SIGNAL | -s SIGNAL | -n NUMBER] PID|%JOB...`: bash's builtin, on the machine's process table. */
function killCommand(table: ProcessTable): LearnerCommand {
  return {
    name: 'kill',
    async execute(args) {
      if (args.length === 0) return fail(KILL_USAGE, 2);
      if (args[0] === '-l' || args[0] === '-L') return listSignals(args.slice(1));
      let signal = TERM;
      let targets = args;
      const first = args[0]!;
      if (first === '-s' || first === '-n') {
        if (args.length < 2) return fail(`bash: kill: ${first}: option requires an argument\n`);
        const number = signalNumber(args[1]!);
        if (number === undefined) return fail(`bash: kill: ${args[1]}: invalid signal specification\n`);
        signal = number;
        targets = args.slice(2);
      } else if (first === '--') {
        targets = args.slice(1);
      } else if (first.startsWith('-') && first.length > 1) {
        const number = signalNumber(first.slice(1));
        if (number === undefined) return fail(`bash: kill: ${first.slice(1)}: invalid signal specification\n`);
        signal = number;
        targets = args.slice(1);
      }
      if (targets.length === 0) return fail(KILL_USAGE, 2);
      let stderr = '';
      for (const target of targets) {
        let pid: number;
        if (target.startsWith('%')) {
          const job = jobOf(table, target);
          if (!job) {
            stderr += `bash: kill: ${target}: no such job\n`;
            continue;
          }
          pid = job.pid;
        } else if (/^\d+$/.test(target)) pid = Number(target);
        else {
          stderr += `bash: kill: ${target}: arguments must be process or job IDs\n`;
          continue;
        }
        const outcome = table.signal(pid, signal);
        if (outcome === 'no-such-process') stderr += `bash: kill: (${pid}) - No such process\n`;
        else if (outcome === 'not-permitted') stderr += `bash: kill: (${pid}) - Operation not permitted\n`;
      }
      return stderr ? fail(stderr) : ok();
    },
  };
}

/** What `pgrep` and `pkill` were asked to match. */
interface Selection {
  pattern?: RegExp;
  full: boolean;
  users?: string[];
  newest: boolean;
  oldest: boolean;
  signal: number;
  /** pgrep's output: `-l` name, `-a` command line, `-c` count, `-d` delimiter. */
  list: boolean;
  all: boolean;
  count: boolean;
  delimiter: string;
}

/** Parses pgrep/pkill's options, or says what is wrong as procps does. */
function selection(name: 'pgrep' | 'pkill', args: string[]): Selection | string {
  const chosen: Selection = {
    full: false,
    newest: false,
    oldest: false,
    signal: TERM,
    list: false,
    all: false,
    count: false,
    delimiter: '\n',
  };
  let exact = false;
  let pattern: string | undefined;
  // Short options may come together (`-fa`), unless the word is pkill's signal (`-KILL`, `-9`).
  args = args.flatMap((arg) =>
    /^-[flxnocau]{2,}$/.test(arg) && !(name === 'pkill' && signalNumber(arg.slice(1)) !== undefined)
      ? [...arg.slice(1)].map((letter) => `-${letter}`)
      : [arg],
  );
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = () => args[++i];
    if (arg === '-f' || arg === '--full') chosen.full = true;
    else if (arg === '-x' || arg === '--exact') exact = true;
    else if (arg === '-n' || arg === '--newest') chosen.newest = true;
    else if (arg === '-o' || arg === '--oldest') chosen.oldest = true;
    else if (arg === '-u' || arg === '-U' || arg === '--euid' || arg === '--uid')
      chosen.users = (value() ?? '').split(',');
    else if (arg.startsWith('-u') && arg.length > 2) chosen.users = arg.slice(2).split(',');
    else if (name === 'pgrep' && (arg === '-l' || arg === '--list-name')) chosen.list = true;
    else if (name === 'pgrep' && (arg === '-a' || arg === '--list-full')) chosen.all = true;
    else if (arg === '-c' || arg === '--count') chosen.count = true;
    else if (name === 'pgrep' && (arg === '-d' || arg === '--delimiter')) chosen.delimiter = value() ?? '\n';
    else if (name === 'pkill' && arg === '--signal') {
      const number = signalNumber(value() ?? '');
      if (number === undefined) return `pkill: invalid argument for option 's'`;
      chosen.signal = number;
    } else if (name === 'pkill' && /^-\w+$/.test(arg) && signalNumber(arg.slice(1)) !== undefined)
      chosen.signal = signalNumber(arg.slice(1))!;
    else if (arg.startsWith('-') && arg.length > 1)
      return `${name}: invalid option -- '${arg.replace(/^-+/, '')[0]}'\nUsage:\n ${name} [options] <pattern>\n\nFor more details see ${name}(1).`;
    else if (pattern === undefined) pattern = arg;
    else
      return `${name}: only one pattern can be provided\nUsage:\n ${name} [options] <pattern>\n\nFor more details see ${name}(1).`;
  }
  if (pattern === undefined && !chosen.users)
    return `${name}: no matching criteria specified\nTry \`${name} --help' for more information.`;
  if (pattern !== undefined) {
    try {
      chosen.pattern = new RegExp(exact ? `^(?:${pattern})$` : pattern);
    } catch {
      return `${name}: regular expression: invalid pattern`;
    }
  }
  return chosen;
}

/** The processes a selection names, itself left out as procps does. */
function selected(table: ProcessTable, chosen: Selection): ProcessEntry[] {
  let found = table
    .list()
    .filter(
      (process) =>
        (!chosen.pattern || chosen.pattern.test(chosen.full ? process.command : process.name)) &&
        (!chosen.users || chosen.users.includes(process.user)),
    );
  const byStart = [...found].sort((a, b) => a.startedAt - b.startedAt || a.pid - b.pid);
  if (chosen.newest) found = byStart.slice(-1);
  if (chosen.oldest) found = byStart.slice(0, 1);
  return found;
}

/** `pgrep [-f] [-x] [-l|-a] [-c] [-u USER] [-n|-o] PATTERN`: process IDs whose name (or command line) matches. */
function pgrepCommand(table: ProcessTable): LearnerCommand {
  return {
    name: 'pgrep',
    async execute(args) {
      const chosen = selection('pgrep', args);
      if (typeof chosen === 'string') return fail(`${chosen}\n`, 2);
      const found = selected(table, chosen);
      if (chosen.count) return { stdout: `${found.length}\n`, stderr: '', exitCode: found.length > 0 ? 0 : 1 };
      const lines = found.map((process) =>
        chosen.all
          ? `${process.pid} ${process.command}`
          : chosen.list
            ? `${process.pid} ${process.name}`
            : String(process.pid),
      );
      return {
        stdout: lines.length > 0 ? `${lines.join(chosen.delimiter)}\n` : '',
        stderr: '',
        exitCode: found.length > 0 ? 0 : 1,
      };
    },
  };
}

/** `pkill [-SIGNAL] [-f] [-x] [-u USER] PATTERN`: signals every process whose name (or command line) matches. */
function pkillCommand(table: ProcessTable): LearnerCommand {
  return {
    name: 'pkill',
    async execute(args) {
      const chosen = selection('pkill', args);
      if (typeof chosen === 'string') return fail(`${chosen}\n`, 2);
      const found = selected(table, chosen).filter((process) => process.pid !== table.shellPid);
      let stderr = '';
      let sent = 0;
      for (const process of found) {
        if (table.signal(process.pid, chosen.signal) === 'sent') sent += 1;
        else stderr += `pkill: killing pid ${process.pid} failed: Operation not permitted\n`;
      }
      if (chosen.count) return { stdout: `${sent}\n`, stderr, exitCode: found.length > 0 ? 0 : 1 };
      return { stdout: '', stderr, exitCode: found.length === 0 ? 1 : sent === 0 ? 3 : 0 };
    },
  };
}

/** `kill`, `pgrep`, `pkill`. */
export function signallingCommands(table: ProcessTable): LearnerCommand[] {
  return [killCommand(table), pgrepCommand(table), pkillCommand(table)];
}
