import type { ScriptNode, StatementNode, TransformPlugin } from 'just-bash';
import { factsOf, LOOPS, mapNodes, passFacts } from './ast-search.js';
import type { LearnerCommand } from './commands/command.js';

/** The command the plugin puts first in every loop body. */
const YIELD_COMMAND = 'lta-yield';
/** How long a loop may hold the page's thread before it lets the page paint and handle Ctrl-C. */
const SLICE_MS = 12;

const yieldCommand = (args: unknown[]) => ({
  type: 'Pipeline' as const,
  commands: [{ type: 'SimpleCommand' as const, name: { type: 'Word' as const, parts: [{ type: 'Literal' as const, value: YIELD_COMMAND }] }, args, assignments: [], redirections: [] }],
  negated: false,
});

/** `lta-yield`. */
const yieldStatement = { type: 'Statement', pipelines: [yieldCommand([])], operators: [], background: false } as StatementNode;

/**
 * `lta-yield "$?" && :`, for a body that reads `$?` before running anything: it then sees the status the previous
 * iteration ended with, as in bash; in a list, a failed status does not trip errexit.
 */
const statusKeepingYield = {
  type: 'Statement',
  pipelines: [
    yieldCommand([{ type: 'Word', parts: [{ type: 'ParameterExpansion', parameter: '?', operation: null }] }]),
    { type: 'Pipeline', commands: [{ type: 'SimpleCommand', name: { type: 'Word', parts: [{ type: 'Literal', value: ':' }] }, args: [], assignments: [], redirections: [] }], negated: false },
  ],
  operators: ['&&'],
  background: false,
} as StatementNode;

/** Whether `node` reads `$?` (`$?`, `${?}`, `$(( $? ))`) anywhere below it. */
function readsStatus(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(readsStatus);
  if (node === null || typeof node !== 'object') return false;
  const record = node as Record<string, unknown>;
  if ((record.type === 'ParameterExpansion' && record.parameter === '?') || (record.type === 'ArithSpecialVar' && record.name === '?')) return true;
  for (const key in record) if (readsStatus(record[key])) return true;
  return false;
}

function withYield(node: Record<string, unknown>): Record<string, unknown> {
  if (!LOOPS.has(String(node.type)) || !Array.isArray(node.body)) return node;
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
    return facts.loops ? passFacts(mapNodes(ast, withYield) as ScriptNode, facts) : { ast };
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
