import type { ScriptNode } from 'just-bash';
import { byPath, CAPTURE_COMMAND } from '../internal-names.js';

type AstNode = Record<string, unknown> & { type?: string };

/**
 * `node` with `change` applied to every node below it, children first; copies only the nodes on the way to one
 * that `change` replaced, and returns `node` itself when it replaced none. The transform plugins run on every line,
 * and most lines need little or none of their rewriting.
 */
export function mapNodes(node: unknown, change: (node: AstNode) => AstNode): unknown {
  if (Array.isArray(node)) {
    let changed: unknown[] | undefined;
    for (let i = 0; i < node.length; i++) {
      const item = mapNodes(node[i], change);
      if (item !== node[i]) (changed ??= node.slice())[i] = item;
    }
    return changed ?? node;
  }
  if (node === null || typeof node !== 'object') return node;
  const source = node as AstNode;
  let copy: AstNode | undefined;
  for (const key in source) {
    const value = source[key];
    if (value === null || typeof value !== 'object') continue;
    const next = mapNodes(value, change);
    if (next !== value) (copy ??= { ...source })[key] = next;
  }
  return change(copy ?? source);
}

/** The literal name of a simple command, if it is one plain word. */
export function commandName(command: AstNode): string | undefined {
  const parts = (command.name as { parts?: { type: string; value?: string }[] } | null | undefined)?.parts;
  return parts?.length === 1 && parts[0]!.type === 'Literal' ? parts[0]!.value : undefined;
}

/** The typed line, not a script it runs: it ends with the session's capture command (see `epilogue`). */
export function isTypedLine(ast: ScriptNode): boolean {
  const last = ast.statements[ast.statements.length - 1]?.pipelines[0]?.commands[0];
  return last?.type === 'SimpleCommand' && commandName(last as unknown as AstNode) === byPath(CAPTURE_COMMAND);
}

interface WordPart {
  type: string;
  value?: string;
}

/** A word of literal text and `~`, as written; undefined for anything expanded. */
export function plainWord(word: unknown): string | undefined {
  const parts = ((word as { parts?: WordPart[] } | null)?.parts ?? []) as WordPart[];
  if (!parts.every((part) => part.type === 'Literal' || part.type === 'TildeExpansion')) return undefined;
  return parts.map((part) => (part.type === 'Literal' ? part.value : '~')).join('');
}

/** A script started by its path (`./backup.sh`, `~/bin/tool`), not a system command such as `/bin/ls`. */
export function isScriptPath(name: string | undefined): boolean {
  return name !== undefined && name.includes('/') && !/^\/(usr\/)?(local\/)?bin\//.test(name);
}

/** Loops, whose bodies get a yield (`loop-yield.ts`). */
export const LOOPS = new Set(['While', 'Until', 'For', 'CStyleFor']);

/** Redirections writing a file, which the write guard checks first (`access-guards.ts`). */
export const OUTPUT_OPERATORS = new Set(['>', '>>', '>|', '&>', '&>>']);

interface Redirection {
  operator: string;
  fd: number | null;
  target: { type: string; parts?: WordPart[] };
}

/** A simple command with an output redirection, or a `cd` (`access-guards.ts`). */
export function needsGuard(node: AstNode): boolean {
  if (node.type !== 'SimpleCommand') return false;
  const name = (node.name as { parts: WordPart[] } | null)?.parts;
  const cd = name?.length === 1 && name[0]!.type === 'Literal' && name[0]!.value === 'cd';
  return cd || (node.redirections as Redirection[]).some((redirection) => OUTPUT_OPERATORS.has(redirection.operator));
}

/**
 * Whether a node's redirections leave stderr joined to stdout (`stderr-order.ts`): `&>`, `&>>`, or `2>&1` with no
 * later redirection of stdout. `2>&1 > file` copies where stdout pointed before: stderr stays on the terminal.
 */
export function joinsStderr(redirections: unknown): boolean {
  let joined = false;
  for (const r of Array.isArray(redirections) ? (redirections as Redirection[]) : []) {
    const target = r.target.parts?.length === 1 ? r.target.parts[0]!.value : undefined;
    if (r.operator === '&>' || r.operator === '&>>' || (r.operator === '>&' && r.fd === 2 && target === '1')) joined = true;
    else if ((r.fd === null || r.fd === 1) && ['>', '>>', '>|', '>&'].includes(r.operator)) joined = r.operator === '>&' && r.fd === null && !/^\d+$/.test(target ?? '');
  }
  return joined;
}

/**
 * `exec > file` (or `exec 2> errors.log`): the shell's own output goes elsewhere from there on
 * (`terminal-output.ts`).
 */
export function redirectsShell(node: AstNode): boolean {
  return node.type === 'SimpleCommand' && commandName(node) === 'exec' && (node.args as unknown[]).length === 0 && (node.redirections as unknown[]).length > 0;
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
    };
    const statements = ast.statements as unknown[];
    for (let i = 0; i < statements.length; i++) visit(statements[i], facts, i);
    for (const key in ast) if (key !== 'statements') visit((ast as unknown as AstNode)[key], facts, -1);
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
  const record = node as AstNode;
  // What searching the tree's JSON for `"value":"set"`, `"name":"PATH"` or `"value":"PATH=` would find.
  const value = record.value;
  if (typeof value === 'string') {
    if (value === 'set') facts.mentionsSet = true;
    else if (SCRIPT_RUNNERS.has(value)) facts.mentionsScriptRunner = true;
    else if (value.startsWith('PATH=') || value.startsWith('PATH+=')) facts.setsPath = true;
  }
  if (record.name === 'PATH') facts.setsPath = true;
  const type = record.type;
  if (type === 'SimpleCommand') {
    if (!facts.scriptPaths && isScriptPath(plainWord(record.name))) facts.scriptPaths = true;
    if (!facts.guards && needsGuard(record)) facts.guards = true;
    if (redirectsShell(record)) {
      facts.shellRedirect = true;
      facts.lastShellRedirect = Math.max(facts.lastShellRedirect, statement);
    }
  } else if (type !== undefined && LOOPS.has(type) && Array.isArray(record.body)) facts.loops = true;
  else if (type === 'FunctionDef' && typeof record.name === 'string') facts.functions.push(record.name);
  else if (type === 'Statement') listHeads(record, facts);
  if (!facts.joins && record.redirections !== undefined && joinsStderr(record.redirections)) facts.joins = true;
  for (const key in record) {
    const child = record[key];
    if (child !== null && typeof child === 'object') visit(child, facts, statement);
  }
}

/** What runs before `&&` or `||` in a statement: compound commands, and simple commands by name. */
function listHeads(statement: AstNode, facts: TreeFacts): void {
  const pipelines = statement.pipelines as AstNode[];
  for (let i = 0; i < pipelines.length - 1; i++) {
    for (const command of pipelines[i]!.commands as AstNode[]) {
      if (command.type !== 'SimpleCommand') {
        if (COMPOUND_WITH_BODY.has(String(command.type))) facts.compoundListHeads = true;
      } else {
        const name = commandName(command);
        if (name !== undefined) facts.listHeadNames.push(name);
      }
    }
  }
}
