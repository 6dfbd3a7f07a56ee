import type { TransformPlugin } from 'just-bash';
import { commandStatement, ifVariableSet, literal, withAssignment } from '../ast/ast-build.js';
import {
  commandName as nameOf,
  factsOf,
  INPUT_OPERATORS,
  isLineStart,
  mapStatementLists,
  mayRunScript,
  mapNodes,
  passFacts,
  redirectionTarget,
  someNode,
} from '../ast/ast-search.js';
import type {
  CommandNode,
  PipelineNode,
  Redirection,
  ScriptNode,
  SimpleCommandNode,
  StatementNode,
  WordNode,
} from '../ast/syntax-tree.js';
import { ORDERED_COMMANDS } from '../commands/ordered-output.js';
import { SCREEN_COMMANDS } from '../commands/terminal-screen.js';
import {
  byPath,
  CAPTURE_COMMAND,
  ENTER_GUARD,
  ORDERED_MARKER,
  REFUSED_COMMAND,
  STATUS_COMMAND,
  STDOUT_TERMINAL_MARKER,
  TERMINAL_MARKER,
  TERMINAL_STDERR,
  TERMINAL_STDOUT,
  WRITE_GUARD,
  YIELD_COMMAND,
} from '../internal-names.js';

/** Commands of our own that never print: no device redirections, which cost a little on every run. */
const SILENT = new Set([
  YIELD_COMMAND,
  byPath(YIELD_COMMAND),
  byPath(STATUS_COMMAND),
  byPath(REFUSED_COMMAND),
  byPath(CAPTURE_COMMAND),
]);
/** Our permission guards: they only ever write an error. */
const GUARDS = new Set([byPath(WRITE_GUARD), byPath(ENTER_GUARD)]);

const toStdout: Redirection = { type: 'Redirection', fd: null, operator: '>>', target: literal(TERMINAL_STDOUT) };
const toStderr: Redirection = { type: 'Redirection', fd: 2, operator: '>>', target: literal(TERMINAL_STDERR) };
const BOTH = [toStderr, toStdout];
const ERRORS_ONLY = [toStderr];

function withRedirections<T extends CommandNode>(command: T, devices: Redirection[]): T {
  return { ...command, redirections: [...devices, ...command.redirections] };
}

/**
 * The devices a command still writes to after its own redirections: none for `> f 2>&1`, stderr's for `> f`,
 * stdout's for `2>/dev/null` or `2>&1`. Follows the redirections in order, as bash does (`2>&1 > f` keeps stderr on
 * the terminal's stdout).
 */
function devicesLeft(command: SimpleCommandNode): Redirection[] {
  const fds = new Map<number, string>([
    [1, 'out'],
    [2, 'err'],
  ]);
  for (const r of command.redirections) {
    const target = redirectionTarget(r);
    if (r.operator === '&>' || r.operator === '&>>') {
      fds.set(1, 'file').set(2, 'file');
    } else if (r.operator === '>&' || r.operator === '<&') {
      const fd = r.fd ?? (r.operator === '>&' ? 1 : 0);
      if (target === '-') fds.set(fd, 'closed');
      else if (target !== undefined && /^\d+$/.test(target)) fds.set(fd, fds.get(Number(target)) ?? 'file');
      // `>& file` sends both to the file, like `&>`.
      else if (r.fd === null && r.operator === '>&') fds.set(1, 'file').set(2, 'file');
      else fds.set(fd, 'file');
    } else if (['>', '>>', '>|'].includes(r.operator)) fds.set(r.fd ?? 1, 'file');
  }
  const left = new Set([fds.get(1), fds.get(2)]);
  return [...(left.has('err') ? [toStderr] : []), ...(left.has('out') ? [toStdout] : [])];
}

/*
 * `TERMINAL_MARKER` is set on a command that runs a script whose output and errors both reach the terminal: the
 * script then sends its own commands' output to the devices, so the order inside it shows too. Every other script
 * run gets it empty, so that a script run from one (`./b.sh > log` inside `a.sh`) does not inherit it.
 */

const withMarker = (command: SimpleCommandNode, on: boolean) => withAssignment(command, TERMINAL_MARKER, on ? '1' : '');

/** A command of `SCREEN_COMMANDS` whose own redirections leave its output on the terminal is marked as such. */
function withScreenMark(command: SimpleCommandNode): SimpleCommandNode {
  const name = nameOf(command);
  return name !== undefined && SCREEN_COMMANDS.has(name) && devicesLeft(command).includes(toStdout)
    ? withAssignment(command, STDOUT_TERMINAL_MARKER, '1')
    : command;
}

/** Every script run below `node`, in substitutions and function bodies too, without the marker. */
const unmarked = (statements: StatementNode[]) =>
  mapNodes(statements, (node) =>
    node.type === 'SimpleCommand' && mayRunScript(node) ? withMarker(node, false) : node,
  );

/** The text of a word's first part when it has one (`1` of `2>&1`, quoted or not). */
function firstValue(word: WordNode): string | undefined {
  const first = word.parts[0];
  return first !== undefined && 'value' in first && typeof first.value === 'string' ? first.value : undefined;
}

/** Whether the command's own redirections leave its output and errors on the terminal (`2>&1` at most). */
function keepsTerminal(command: SimpleCommandNode): boolean {
  return command.redirections.every(
    (r) =>
      !['>', '>>', '>|', '&>', '&>>', '>&'].includes(r.operator) ||
      (r.operator === '>&' && r.fd === 2 && r.target.type === 'Word' && firstValue(r.target) === '1'),
  );
}

/**
 * Where a command stands: `traced` when `set -x` may be on; `quiet` where bash ignores errexit (a condition, before
 * `&&` or `||`, a negated pipeline), in which a command must not be moved into a group of its own: just-bash would
 * apply errexit inside the group.
 */
interface Place {
  traced: boolean;
  quiet: boolean;
  /** Commands that write their output and errors in order when told to (`ordered-output.ts`): not functions here. */
  ordered: ReadonlySet<string>;
}

/** Statements whose stdout and stderr both go to the terminal. */
function statementsToTerminal(statements: StatementNode[], place: Place): StatementNode[] {
  return statements.map((statement) => {
    const { pipelines, operators } = statement;
    return {
      ...statement,
      pipelines: pipelines.map((pipeline, index) => {
        const quiet = place.quiet || pipeline.negated || (index < pipelines.length - 1 && operators[index] !== ';');
        return pipelineToTerminal(pipeline, { ...place, quiet });
      }),
    };
  });
}

function pipelineToTerminal(pipeline: PipelineNode, place: Place): PipelineNode {
  const commands = pipeline.commands;
  const pipesStderr = pipeline.pipeStderr ?? [];
  return {
    ...pipeline,
    commands: commands.map((command, index) => {
      const last = index === commands.length - 1;
      // A loop or group at the end of a pipe writes to the terminal part by part, as it runs (`seq 3 | while ...`).
      if (last && (commands.length === 1 || (command.type !== 'SimpleCommand' && command.type !== 'FunctionDef')))
        return commandToTerminal(command, place);
      // Inside a pipe only stderr reaches the terminal (and not even that with `|&`).
      if (command.type === 'FunctionDef' || pipesStderr[index]) return command;
      if (command.type !== 'SimpleCommand') return withRedirections(command, last ? BOTH : ERRORS_ONLY);
      if (SILENT.has(nameOf(command) ?? '')) return command;
      // The end of a pipe writes to the terminal: `cmd | less` pages.
      return last ? withRedirections(withScreenMark(command), BOTH) : withRedirections(command, ERRORS_ONLY);
    }),
  };
}

/** A command on its own whose output reaches the terminal: redirect it, or its parts when it is a bare compound. */
function commandToTerminal(command: CommandNode, place: Place): CommandNode {
  switch (command.type) {
    case 'FunctionDef':
      return command;
    case 'SimpleCommand': {
      const name = nameOf(command);
      if (name !== undefined && SILENT.has(name)) return command;
      if (name !== undefined && GUARDS.has(name)) return withRedirections(command, ERRORS_ONLY);
      if (command.name === null) {
        // An assignment alone prints only its `set -x` trace and what a command substitution in it writes to
        // stderr (`x=$(ls nosuch)`), which a redirection on the assignment itself would lose: such an assignment
        // goes in a redirected group, where errexit allows.
        if (
          place.quiet ||
          (!place.traced && !someNode(command.assignments, (node) => node.type === 'CommandSubstitution'))
        )
          return command;
        return { type: 'Group', body: [commandStatement(command)], redirections: BOTH };
      }
      const runs = withScreenMark(
        mayRunScript(command) && keepsTerminal(command) ? withMarker(command, true) : command,
      );
      // just-bash puts a command's `set -x` line in its stderr, which it writes after its stdout: written from
      // inside a group whose stdout is written after, the trace shows first, as in bash.
      if (place.traced && !place.quiet)
        return {
          type: 'Group',
          body: [commandStatement(withRedirections(runs, ERRORS_ONLY))],
          redirections: [toStdout],
        };
      const devices = devicesLeft(runs);
      const ordered = devices.length === 2 && name !== undefined && place.ordered.has(name);
      return withRedirections(ordered ? withAssignment(runs, ORDERED_MARKER, '1') : runs, devices);
    }
    default:
      break;
  }
  // A compound command redirecting its output is redirected as one; one without (or reading a file, as in
  // `while read l; do ...; done < list`), part by part, so that the order between its commands is kept.
  if (command.redirections.some((r) => !INPUT_OPERATORS.has(r.operator))) return withRedirections(command, BOTH);
  const inside = (statements: StatementNode[]) => statementsToTerminal(statements, place);
  const condition = (statements: StatementNode[]) => statementsToTerminal(statements, { ...place, quiet: true });
  return mapStatementLists(command, inside, condition) ?? withRedirections(command, BOTH);
}

/** The ordered commands no function of the session or script shadows (the prelude defines the session's). */
function orderedHere(functions: readonly string[]): ReadonlySet<string> {
  return functions.some((name) => ORDERED_COMMANDS.has(name))
    ? new Set([...ORDERED_COMMANDS].filter((name) => !functions.includes(name)))
    : ORDERED_COMMANDS;
}

/**
 * Every command of the typed line whose output reaches the terminal gets `2>>STDERR >>STDOUT` (the devices of
 * `terminal-devices.ts`) in front of its own redirections, which still win (`2>/dev/null`, `> file`, `2>&1`).
 *
 * just-bash returns a line's stdout and stderr as two strings, so the terminal could only show all output, then
 * all errors: `ls nosuch; echo done` showed `done` first. This plugin sends what each command of the typed line
 * writes to the terminal to the two devices, where `TerminalFs` records it in the order written.
 */
export class TerminalOutputPlugin implements TransformPlugin {
  readonly name = 'lta-terminal-output';
  /** Set by the session before each line: whether `set -x` may be on (xtrace kept, or the line runs `set -x`). */
  session = { traced: false };

  transform({ ast }: { ast: ScriptNode }): { ast: ScriptNode } {
    // `exec > file` (or `exec 2> errors.log`): the shell's own output goes elsewhere from there on, which a
    // redirection to the terminal in front of every command would undo; such a line or script is left as it is
    // (output, then errors). The redirections added here change none of the facts the plugin after this one reads.
    const facts = factsOf(ast);
    if (facts.typed) {
      // Its output reaches the terminal. The prelude before it restores state silently: left as it is, without
      // the cost of redirections. (Nothing in the typed line's environment carries the marker yet.)
      const statements = ast.statements;
      const start = statements.findIndex(isLineStart) + 1;
      const typed = statements.slice(start);
      const place = { traced: this.session.traced, quiet: false, ordered: orderedHere(facts.functions) };
      const line = facts.lastShellRedirect >= start ? typed : statementsToTerminal(typed, place);
      return passFacts({ ...ast, statements: [...statements.slice(0, Math.max(0, start - 1)), ...line] }, facts);
    }
    // A script the line runs: to the terminal when its caller said so, as it is otherwise.
    if (facts.shellRedirect) return { ast };
    const place = { traced: facts.mentionsSet, quiet: false, ordered: orderedHere(facts.functions) };
    // A script started by path reaches here as `bash PATH` (see script-runs.ts).
    const statements = facts.mentionsScriptRunner ? unmarked(ast.statements) : ast.statements;
    const toTerminal = ifVariableSet(TERMINAL_MARKER, statementsToTerminal(statements, place), statements);
    return passFacts({ ...ast, statements: [commandStatement(toTerminal)] }, facts);
  }
}
