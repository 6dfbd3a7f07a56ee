import type { ScriptNode } from 'just-bash';
import { CAPTURE_COMMAND } from './session-state.js';

type AstNode = Record<string, unknown> & { type?: string };

/**
 * Whether any node below `node` satisfies `test`, without copying anything: the transform plugins run on every
 * line, and most lines need none of their rewriting, so they look first and copy only when they must.
 */
export function someNode(node: unknown, test: (node: AstNode) => boolean): boolean {
  if (Array.isArray(node)) return node.some((item) => someNode(item, test));
  if (node === null || typeof node !== 'object') return false;
  if (test(node as AstNode)) return true;
  for (const value of Object.values(node)) if (value !== null && typeof value === 'object' && someNode(value, test)) return true;
  return false;
}

/** The literal name of a simple command, if it is one plain word. */
export function commandName(command: AstNode): string | undefined {
  const parts = (command.name as { parts?: { type: string; value?: string }[] } | null | undefined)?.parts;
  return parts?.length === 1 && parts[0]!.type === 'Literal' ? parts[0]!.value : undefined;
}

/** The typed line, not a script it runs: it ends with the session's capture command (see `epilogue`). */
export function isTypedLine(ast: ScriptNode): boolean {
  const last = ast.statements[ast.statements.length - 1]?.pipelines[0]?.commands[0];
  return last?.type === 'SimpleCommand' && commandName(last as unknown as AstNode) === `/usr/bin/${CAPTURE_COMMAND}`;
}
