import type { CommandContext } from 'just-bash';
import { STDOUT_TERMINAL_MARKER } from '../internal-names.js';
import type { FullScreenProgram } from '../types.js';
import type { ShellServices } from './command.js';

/**
 * The commands that act differently when their output is the terminal, which `transforms/terminal-output.ts` marks
 * there: the pagers and `top` take the full screen; `sudo` passes the mark on to the command it runs.
 */
export const SCREEN_COMMANDS: ReadonlySet<string> = new Set(['less', 'more', 'man', 'top', 'sudo']);

/**
 * The terminal's full screen, when this command's standard output is the terminal and the line has a screen
 * (`RunOptions.fullScreen`); undefined in a pipe, into a file, or without a terminal, where the real programs print.
 */
export function terminalScreen(
  ctx: CommandContext,
  services: ShellServices,
): ((program: FullScreenProgram) => Promise<void>) | undefined {
  return ctx.env.get(STDOUT_TERMINAL_MARKER) === '1' ? services.fullScreen : undefined;
}

/** The mark for a command run on this one's behalf (`sudo less`): its output is the terminal when this one's is. */
export function screenMark(ctx: CommandContext): Record<string, string> {
  return ctx.env.get(STDOUT_TERMINAL_MARKER) === '1' ? { [STDOUT_TERMINAL_MARKER]: '1' } : {};
}
