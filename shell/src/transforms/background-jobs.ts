import type { ScriptNode, StatementNode } from 'just-bash';
import { commandStatement, simpleCommand } from '../ast/ast-build.js';
import type { LearnerCommand } from '../commands/command.js';
import { BACKGROUND_JOB_COMMAND as JOB_COMMAND, byPath, LAST_JOB_VARIABLE as LAST_JOB } from '../internal-names.js';

type AstNode = Record<string, unknown> & { type?: string };

/** Where the made-up process IDs start: a number a freshly booted Linux would hand out. */
const FIRST_PID = 1200;

/** `$!`, `${!}` (which just-bash reads as an indirection of nothing), `${!:-none}`. */
const readsLastJob = (node: AstNode) =>
  node.type === 'ParameterExpansion' && (node.parameter === '!' || (node.parameter === '' && (node.operation as AstNode | null)?.type === 'Indirection'));

/** Whether `node` has a background statement or reads `$!` anywhere. */
function concerns(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(concerns);
  if (node === null || typeof node !== 'object') return false;
  const record = node as AstNode;
  if ((record.type === 'Statement' && record.background === true) || readsLastJob(record)) return true;
  return Object.values(record).some((value) => value !== null && typeof value === 'object' && concerns(value));
}

/** `node` with `$!` read from our variable and a new process ID given after each background statement. */
function rewrite(node: unknown): unknown {
  if (Array.isArray(node)) {
    return node.flatMap((item) => {
      const next = rewrite(item);
      return (item as AstNode)?.type === 'Statement' && (item as AstNode).background === true ? [next, commandStatement(simpleCommand(byPath(JOB_COMMAND)))] : [next];
    });
  }
  if (node === null || typeof node !== 'object') return node;
  const record = node as AstNode;
  if (readsLastJob(record)) {
    // `${!:+x}` comes as an indirection carrying the real operation inside.
    const operation = record.parameter === '!' ? record.operation : ((record.operation as AstNode).innerOp ?? null);
    return { ...record, parameter: LAST_JOB, operation: rewrite(operation) };
  }
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, value !== null && typeof value === 'object' ? rewrite(value) : value]));
}

/**
 * `cmd &` runs to its end before the next command here, as just-bash runs it, but gets a process ID as in bash:
 * `$!` is a plausible, growing number (empty before the first job), so `echo $!` and `wait $!` read as bash's do.
 */
export const backgroundJobsPlugin = {
  name: 'lta-background-jobs',
  transform: ({ ast }: { ast: ScriptNode }): { ast: ScriptNode } => (concerns(ast) ? { ast: { ...ast, statements: rewrite(ast.statements) as StatementNode[] } } : { ast }),
};

/** Gives the job just started its process ID: the last one plus one. */
export const backgroundJobCommand: LearnerCommand = {
  name: JOB_COMMAND,
  async execute(_args, ctx) {
    await ctx.assignShellVariable?.(LAST_JOB, String((Number(ctx.env.get(LAST_JOB)) || FIRST_PID) + 1));
    return { stdout: '', stderr: '', exitCode: 0 };
  },
};
