import {
  assignment,
  commandStatement,
  LAST_STATUS,
  literal,
  pipelineOf,
  simpleCommand,
  statementOf,
} from '../ast/ast-build.js';
import { commandName, factsOf, passFacts, readsLastJob } from '../ast/ast-search.js';
import { fieldsOf, isNode, type ScriptNode, type SimpleCommandNode, type StatementNode } from '../ast/syntax-tree.js';
import { jobText } from './job-text.js';
import {
  byPath,
  JOB_END_COMMAND,
  JOB_START_COMMAND,
  LAST_JOB_VARIABLE as LAST_JOB,
  NOHUP_TERMINAL_MARKER,
} from '../internal-names.js';

const isBackground = (node: unknown): node is StatementNode =>
  isNode(node) && node.type === 'Statement' && node.background;

/** Whether `command` leaves its stdout on the terminal (no `>`, `>>`, `&>` of fd 1). */
const stdoutOnTerminal = (command: SimpleCommandNode) =>
  !command.redirections.some(
    (r) => ['&>', '&>>'].includes(r.operator) || (['>', '>>', '>|'].includes(r.operator) && (r.fd ?? 1) === 1),
  );

/**
 * `cmd &` starts a job as bash does, in simulated time (`machine/processes/`): `lta-job-start` gives it a process
 * ID (`[1] 1234` at the prompt, `$!`), its commands run at once in a subshell with every `sleep` in them taken as
 * the job's own time instead of waited for, and `lta-job-end` tells the table how long it runs on. `$!` is read
 * from our variable, since just-bash leaves it 0; `nohup` with its output on the terminal is marked so that it
 * writes `nohup.out`; `wait` reaches our command, which knows the table.
 */
export class BackgroundJobsPlugin {
  readonly name = 'lta-background-jobs';

  transform({ ast }: { ast: ScriptNode }): { ast: ScriptNode } {
    const facts = factsOf(ast);
    if (!facts.jobs) return { ast };
    return passFacts({ ...ast, statements: this.rewrite(ast.statements, facts.typed ? '1' : '0') }, facts);
  }

  private rewrite<T>(node: T, atPrompt: string): T {
    if (Array.isArray(node)) {
      return node.flatMap((item: unknown) =>
        isBackground(item) ? this.job(item, atPrompt) : [this.rewrite(item, atPrompt)],
      ) as T;
    }
    if (node === null || typeof node !== 'object') return node;
    if (isNode(node) && node.type === 'ParameterExpansion' && readsLastJob(node)) {
      // `${!:+x}` comes as an indirection carrying the real operation inside.
      const operation =
        node.operation?.type === 'Indirection' && node.parameter !== '!'
          ? (node.operation.innerOp ?? null)
          : node.operation;
      return { ...node, parameter: LAST_JOB, operation: this.rewrite(operation, atPrompt) } as T;
    }
    if (isNode(node) && node.type === 'SimpleCommand' && commandName(node) === 'wait') {
      // just-bash's own `wait` knows nothing of the process table: ours is reached by its path.
      return { ...node, name: literal(byPath('wait')), args: this.rewrite(node.args, atPrompt) } as T;
    }
    if (isNode(node) && node.type === 'SimpleCommand' && commandName(node) === 'nohup' && stdoutOnTerminal(node)) {
      return {
        ...node,
        assignments: [...node.assignments, assignment(NOHUP_TERMINAL_MARKER, '1')],
        args: this.rewrite(node.args, atPrompt),
      } as T;
    }
    const copy = { ...fieldsOf(node) };
    for (const key in copy) copy[key] = this.rewrite(copy[key], atPrompt);
    return copy as T;
  }

  /**
   * `lta-job-start AT_PROMPT TEXT; ( STATEMENT ) && lta-job-end 0 || lta-job-end $?`: as a list, so that a failing
   * job never trips `set -e`, and the line goes on with `$?` 0, as after bash's `cmd &`.
   */
  private job(statement: StatementNode, atPrompt: string): StatementNode[] {
    const foreground: StatementNode = { ...this.rewrite(statement, atPrompt), background: false };
    const text = jobText({ ...statement, background: false });
    return [
      commandStatement(simpleCommand(byPath(JOB_START_COMMAND), [literal(atPrompt), literal(text)])),
      statementOf(
        [
          pipelineOf({ type: 'Subshell', body: [foreground], redirections: [] }),
          pipelineOf(simpleCommand(byPath(JOB_END_COMMAND), [literal('0')])),
          pipelineOf(simpleCommand(byPath(JOB_END_COMMAND), [LAST_STATUS])),
        ],
        ['&&', '||'],
      ),
    ];
  }
}
