import type { ScriptNode, StatementNode, TransformPlugin, WordNode } from 'just-bash';
import type { LearnerCommand, ShellServices } from './commands/command.js';

/** The command the plugin puts in front of output redirections. */
const GUARD_COMMAND = 'lta-can-write';
const OUTPUT_OPERATORS = new Set(['>', '>>', '>|', '&>', '&>>']);

function literal(value: string): WordNode {
  return { type: 'Word', parts: [{ type: 'Literal', value }] };
}

/** `lta-can-write TARGET...`, reading /dev/null so that the guarded command still gets the pipe's input. */
function guardPipeline(targets: WordNode[]) {
  const noInput = { type: 'Redirection' as const, fd: null, operator: '<' as const, target: literal('/dev/null') };
  const guard = { type: 'SimpleCommand' as const, name: literal(GUARD_COMMAND), args: targets, assignments: [], redirections: [noInput] };
  return { type: 'Pipeline' as const, commands: [guard], negated: false };
}

interface Redirecting {
  type: 'SimpleCommand';
  redirections: { operator: string; target: { type: string } }[];
}

function guarded(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(guarded);
  if (node === null || typeof node !== 'object') return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) copy[key] = guarded(value);
  if (copy.type !== 'SimpleCommand') return copy;
  const targets = (copy as unknown as Redirecting).redirections
    .filter((redirection) => OUTPUT_OPERATORS.has(redirection.operator) && redirection.target.type === 'Word')
    .map((redirection) => redirection.target as WordNode);
  if (targets.length === 0) return copy;
  // `{ lta-can-write TARGET && COMMAND; }`: a group, because just-bash hands a pipe's input to a group's commands.
  const guardedStatement: StatementNode = {
    type: 'Statement',
    pipelines: [guardPipeline(targets), { type: 'Pipeline', commands: [copy as never], negated: false }],
    operators: ['&&'],
    background: false,
  };
  return { type: 'Group', body: [guardedStatement], redirections: [] };
}

/**
 * just-bash checks a redirection's target for existence and for being a directory, but a write the filesystem
 * refuses (`echo x > readonly.txt`) escapes as an error that ends the whole line. Bash instead fails just that
 * command with `Permission denied`. This plugin runs `lta-can-write TARGET...` before every command with an
 * output redirection and skips the command (status 1) when the learner may not write there. (Under `set -e` the failed
 * guard, being left of `&&`, does not end the line as bash would.)
 */
export const redirectGuardPlugin: TransformPlugin = {
  name: 'lta-redirect-guard',
  transform: ({ ast }) => ({ ast: guarded(ast) as ScriptNode }),
};

/** Checks each redirection target as the kernel would when opening it for writing. */
export function redirectGuardCommand(services: ShellServices): LearnerCommand {
  return {
    name: GUARD_COMMAND,
    async execute(args, ctx) {
      const fs = services.fs;
      for (const target of args) {
        const path = fs.resolvePath(ctx.cwd, target);
        const denied = { stdout: '', stderr: `bash: ${target}: Permission denied\n`, exitCode: 1 };
        if (await fs.exists(path)) {
          if (!fs.mayWrite(await fs.realpath(path))) return denied;
        } else {
          const parent = path.slice(0, path.lastIndexOf('/')) || '/';
          if (!(await fs.exists(parent))) return { stdout: '', stderr: `bash: ${target}: No such file or directory\n`, exitCode: 1 };
          if (!fs.mayCreateIn(await fs.realpath(parent))) return denied;
        }
      }
      return { stdout: '', stderr: '', exitCode: 0 };
    },
  };
}
