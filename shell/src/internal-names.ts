/**
 * Every name the shell gives its own machinery: commands the transforms write into a line, marker variables,
 * devices and files. They live here so that the transform that writes a name and the command or filter that reads
 * it cannot drift apart, and so that a newcomer sees in one place what a learner must never see.
 *
 * Conventions the rest of the shell relies on: internal commands start with `lta-` (completion, the command log and
 * xtrace output leave such names out), marker variables start with `LTA_` or `__LTA_` / `__lta_` (never restored
 * between lines, removed from traces).
 */

/** What every internal command's name starts with. */
export const INTERNAL_PREFIX = 'lta-';

/** Where just-bash keeps its commands, ours included. */
const COMMAND_DIRECTORY = '/usr/bin';

/** An internal command called by its path, so that a learner's `PATH=...` cannot hide it. */
export const byPath = (name: string): string => `${COMMAND_DIRECTORY}/${name}`;

// Internal commands (registered in `session/shell.ts`, written into lines by the transforms).

/** Ends every typed line (the epilogue): receives `$?` and reads cwd, variables and options back into the session. */
export const CAPTURE_COMMAND = 'lta-session-state';
/**
 * Run before the first line of a session: finishes the machine's boot where it needs the shell (services whose
 * programs are scripts start, and a broken one fails, before the learner's first command can change their files).
 */
export const MACHINE_BOOT_COMMAND = 'lta-machine-boot';
/** Gives the thread back to the page in every loop iteration, so long loops stay responsive and Ctrl-C is seen. */
export const YIELD_COMMAND = 'lta-yield';
/** Exits with the status it is given: sets `$?` back after our own statements (errexit lists, traps). */
export const STATUS_COMMAND = 'lta-status';
/** Runs before a write redirection: fails with bash's `Permission denied` where just-bash would end the line. */
export const WRITE_GUARD = 'lta-can-write';
/** Runs before `cd`: refuses a directory without search (x) permission, which just-bash would enter. */
export const ENTER_GUARD = 'lta-can-enter';
/** Stands in for a command its guard refused: status 1, no output (the guard already said why). */
export const REFUSED_COMMAND = 'lta-refused';
/** Expands a glob ending in `/` to directories only, each with its `/`, as bash does. */
export const DIRECTORY_GLOB_COMMAND = 'lta-directory-glob';
/** Runs before each `cmd &`: starts the job in the process table (`[1] 1234`, `$!`) and takes the time its sleeps would wait. */
export const JOB_START_COMMAND = 'lta-job-start';
/** Runs after each `cmd &` has run its commands: tells the table the job's status and how long it runs on. */
export const JOB_END_COMMAND = 'lta-job-end';

// Words that only mark a place in a line; never run.

/** The prelude's last statement, `: lta-line-start`: where the learner's line begins (see `transforms/terminal-output.ts`). */
export const LINE_START = 'lta-line-start';
/** A statement the line parser puts after a line to find an unterminated here-document. */
export const HERE_DOCUMENT_PROBE = 'lta-here-document-probe';

// Marker variables: set on a command by one transform, read by a command or a later transform.

/** Set on a command that runs a script whose output and errors both reach the terminal (`terminal-output.ts`). */
export const TERMINAL_MARKER = 'LTA_TERMINAL';
/** Set on a command that runs a script whose stdin is the terminal (`terminal-input.ts`): it reads the keyboard too. */
export const KEYBOARD_MARKER = 'LTA_KEYBOARD';
/** Set on a command whose stderr is joined to stdout (`stderr-order.ts`), so a script keeps the order inside it. */
export const STDERR_TO_STDOUT_MARKER = 'LTA_STDERR_TO_STDOUT';
/** Set on a command whose output and errors both reach the terminal: it writes them in order itself (`commands/ordered-output.ts`). */
export const ORDERED_MARKER = 'LTA_ORDERED';
/**
 * Set on a command whose standard output is the terminal, as `isatty(1)` would tell (`commands/terminal-screen.ts`):
 * `less`, `more`, `man` and `top` then take the full screen; in a pipe or a file they print.
 */
export const STDOUT_TERMINAL_MARKER = 'LTA_STDOUT_TERMINAL';
/** Set on a `nohup` whose output would reach the terminal: it appends the output to `nohup.out` instead. */
export const NOHUP_TERMINAL_MARKER = 'LTA_NOHUP_TERMINAL';
/** The shell variable that stands for `$!`, which just-bash leaves at 0. */
export const LAST_JOB_VARIABLE = '__LTA_LAST_JOB';
/** The shell variable holding the command trapped for `signal` (`trap` sets it, `transforms/traps.ts` fires it). */
export const trapVariable = (signal: string): string => `__LTA_TRAP_${signal}`;
/** Prefix of the variables our statements use themselves (`__lta_status`, associative arrays carried between lines). */
export const OWN_VARIABLE_PREFIX = '__lta_';

// Devices and files.

/** The terminal's stdout as a device: what the typed line's commands write there reaches the screen, in order. */
export const TERMINAL_STDOUT = '/dev/lta-terminal-stdout';
/** The terminal's stderr as a device. */
export const TERMINAL_STDERR = '/dev/lta-terminal-stderr';
/**
 * The terminal's keyboard as a command's standard input (see `transforms/terminal-input.ts`): reading it takes the
 * lines the learner types until Ctrl-D, as `cat > notes.txt` does at a real prompt.
 */
export const TERMINAL_STDIN = '/dev/lta-terminal-stdin';
/** The keyboard for `read` at the prompt: one line, Enter ends it. */
export const TERMINAL_LINE = '/dev/lta-terminal-line';
/** The same for `read -s`: the line is not echoed (a password). */
export const TERMINAL_HIDDEN_LINE = '/dev/lta-terminal-hidden-line';
/** The stdin a lab's script check feeds a learner's script (`session/try-scripts.ts`). */
export const SCRIPT_STDIN = '/tmp/.lta-script-stdin';
