import type { CommandContext, ExecResult } from 'just-bash';
import type { LearnerCommand } from './command.js';
import { ORDERED_MARKER, TERMINAL_STDERR, TERMINAL_STDOUT } from '../internal-names.js';

/*
 * `ORDERED_MARKER` is set (`LTA_ORDERED=1 cat a nope b`) by `terminal-output.ts` on a command whose output and errors
 * both reach the terminal. just-bash writes a command's whole stdout, then its whole stderr; GNU tools write each
 * file's output and error as they come to it. A command seeing the marker writes its pieces to the terminal's devices
 * itself, in that order; anywhere else (a pipe, a file) it returns the two streams as usual.
 */

/** The commands that look at the marker (and are not shadowed by a function of the same name). */
export const ORDERED_COMMANDS: ReadonlySet<string> = new Set(['cat', 'find', 'grep', 'head', 'ls', 'tail', 'wc']);

/** What a command wrote, in order. */
export interface OutputPiece {
  error: boolean;
  text: string;
}

/** `pieces` as the command's result: written to the terminal in order when it is there, else as two streams. */
export async function inOrder(
  ctx: CommandContext,
  pieces: readonly OutputPiece[],
  exitCode: number,
): Promise<ExecResult> {
  if (ctx.env.get(ORDERED_MARKER) === '1') {
    for (const { error, text } of pieces)
      if (text) await ctx.fs.appendFile(error ? TERMINAL_STDERR : TERMINAL_STDOUT, text);
    return { stdout: '', stderr: '', exitCode };
  }
  const join = (error: boolean) => pieces.flatMap((piece) => (piece.error === error ? [piece.text] : [])).join('');
  return { stdout: join(false), stderr: join(true), exitCode };
}

/** An error message (ending in a newline), and how many parts of the output were written before it. */
export interface PlacedError {
  at: number;
  text: string;
}

/** Output parts with errors placed among them, as pieces; `output: false` drops the output (`grep -q`). */
export function interleaved(
  out: readonly string[],
  errors: readonly PlacedError[],
  { output = true, messages = true } = {},
): OutputPiece[] {
  const pieces: OutputPiece[] = [];
  let from = 0;
  for (const { at, text } of errors) {
    if (output) pieces.push({ error: false, text: out.slice(from, at).join('') });
    if (messages) pieces.push({ error: true, text });
    from = at;
  }
  if (output) pieces.push({ error: false, text: from ? out.slice(from).join('') : out.join('') });
  return pieces;
}

/** How {@link orderedByOperand} splits a command line. */
export interface OperandSplit {
  /** Options whose value is the next argument (`-n 5`). */
  valueOptions?: readonly string[];
  /** Whether the command gives the same output one operand at a time (`cat -n` does not: it numbers across files). */
  splittable(options: readonly string[]): boolean;
  /** Printed before an operand's output when there are several (`==> f <==` of head and tail), given the options. */
  header?(operand: string, first: boolean, options: readonly string[]): string;
}

/**
 * `command` run once per file operand when the marker asks for order, there are several and one of them fails:
 * each file's output then its error, as GNU tools write them; otherwise `command` as it is. The status is the worst
 * of the runs.
 */
export function orderedByOperand(command: LearnerCommand, split: OperandSplit): LearnerCommand {
  return {
    name: command.name,
    async execute(args, ctx) {
      if (ctx.env.get(ORDERED_MARKER) !== '1' || args.includes('--')) return command.execute(args, ctx);
      const options: string[] = [];
      const operands: string[] = [];
      args.forEach((arg, i) => {
        const value = i > 0 && (split.valueOptions ?? []).includes(args[i - 1]!);
        if ((arg.startsWith('-') && arg !== '-') || value) options.push(arg);
        else operands.push(arg);
      });
      if (operands.length < 2 || !split.splittable(options)) return command.execute(args, ctx);
      // Each run returns its streams (no marker), which are then written in order. First the whole command once:
      // `cat *.log` over thousands of files stays one run when all of them can be read.
      const plain = { ...ctx, env: new Map([...ctx.env].filter(([key]) => key !== ORDERED_MARKER)) } as typeof ctx;
      const whole = await command.execute(args, plain);
      // Nothing to order without an error; a refused option is said once, as the whole run said it.
      if (!whole.stderr || /: (invalid|unrecognized) option/.test(whole.stderr)) return whole;
      const pieces: OutputPiece[] = [];
      let exitCode = 0;
      let printed = false;
      for (const operand of operands) {
        const result = await command.execute([...options, operand], plain);
        const header: string = split.header && result.exitCode === 0 ? split.header(operand, !printed, options) : '';
        pieces.push({ error: false, text: header + result.stdout }, { error: true, text: result.stderr });
        printed ||= header !== '';
        exitCode = Math.max(exitCode, result.exitCode);
      }
      return inOrder(ctx, pieces, exitCode);
    },
  };
}
