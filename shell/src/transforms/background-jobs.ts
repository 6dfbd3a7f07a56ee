import { commandStatement, simpleCommand } from '../ast/ast-build.js';
import { someNode } from '../ast/ast-search.js';
import { fieldsOf, isNode, type ScriptNode, type SyntaxNode } from '../ast/syntax-tree.js';
import type { LearnerCommand } from '../commands/command.js';
import { BACKGROUND_JOB_COMMAND as JOB_COMMAND, byPath, LAST_JOB_VARIABLE as LAST_JOB } from '../internal-names.js';

/** Where the made-up process IDs start: a number a freshly booted Linux would hand out. */
const FIRST_PID = 1200;

/** `$!`, `${!}` (which just-bash reads as an indirection of nothing), `${!:-none}`. */
const readsLastJob = (node: SyntaxNode) =>
  node.type === 'ParameterExpansion' && (node.parameter === '!' || (node.parameter === '' && node.operation?.type === 'Indirection'));

/** Whether `node` has a background statement or reads `$!` anywhere. */
const concerns = (node: ScriptNode) => someNode(node, (child) => (child.type === 'Statement' && child.background) || readsLastJob(child));

const isBackground = (node: unknown) => isNode(node) && node.type === 'Statement' && node.background;

/** `node` with `$!` read from our variable and a new process ID given after each background statement. */
function rewrite<T>(node: T): T {
  if (Array.isArray(node)) {
    return node.flatMap((item: unknown) => {
      const next = rewrite(item);
      return isBackground(item) ? [next, commandStatement(simpleCommand(byPath(JOB_COMMAND)))] : [next];
    }) as T;
  }
  if (node === null || typeof node !== 'object') return node;
  if (isNode(node) && node.type === 'ParameterExpansion' && readsLastJob(node)) {
    // `${!:+x}` comes as an indirection carrying the real operation inside.
    const operation = node.operation?.type === 'Indirection' && node.parameter !== '!' ? (node.operation.innerOp ?? null) : node.operation;
    return { ...node, parameter: LAST_JOB, operation: rewrite(operation) };
  }
  const copy = { ...fieldsOf(node) };
  for (const key in copy) copy[key] = rewrite(copy[key]);
  return copy as T;
}

/**
 * `cmd &` runs to its end before the next command here, as just-bash runs it, but gets a process ID as in bash:
 * `$!` is a plausible, growing number (empty before the first job), so `echo $!` and `wait $!` read as bash's do.
 */
export const backgroundJobsPlugin = {
  name: 'lta-background-jobs',
  transform: ({ ast }: { ast: ScriptNode }): { ast: ScriptNode } => (concerns(ast) ? { ast: { ...ast, statements: rewrite(ast.statements) } } : { ast }),
};

/** Gives the job just started its process ID: the last one plus one. */
export const backgroundJobCommand: LearnerCommand = {
  name: JOB_COMMAND,
  async execute(_args, ctx) {
    await ctx.assignShellVariable?.(LAST_JOB, String((Number(ctx.env.get(LAST_JOB)) || FIRST_PID) + 1));
    return { stdout: '', stderr: '', exitCode: 0 };
  },
};
