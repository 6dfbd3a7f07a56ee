import type { ExecResult } from 'just-bash';
import { fail, ok, type LearnerCommand, type ShellServices } from '../../commands/command.js';
import { NOHUP_TERMINAL_MARKER } from '../../internal-names.js';
import { shellQuote } from '../../text.js';
import type { ProcessTable } from './process-table.js';

type Context = Parameters<LearnerCommand['execute']>[1];

/** Runs `words` as a command in the caller's directory (what `nice` and `nohup` start). */
function run(words: string[], ctx: Context): Promise<ExecResult> {
  if (!ctx.exec) return Promise.resolve(fail('cannot run commands here\n', 126));
  return ctx.exec(words.map(shellQuote).join(' '), { cwd: ctx.cwd });
}

/** `nice [-n N | -N] COMMAND...`: runs a command with a niceness raised by N (10 by default); alone, prints it. */
function niceCommand(table: ProcessTable): LearnerCommand {
  return {
    name: 'nice',
    async execute(args, ctx) {
      let adjustment = 10;
      let rest = args;
      if (args[0] === '-n' || args[0] === '--adjustment') {
        adjustment = Number(args[1]);
        rest = args.slice(2);
      } else if (/^--adjustment=/.test(args[0] ?? '')) {
        adjustment = Number(args[0]!.slice(13));
        rest = args.slice(1);
      } else if (/^-n?-?\d+$/.test(args[0] ?? '')) {
        adjustment = Number(args[0]!.replace(/^-n?/, ''));
        rest = args.slice(1);
      }
      if (!Number.isInteger(adjustment)) return fail(`nice: invalid adjustment '${args[1] ?? args[0]}'\n`, 125);
      const job = table.recordingJob;
      const current = job?.nice ?? 0;
      if (rest.length === 0) return ok(`${current}\n`);
      let stderr = '';
      let next = Math.max(-20, Math.min(19, current + adjustment));
      // Only root may make a process more favoured; GNU nice says so and runs the command as it is.
      if (next < current) {
        stderr = 'nice: cannot set niceness: Permission denied\n';
        next = current;
      }
      if (job) table.renice(job, next);
      const result = await run(rest, ctx);
      return { ...result, stderr: stderr + result.stderr };
    },
  };
}

/** `renice [-n] N [-p] PID... | -u USER`: changes running processes' niceness; only root may lower it. */
function reniceCommand(table: ProcessTable): LearnerCommand {
  return {
    name: 'renice',
    async execute(args) {
      const words = args[0] === '-n' || args[0] === '--priority' ? args.slice(1) : args;
      const priority = Number(words[0]);
      if (words.length === 0 || !/^[+-]?\d+$/.test(words[0] ?? ''))
        return fail(`renice: invalid priority '${words[0] ?? ''}'\nTry 'renice --help' for more information.\n`);
      let stdout = '';
      let stderr = '';
      let kind: 'pid' | 'user' = 'pid';
      const targets: { pid: number; label: string }[] = [];
      for (const word of words.slice(1)) {
        if (word === '-p' || word === '--pid') kind = 'pid';
        else if (word === '-u' || word === '--user') kind = 'user';
        else if (kind === 'user')
          for (const process of table.list().filter((candidate) => candidate.user === word))
            targets.push({ pid: process.pid, label: `${process.pid} (process ID)` });
        else if (/^\d+$/.test(word)) targets.push({ pid: Number(word), label: `${word} (process ID)` });
        else stderr += `renice: failed to parse pid '${word}'\n`;
      }
      if (targets.length === 0 && !stderr)
        return fail(`renice: no process specified\nTry 'renice --help' for more information.\n`);
      for (const { pid, label } of targets) {
        const process = table.find(pid);
        const next = Math.max(-20, Math.min(19, priority));
        if (!process) stderr += `renice: failed to get priority for ${label}: No such process\n`;
        else if (process.user !== table.learner)
          stderr += `renice: failed to set priority for ${label}: Operation not permitted\n`;
        else if (next < process.nice) stderr += `renice: failed to set priority for ${label}: Permission denied\n`;
        else {
          stdout += `${label} old priority ${process.nice}, new priority ${next}\n`;
          table.renice(process, next);
        }
      }
      return { stdout, stderr, exitCode: stderr ? 1 : 0 };
    },
  };
}

/**
 * `nohup COMMAND...`: runs a command that will outlive the terminal; with its output on the terminal (marked by
 * the background-jobs transform), the output is appended to `nohup.out` instead.
 */
function nohupCommand(table: ProcessTable, services: ShellServices): LearnerCommand {
  return {
    name: 'nohup',
    async execute(args, ctx) {
      if (args.length === 0) return fail(`nohup: missing operand\nTry 'nohup --help' for more information.\n`, 125);
      const job = table.recordingJob;
      if (job) job.nohup = true;
      if (ctx.env.get(NOHUP_TERMINAL_MARKER) !== '1') {
        const result = await run(args, ctx);
        return { ...result, stderr: `nohup: ignoring input\n${result.stderr}` };
      }
      const path = services.fs.resolvePath(ctx.cwd, 'nohup.out');
      try {
        await services.fs.appendFile(path, '');
      } catch {
        return fail(`nohup: ignoring input\nnohup: failed to open 'nohup.out': Permission denied\n`, 125);
      }
      const notice = "nohup: ignoring input and appending output to 'nohup.out'\n";
      const result = await run(args, ctx);
      await services.fs.appendFile(path, result.stdout + result.stderr);
      return { stdout: '', stderr: notice, exitCode: result.exitCode };
    },
  };
}

/** `nice`, `renice`, `nohup`. */
export function priorityCommands(table: ProcessTable, services: ShellServices): LearnerCommand[] {
  return [niceCommand(table), reniceCommand(table), nohupCommand(table, services)];
}
