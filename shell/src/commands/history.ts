import { fail, ok, type LearnerCommand, type ShellServices } from './command.js';

/** `history`: the session's numbered command lines, as bash prints them; `history -c` clears them. */
export function historyCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'history',
    async execute(args) {
      if (args[0] === '-c') {
        services.clearHistory();
        return ok();
      }
      const lines = services.history();
      const count = args[0] === undefined ? lines.length : Number(args[0]);
      if (!Number.isInteger(count) || count < 0) return fail(`bash: history: ${args[0]}: numeric argument required\n`);
      const first = Math.max(0, lines.length - count);
      return ok(
        lines
          .slice(first)
          .map((line, i) => `${String(first + i + 1).padStart(5)}  ${line}\n`)
          .join(''),
      );
    },
  };
}
