import { fail, ok, type LearnerCommand } from './command.js';
import { trapVariable } from '../internal-names.js';

/** Linux's signals by number, as bash's `kill -l` names them (32 and 33 belong to the C library). */
const SIGNALS = new Map<number, string>([
  ...['HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM', 'TERM', 'STKFLT', 'CHLD', 'CONT', 'STOP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'XCPU', 'XFSZ', 'VTALRM', 'PROF', 'WINCH', 'IO', 'PWR', 'SYS'].map(
    (name, index): [number, string] => [index + 1, name],
  ),
  ...Array.from({ length: 31 }, (_, index): [number, string] => {
    const number = 34 + index;
    return [number, number <= 49 ? `RTMIN${number === 34 ? '' : `+${number - 34}`}` : `RTMAX${number === 64 ? '' : `-${64 - number}`}`];
  }),
]);

/** `kill -l`: five to a row, as bash prints them (the last row ends in a tab). */
function signalTable(): string {
  const cells = [...SIGNALS].map(([number, name]) => `${String(number).padStart(2)}) SIG${name}`);
  const rows: string[] = [];
  for (let i = 0; i < cells.length; i += 5) rows.push(cells.slice(i, i + 5).join('\t'));
  return `${rows.join('\n')}\t\n`;
}

/** A signal named by number, `TERM`, `SIGTERM` or `term`; undefined for none. */
function signalNumber(spec: string): number | undefined {
  if (/^\d+$/.test(spec)) return SIGNALS.has(Number(spec)) || Number(spec) === 0 ? Number(spec) : undefined;
  const name = spec.toUpperCase().replace(/^SIG/, '');
  for (const [number, known] of SIGNALS) if (known === name) return number;
  return undefined;
}

const USAGE = 'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n';

/**
 * `kill`: the terminal's commands all finish before the next prompt (`cmd &` too), so no job or process of the
 * learner is ever left to signal; it answers as bash does when there is none, and lists signals (`kill -l`).
 */
const killCommand: LearnerCommand = {
  name: 'kill',
  async execute(args) {
    if (args.length === 0) return fail(USAGE, 2);
    if (args[0] === '-l' || args[0] === '-L') {
      if (args.length === 1) return ok(signalTable());
      let stdout = '';
      for (const spec of args.slice(1)) {
        const number = signalNumber(spec.replace(/^(\d+)$/, (n) => String(Number(n) > 128 ? Number(n) - 128 : n)));
        if (number === undefined) return fail(`bash: kill: ${spec}: invalid signal specification\n`, 1, stdout);
        stdout += /^\d+$/.test(spec) ? `${SIGNALS.get(number)}\n` : `${number}\n`;
      }
      return ok(stdout);
    }
    let targets = args;
    const first = args[0]!;
    if (first === '-s' || first === '-n') {
      if (args.length < 2) return fail(`bash: kill: ${first}: option requires an argument\n`);
      if (signalNumber(args[1]!) === undefined) return fail(`bash: kill: ${args[1]}: invalid signal specification\n`);
      targets = args.slice(2);
    } else if (first.startsWith('-') && !/^-\d+$/.test(first) ? signalNumber(first.slice(1)) === undefined : false) {
      return fail(`bash: kill: ${first.slice(1)}: invalid signal specification\n`);
    } else if (first.startsWith('-')) targets = args.slice(1);
    if (targets.length === 0) return fail(USAGE, 2);
    let stderr = '';
    for (const target of targets) {
      if (target.startsWith('%')) stderr += `bash: kill: ${target}: no such job\n`;
      else if (/^-?\d+$/.test(target)) stderr += `bash: kill: (${target}) - No such process\n`;
      else stderr += `bash: kill: ${target}: arguments must be process or job IDs\n`;
    }
    return fail(stderr);
  },
};

/** `fg` and `bg`: no job is ever stopped or running in the background at the prompt (see `kill`). */
const resumeCommand = (name: 'fg' | 'bg'): LearnerCommand => ({
  name,
  async execute(args) {
    return fail(`bash: ${name}: ${args[0] ?? 'current'}: no such job\n`);
  },
});

/** `jobs`: lists nothing, since every job has finished by the time the prompt returns. */
const jobsCommand: LearnerCommand = {
  name: 'jobs',
  async execute(args) {
    const spec = args.find((arg) => !arg.startsWith('-'));
    return spec ? fail(`bash: jobs: ${spec}: no such job\n`) : ok();
  },
};

/** The name `trap` stores and lists a trap under (`EXIT`, `ERR`, `INT`, ...); undefined for an unknown signal. */
function trapName(spec: string): string | undefined {
  const upper = spec.toUpperCase().replace(/^SIG/, '');
  if (spec === '0' || upper === 'EXIT') return 'EXIT';
  if (upper === 'ERR' || upper === 'DEBUG' || upper === 'RETURN') return upper;
  const number = signalNumber(spec);
  return number === undefined || number === 0 ? undefined : SIGNALS.get(number);
}

/** Traps in the order bash lists them: EXIT, the signals by number, then ERR. */
const TRAP_ORDER = ['EXIT', ...SIGNALS.values(), 'ERR'];
const quoted = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

/**
 * `trap`: sets, resets (`trap - EXIT`) and lists (`trap`, `trap -p`) traps. The EXIT and ERR traps fire
 * (`traps.ts`); a signal's trap is kept and listed, and could only fire for a signal, which nothing here sends.
 * DEBUG and RETURN are refused, so that no learner waits for a trap that never runs.
 */
const trapCommand: LearnerCommand = {
  name: 'trap',
  async execute(args, ctx) {
    if (args[0] === '-l') return ok(signalTable());
    const listing = args.length === 0 || args[0] === '-p';
    const operands = args[0] === '--' || args[0] === '-p' ? args.slice(1) : args;
    if (listing) {
      const names = operands.length > 0 ? operands.map(trapName) : TRAP_ORDER;
      const stdout = names.map((name) => (name && ctx.env.get(trapVariable(name)) ? `trap -- ${quoted(ctx.env.get(trapVariable(name))!)} ${name === 'EXIT' || name === 'ERR' ? name : `SIG${name}`}\n` : '')).join('');
      return ok(stdout);
    }
    // `trap SIG` alone, like `trap - SIG`, resets it.
    const [action, ...signals] = operands.length === 1 ? ['-', ...operands] : operands;
    let stderr = '';
    for (const spec of signals) {
      const name = trapName(spec);
      if (name === undefined) stderr += `bash: trap: ${spec}: invalid signal specification\n`;
      else if ((name === 'DEBUG' || name === 'RETURN') && action !== '-') stderr += `bash: trap: ${name}: not supported in this terminal\n`;
      else await ctx.assignShellVariable?.(trapVariable(name), action === '-' ? '' : action!);
    }
    return stderr ? fail(stderr) : ok();
  },
};

export const jobControlCommands: LearnerCommand[] = [trapCommand, killCommand, resumeCommand('fg'), resumeCommand('bg'), jobsCommand];
