import type { Bash } from 'just-bash';
import { MAX_RECORDED_COMMANDS, MAX_VISITED_DIRS, printed, recordsFromHistory, type CommandRecord } from '@lta/labs';
import { INTERNAL_PREFIX, MACHINE_BOOT_COMMAND } from '../internal-names.js';

/**
 * Most characters of arguments kept per record (`ls *` in a big directory, a long `echo`): a check compares names,
 * options and paths, never whole texts, and the saved state stays small.
 */
const MAX_ARGS_LENGTH = 400;

/** The first arguments, up to `MAX_ARGS_LENGTH` characters in all. */
function kept(args: string[]): string[] {
  const out: string[] = [];
  let budget = MAX_ARGS_LENGTH;
  for (const arg of args) {
    if (budget <= 0) break;
    out.push(arg.slice(0, budget));
    budget -= arg.length;
  }
  return out;
}

type Execute = (args: string[], ctx: { cwd: string }) => Promise<{ exitCode: number; stdout?: string }>;

/**
 * What the learner's commands did, for the `ran` and `visited` checks: every command that ran (name, arguments as
 * it received them, directory, exit status), typed or inside a pipeline, function or script, and every directory
 * the shell was in after a line. Judging this instead of the typed text means `echo grep -n`, `# grep`, `man grep`
 * or a failing `grep` on a missing file never count as having searched.
 */
export class CommandLog {
  readonly commands: CommandRecord[];
  readonly visited: string[];
  /** Index in the history of the line running now. */
  line = 0;
  /** True while the machine finishes its boot (`MACHINE_BOOT_COMMAND`): nothing it runs is recorded. */
  private booting = false;

  constructor(saved?: { commands?: CommandRecord[]; visited?: string[]; history: string[]; home: string }) {
    // A state saved before commands were recorded keeps its progress through records guessed from its history.
    this.commands = saved ? [...(saved.commands ?? recordsFromHistory(saved.history, saved.home))] : [];
    this.visited = [...(saved?.visited ?? [])];
  }

  /**
   * Wraps every command `bash` knows so that each run is recorded. Our own helpers (`lta-*`) are left out: the
   * learner never typed them.
   */
  watch(bash: Bash): void {
    // just-bash keeps its commands in a map of entries it calls `execute` on; there is no public hook per command.
    const commands = (bash as unknown as { commands: Map<string, { execute: Execute }> }).commands;
    for (const [name, entry] of commands) {
      const execute = entry.execute;
      if (name === MACHINE_BOOT_COMMAND) {
        // What the machine runs as it boots (a service's script) is not the learner's doing either.
        entry.execute = async (args, ctx) => {
          this.booting = true;
          try {
            return await execute(args, ctx);
          } finally {
            this.booting = false;
          }
        };
      }
      if (name.startsWith(INTERNAL_PREFIX)) continue;
      entry.execute = async (args, ctx) => {
        const result = await execute(args, ctx);
        if (this.booting) return result;
        this.add({
          name,
          args: kept(args),
          cwd: ctx.cwd,
          status: result.exitCode,
          line: this.line,
          out: printed(result.stdout ?? ''),
        });
        return result;
      };
    }
  }

  /**
   * Notes a file written by the line running now (a redirection, `tee`): the latest command of the line that printed
   * exactly what was written is marked as having written into it, so a `ran` check can tell a file a tool wrote from
   * one typed in by hand.
   */
  wrote(path: string, content: string): void {
    const written = printed(content);
    for (let i = this.commands.length - 1; i >= 0; i--) {
      const record = this.commands[i]!;
      if (record.line !== this.line) return;
      if (record.out === written) {
        record.into = path;
        return;
      }
    }
  }

  /** Notes the directory the shell is in after a line. */
  visit(dir: string): void {
    if (this.visited.includes(dir)) return;
    this.visited.push(dir);
    if (this.visited.length > MAX_VISITED_DIRS) this.visited.shift();
  }

  private add(record: CommandRecord): void {
    this.commands.push(record);
    if (this.commands.length > MAX_RECORDED_COMMANDS) this.commands.shift();
  }
}
