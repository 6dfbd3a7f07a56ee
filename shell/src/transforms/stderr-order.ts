import type { TransformPlugin } from 'just-bash';
import { assignment, commandStatement, ifVariableSet, literal } from '../ast/ast-build.js';
import { factsOf, joinsStderr, mapNodes, passFacts } from '../ast/ast-search.js';
import { fieldsOf, isNode, type Redirection, type SimpleCommandNode, type SyntaxNode } from '../ast/syntax-tree.js';
import { STDERR_TO_STDOUT_MARKER as MERGED } from '../internal-names.js';

const stderrToStdout: Redirection = { type: 'Redirection', fd: 2, operator: '>&', target: literal('1') };

/** Every simple command below `node` sends its stderr where stdout goes (its own redirections still win). */
const joinEverywhere = <T>(node: T): T =>
  mapNodes(node, (child) =>
    child.type === 'SimpleCommand' ? { ...child, redirections: [stderrToStdout, ...child.redirections] } : child,
  );

/** Commands that may run a script file: a path, `bash`/`sh`, `source`/`.` (any expansion in the name reads as `~`). */
function mayRunScript(command: SimpleCommandNode): boolean {
  const name = (command.name?.parts ?? []).map((part) => (part.type === 'Literal' ? part.value : '~')).join('');
  return name.includes('/') || ['bash', 'sh', 'source', '.'].includes(name);
}

/** A compound command whose own redirections join stderr to stdout (`{ ...; } 2>&1`). */
const joinedCompound = (node: SyntaxNode) =>
  node.type !== 'SimpleCommand' &&
  node.type !== 'FunctionDef' &&
  'redirections' in node &&
  joinsStderr(node.redirections);

/**
 * In the typed line, from the top: compound commands with `2>&1` join inside (and are not searched further);
 * script runs with `2>&1` get the marker.
 */
function joinWhereAsked<T>(node: T): T {
  if (Array.isArray(node)) return node.map(joinWhereAsked) as T;
  if (node === null || typeof node !== 'object') return node;
  if (isNode(node) && joinedCompound(node)) return joinEverywhere(node);
  const copy = { ...fieldsOf(node) };
  for (const key in copy) copy[key] = joinWhereAsked(copy[key]);
  if (isNode(copy) && copy.type === 'SimpleCommand' && joinsStderr(copy.redirections) && mayRunScript(copy)) {
    return { ...copy, assignments: [...copy.assignments, assignment(MERGED, '1')] } as T;
  }
  return copy as T;
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
    if (facts.typed) return facts.joins ? passFacts(joinWhereAsked(ast), facts) : { ast };
    const joined = ifVariableSet(MERGED, joinEverywhere(ast.statements), ast.statements);
    return passFacts(
      { ...ast, statements: [commandStatement(joined)] },
      { ...facts, lastShellRedirect: facts.shellRedirect ? 0 : -1 },
    );
  },
};
