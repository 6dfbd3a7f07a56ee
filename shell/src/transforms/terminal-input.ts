import type { TransformPlugin } from 'just-bash';
import { commandStatement, ifVariableSet, literal, simpleCommand, withAssignment } from '../ast/ast-build.js';
import {
  commandName,
  factsOf,
  INPUT_OPERATORS,
  isLineStart,
  literalText,
  mapNodes,
  mapped,
  mapStatementLists,
  mayRunScript,
  someNode,
} from '../ast/ast-search.js';
import type {
  CommandNode,
  Redirection,
  ScriptNode,
  SimpleCommandNode,
  StatementNode,
  WordNode,
} from '../ast/syntax-tree.js';
import { KEYBOARD_MARKER, TERMINAL_HIDDEN_LINE, TERMINAL_LINE, TERMINAL_STDIN } from '../internal-names.js';

/** How a command that reads its standard input when it is given no file reads its words. */
interface Reader {
  /** Options whose value is the next word unless attached (`-n 5`, `-n5`). */
  valued: string;
  /** Words before the files: grep's pattern, sed's script, awk's program; every word for tr, tee, xargs, read. */
  leading: number;
  /** Options that give those leading words instead (`grep -e PAT`, `sed -f FILE`): every word is then a file. */
  supplies?: string;
  /** Options with which the command reads no input (`grep -r` searches the directory). */
  noInput?: string;
}

const ALL = Number.POSITIVE_INFINITY;
const GREP: Reader = { valued: 'efmABCdD', leading: 1, supplies: 'ef', noInput: 'rR' };
const PLAIN: Reader = { valued: '', leading: 0 };

/** The commands the curriculum teaches that read standard input when no file is named, as GNU's do. */
const READERS: Readonly<Record<string, Reader>> = {
  cat: PLAIN,
  tac: { valued: 's', leading: 0 },
  rev: PLAIN,
  nl: { valued: 'bdfhilnsvw', leading: 0 },
  sort: { valued: 'kotST', leading: 0 },
  uniq: { valued: 'fsw', leading: 0 },
  wc: PLAIN,
  head: { valued: 'nc', leading: 0 },
  tail: { valued: 'nc', leading: 0 },
  cut: { valued: 'bcdf', leading: 0 },
  paste: { valued: 'd', leading: 0 },
  fold: { valued: 'w', leading: 0 },
  tr: { valued: '', leading: ALL },
  tee: { valued: '', leading: ALL },
  xargs: { valued: 'adEILnPs', leading: ALL },
  grep: GREP,
  egrep: GREP,
  fgrep: GREP,
  sed: { valued: 'efl', leading: 1, supplies: 'ef', noInput: 'i' },
  awk: { valued: 'Ffv', leading: 1, supplies: 'f' },
  base64: { valued: 'w', leading: 0 },
  md5sum: PLAIN,
  sha1sum: PLAIN,
  sha256sum: PLAIN,
  sha512sum: PLAIN,
  od: { valued: 'AjNtw', leading: 0 },
  bc: PLAIN,
  read: { valued: 'adinNptu', leading: ALL, noInput: 'u' },
};

/** A line that names none of them and runs no script needs no walk of its tree, nor of the scripts it runs. */
const MAY_READ = new RegExp(
  `(^|[^\\w-])(${Object.keys(READERS).join('|')}|bash|sh|source)($|[^\\w-])|/|(^|[\\s;&|])\\.\\s`,
);

/** Whether a script, function or `eval` names a command that may read the keyboard. */
const readsOrRuns = (statements: StatementNode[]) =>
  someNode(
    statements,
    (node) => node.type === 'SimpleCommand' && (mayRunScript(node) || READERS[commandName(node) ?? ''] !== undefined),
  );

/** A script's statements as they run with the terminal as stdin: script runs with no keyboard lose the marker. */
function scriptAtKeyboard(statements: StatementNode[]): StatementNode[] {
  const cleared = mapNodes(statements, (node) =>
    node.type === 'SimpleCommand' && mayRunScript(node) ? withAssignment(node, KEYBOARD_MARKER, '') : node,
  );
  return statementsAtKeyboard(cleared);
}

const takesStdin = (r: Redirection) => (INPUT_OPERATORS.has(r.operator) || r.operator === '<>') && (r.fd ?? 0) === 0;

/** The options and operands of a command's words, as far as they are plain text (a `$var` is an operand). */
function wordsOf(command: SimpleCommandNode, reader: Reader): { options: string; operands: (string | undefined)[] } {
  let options = '';
  const operands: (string | undefined)[] = [];
  let optionsEnded = false;
  for (let i = 0; i < command.args.length; i++) {
    const text = literalText(command.args[i]);
    if (optionsEnded || text === undefined || !text.startsWith('-') || text === '-') {
      operands.push(text);
    } else if (text === '--') {
      optionsEnded = true;
    } else if (!text.startsWith('--')) {
      for (let j = 1; j < text.length; j++) {
        options += text[j];
        if (!reader.valued.includes(text[j]!)) continue;
        if (j === text.length - 1) i++;
        break;
      }
    }
  }
  return { options, operands };
}

/** Which keyboard device a command at the terminal's stdin reads, if it reads one. */
function deviceFor(command: SimpleCommandNode): string | undefined {
  const name = commandName(command);
  const reader = name === undefined ? undefined : READERS[name];
  if (reader === undefined) return undefined;
  const { options, operands } = wordsOf(command, reader);
  if ([...options].some((option) => reader.noInput?.includes(option))) return undefined;
  if (name === 'read') return options.includes('s') ? TERMINAL_HIDDEN_LINE : TERMINAL_LINE;
  const supplied = [...options].some((option) => reader.supplies?.includes(option));
  const files = operands.slice(supplied ? 0 : reader.leading);
  return files.length === 0 || files.includes('-') ? TERMINAL_STDIN : undefined;
}

/** `read -p PROMPT`'s prompt: bash shows it on stderr when the input is a terminal (just-bash never does). */
function promptOf(command: SimpleCommandNode): WordNode | undefined {
  const at = command.args.findIndex((word) => literalText(word) === '-p');
  return at < 0 ? undefined : command.args[at + 1];
}

/** `printf %s PROMPT >&2`. */
function showPrompt(prompt: WordNode): StatementNode {
  const printf = simpleCommand('printf', [literal('%s'), prompt]);
  return commandStatement({
    ...printf,
    redirections: [{ type: 'Redirection', fd: null, operator: '>&', target: literal('2') }],
  });
}

/** The command at the head of a pipeline whose stdin is the terminal, reading the keyboard where it would. */
function atKeyboard(command: CommandNode): CommandNode {
  if (command.redirections.some(takesStdin)) return command;
  if (command.type !== 'SimpleCommand') return mapStatementLists(command, statementsAtKeyboard) ?? command;
  // A script it runs inherits the terminal as its stdin.
  if (mayRunScript(command)) return withAssignment(command, KEYBOARD_MARKER, '1');
  const device = deviceFor(command);
  if (device === undefined) return command;
  const input: Redirection = { type: 'Redirection', fd: null, operator: '<', target: literal(device) };
  // Last: bash opens `> notes.txt` before the command reads a line.
  return { ...command, redirections: [...command.redirections, input] };
}

/** Statements whose stdin is the terminal: the head of each pipeline reads it (the others read their pipe). */
function statementsAtKeyboard(statements: StatementNode[]): StatementNode[] {
  const out = statements.flatMap((statement) => {
    // A job started with `&` does not own the terminal.
    if (statement.background) return [statement];
    const pipelines = mapped(statement.pipelines, (pipeline) => {
      const [head, ...rest] = pipeline.commands;
      const reading = head && atKeyboard(head);
      return reading === head ? pipeline : { ...pipeline, commands: [reading!, ...rest] };
    });
    if (pipelines === statement.pipelines) return [statement];
    const first = statement.pipelines[0]?.commands[0];
    const readsLine =
      first?.type === 'SimpleCommand' && commandName(first) === 'read' && pipelines[0]?.commands[0] !== first;
    const prompt = readsLine ? promptOf(first) : undefined;
    const changed = { ...statement, pipelines };
    return prompt === undefined ? [changed] : [showPrompt(prompt), changed];
  });
  return out.length === statements.length && out.every((statement, i) => statement === statements[i])
    ? statements
    : out;
}

/**
 * At a real prompt a command given no file reads what the learner types next (`cat > notes.txt`, then lines, then
 * Ctrl-D; `read name`); just-bash gave it empty input, so the lines meant for it ran as commands. Here the typed
 * line's commands whose standard input is the terminal read it from the keyboard devices (`TerminalFs`), and so do
 * those of a script the line runs with the terminal as its stdin (`./ask.sh`, not `./ask.sh < answers`).
 */
export class TerminalInputPlugin implements TransformPlugin {
  readonly name = 'lta-terminal-input';
  /** Set by the session before each line: whether it may read the keyboard (`mayRead`). */
  session = { active: false };

  transform({ ast }: { ast: ScriptNode }): { ast: ScriptNode } {
    if (!this.session.active) return { ast };
    if (!factsOf(ast).typed) {
      // A script, function body or `eval` the line runs: at the keyboard when its caller said so.
      if (!readsOrRuns(ast.statements)) return { ast };
      const reading = ifVariableSet(KEYBOARD_MARKER, scriptAtKeyboard(ast.statements), ast.statements);
      return { ast: { ...ast, statements: [commandStatement(reading)] } };
    }
    const start = ast.statements.findIndex(isLineStart) + 1;
    const typed = ast.statements.slice(start);
    const line = statementsAtKeyboard(typed);
    // A changed tree is a new one: the plugins after this one find its facts afresh.
    return line === typed ? { ast } : { ast: { ...ast, statements: [...ast.statements.slice(0, start), ...line] } };
  }

  /** Whether `line` names a command that may read the keyboard, or may run a script. */
  static mayRead(line: string): boolean {
    return MAY_READ.test(line);
  }
}
