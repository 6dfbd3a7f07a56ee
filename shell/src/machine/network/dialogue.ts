/**
 * A command that asks the learner something mid-way (`ssh`'s host key question and password prompt,
 * `ssh-keygen`'s file and passphrase) is written as straight-line async code that `await`s `ask(...)`. The first
 * part runs inside the command line that started it; when it asks, that line ends with what it printed so far, the
 * question becomes the prompt, and the learner's next line is the answer, which runs the command on to its next
 * question or its end. That way every caller of the shell (the terminal, tests typing lines) answers by typing.
 */

/** What a command that may ask questions can do. */
export interface Talk {
  /** Writes the command's output (what a redirection of the first line catches). */
  print(text: string): void;
  /** Tells the learner something on the error stream (where ssh puts its messages). */
  say(text: string): void;
  /** Asks a question; resolves with the line the learner types next (without its newline). */
  ask(prompt: string, secret?: boolean): Promise<string>;
}

/** A stretch of the conversation: what was shown, and either the next question or the command's exit status. */
export interface Turn {
  stdout: string;
  stderr: string;
  /** Both, in the order written. */
  output: string;
  /** The question now waiting for an answer. */
  question?: Question;
  /** The command's exit status once it has ended. */
  exitCode: number;
}

export interface Question {
  prompt: string;
  secret: boolean;
  /** Answers it and runs the command on to its next question or its end. */
  answer(line: string): Promise<Turn>;
}

/** Runs `command` until it asks something or ends. */
export function converse(command: (talk: Talk) => Promise<number>): Promise<Turn> {
  let stdout = '';
  let stderr = '';
  let output = '';
  let settle: (turn: Pick<Turn, 'exitCode' | 'question'>) => void = () => undefined;
  const nextTurn = () =>
    new Promise<Turn>((resolve) => {
      settle = (turn) => {
        resolve({ ...turn, stdout, stderr, output });
        stdout = stderr = output = '';
      };
    });
  const talk: Talk = {
    print(text) {
      stdout += text;
      output += text;
    },
    say(text) {
      stderr += text;
      output += text;
    },
    ask(prompt, secret = false) {
      return new Promise<string>((resolveAnswer) => {
        settle({
          exitCode: 0,
          question: {
            prompt,
            secret,
            answer(line) {
              const turn = nextTurn();
              resolveAnswer(line);
              return turn;
            },
          },
        });
      });
    },
  };
  const first = nextTurn();
  command(talk).then(
    (exitCode) => settle({ exitCode }),
    (error: unknown) => {
      talk.say(`${error instanceof Error ? error.message : String(error)}\n`);
      settle({ exitCode: 1 });
    },
  );
  return first;
}
