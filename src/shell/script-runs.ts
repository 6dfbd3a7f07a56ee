import type { ScriptNode, TransformPlugin } from 'just-bash';

type AstNode = Record<string, unknown> & { type?: string };
interface WordPart {
  type: string;
  value?: string;
}

function wordText(word: unknown): string | undefined {
  const parts = ((word as { parts?: WordPart[] } | null)?.parts ?? []) as WordPart[];
  if (!parts.every((part) => part.type === 'Literal' || part.type === 'TildeExpansion')) return undefined;
  return parts.map((part) => (part.type === 'Literal' ? part.value : '~')).join('');
}

/** A script started by its path (`./backup.sh`, `~/bin/tool`), not a system command such as `/bin/ls`. */
function isScriptPath(name: string | undefined): boolean {
  return name !== undefined && name.includes('/') && !/^\/(usr\/)?(local\/)?bin\//.test(name);
}

const test = (operator: string, operand: unknown) => ({ type: 'CondUnary', operator, operand });

function rewrite(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewrite);
  if (node === null || typeof node !== 'object') return node;
  const copy: AstNode = {};
  for (const [key, value] of Object.entries(node)) copy[key] = rewrite(value);
  if (copy.type !== 'SimpleCommand' || !isScriptPath(wordText(copy.name))) return copy;
  const viaBash = { ...copy, name: { type: 'Word', parts: [{ type: 'Literal', value: 'bash' }] }, args: [copy.name, ...(copy.args as unknown[])] };
  const isRunnableFile = {
    type: 'ConditionalCommand',
    expression: { type: 'CondAnd', left: test('-f', copy.name), right: test('-x', copy.name) },
    redirections: [],
  };
  const statementOf = (command: unknown) => ({ type: 'Statement', pipelines: [{ type: 'Pipeline', commands: [command], negated: false }], operators: [], background: false });
  return { type: 'If', clauses: [{ condition: [statementOf(isRunnableFile)], body: [statementOf(viaBash)] }], elseBody: [statementOf(copy)], redirections: [] };
}

/**
 * just-bash runs a script started by its path without passing it through transform plugins (it does for
 * `bash script`), so loops in it would not yield and refused redirections in it would end it. This plugin starts
 * an executable script file given by path as `bash PATH ARGS...`, which is what its `#!/bin/bash` line asks for.
 */
export const scriptRunsPlugin: TransformPlugin = {
  name: 'lta-script-runs',
  transform: ({ ast }) => ({ ast: rewrite(ast) as ScriptNode }),
};
