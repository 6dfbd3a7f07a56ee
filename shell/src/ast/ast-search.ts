import {
  type CommandNode,
  fieldsOf,
  isNode,
  type Redirection,
  type ScriptNode,
  type SimpleCommandNode,
  type StatementNode,
  type SyntaxNode,
  type WordNode,
} from './syntax-tree.js';
import { byPath, CAPTURE_COMMAND, LINE_START } from '../internal-names.js';

/**
 * `node` with `change` applied to every node below it, children first; copies only the nodes on the way to one
 * that `change` replaced, and returns `node` itself when it replaced none. The transform plugins run on every line,
 * and most lines need little or none of their rewriting.
 */
export function mapNodes<T>(node: T, change: (node: SyntaxNode) => SyntaxNode): T {
  if (Array.isArray(node)) {
    let changed: unknown[] | undefined;
    for (let i = 0; i < node.length; i++) {
      const item: unknown = mapNodes(node[i], change);
      if (item !== node[i]) (changed ??= node.slice())[i] = item;
    }
    return (changed ?? node) as T;
  }
  if (node === null || typeof node !== 'object') return node;
  const source = fieldsOf(node);
  let copy: Record<string, unknown> | undefined;
  for (const key in source) {
    const value = source[key];
    if (value === null || typeof value !== 'object') continue;
    const next = mapNodes(value, change);
    if (next !== value) (copy ??= { ...source })[key] = next;
  }
  const result = copy ?? source;
  // The change sees nodes only (objects with a `type`); any other object (an `if` clause) is handed back as it is.
  return (isNode(result) ? change(result) : result) as T;
}

/** Whether `node` or anything below it is a node `test` accepts. */
export function someNode(node: unknown, test: (node: SyntaxNode) => boolean): boolean {
  if (node === null || typeof node !== 'object') return false;
  if (isNode(node) && test(node)) return true;
  // A loop over the fields, not a list of them: this runs over every node of every line.
  const fields = fieldsOf(node);
  for (const key in fields) {
    const child = fields[key];
    if (child !== null && typeof child === 'object' && someNode(child, test)) return true;
  }
  return false;
}

/** The literal name of a simple command, if it is one plain word. */
export function commandName(command: SyntaxNode): string | undefined {
  if (command.type !== 'SimpleCommand') return undefined;
  const parts = command.name?.parts;
  return parts?.length === 1 && parts[0]!.type === 'Literal' ? parts[0].value : undefined;
}

/** The typed line, not a script it runs: it ends with the session's capture command (see `epilogue`). */
export function isTypedLine(ast: ScriptNode): boolean {
  const last = ast.statements[ast.statements.length - 1]?.pipelines[0]?.commands[0];
  return last !== undefined && commandName(last) === byPath(CAPTURE_COMMAND);
}

/** The prelude's last statement (`: lta-line-start`): the learner's line follows it. */
export function isLineStart(statement: StatementNode): boolean {
  const first = statement.pipelines[0]?.commands[0];
  return first?.type === 'SimpleCommand' && commandName(first) === ':' && literalText(first.args[0]) === LINE_START;
}

/** A word of literal text and `~`, as written; undefined for anything expanded. */
export function plainWord(word: WordNode | null): string | undefined {
  let text = '';
  for (const part of word?.parts ?? []) {
    if (part.type === 'Literal') text += part.value;
    else if (part.type === 'TildeExpansion') text += '~';
    else return undefined;
  }
  return text;
}

/** The word's text when it is one literal part (`1`, `-`, `/dev/null`); undefined otherwise. */
export function literalText(word: WordNode | null | undefined): string | undefined {
  const parts = word?.parts;
  return parts?.length === 1 && parts[0]!.type === 'Literal' ? parts[0].value : undefined;
}

/** Where a redirection points when that is one literal word (`2>&1` gives `1`); undefined for a here-document. */
export const redirectionTarget = (redirection: Redirection): string | undefined =>
  redirection.target.type === 'Word' ? literalText(redirection.target) : undefined;

/** A script started by its path (`./backup.sh`, `~/bin/tool`), not a system command such as `/bin/ls`. */
export function isScriptPath(name: string | undefined): boolean {
  return name !== undefined && name.includes('/') && !/^\/(usr\/)?(local\/)?bin\//.test(name);
}

/** A command that may run a script: a path (not a system command such as `/bin/ls`), `bash`/`sh`, `source`/`.`. */
export function mayRunScript(command: SimpleCommandNode): boolean {
  const name = commandName(command);
  return name !== undefined && (isScriptPath(name) || ['bash', 'sh', 'source', '.'].includes(name));
}

/** `items` mapped, or `items` itself when `change` returned every item as it was (most lines change nothing). */
export function mapped<T>(items: T[], change: (item: T) => T): T[] {
  const out = items.map(change);
  return out.every((item, i) => item === items[i]) ? items : out;
}

type Statements = (statements: StatementNode[]) => StatementNode[];

/**
 * A compound command with `body` applied to each of its lists of statements, and `condition` to those of its
 * conditions (`if`, `while`, `until`); the command itself when no list changed. Undefined for a command without
 * such lists (a simple command, `(( ))`, `[[ ]]`, a function definition).
 */
export function mapStatementLists(command: CommandNode, body: Statements, condition = body): CommandNode | undefined {
  switch (command.type) {
    case 'Group':
    case 'Subshell':
    case 'For':
    case 'CStyleFor': {
      const statements = body(command.body);
      return statements === command.body ? command : { ...command, body: statements };
    }
    case 'While':
    case 'Until': {
      const test = condition(command.condition);
      const statements = body(command.body);
      return test === command.condition && statements === command.body
        ? command
        : { ...command, condition: test, body: statements };
    }
    case 'If': {
      const clauses = mapped(command.clauses, (clause) => {
        const test = condition(clause.condition);
        const statements = body(clause.body);
        return test === clause.condition && statements === clause.body
          ? clause
          : { ...clause, condition: test, body: statements };
      });
      const elseBody = command.elseBody && body(command.elseBody);
      return clauses === command.clauses && elseBody === command.elseBody ? command : { ...command, clauses, elseBody };
    }
    case 'Case': {
      const items = mapped(command.items, (item) => {
        const statements = body(item.body);
        return statements === item.body ? item : { ...item, body: statements };
      });
      return items === command.items ? command : { ...command, items };
    }
    default:
      return undefined;
  }
}

/** Loops, whose bodies get a yield (`loop-yield.ts`). */
export const LOOPS = new Set(['While', 'Until', 'For', 'CStyleFor']);

/** Redirections reading into a command (`<>` opens for writing too, so it is not among them). */
export const INPUT_OPERATORS = new Set<Redirection['operator']>(['<', '<<', '<<-', '<<<', '<&']);

/** Redirections writing a file, which the write guard checks first (`access-guards.ts`). */
export const OUTPUT_OPERATORS = new Set(['>', '>>', '>|', '&>', '&>>']);

/** A simple command with an output redirection, or a `cd` (`access-guards.ts`). */
export function needsGuard(node: SyntaxNode): boolean {
  if (node.type !== 'SimpleCommand') return false;
  return (
    commandName(node) === 'cd' || node.redirections.some((redirection) => OUTPUT_OPERATORS.has(redirection.operator))
  );
}

/**
 * Whether a node's redirections leave stderr joined to stdout (`stderr-order.ts`): `&>`, `&>>`, or `2>&1` with no
 * later redirection of stdout. `2>&1 > file` copies where stdout pointed before: stderr stays on the terminal.
 */
export function joinsStderr(redirections: readonly Redirection[]): boolean {
  let joined = false;
  for (const r of redirections) {
    const target = redirectionTarget(r);
    if (r.operator === '&>' || r.operator === '&>>' || (r.operator === '>&' && r.fd === 2 && target === '1'))
      joined = true;
    else if ((r.fd === null || r.fd === 1) && ['>', '>>', '>|', '>&'].includes(r.operator))
      joined = r.operator === '>&' && r.fd === null && !/^\d+$/.test(target ?? '');
  }
  return joined;
}

/**
 * `exec > file` (or `exec 2> errors.log`): the shell's own output goes elsewhere from there on
 * (`terminal-output.ts`).
 */
export function redirectsShell(node: SyntaxNode): boolean {
  return (
    node.type === 'SimpleCommand' &&
    commandName(node) === 'exec' &&
    node.args.length === 0 &&
    node.redirections.length > 0
  );
}

/** Words that may name a command running a script. */
const SCRIPT_RUNNERS = new Set(['bash', 'sh', 'source', '.']);

/**
 * What the transform plugins look for in one syntax tree, found in one walk. A plugin that changes the tree hands
 * these on to its result (`passFacts`), adjusted for what it added, so the next plugin need not search again.
 */
export interface TreeFacts {
  typed: boolean;
  /** A simple command started by a script's path (`script-runs.ts`). */
  scriptPaths: boolean;
  loops: boolean;
  /** A command with an output redirection, or a `cd` (`access-guards.ts`). */
  guards: boolean;
  /** A node whose redirections join stderr to stdout (`stderr-order.ts`). */
  joins: boolean;
  /** An `exec > file` anywhere (`terminal-output.ts`). */
  shellRedirect: boolean;
  /** The last top-level statement holding one, -1 for none. */
  lastShellRedirect: number;
  /** A word (any node's `value`) reading `set` exactly: `set -x` may be on (`terminal-output.ts`). */
  mentionsSet: boolean;
  /** A word reading `bash`, `sh`, `source` or `.` (`terminal-output.ts`). */
  mentionsScriptRunner: boolean;
  /** An assignment to PATH: `PATH=...`, `export PATH=...`, `PATH+=...` (`command-names.ts`). */
  setsPath: boolean;
  /** Names of the functions the tree defines (`errexit-lists.ts`). */
  functions: string[];
  /** A compound command with a body before `&&` or `||` (`errexit-lists.ts`). */
  compoundListHeads: boolean;
  /** Literal names of the simple commands before `&&` or `||` (`errexit-lists.ts`). */
  listHeadNames: string[];
  /** A statement run in the background (`cmd &`), or a read of `$!` (`background-jobs.ts`). */
  jobs: boolean;
}

/** Compound commands with statements inside (`errexit-lists.ts`). */
export const COMPOUND_WITH_BODY = new Set(['Group', 'If', 'For', 'CStyleFor', 'While', 'Until', 'Case']);

const known = new WeakMap<object, TreeFacts>();

/** The facts of `ast`: those a plugin before handed on, or found now. */
export function factsOf(ast: ScriptNode): TreeFacts {
  let facts = known.get(ast);
  if (facts === undefined) {
    facts = {
      typed: isTypedLine(ast),
      scriptPaths: false,
      loops: false,
      guards: false,
      joins: false,
      shellRedirect: false,
      lastShellRedirect: -1,
      mentionsSet: false,
      mentionsScriptRunner: false,
      setsPath: false,
      functions: [],
      compoundListHeads: false,
      listHeadNames: [],
      jobs: false,
    };
    const statements = ast.statements;
    for (let i = 0; i < statements.length; i++) visit(statements[i], facts, i);
    known.set(ast, facts);
  }
  return facts;
}

/** Hands `facts` on to a plugin's result, which the next plugin gets. */
export function passFacts(ast: ScriptNode, facts: TreeFacts): { ast: ScriptNode } {
  known.set(ast, facts);
  return { ast };
}

function visit(node: unknown, facts: TreeFacts, statement: number): void {
  if (Array.isArray(node)) {
    for (const item of node) visit(item, facts, statement);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  // What searching the tree's JSON for `"value":"set"`, `"name":"PATH"` or `"value":"PATH=` would find.
  const { value, name } = node as { value?: unknown; name?: unknown };
  if (typeof value === 'string') {
    if (value === 'set') facts.mentionsSet = true;
    else if (SCRIPT_RUNNERS.has(value)) facts.mentionsScriptRunner = true;
    else if (value.startsWith('PATH=') || value.startsWith('PATH+=')) facts.setsPath = true;
    else if (value === 'nohup' || value === 'wait') facts.jobs = true;
  }
  if (name === 'PATH') facts.setsPath = true;
  if (isNode(node)) {
    if (node.type === 'SimpleCommand') {
      if (!facts.scriptPaths && isScriptPath(plainWord(node.name))) facts.scriptPaths = true;
      if (!facts.guards && needsGuard(node)) facts.guards = true;
      if (redirectsShell(node)) {
        facts.shellRedirect = true;
        facts.lastShellRedirect = Math.max(facts.lastShellRedirect, statement);
      }
    } else if (LOOPS.has(node.type) && 'body' in node && Array.isArray(node.body)) facts.loops = true;
    else if (node.type === 'FunctionDef') facts.functions.push(node.name);
    else if (node.type === 'Statement') {
      listHeads(node, facts);
      if (node.background) facts.jobs = true;
    } else if (node.type === 'ParameterExpansion' && readsLastJob(node)) facts.jobs = true;
    if (!facts.joins && 'redirections' in node && joinsStderr(node.redirections)) facts.joins = true;
  }
  const fields = fieldsOf(node);
  for (const key in fields) {
    const child = fields[key];
    if (child !== null && typeof child === 'object') visit(child, facts, statement);
  }
}

/** `$!`, `${!}` (which just-bash reads as an indirection of nothing), `${!:-none}`. */
export const readsLastJob = (node: SyntaxNode): boolean =>
  node.type === 'ParameterExpansion' &&
  (node.parameter === '!' || (node.parameter === '' && node.operation?.type === 'Indirection'));

/** What runs before `&&` or `||` in a statement: compound commands, and simple commands by name. */
function listHeads(statement: StatementNode, facts: TreeFacts): void {
  const pipelines = statement.pipelines;
  for (let i = 0; i < pipelines.length - 1; i++) {
    for (const command of pipelines[i]!.commands) {
      if (command.type !== 'SimpleCommand') {
        if (COMPOUND_WITH_BODY.has(command.type)) facts.compoundListHeads = true;
      } else {
        const name = commandName(command);
        if (name !== undefined) facts.listHeadNames.push(name);
      }
    }
  }
}
