import type { TransformPlugin } from 'just-bash';
import { literal } from '../ast/ast-build.js';
import { commandName, factsOf } from '../ast/ast-search.js';
import { fieldsOf, isNode, type ScriptNode } from '../ast/syntax-tree.js';
import { byPath, INTERNAL_PREFIX } from '../internal-names.js';

/**
 * Bash builtins that just-bash implements as commands in /usr/bin, so that it looks them up in PATH: after
 * `PATH=/nowhere`, `echo` would be "command not found" where bash still has its builtin.
 */
const BUILTINS_IN_PATH = new Set(['echo', 'printf', 'pwd', 'alias', 'unalias', 'umask', 'history']);

function rerouted<T>(node: T, builtins: Set<string>): T {
  if (Array.isArray(node)) return node.map((item: unknown) => rerouted(item, builtins)) as T;
  if (node === null || typeof node !== 'object') return node;
  const copy = { ...fieldsOf(node) };
  for (const key in copy) copy[key] = rerouted(copy[key], builtins);
  if (!isNode(copy) || copy.type !== 'SimpleCommand') return copy as T;
  const name = commandName(copy);
  if (name === undefined || !(name.startsWith(INTERNAL_PREFIX) || builtins.has(name))) return copy as T;
  return { ...copy, name: literal(byPath(name)) } as T;
}

/**
 * When PATH may lack /usr/bin (the session's PATH does, the line mentions PATH, or a script assigns it), calls by
 * path what must not depend on PATH: our own commands (`lta-yield`, which every loop body gets), and the builtins
 * just-bash keeps in /usr/bin unless a function or alias of that name shadows them (bash would run those).
 */
export class CommandNamesPlugin implements TransformPlugin {
  readonly name = 'lta-command-names';
  /**
   * Set by the session before each line: PATH may not reach /usr/bin (the session's PATH does not, or the line
   * mentions PATH), and the names that shadow builtins.
   */
  session: { pathMayLackBuiltins: boolean; shadowed: ReadonlySet<string> } = {
    pathMayLackBuiltins: false,
    shadowed: new Set(),
  };

  transform({ ast }: { ast: ScriptNode }): { ast: ScriptNode } {
    // While PATH reaches /usr/bin, every name resolves as it is: most lines cost nothing here.
    if (!this.session.pathMayLackBuiltins) {
      const facts = factsOf(ast);
      if (facts.typed || !facts.setsPath) return { ast };
    }
    const shadowed = new Set([...this.session.shadowed, ...factsOf(ast).functions]);
    return { ast: rerouted(ast, new Set([...BUILTINS_IN_PATH].filter((name) => !shadowed.has(name)))) };
  }
}

/** Whether a PATH value reaches the directories just-bash keeps its commands in. */
export function reachesBuiltins(path: string | undefined): boolean {
  const dirs = (path ?? '').split(':');
  return dirs.includes('/usr/bin') || dirs.includes('/bin');
}
