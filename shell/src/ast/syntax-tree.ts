import type { CommandNode, PipelineNode, ScriptNode, SimpleCommandNode, StatementNode, WordNode } from 'just-bash';

/**
 * The one typed view of just-bash's syntax tree the shell uses. just-bash exports the top node types; the rest
 * (redirections, word parts, compound commands) are derived from them here, so every transform names the same types
 * and none keeps an untyped copy.
 */
export type { CommandNode, PipelineNode, ScriptNode, SimpleCommandNode, StatementNode, WordNode };

/** A piece of a word: `Literal`, `Glob`, `ParameterExpansion`, `CommandSubstitution`, ... */
export type WordPart = WordNode['parts'][number];
/** The word part of one kind, e.g. `PartOf<'ParameterExpansion'>`. */
export type PartOf<Kind extends WordPart['type']> = Extract<WordPart, { type: Kind }>;
export type Redirection = SimpleCommandNode['redirections'][number];
export type RedirectionOperator = Redirection['operator'];
/** `NAME=VALUE` in front of a command. */
export type Assignment = SimpleCommandNode['assignments'][number];
/** The command of one kind, e.g. `CommandOf<'If'>`. */
export type CommandOf<Kind extends CommandNode['type']> = Extract<CommandNode, { type: Kind }>;
export type FunctionDef = CommandOf<'FunctionDef'>;
/** `if`, loops, `case`, `{ }`, `( )`, `(( ))`, `[[ ]]`. */
export type CompoundCommand = Exclude<CommandNode, SimpleCommandNode | FunctionDef>;
/** `${NAME:-default}` and the like: what a parameter expansion does besides reading. */
export type ParameterOperation = NonNullable<PartOf<'ParameterExpansion'>['operation']>;
/** The test inside `[[ ]]`. */
export type ConditionalExpression = CommandOf<'ConditionalCommand'>['expression'];
/** What `(( ))` and `$(( ))` hold, and the pieces of it (`ArithSpecialVar` for `$?` inside). */
export type ArithmeticExpression = CommandOf<'ArithmeticCommand'>['expression'];
export type ArithmeticPart = ArithmeticExpression['expression'];

/**
 * The nodes the transforms look at or rewrite. A walk over the tree (`mapNodes`, `someNode`) meets a few other kinds
 * too (`[[ ]]` operands, here-documents, case items): a callback matches on `type`, so it hands those back unchanged.
 */
export type SyntaxNode =
  | ScriptNode
  | StatementNode
  | PipelineNode
  | CommandNode
  | WordNode
  | WordPart
  | Redirection
  | Assignment
  | ParameterOperation
  | ConditionalExpression
  | ArithmeticExpression
  | ArithmeticPart;

/** Whether a value met in a walk is a node (an object with a `type`), not a list, string or number. */
export function isNode(value: unknown): value is SyntaxNode {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    typeof (value as { type?: unknown }).type === 'string'
  );
}

/** A node's fields by name, for the walkers that copy a node with some fields replaced (the only untyped view). */
export const fieldsOf = (node: object): Record<string, unknown> => node as Record<string, unknown>;
