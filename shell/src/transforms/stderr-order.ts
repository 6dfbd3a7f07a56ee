import type { ScriptNode, TransformPlugin } from 'just-bash';
import { assignment, commandStatement, ifVariableSet, literal } from '../ast/ast-build.js';
import { factsOf, joinsStderr, passFacts } from '../ast/ast-search.js';
import { STDERR_TO_STDOUT_MARKER as MERGED } from '../internal-names.js';


type AstNode = Record<string, unknown> & { type?: string };

const stderrToStdout = { type: 'Redirection', fd: 2, operator: '>&', target: literal('1') };

/** Every simple command below `node` sends its stderr where stdout goes (its own redirections still win). */
function joinEverywhere(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(joinEverywhere);
  if (node === null || typeof node !== 'object') return node;
  const copy: AstNode = {};
  for (const [key, value] of Object.entries(node)) copy[key] = joinEverywhere(value);
  if (copy.type === 'SimpleCommand') copy.redirections = [stderrToStdout, ...(copy.redirections as unknown[])];
  return copy;
}

function wordText(word: unknown): string {
  const parts = (word as { parts?: { type: string; value?: string }[] } | null)?.parts ?? [];
  return parts.map((part) => (part.type === 'Literal' ? part.value : '~')).join('');
}

/** Commands that may run a script file: a path, `bash`/`sh`, `source`/`.`. */
function mayRunScript(command: AstNode): boolean {
  const name = wordText(command.name);
  return name.includes('/') || ['bash', 'sh', 'source', '.'].includes(name);
}

/** In the typed line: compound commands with `2>&1` join inside; script runs with `2>&1` get the marker. */
function joinWhereAsked(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(joinWhereAsked);
  if (node === null || typeof node !== 'object') return node;
  const source = node as AstNode;
  if (source.type !== 'SimpleCommand' && source.type !== 'FunctionDef' && joinsStderr(source.redirections)) {
    return { ...(joinEverywhere(source) as AstNode), redirections: source.redirections };
  }
  const copy: AstNode = {};
  for (const [key, value] of Object.entries(source)) copy[key] = joinWhereAsked(value);
  if (copy.type === 'SimpleCommand' && joinsStderr(copy.redirections) && mayRunScript(copy)) {
    copy.assignments = [...(copy.assignments as unknown[]), assignment(MERGED, '1')];
  }
  return copy;
}

/**
 * just-bash keeps a command's stdout and stderr in two buffers and joins them at the end, so with `2>&1` every
 * error line lands after all output (`{ echo a; echo b >&2; echo c; } 2>&1` gives a c b). Bash writes them in the
 * order they happen. This plugin pushes the join down to each simple command, which restores the order between
 * commands: statically inside a compound command of the typed line, and at run time inside a script started with
 * `2>&1` (the script's body then runs in a joined copy when the marker variable is set).
 */
export const stderrOrderPlugin: TransformPlugin = {
  name: 'lta-stderr-order',
  transform: ({ ast }) => {
    // What this plugin adds (joins, a marker variable set to `1`, a test of it) changes none of the facts the
    // plugins after it read, except where the `exec > file` statements stand in a script, which it wraps whole.
    const facts = factsOf(ast);
    if (facts.typed) return facts.joins ? passFacts(joinWhereAsked(ast) as ScriptNode, facts) : { ast };
    const joined = ifVariableSet(MERGED, joinEverywhere(ast.statements), ast.statements);
    return passFacts({ ...ast, statements: [commandStatement(joined)] } as ScriptNode, { ...facts, lastShellRedirect: facts.shellRedirect ? 0 : -1 });
  },
};
