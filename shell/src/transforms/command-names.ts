import type { ScriptNode, TransformPlugin } from 'just-bash';
import { factsOf } from '../ast/ast-search.js';
import { byPath, INTERNAL_PREFIX } from '../internal-names.js';

/**
 * Bash builtins that just-bash implements as commands in /usr/bin, so that it looks them up in PATH: after
 * `PATH=/nowhere`, `echo` would be "command not found" where bash still has its builtin.
 */
const BUILTINS_IN_PATH = new Set(['echo', 'printf', 'pwd', 'alias', 'unalias', 'umask', 'history']);

type AstNode = Record<string, unknown> & { type?: string };

function literalName(command: AstNode): string | undefined {
  const parts = (command.name as { parts?: { type: string; value?: string }[] } | null)?.parts;
  return parts?.length === 1 && parts[0]!.type === 'Literal' ? parts[0]!.value : undefined;
}

function functionNames(node: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const item of node) functionNames(item, into);
  else if (node !== null && typeof node === 'object') {
    const record = node as AstNode;
    if (record.type === 'FunctionDef' && typeof record.name === 'string') into.add(record.name);
    for (const value of Object.values(record)) if (value !== null && typeof value === 'object') functionNames(value, into);
  }
  return into;
}

function rerouted(node: unknown, builtins: Set<string>): unknown {
  if (Array.isArray(node)) return node.map((item) => rerouted(item, builtins));
  if (node === null || typeof node !== 'object') return node;
  const copy: AstNode = {};
  for (const [key, value] of Object.entries(node)) copy[key] = rerouted(value, builtins);
  if (copy.type !== 'SimpleCommand') return copy;
  const name = literalName(copy);
  if (name === undefined || !(name.startsWith(INTERNAL_PREFIX) || builtins.has(name))) return copy;
  return { ...copy, name: { type: 'Word', parts: [{ type: 'Literal', value: byPath(name) }] } };
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
  session: { pathMayLackBuiltins: boolean; shadowed: ReadonlySet<string> } = { pathMayLackBuiltins: false, shadowed: new Set() };

  transform({ ast }: { ast: ScriptNode }): { ast: ScriptNode } {
    // While PATH reaches /usr/bin, every name resolves as it is: most lines cost nothing here.
    if (!this.session.pathMayLackBuiltins) {
      const facts = factsOf(ast);
      if (facts.typed || !facts.setsPath) return { ast };
    }
    const shadowed = functionNames(ast, new Set(this.session.shadowed));
    return { ast: rerouted(ast, new Set([...BUILTINS_IN_PATH].filter((name) => !shadowed.has(name)))) as ScriptNode };
  }
}

/** Whether a PATH value reaches the directories just-bash keeps its commands in. */
export function reachesBuiltins(path: string | undefined): boolean {
  const dirs = (path ?? '').split(':');
  return dirs.includes('/usr/bin') || dirs.includes('/bin');
}
