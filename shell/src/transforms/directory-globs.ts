import type { TransformPlugin } from 'just-bash';
import { commandStatement, simpleCommand } from '../ast/ast-build.js';
import { isTypedLine, mapNodes } from '../ast/ast-search.js';
import type { ScriptNode, SyntaxNode, WordNode } from '../ast/syntax-tree.js';
import type { LearnerCommand, ShellServices } from '../commands/command.js';
import { byPath, DIRECTORY_GLOB_COMMAND as COMMAND } from '../internal-names.js';

/** The command a directory glob becomes; by path, so that a learner's `PATH=...` cannot hide it. */
const COMMAND_PATH = byPath(COMMAND);

/** A line that may hold a glob ending in `/` (`*\/`, `project/*\/`, `l?g*\/`), outside quotes or not. */
export const MAY_GLOB_DIRECTORIES = /[*?\]]\/(?=[\s;|&)]|$)/m;

/** The pattern of an unquoted word of literal text and globs that ends in `/`; undefined for any other word. */
function directoryPattern(word: WordNode): string | undefined {
  const parts = word.parts;
  const last = parts[parts.length - 1];
  if (last?.type !== 'Literal' || !last.value.endsWith('/') || !parts.some((part) => part.type === 'Glob'))
    return undefined;
  let pattern = '';
  for (const part of parts) {
    if (part.type === 'Glob') pattern += part.pattern;
    else if (part.type === 'Literal') pattern += part.value;
    else return undefined;
  }
  return pattern;
}

/** `$(lta-directory-glob 'PATTERN')` in place of a directory glob. */
function expanded(word: WordNode): WordNode {
  const pattern = directoryPattern(word);
  if (pattern === undefined) return word;
  // Quoted: a literal word with `*` in it would be globbed again.
  const quoted: WordNode = { type: 'Word', parts: [{ type: 'SingleQuoted', value: pattern }] };
  const body: ScriptNode = { type: 'Script', statements: [commandStatement(simpleCommand(COMMAND_PATH, [quoted]))] };
  return { type: 'Word', parts: [{ type: 'CommandSubstitution', body, legacy: false }] };
}

function change(node: SyntaxNode): SyntaxNode {
  if (node.type === 'SimpleCommand') return { ...node, args: node.args.map(expanded) };
  if (node.type === 'For' && node.words) return { ...node, words: node.words.map(expanded) };
  return node;
}

/**
 * just-bash's globbing drops a pattern's final `/`, so `*\/` matched files too and named directories without
 * their slash (`ls -d *\/` listed everything). In bash it matches directories only, each named with `/`. This
 * plugin hands such words to `lta-directory-glob`, which expands them as bash does: in every script the line runs,
 * and in the typed line when it may hold one (`session.active`), so that other lines cost no walk of their tree.
 */
export class DirectoryGlobsPlugin implements TransformPlugin {
  readonly name = 'lta-directory-globs';
  session = { active: false };

  transform({ ast }: { ast: ScriptNode }): { ast: ScriptNode } {
    return this.session.active || !isTypedLine(ast) ? { ast: mapNodes(ast, change) } : { ast };
  }
}

/** Bash's glob syntax in one path segment as a regular expression (`*`, `?`, `[...]`, `[!...]`). */
function segmentRegex(segment: string): RegExp {
  let source = '';
  for (let i = 0; i < segment.length; i++) {
    const char = segment[i]!;
    if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '[' && segment.indexOf(']', i + 2) > 0) {
      const end = segment.indexOf(']', i + 2);
      const inside = segment
        .slice(i + 1, end)
        .replace(/^!/, '^')
        .replace(/\\/g, '\\\\');
      source += `[${inside}]`;
      i = end;
    } else source += char.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/**
 * Expands a directory glob (`project/*\/`) to the directories it matches, each with its `/`, one per line in byte
 * order; hidden ones only for a segment starting with `.`. With no match, the pattern as typed (bash without
 * `nullglob`), or nothing with `nullglob`.
 */
export function directoryGlobCommand(services: ShellServices): LearnerCommand {
  return {
    name: COMMAND,
    async execute(args, ctx) {
      const pattern = args[0] ?? '';
      const fs = services.fs;
      const absolute = pattern.startsWith('/');
      let found: string[] = [absolute ? '/' : ''];
      for (const segment of pattern.split('/').filter(Boolean)) {
        const next: string[] = [];
        const regex = /[*?[]/.test(segment) ? segmentRegex(segment) : undefined;
        for (const prefix of found) {
          const dir = fs.resolvePath(ctx.cwd, prefix || '.');
          if (!regex) {
            next.push(`${prefix}${segment}/`);
            continue;
          }
          let names: string[] = [];
          try {
            names = await fs.readdir(dir);
          } catch {
            continue;
          }
          for (const name of names) {
            if (name.startsWith('.') && !segment.startsWith('.')) continue;
            if (regex.test(name)) next.push(`${prefix}${name}/`);
          }
        }
        found = next;
      }
      const directories: string[] = [];
      for (const path of found) {
        try {
          if ((await fs.stat(fs.resolvePath(ctx.cwd, path))).isDirectory) directories.push(path);
        } catch {
          // Not there: no match.
        }
      }
      directories.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      if (directories.length === 0)
        return {
          stdout: (ctx.env.get('BASHOPTS') ?? '').includes('nullglob') ? '' : `${pattern}\n`,
          stderr: '',
          exitCode: 0,
        };
      return { stdout: directories.join('\n') + '\n', stderr: '', exitCode: 0 };
    },
  };
}
