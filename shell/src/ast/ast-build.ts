import type {
  Assignment,
  CommandNode,
  CommandOf,
  PipelineNode,
  SimpleCommandNode,
  StatementNode,
  WordNode,
} from './syntax-tree.js';

/**
 * Syntax-tree nodes the transform plugins write into the learner's line: the same shapes just-bash's parser makes,
 * built in one place.
 */

/** A word of literal text. */
export const literal = (value: string): WordNode => ({ type: 'Word', parts: [{ type: 'Literal', value }] });

/** `$?`. */
export const LAST_STATUS: WordNode = {
  type: 'Word',
  parts: [{ type: 'ParameterExpansion', parameter: '?', operation: null }],
};

/** `NAME ARGS...`, with no assignments or redirections. */
export const simpleCommand = (name: string, args: WordNode[] = []): SimpleCommandNode => ({
  type: 'SimpleCommand',
  name: literal(name),
  args,
  assignments: [],
  redirections: [],
});

/** A pipeline of one command. */
export const pipelineOf = (command: CommandNode): PipelineNode => ({
  type: 'Pipeline',
  commands: [command],
  negated: false,
});

/** `pipelines` joined by `operators` (`&&`, `||`). */
export const statementOf = (pipelines: PipelineNode[], operators: StatementNode['operators'] = []): StatementNode => ({
  type: 'Statement',
  pipelines,
  operators,
  background: false,
});

/** A statement of one command. */
export const commandStatement = (command: CommandNode): StatementNode => statementOf([pipelineOf(command)]);

/**
 * `NAME $? && :`, for our commands that exit with the status they are given: `$?` stays what it was, and a failed
 * one does not trip errexit, since it heads a list.
 */
export const keepingStatus = (name: string): StatementNode =>
  statementOf([pipelineOf(simpleCommand(name, [LAST_STATUS])), pipelineOf(simpleCommand(':'))], ['&&']);

/** `NAME=VALUE`, as a simple command's prefix assignment. */
export const assignment = (name: string, value: string): Assignment => ({
  type: 'Assignment',
  name,
  value: literal(value),
  append: false,
  array: null,
});

/** `command` with `NAME=VALUE` in front, in place of any assignment to `NAME` it had. */
export function withAssignment(command: SimpleCommandNode, name: string, value: string): SimpleCommandNode {
  const others = command.assignments.filter((existing) => existing.name !== name);
  return { ...command, assignments: [...others, assignment(name, value)] };
}

/** `if [[ -n ${NAME-} ]]; then THEN; else OTHERWISE; fi`: the marker variables our plugins set for scripts. */
export function ifVariableSet(name: string, then: StatementNode[], otherwise: StatementNode[]): CommandOf<'If'> {
  const operand: WordNode = {
    type: 'Word',
    parts: [
      {
        type: 'ParameterExpansion',
        parameter: name,
        operation: { type: 'DefaultValue', word: literal(''), checkEmpty: false },
      },
    ],
  };
  const test: CommandOf<'ConditionalCommand'> = {
    type: 'ConditionalCommand',
    expression: { type: 'CondUnary', operator: '-n', operand },
    redirections: [],
  };
  return {
    type: 'If',
    clauses: [{ condition: [commandStatement(test)], body: then }],
    elseBody: otherwise,
    redirections: [],
  };
}
