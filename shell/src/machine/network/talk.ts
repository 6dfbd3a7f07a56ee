import type { ExecResult } from 'just-bash';
import type { ShellServices } from '../../commands/command.js';
import { askFor } from '../terminal-question.js';

/** The learner gave no answer: Ctrl-C at the question, or no terminal to ask at (the caller gave no `RunOptions.ask`). */
class NoAnswer extends Error {
  constructor(readonly interrupted: boolean) {
    super('no answer');
  }
}

/**
 * What a network command writes and asks while it runs (`ssh`'s host key question and password, `ssh-keygen`'s file
 * and passphrase). Questions go to the terminal through `RunOptions.ask`, as `sudo`'s do. What the command wrote
 * since its last question is shown as the start of the next one, since a question appears before the command's output
 * does (as ssh writes its host key notice to the terminal with the question).
 */
export class Talk {
  /** What the command wrote since its last question (what came before went out with it). */
  private written: { error: boolean; text: string }[] = [];

  constructor(private readonly services: ShellServices) {}

  /** Writes the command's output. */
  print(text: string): void {
    this.written.push({ error: false, text });
  }

  /** Tells the learner something on the error stream (where ssh puts its messages). */
  say(text: string): void {
    this.written.push({ error: true, text });
  }

  /** Asks at the terminal, `hidden` for a passphrase; ends the command (see `talking`) when no answer comes. */
  async ask(prompt: string, hidden = false): Promise<string> {
    const before = this.written.map(({ text }) => text).join('');
    const terminal = this.services.ask !== undefined;
    const answer = await askFor(this.services, { prompt: before + prompt, hidden });
    // At a terminal the question showed what came before it, answered or not.
    if (terminal) this.written = [];
    if (answer === null) throw new NoAnswer(terminal);
    return answer;
  }

  /** What the command wrote that no question showed, as the line's result. */
  result(exitCode: number): ExecResult {
    const join = (error: boolean) =>
      this.written
        .filter((chunk) => chunk.error === error)
        .map(({ text }) => text)
        .join('');
    return { stdout: join(false), stderr: join(true), exitCode };
  }
}

/**
 * Runs a command that may ask questions. Ctrl-C at a question ends it with status 130, as SIGINT does; with no
 * terminal to ask at, it says so and ends with `failure`, the tool's own status for a failed login (ssh's 255).
 */
export async function talking(
  services: ShellServices,
  tool: string,
  failure: number,
  command: (talk: Talk) => Promise<number>,
): Promise<ExecResult> {
  const talk = new Talk(services);
  try {
    return talk.result(await command(talk));
  } catch (error) {
    if (!(error instanceof NoAnswer)) {
      talk.say(`${tool}: ${error instanceof Error ? error.message : String(error)}\n`);
      return talk.result(failure);
    }
    if (error.interrupted) return talk.result(130);
    talk.say(`${tool}: a terminal is required to answer its questions\n`);
    return talk.result(failure);
  }
}
