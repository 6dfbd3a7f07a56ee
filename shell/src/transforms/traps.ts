import { commandName, isTypedLine, someNode } from '../ast/ast-search.js';
import {
  fieldsOf,
  isNode,
  type CommandNode,
  type PipelineNode,
  type ScriptNode,
  type SimpleCommandNode,
  type StatementNode,
} from '../ast/syntax-tree.js';
import { byPath, STATUS_COMMAND, trapVariable } from '../internal-names.js';

type Parse = (script: string) => ScriptNode;

const EXIT = trapVariable('EXIT');
/** `__lta_status=$?`, which just-bash would give the status kept (tripping errexit), where bash gives 0. */
const KEEP_STATUS = 'printf -v __lta_status %s "$?"';
/** Sets `$?` back to the status kept, in a list so that errexit lets it fail (`errexit-lists.ts`). */
const STATUS = `${byPath(STATUS_COMMAND)} $__lta_status && :`;
const ERR = trapVariable('ERR');
/** Runs the EXIT trap once, with `$?` as the shell exits, then exits with that status (unless the trap exits). */
const FIRE_EXIT = `if [[ -n \${${EXIT}-} ]]; then __lta_run=$${EXIT}; unset ${EXIT}; ${STATUS}; eval "$__lta_run"; fi; exit $__lta_status`;
/** After a failed statement: the ERR trap, then errexit's exit through the EXIT trap; `$?` stays the failure. */
const ON_FAILURE = `${KEEP_STATUS}; if [[ -n \${${ERR}-} ]]; then ${STATUS}; eval "$${ERR}"; fi; if [[ $- == *e* ]]; then ${FIRE_EXIT}; fi; ${STATUS}`;

/** Whether `node` mentions a command named `name` anywhere. */
const mentions = (node: ScriptNode, name: string): boolean => someNode(node, (child) => commandName(child) === name);

/** Commands whose failure is their own, not that of a statement inside them. */
const FAILS_BY_ITSELF = new Set<CommandNode['type']>([
  'SimpleCommand',
  'Subshell',
  'ArithmeticCommand',
  'ConditionalCommand',
]);

/** `a; b && c` as the statements `a` and `b && c`: each is a statement of its own for errexit. */
function bySemicolon(statement: StatementNode): StatementNode[] {
  if (!statement.operators.includes(';')) return [statement];
  const statements: StatementNode[] = [];
  let start = 0;
  statement.operators.forEach((operator, index) => {
    if (operator !== ';') return;
    statements.push({
      ...statement,
      pipelines: statement.pipelines.slice(start, index + 1),
      operators: statement.operators.slice(start, index),
      background: false,
    });
    start = index + 1;
  });
  statements.push({
    ...statement,
    pipelines: statement.pipelines.slice(start),
    operators: statement.operators.slice(start),
  });
  return statements;
}

/**
 * Makes `trap ... EXIT` and `trap ... ERR` fire, which just-bash does not do: every `exit` runs the EXIT trap first,
 * a script that sets a trap runs it at its end, and each statement that may fail (outside conditions, subshells and
 * pipelines, which bash leaves alone too) is followed by the ERR trap and, under `set -e`, the EXIT trap and exit.
 * The traps live in shell variables, so a trap set at the prompt stays for the lines after it. Left as just-bash
 * has it: errexit inside a function or a `{ ...; } ||` head ends the script without the EXIT trap.
 */
export class TrapsPlugin {
  readonly name = 'lta-traps';
  private readonly fireExit: StatementNode[];
  private readonly onFailure: StatementNode[];
  /** `KEEP_STATUS`, a statement on its own and a command to give another status. */
  private readonly keepStatus: StatementNode;

  constructor(parse: Parse) {
    this.fireExit = parse(FIRE_EXIT).statements;
    this.onFailure = parse(ON_FAILURE).statements;
    this.keepStatus = parse(KEEP_STATUS).statements[0]!;
  }

  transform({ ast }: { ast: ScriptNode }): { ast: ScriptNode } {
    const typed = isTypedLine(ast);
    const setsTrap = mentions(ast, 'trap');
    // A typed line only needs its `exit` to fire a trap set on an earlier line; a script only if it sets one.
    if (typed ? !mentions(ast, 'exit') && !setsTrap : !setsTrap) return { ast };
    // The typed line holds the session's own prelude and epilogue: only its exits change.
    const statements = this.walk(ast.statements, !typed);
    if (typed) return { ast: { ...ast, statements } };
    return { ast: { ...ast, statements: [...statements, this.keepStatus, ...this.fireExit] } };
  }

  /** `node` with its exits and, where `guarded`, its statements rewritten (see the class). */
  private walk<T>(node: T, guarded: boolean): T {
    if (Array.isArray(node)) {
      return node.flatMap((item: unknown) => {
        if (!isNode(item) || item.type !== 'Statement') return [this.walk(item, guarded)];
        return bySemicolon(item).map((statement) => {
          const next = this.walk(statement, guarded);
          return guarded ? this.guard(next) : next;
        });
      }) as T;
    }
    if (node === null || typeof node !== 'object') return node;
    if (isNode(node)) {
      // Bash does not run the shell's traps for what runs in a subshell.
      if (node.type === 'Subshell' || node.type === 'CommandSubstitution' || node.type === 'ProcessSubstitution')
        return node;
      if (node.type === 'Pipeline' && node.commands.length > 1) return node;
      if (node.type === 'SimpleCommand' && commandName(node) === 'exit') return this.exitVia(node) as T;
    }
    // Conditions (`if`, `while`, `!`, the heads of `&&`/`||`) may fail without tripping errexit or ERR, and so may
    // a function's body, which can be called as one; bash gives a function no ERR trap without `set -E` either.
    const exemptNode =
      isNode(node) &&
      (node.type === 'FunctionDef' ||
        (node.type === 'Pipeline' && node.negated) ||
        (node.type === 'Statement' && node.pipelines.length > 1));
    const copy = { ...fieldsOf(node) };
    for (const key in copy) {
      const value = copy[key];
      if (value !== null && typeof value === 'object')
        copy[key] = this.walk(value, guarded && !exemptNode && key !== 'condition');
    }
    return copy as T;
  }

  /** `exit [N]` as `{ KEEP_STATUS (N);  <EXIT trap>; exit $__lta_status; }`. */
  private exitVia(command: SimpleCommandNode): CommandNode {
    const [status] = command.args;
    let keep = this.keepStatus;
    const printf = keep.pipelines[0]!.commands[0]!;
    if (status !== undefined && printf.type === 'SimpleCommand') {
      const given = { ...printf, args: [...printf.args.slice(0, -1), status] };
      keep = { ...keep, pipelines: [{ ...keep.pipelines[0]!, commands: [given] }] };
    }
    return { type: 'Group', body: [keep, ...this.fireExit], redirections: command.redirections };
  }

  /**
   * `S` as `S || { <ERR trap, errexit through the EXIT trap> }`, for a statement of one command that fails by
   * itself; a compound command's status comes from a statement inside, which has its own.
   */
  private guard(statement: StatementNode): StatementNode {
    const [pipeline] = statement.pipelines;
    const command = pipeline?.commands[0];
    if (
      statement.pipelines.length !== 1 ||
      statement.background ||
      pipeline!.negated ||
      command === undefined ||
      !FAILS_BY_ITSELF.has(command.type)
    )
      return statement;
    const handler: PipelineNode = {
      type: 'Pipeline',
      commands: [{ type: 'Group', body: this.onFailure, redirections: [] }],
      negated: false,
    };
    return { ...statement, pipelines: [pipeline!, handler], operators: ['||'] };
  }
}
