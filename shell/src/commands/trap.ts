import { fail, ok, type LearnerCommand } from './command.js';
import { trapVariable } from '../internal-names.js';
import { SIGNALS, signalNumber, signalTable } from './signals.js';
import { shellQuote } from '../text.js';

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

/**
 * `trap`: sets, resets (`trap - EXIT`) and lists (`trap`, `trap -p`) traps. The EXIT and ERR traps fire
 * (`traps.ts`); a signal's trap is kept and listed, and could only fire for a signal, which nothing here sends.
 * DEBUG and RETURN are refused, so that no learner waits for a trap that never runs.
 */
export const trapCommand: LearnerCommand = {
  name: 'trap',
  async execute(args, ctx) {
    if (args[0] === '-l') return ok(signalTable());
    const listing = args.length === 0 || args[0] === '-p';
    const operands = args[0] === '--' || args[0] === '-p' ? args.slice(1) : args;
    if (listing) {
      const names = operands.length > 0 ? operands.map(trapName) : TRAP_ORDER;
      const stdout = names
        .map((name) =>
          name && ctx.env.get(trapVariable(name))
            ? `trap -- ${shellQuote(ctx.env.get(trapVariable(name))!)} ${name === 'EXIT' || name === 'ERR' ? name : `SIG${name}`}\n`
            : '',
        )
        .join('');
      return ok(stdout);
    }
    // `trap SIG` alone, like `trap - SIG`, resets it.
    const [action, ...signals] = operands.length === 1 ? ['-', ...operands] : operands;
    let stderr = '';
    for (const spec of signals) {
      const name = trapName(spec);
      if (name === undefined) stderr += `bash: trap: ${spec}: invalid signal specification\n`;
      else if ((name === 'DEBUG' || name === 'RETURN') && action !== '-')
        stderr += `bash: trap: ${name}: not supported in this terminal\n`;
      else await ctx.assignShellVariable?.(trapVariable(name), action === '-' ? '' : action!);
    }
    return stderr ? fail(stderr) : ok();
  },
};
