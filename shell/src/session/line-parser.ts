import type { Bash } from 'just-bash';
import { someNode } from '../ast/ast-search.js';
import type { ScriptNode, WordNode } from '../ast/syntax-tree.js';
import { HERE_DOCUMENT_PROBE as PROBE_WORD } from '../internal-names.js';

type BashClass = typeof Bash;

/** What parsing one command line tells the session before running it. */
export type ParsedLine =
  | { ok: true; functions: Record<string, string>; sourcedFiles: string[] }
  | { ok: false; incomplete: boolean; message: string };

/**
 * Parses command lines with just-bash's own parser (through a transform plugin, the one parser entry point its
 * browser build exposes): reports syntax errors before anything runs, and returns the bash source of each
 * function the line defines (and the files it sources) so the session can re-create them in later lines.
 */
export class LineParser {
  private readonly bash: Bash;
  /** Which top-level function definition the plugin keeps on this pass (all of them when undefined). */
  private pick: number | undefined;
  private names: string[] = [];
  private sourced: string[] = [];
  private deferred: string | undefined;
  /** Whether the probe after the line parsed as a command of its own (see `parse`). */
  private probeReached = false;
  /** A second interpreter that only hands back the syntax tree of what it is given (see `tree`). */
  private readonly trees: Bash;
  private lastTree: ScriptNode | undefined;

  constructor(BashImpl: BashClass) {
    this.trees = new BashImpl({ commands: [] });
    this.trees.registerTransformPlugin({
      name: 'lta-syntax-tree',
      transform: ({ ast }) => {
        this.lastTree = ast;
        return { ast };
      },
    });
    this.bash = new BashImpl({ commands: [] });
    this.bash.registerTransformPlugin({
      name: 'lta-function-definitions',
      transform: ({ ast }) => {
        const definitions = ast.statements.filter((statement) =>
          statement.pipelines.some((pipeline) => pipeline.commands.some((command) => command.type === 'FunctionDef')),
        );
        this.names = definitions.flatMap((statement) =>
          statement.pipelines.flatMap((pipeline) =>
            pipeline.commands.flatMap((command) => (command.type === 'FunctionDef' ? [command.name] : [])),
          ),
        );
        this.sourced = sourcedFiles(ast);
        this.deferred = firstLineError(ast);
        this.probeReached = isProbe(ast.statements.at(-1));
        const kept = this.pick === undefined ? [] : definitions.slice(this.pick, this.pick + 1);
        return { ast: { ...ast, statements: kept } satisfies ScriptNode };
      },
    });
  }

  /** The syntax tree of `script`, for the plugins that add statements written as bash (the browser build has no `parse`). */
  tree(script: string): ScriptNode {
    this.trees.transform(script);
    return this.lastTree!;
  }

  parse(line: string): ParsedLine {
    // A line ending in `|`, `&&`, `||` or `\` continues on the next one, as bash's `> ` prompt shows.
    if (/(\||&&|\\)\s*$/.test(line.replace(/(^|\s)#[^\n'"]*$/, ''))) {
      return { ok: false, incomplete: true, message: 'syntax error: unexpected end of file' };
    }
    try {
      this.pick = undefined;
      // A here-document still open at the end of the line reads on to the end of input, so just-bash would take
      // what follows the line (the session's epilogue) as its body. Bash shows `> ` and reads until the
      // delimiter: a probe command after the line that ends up inside a body, not a command, means the same.
      this.transformWithProbe(line);
      const { names, sourced, deferred } = this;
      if (deferred) return { ok: false, incomplete: false, message: deferred };
      if (!this.probeReached)
        return { ok: false, incomplete: true, message: 'here-document not ended by its delimiter' };
      const functions: Record<string, string> = {};
      names.forEach((name, index) => {
        this.pick = index;
        functions[name] = this.bash.transform(line).script.trim();
      });
      return { ok: true, functions, sourcedFiles: sourced };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, incomplete: endsEarly(line, message), message };
    } finally {
      this.pick = undefined;
    }
  }

  /**
   * Parses the line with the probe after it; when that fails, the line alone, so that its own error (and where it
   * ends early: `for i in 1 2` waits for `do`) is reported, not one the probe caused.
   */
  private transformWithProbe(line: string): void {
    // Only a line with `<<` (not `<<<`) can open a here-document: others skip the probe's cost.
    if (!HERE_DOCUMENT.test(line)) {
      this.bash.transform(line);
      this.probeReached = true;
      return;
    }
    try {
      this.bash.transform(`${line}\n${PROBE}`);
    } catch {
      this.bash.transform(line);
      this.probeReached = true;
    }
  }
}

const HERE_DOCUMENT = /<<(?!<)/;
const PROBE = `: ${PROBE_WORD}`;

/** Whether a statement is exactly the probe `parse` adds after a line. */
function isProbe(statement: ScriptNode['statements'][number] | undefined): boolean {
  const command = statement?.pipelines.length === 1 ? statement.pipelines[0]!.commands[0] : undefined;
  if (command?.type !== 'SimpleCommand' || statement!.pipelines[0]!.commands.length !== 1) return false;
  const words = [command.name, ...command.args].map((word) => literalOf(word));
  return words.length === 2 && words[0] === ':' && words[1] === PROBE_WORD && command.redirections.length === 0;
}

/**
 * just-bash parses `echo a; echo )` into `echo a` and a statement that raises the syntax error when reached, so
 * `a` would print first. Bash reads a typed line whole and runs none of it: an error on the first line is the
 * line's error. (On a later line, as when several lines are pasted, bash has run the lines before it.)
 */
function firstLineError(ast: ScriptNode): string | undefined {
  const index = ast.statements.findIndex((statement) => statement.deferredError);
  if (index < 0) return undefined;
  const before = ast.statements[index - 1]?.pipelines[0]?.commands[0]?.line ?? 1;
  return before <= 1 ? ast.statements[index]!.deferredError!.message : undefined;
}

/** Literal file names given to `source` or `.` anywhere in the line, so their functions can be kept too. */
function sourcedFiles(ast: ScriptNode): string[] {
  const files: string[] = [];
  // Walked in order, so that a command comes before the files of the commands inside it (in its words' substitutions).
  someNode(ast, (node) => {
    if (node.type !== 'SimpleCommand') return false;
    const name = literalOf(node.name);
    const file = literalOf(node.args[0]);
    if ((name === 'source' || name === '.') && file) files.push(file);
    return false;
  });
  return files;
}

/** A word made of literal text and `~` (the learner's own home) names a file we can read after the line. */
function literalOf(word: WordNode | null | undefined): string | undefined {
  const parts = word?.parts ?? [];
  let text = '';
  for (const part of parts) {
    if (part.type === 'Literal') text += part.value;
    else if (part.type === 'TildeExpansion' && !part.user) text += '~';
    else return undefined;
  }
  return parts.length ? text : undefined;
}

/** True when the parser ran out of input (an open quote, `if` without `fi`): the learner has more to type. */
function endsEarly(line: string, message: string): boolean {
  if (/unexpected EOF|unexpected end of file|end of input|got EOF/i.test(message)) return true;
  const at = /at (\d+):(\d+)/.exec(message);
  if (!at) return false;
  const lines = line.split('\n');
  return Number(at[1]) >= lines.length && Number(at[2]) > lines[lines.length - 1]!.trimEnd().length;
}
