import type { ProcessEntry } from '@lta/labs';
import type { ExecResult } from 'just-bash';
import { fail, ok, type LearnerCommand, type ShellServices } from '../../commands/command.js';
import { JOB_END_COMMAND, JOB_START_COMMAND, LAST_JOB_VARIABLE } from '../../internal-names.js';
import { jobLine, type ProcessTable } from './process-table.js';

/** Time kept back from the line's budget when waiting for a job, so that the wait ends before the line's deadline. */
const BUDGET_MARGIN_MS = 250;

/** The job a jobspec names (`%1`, `%+`, `%%`, `%-`, `%sleep`, `%?300`), or undefined. */
export function jobOf(table: ProcessTable, spec: string): ProcessEntry | undefined {
  const jobs = table.jobs();
  const body = spec.replace(/^%/, '');
  if (body === '' || body === '+' || body === '%') return jobs.find((job) => job.job === table.currentJob());
  if (body === '-') return jobs.find((job) => job.job === table.currentJob(true));
  if (/^\d+$/.test(body)) return jobs.find((job) => job.job === Number(body));
  if (body.startsWith('?')) return jobs.find((job) => job.command.includes(body.slice(1)));
  return jobs.find((job) => job.command.startsWith(body));
}

/** `lta-job-start AT_PROMPT TEXT`: a job starts; at the prompt bash says `[1] 1234`. */
function jobStartCommand(table: ProcessTable): LearnerCommand {
  return {
    name: JOB_START_COMMAND,
    async execute(args, ctx) {
      const atPrompt = args[0] === '1';
      const process = table.start(args[1] ?? '', { job: atPrompt });
      if (!process) return fail('bash: fork: retry: Resource temporarily unavailable\n');
      await ctx.assignShellVariable?.(LAST_JOB_VARIABLE, String(process.pid));
      table.record(process);
      return { stdout: '', stderr: atPrompt ? `[${process.job}] ${process.pid}\n` : '', exitCode: 0 };
    },
  };
}

/** `lta-job-end STATUS`: the job's commands have run. */
function jobEndCommand(table: ProcessTable): LearnerCommand {
  return {
    name: JOB_END_COMMAND,
    async execute(args) {
      table.endRecording(Number(args[0]) || 0);
      return ok();
    },
  };
}

/** `jobs [-l] [-p] [-r] [-s] [JOBSPEC...]`. */
function jobsCommand(table: ProcessTable): LearnerCommand {
  return {
    name: 'jobs',
    async execute(args) {
      const options = args.filter((arg) => /^-[lprs]+$/.test(arg)).join('');
      const specs = args.filter((arg) => !arg.startsWith('-'));
      const bad = args.find((arg) => arg.startsWith('-') && !/^-[lprs]+$/.test(arg));
      if (bad)
        return fail(
          `bash: jobs: ${bad}: invalid option\njobs: usage: jobs [-lnprs] [jobspec ...] or jobs -x command [args]\n`,
          2,
        );
      let stderr = '';
      let listed = table.jobs();
      if (specs.length > 0) {
        listed = [];
        for (const spec of specs) {
          const job = jobOf(table, spec);
          if (job) listed.push(job);
          else stderr += `bash: jobs: ${spec}: no such job\n`;
        }
      }
      if (options.includes('r')) listed = listed.filter((job) => job.state !== 'stopped');
      if (options.includes('s')) listed = listed.filter((job) => job.state === 'stopped');
      let stdout = options.includes('p')
        ? listed.map((job) => `${job.pid}\n`).join('')
        : listed
            .map((job) =>
              jobLine(
                job.job!,
                table.markOf(job.job!),
                job.state === 'stopped' ? 'Stopped' : 'Running',
                job.command,
                options.includes('l') ? job.pid : undefined,
              ),
            )
            .join('');
      // Jobs that ended since the last prompt are listed here once, instead of before the next prompt.
      if (specs.length === 0 && !options.includes('p')) stdout = table.notices() + stdout;
      return { stdout, stderr, exitCode: stderr ? 1 : 0 };
    },
  };
}

/**
 * Waits for `process` to end, as `fg` and `wait` do: within what is left of the line's time budget, cut short by
 * Ctrl-C. Returns its exit status, 130 for Ctrl-C, or undefined when the budget ran out first. However the wait
 * ends, the clock's sleep ends with it: `nohup sleep 600 & wait` must not leave a 600 s timer behind the line.
 */
async function waitFor(
  table: ProcessTable,
  process: ProcessEntry,
  ctx: Parameters<LearnerCommand['execute']>[1],
  services: ShellServices,
): Promise<number | undefined> {
  const left = (process.endsAt ?? Number.POSITIVE_INFINITY) - table.clock.now();
  // The budget is real time (the line's deadline); the job's time is the machine's, which a test may move at once.
  const budget = Math.max(0, services.timeLeft() - BUDGET_MARGIN_MS);
  const done = new AbortController();
  const sleeping = ctx.signal ? AbortSignal.any([ctx.signal, done.signal]) : done.signal;
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    table.clock.sleep(Math.min(left, 2 ** 31 - 1), sleeping),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, budget))),
  ]);
  clearTimeout(timer);
  done.abort();
  if (ctx.signal?.aborted) {
    table.remove(process, 'Interrupt', false);
    return 130;
  }
  if (table.find(process.pid)) return undefined;
  return process.status ?? 0;
}

const TOO_LONG = (name: string, job: ProcessEntry) =>
  `bash: ${name}: ${job.command}: still running when this terminal's time for one command line ran out; it goes on in the background\n`;

/** `fg [JOBSPEC]`: brings a job to the foreground (continuing it if stopped) and waits for it. */
function fgCommand(table: ProcessTable, services: ShellServices): LearnerCommand {
  return {
    name: 'fg',
    async execute(args, ctx) {
      const spec = args[0] ?? '%+';
      const job = jobOf(table, spec);
      if (!job) return fail(`bash: fg: ${args[0] ?? 'current'}: no such job\n`);
      table.resume(job);
      const shown = `${job.command}\n`;
      const status = await waitFor(table, job, ctx, services);
      if (status === undefined) return fail(TOO_LONG('fg', job), 1, shown);
      table.forget(job);
      return { stdout: shown, stderr: '', exitCode: status };
    },
  };
}

/** `bg [JOBSPEC]`: continues a stopped job in the background. */
function bgCommand(table: ProcessTable): LearnerCommand {
  return {
    name: 'bg',
    async execute(args) {
      const job = jobOf(table, args[0] ?? '%+');
      if (!job) return fail(`bash: bg: ${args[0] ?? 'current'}: no such job\n`);
      if (job.state !== 'stopped') return fail(`bash: bg: job ${job.job} already in background\n`, 0);
      table.resume(job);
      return ok(`[${job.job}]${table.markOf(job.job!)} ${job.command} &\n`);
    },
  };
}

/** The exit status bash gives a job that ended as `how` (`Done` 0, `Exit 3` 3, `Killed` 137, `Terminated` 143). */
function statusOf(how: string): number {
  const signalled: Record<string, number> = { Hangup: 129, Interrupt: 130, Quit: 131, Killed: 137, Terminated: 143 };
  return how.startsWith('Exit ') ? Number(how.slice(5)) : (signalled[how] ?? 0);
}

/** `wait [-n] [ID...]`: waits for the named jobs or processes (all of the learner's by default) to end. */
function waitCommand(table: ProcessTable, services: ShellServices): LearnerCommand {
  return {
    name: 'wait',
    async execute(args, ctx): Promise<ExecResult> {
      const any = args[0] === '-n';
      const ids = args.filter((arg) => arg !== '-n');
      let stderr = '';
      let status = 0;
      const targets: ProcessEntry[] = [];
      for (const id of ids) {
        const process = id.startsWith('%') ? jobOf(table, id) : /^\d+$/.test(id) ? table.find(Number(id)) : undefined;
        const ended = table.endedJob(id);
        if (process && process.ppid === table.shellPid) targets.push(process);
        else if (ended) status = statusOf(ended.how);
        else if (id.startsWith('%') || /^\d+$/.test(id)) {
          stderr += id.startsWith('%')
            ? `bash: wait: ${id}: no such job\n`
            : `bash: wait: pid ${id} is not a child of this shell\n`;
          status = 127;
        } else return fail(`bash: wait: \`${id}': not a pid or valid job spec\n`, 2);
      }
      if (ids.length === 0)
        targets.push(
          ...table.list().filter((process) => process.ppid === table.shellPid && process.state !== 'stopped'),
        );
      const order = [...targets].sort((a, b) => (a.endsAt ?? Infinity) - (b.endsAt ?? Infinity));
      for (const process of any ? order.slice(0, 1) : order) {
        const ended = await waitFor(table, process, ctx, services);
        if (ended === undefined) return fail(stderr + TOO_LONG('wait', process), 1);
        if (ended === 130) return { stdout: '', stderr, exitCode: 130 };
        table.forget(process);
        if (ids.length > 0 || any) status = ended;
      }
      return { stdout: '', stderr, exitCode: status };
    },
  };
}

/** `jobs`, `fg`, `bg`, `wait`, and the internal commands that start and end background jobs. */
export function jobCommands(table: ProcessTable, services: ShellServices): LearnerCommand[] {
  return [
    jobStartCommand(table),
    jobEndCommand(table),
    jobsCommand(table),
    fgCommand(table, services),
    bgCommand(table),
    waitCommand(table, services),
  ];
}
