import type { TransformPlugin } from 'just-bash';
import { literal } from '../ast/ast-build.js';
import { commandName, factsOf, mapNodes } from '../ast/ast-search.js';
import type { ScriptNode } from '../ast/syntax-tree.js';
import { byPath } from '../internal-names.js';

/**
 * `help` with no topic runs our list (`commands/help.ts`), called by path: just-bash's builtin, which would run
 * first under the name, titles its list "just-bash shell builtins". `help NAME` stays the builtin.
 */
export class HelpListPlugin implements TransformPlugin {
  readonly name = 'lta-help-list';
  /** Set by the session before each line: whether it may run `help`, which no function or alias shadows. */
  session = { active: false };

  transform({ ast }: { ast: ScriptNode }): { ast: ScriptNode } {
    // A function named `help`, of the session or defined here, is what bash runs.
    if (!this.session.active || factsOf(ast).functions.includes('help')) return { ast };
    return {
      ast: mapNodes(ast, (node) =>
        node.type === 'SimpleCommand' && node.args.length === 0 && commandName(node) === 'help'
          ? { ...node, name: literal(byPath('help')) }
          : node,
      ),
    };
  }
}
