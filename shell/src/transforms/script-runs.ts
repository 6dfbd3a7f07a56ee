import type { TransformPlugin } from 'just-bash';
import { commandStatement, literal } from '../ast/ast-build.js';
import { factsOf, isScriptPath, mapNodes, passFacts, plainWord } from '../ast/ast-search.js';
import type { CommandNode, CommandOf, ConditionalExpression, SyntaxNode, WordNode } from '../ast/syntax-tree.js';

const test = (operator: '-f' | '-x', operand: WordNode): ConditionalExpression => ({
  type: 'CondUnary',
  operator,
  operand,
});

/** A simple command started by a script's path, as `if [[ -f PATH && -x PATH ]]; then bash PATH ARGS...; else PATH ARGS...; fi`. */
function viaBash(command: SyntaxNode): SyntaxNode {
  if (command.type !== 'SimpleCommand' || command.name === null || !isScriptPath(plainWord(command.name)))
    return command;
  const viaBash = { ...command, name: literal('bash'), args: [command.name, ...command.args] };
  const isRunnableFile: CommandOf<'ConditionalCommand'> = {
    type: 'ConditionalCommand',
    expression: { type: 'CondAnd', left: test('-f', command.name), right: test('-x', command.name) },
    redirections: [],
  };
  const run: CommandOf<'If'> = {
    type: 'If',
    clauses: [{ condition: [commandStatement(isRunnableFile)], body: [commandStatement(viaBash)] }],
    elseBody: [commandStatement(command)],
    redirections: [],
  };
  rewritten.add(run);
  return run;
}

/** The `if`s `viaBash` wrote. */
const rewritten = new WeakSet<SyntaxNode>();

/**
 * just-bash gives an `if` after a pipe no input (a `{ }` group gets it), so `cat names | ./greet.sh` would read
 * nothing: a script run there is wrapped in a group.
 */
function piped(node: SyntaxNode): SyntaxNode {
  if (node.type !== 'Pipeline' || !node.commands.some((command, i) => i > 0 && rewritten.has(command))) return node;
  const commands = node.commands.map((command, i): CommandNode =>
    i > 0 && rewritten.has(command) ? { type: 'Group', body: [commandStatement(command)], redirections: [] } : command,
  );
  return { ...node, commands };
}

/**
 * just-bash runs a script started by its path without passing it through transform plugins (it does for
 * `bash script`), so loops in it would not yield and refused redirections in it would end it. This plugin starts
 * an executable script file given by path as `bash PATH ARGS...`, which is what its `#!/bin/bash` line asks for.
 */
export const scriptRunsPlugin: TransformPlugin = {
  name: 'lta-script-runs',
  transform: ({ ast }) => {
    const facts = factsOf(ast);
    if (!facts.scriptPaths) return { ast };
    // The tree now names `bash`.
    return passFacts(
      mapNodes(ast, (node) => piped(viaBash(node))),
      { ...facts, mentionsScriptRunner: true },
    );
  },
};
