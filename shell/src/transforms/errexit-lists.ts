import type { TransformPlugin } from 'just-bash';
import { commandStatement, keepingStatus, pipelineOf, simpleCommand, statementOf } from '../ast/ast-build.js';
import { commandName, COMPOUND_WITH_BODY, factsOf, mapNodes, passFacts, type TreeFacts } from '../ast/ast-search.js';
import type { CommandNode, StatementNode } from '../ast/syntax-tree.js';
import type { LearnerCommand } from '../commands/command.js';
import { byPath, STATUS_COMMAND } from '../internal-names.js';

/** `:` (the head succeeded, `||` has nothing to run). */
const nothing = commandStatement(simpleCommand(':'));
/** `lta-status $? && :`: the head's status, in a list so that errexit ignores it, as bash does for a failed head. */
const headStatus = keepingStatus(byPath(STATUS_COMMAND));

/** Whether `statement` is a list whose heads may run commands errexit would wrongly stop (see the plugin). */
function needsRewrite(statement: StatementNode, facts: TreeFacts): boolean {
  const { pipelines, operators } = statement;
  if (pipelines.length < 2 || statement.background || operators.includes(';') || statement.deferredError) return false;
  return pipelines.slice(0, -1).some((pipeline) => pipeline.commands.some((command) => runsStatements(command, facts)));
}

/** A compound command with statements inside, or a call of a function defined in the tree. */
function runsStatements(command: CommandNode, facts: TreeFacts): boolean {
  if (command.type !== 'SimpleCommand') return COMPOUND_WITH_BODY.has(command.type);
  const name = commandName(command);
  return name !== undefined && facts.functions.includes(name);
}

/**
 * `A || B` as `if A; then :; else B; fi`, `A && B` as `if A; then B; else lta-status $? && :; fi`, from the left:
 * the same statuses, `$?` as bash gives it in B, and A run as a condition, where just-bash ignores errexit.
 */
function asConditions(statement: StatementNode): StatementNode {
  const [first, ...rest] = statement.pipelines;
  let head = statementOf([first!]);
  rest.forEach((pipeline, index) => {
    const next = statementOf([pipeline]);
    const orElse = statement.operators[index] === '||';
    const clause = { condition: [head], body: [orElse ? nothing : next] };
    head = statementOf([
      pipelineOf({ type: 'If', clauses: [clause], elseBody: [orElse ? next : headStatus], redirections: [] }),
    ]);
  });
  // `set -v` echoes the statement as typed.
  return statement.sourceText === undefined ? head : { ...head, sourceText: statement.sourceText };
}

/**
 * Bash ignores `set -e` in every command of an `&&`/`||` list but the last, down into the compound commands and
 * functions it runs (`{ false; } || echo handled`, `check || echo failed`). just-bash ignores it only in a simple
 * command there and in `if`/`while` conditions, so those lists become the equivalent `if` statements. Lists of
 * simple commands only (`mkdir a && cd a`, most lines) are left as they are. Runs before the access guards, which
 * turn guarded commands into groups.
 */
export const errexitListsPlugin: TransformPlugin = {
  name: 'lta-errexit-lists',
  transform: ({ ast }) => {
    const facts = factsOf(ast);
    if (!facts.compoundListHeads && !facts.listHeadNames.some((name) => facts.functions.includes(name))) return { ast };
    const rewritten = mapNodes(ast, (node) =>
      node.type === 'Statement' && needsRewrite(node, facts) ? asConditions(node) : node,
    );
    // What this adds (`if`, `:`, our status command) changes none of the facts the next plugins read.
    return passFacts(rewritten, facts);
  },
};

export const statusCommand: LearnerCommand = {
  name: STATUS_COMMAND,
  execute: async (args) => ({ stdout: '', stderr: '', exitCode: Number(args[0]) || 0 }),
};
