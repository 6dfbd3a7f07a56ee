import type { TransformPlugin } from 'just-bash';
import { commandStatement, keepingStatus, simpleCommand } from '../ast/ast-build.js';
import { factsOf, mapNodes, passFacts, someNode } from '../ast/ast-search.js';
import type { StatementNode, SyntaxNode } from '../ast/syntax-tree.js';
import type { LearnerCommand } from '../commands/command.js';
import { YIELD_COMMAND } from '../internal-names.js';

/** How long a loop may hold the page's thread before it lets the page paint and handle Ctrl-C. */
const SLICE_MS = 12;

/** `lta-yield`. */
const yieldStatement = commandStatement(simpleCommand(YIELD_COMMAND));

/** For a body that reads `$?` before running anything: it then sees the status the previous iteration ended with. */
const statusKeepingYield = keepingStatus(YIELD_COMMAND);

/** Whether `node` reads `$?` (`$?`, `${?}`, `$(( $? ))`) anywhere below it. */
function readsStatus(statement: StatementNode | undefined): boolean {
  return someNode(
    statement,
    (node) =>
      (node.type === 'ParameterExpansion' && node.parameter === '?') ||
      (node.type === 'ArithSpecialVar' && node.name === '?'),
  );
}

function withYield(node: SyntaxNode): SyntaxNode {
  if (node.type !== 'While' && node.type !== 'Until' && node.type !== 'For' && node.type !== 'CStyleFor') return node;
  // First in the body: the body's last status stays the loop's, and `continue` cannot skip it. Passing `$?` through
  // costs a command per iteration, so only a body whose first statement reads it gets that form.
  const first = readsStatus(node.body[0]) ? statusKeepingYield : yieldStatement;
  return { ...node, body: [first, ...node.body] };
}

/**
 * just-bash runs a loop like `while true; do :; done` without ever returning to the event loop, which would
 * freeze the page until a limit trips. This plugin makes every loop iteration call `lta-yield`, which gives the
 * thread back every few milliseconds so the terminal stays responsive and Ctrl-C (the abort signal) is seen.
 */
export const loopYieldPlugin: TransformPlugin = {
  name: 'lta-loop-yield',
  transform: ({ ast }) => {
    const facts = factsOf(ast);
    // The yield command changes none of the facts.
    return facts.loops ? passFacts(mapNodes(ast, withYield), facts) : { ast };
  },
};

let lastYield = 0;

export const loopYieldCommand: LearnerCommand = {
  name: YIELD_COMMAND,
  async execute(args) {
    const now = performance.now();
    if (now - lastYield > SLICE_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      lastYield = performance.now();
    }
    return { stdout: '', stderr: '', exitCode: Number(args[0]) || 0 };
  },
};
