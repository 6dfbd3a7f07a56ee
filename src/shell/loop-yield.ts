import type { ScriptNode, StatementNode, TransformPlugin } from 'just-bash';
import { factsOf, LOOPS, mapNodes, passFacts } from './ast-search.js';
import type { LearnerCommand } from './commands/command.js';

/** The command the plugin puts first in every loop body. */
const YIELD_COMMAND = 'lta-yield';
/** How long a loop may hold the page's thread before it lets the page paint and handle Ctrl-C. */
const SLICE_MS = 12;

const yieldStatement: StatementNode = {
  type: 'Statement',
  pipelines: [
    {
      type: 'Pipeline',
      commands: [
        {
          type: 'SimpleCommand',
          name: { type: 'Word', parts: [{ type: 'Literal', value: YIELD_COMMAND }] },
          args: [],
          assignments: [],
          redirections: [],
        },
      ],
      negated: false,
    },
  ],
  operators: [],
  background: false,
};

function withYield(node: Record<string, unknown>): Record<string, unknown> {
  // First in the body: the body's last status stays the loop's, and `continue` cannot skip it.
  return LOOPS.has(String(node.type)) && Array.isArray(node.body) ? { ...node, body: [yieldStatement, ...node.body] } : node;
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
  async execute() {
    const now = performance.now();
    if (now - lastYield > SLICE_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      lastYield = performance.now();
    }
    return { stdout: '', stderr: '', exitCode: 0 };
  },
};
