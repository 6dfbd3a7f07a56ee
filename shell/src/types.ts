import type { MachineState, ShellSnapshot, VfsEntry } from '@lta/labs';

/** How to start a shell. */
export interface ShellOptions {
  /** Files to create before the learner arrives (a lab's initial files), by absolute path. */
  files?: Record<string, VfsEntry>;
  /** A saved session to resume instead (files, cwd, exported variables, history). */
  snapshot?: ShellSnapshot;
  /** Starting directory, absolute or `~/...` (default the home directory); a snapshot brings its own. */
  cwd?: string;
  /** Extra environment variables for the session. */
  env?: Record<string, string>;
  /** The simulated machine at the start (`startingMachine(lab.machine)`); a snapshot brings its own. */
  machine?: MachineState;
  /** Bounds on one command line, so runaway loops and output never freeze the page. */
  limits?: ShellLimits;
  /** The machine's name (default `academy`): another host's, for the sessions `ssh` opens there. */
  hostname?: string;
  /** The machine's clock (`sleep`, process times, `uptime`): real time by default; tests pass one they move. */
  clock?: ShellClock;
}

/** A clock: the time now in milliseconds since 1970, and a wait that `signal` (Ctrl-C) cuts short. */
export interface ShellClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface ShellLimits {
  /** Wall-clock budget of one command line (default 10 s). */
  maxRunMs?: number;
  /** Loop iterations per command line (default 200,000). */
  maxLoopIterations?: number;
  /** Commands per command line (default 500,000). */
  maxCommands?: number;
  /** Output bytes per command line (default 1 MiB). */
  maxOutputBytes?: number;
}

export interface RunOptions {
  /** Abort to cancel the running line, as Ctrl-C does. */
  signal?: AbortSignal;
  /**
   * Receives the line's output (`RunResult.output`: stdout and stderr in the order written) while the line runs, each
   * command's as soon as it has written it, so a long loop shows progress; the pieces joined are `RunResult.output`.
   */
  onOutput?: (chunk: string) => void;
  /**
   * Answers a program's question to the person at the terminal (`sudo`'s password prompt): show `prompt`, read one
   * line (without echo when `hidden`), resolve with it, or with null on Ctrl-C; a command reading its stdin from the
   * keyboard asks with `input` (see `Question`). Without it, such programs fail as they do with no terminal (`sudo: a
   * terminal is required to read the password`), and the keyboard reads as empty.
   */
  ask?: (question: Question) => Promise<string | null>;
  /**
   * Runs a full-screen program (`nano`, `vi`, `less`, `man`, `top`) on the terminal: switch to the alternate screen,
   * draw `program.screen(size)`, hand it every input as it arrives (`program.input`, awaited one at a time) and draw
   * again (every `program.tickEvery` ms too, after `program.tick()`), until `program.done`; then restore the screen
   * and resolve. Without it, these programs behave as with no terminal (see shell/README.md).
   */
  fullScreen?: (program: FullScreenProgram) => Promise<void>;
}

/** A program that takes the whole terminal (an editor, a pager, `top`): keys in, a screen out, until it quits. */
export interface FullScreenProgram {
  /** Handles terminal input as xterm sends it (keys, escape sequences, a bracketed paste). */
  input(data: string): Promise<void>;
  /**
   * What the screen shows now, on a terminal of `size`. A program may quit here, when what fits decides it (`more`
   * with a text that fits on the first screen): the terminal then restores its screen at once.
   */
  screen(size: ScreenSize): Screen;
  /** True once the program has quit. */
  readonly done: boolean;
  /** For a screen that changes by itself (`top` refreshes every 3 s): how often, in ms, to call `tick` and redraw. */
  readonly tickEvery?: number;
  /** `tickEvery` ms have passed: take in what changed (a new frame of the process table); may quit. */
  tick?(): void;
  /** The terminal went away (the lab was reset, the page closed it): quit now without saving, as on a hang-up. */
  hangUp(): void;
}

/** The terminal's size in character cells. */
export interface ScreenSize {
  rows: number;
  cols: number;
}

/** A full screen: exactly `size.rows` lines, each at most `size.cols` characters, and where the cursor is. */
export interface Screen {
  lines: ScreenLine[];
  cursor: { row: number; col: number };
}

/** One screen line, as pieces of text shown plainly or in reverse video (nano's title bar, its `^X` keys). */
export type ScreenLine = readonly ScreenSpan[];

export interface ScreenSpan {
  text: string;
  inverse?: boolean;
}

/** A question a program asks the person at the terminal while a line runs (a password prompt). */
export interface Question {
  /** What to show before the answer, e.g. `[sudo] password for learner: `. */
  prompt: string;
  /** True for a password: the terminal does not echo what is typed. */
  hidden: boolean;
  /**
   * Read as a program reads its standard input from a terminal: Enter gives the line with its `\n`; Ctrl-D gives
   * what is typed so far without one, and on an empty line `''`, the end of input. Without it, the answer is the line
   * without its end and Ctrl-D on an empty line refuses (null), as Ctrl-C does.
   */
  input?: boolean;
}

export interface RunResult {
  /**
   * What the terminal shows: the line as history expansion changed it (`!!`), then what its commands wrote to the
   * terminal, output and errors in the order written (one command's errors after its output).
   */
  output: string;
  /** What reached the terminal on stdout only: not what went to files, pipes or `/dev/null`. */
  stdout: string;
  /** What reached the terminal on stderr only. */
  stderr: string;
  exitCode: number;
  /** The line ran `clear`: the terminal should clear its screen (the output also carries `ESC[2J ESC[H`). */
  clear: boolean;
  /**
   * The line is unfinished (an open quote, `if` without `fi`, a trailing `|` or `&&`): nothing ran, nothing went to
   * history; the terminal shows `> ` and sends the line again with what follows.
   */
  incomplete: boolean;
}

/** Tab completion: replace `line.slice(from, to)` with the common prefix, or show `candidates` when ambiguous. */
export interface Completion {
  from: number;
  to: number;
  /** Whole replacement words, directories ending in `/`. */
  candidates: string[];
  /** The longest text every candidate starts with (a unique candidate gets a trailing space unless a directory). */
  common: string;
}

/** A learner's terminal session: a bash with a `learner` account over an in-memory filesystem. */
export interface Shell {
  /** Runs one command line (several statements allowed) with the session's state; never throws. */
  run(commandLine: string, options?: RunOptions): Promise<RunResult>;
  /** The session as the check engine and the module see it. */
  snapshot(): ShellSnapshot;
  /** The bash prompt, e.g. `learner@academy:~/notes$ `. */
  prompt(): string;
  /** Completes the command or path under the cursor. */
  complete(line: string, cursor: number): Completion;
  /** Command lines typed so far, oldest first. */
  readonly history: readonly string[];
  /** The current directory. */
  readonly cwd: string;
  /** Starts over from the files and state the shell was created with. */
  reset(): Promise<void>;
}
