import type { ShellServices } from '../commands/command.js';
import type { Question } from '../types.js';

/** Asks at the terminal; null when there is none or the person pressed Ctrl-C (the tools then fail as with no tty). */
export async function askFor(services: ShellServices, question: Question): Promise<string | null> {
  if (!services.ask) return null;
  try {
    return await services.ask(question);
  } catch {
    // A failing page callback is a refused answer, never an exception in the shell.
    return null;
  }
}
