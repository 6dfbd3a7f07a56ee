import type { TransformPlugin } from 'just-bash';
import { commandStatement, literal, pipelineOf, simpleCommand, statementOf } from '../ast/ast-build.js';
import { commandName, factsOf, OUTPUT_OPERATORS, passFacts } from '../ast/ast-search.js';
import {
  fieldsOf,
  isNode,
  type CommandNode,
  type CommandOf,
  type PipelineNode,
  type SimpleCommandNode,
  type WordNode,
} from '../ast/syntax-tree.js';
import type { LearnerCommand, ShellServices } from '../commands/command.js';
import { errorText } from '../filesystem/learner-fs.js';
import { byPath, ENTER_GUARD, REFUSED_COMMAND as REFUSED, WRITE_GUARD } from '../internal-names.js';

/** `GUARD ARGS...`, reading /dev/null so that the guarded command still gets the pipe's input. */
function guardPipeline(guard: string, args: WordNode[]): PipelineNode {
  return pipelineOf({
    ...simpleCommand(guard, args),
    redirections: [{ type: 'Redirection', fd: null, operator: '<', target: literal('/dev/null') }],
  });
}

/**
 * `node` with guards in front of the commands that need them; the same object where nothing below needs one.
 * `quiet`: bash ignores errexit here (a condition, a command before `&&` or `||`, a negated pipeline); a
 * function's body and a command substitution start afresh.
 */
function guarded<T>(node: T, quiet = false): T {
  if (Array.isArray(node)) {
    let changed: unknown[] | undefined;
    for (let i = 0; i < node.length; i++) {
      const item: unknown = guarded(node[i], quiet);
      if (item !== node[i]) (changed ??= node.slice())[i] = item;
    }
    return (changed ?? node) as T;
  }
  if (node === null || typeof node !== 'object') return node;
  const source = fieldsOf(node);
  const type = isNode(node) ? node.type : undefined;
  const inner =
    type === 'FunctionDef' || type === 'CommandSubstitution'
      ? false
      : type === 'Pipeline' && source.negated === true
        ? true
        : quiet;
  let copy: Record<string, unknown> | undefined;
  for (const key in source) {
    const value = source[key];
    if (value === null || typeof value !== 'object') continue;
    let next: unknown;
    if (isNode(node) && node.type === 'Statement' && key === 'pipelines') {
      const pipelines = node.pipelines.map((pipeline, index) =>
        guarded(pipeline, quiet || (index < node.pipelines.length - 1 && node.operators[index] !== ';')),
      );
      next = pipelines.every((pipeline, index) => pipeline === node.pipelines[index]) ? value : pipelines;
    } else next = guarded(value, key === 'condition' ? true : inner);
    if (next !== value) (copy ??= { ...source })[key] = next;
  }
  const result = copy ?? source;
  return (isNode(result) && result.type === 'SimpleCommand' ? withGuards(result, quiet) : result) as T;
}

/** A simple command with its guards in front, or itself when it needs none. */
function withGuards(command: SimpleCommandNode, quiet: boolean): CommandNode {
  const targets = command.redirections.flatMap((redirection) =>
    OUTPUT_OPERATORS.has(redirection.operator) && redirection.target.type === 'Word' ? [redirection.target] : [],
  );
  const guards = [
    ...(targets.length ? [guardPipeline(byPath(WRITE_GUARD), targets)] : []),
    ...(commandName(command) === 'cd' ? [guardPipeline(byPath(ENTER_GUARD), command.args)] : []),
  ];
  if (guards.length === 0) return command;
  // A group, because just-bash hands a pipe's input to a group's commands. Where errexit applies,
  // `{ if GUARD ARGS; then COMMAND; else lta-refused; fi; }`: `lta-refused` fails outside the condition, so that
  // `set -e` ends the line as bash does. Elsewhere `{ GUARD ARGS && COMMAND; }`: just-bash would apply errexit to
  // `lta-refused` even inside `... || handle`, which bash does not.
  if (quiet) {
    const guardedStatement = statementOf(
      [...guards, pipelineOf(command)],
      guards.map(() => '&&' as const),
    );
    return { type: 'Group', body: [guardedStatement], redirections: [] };
  }
  const checks = statementOf(
    guards,
    guards.slice(1).map(() => '&&' as const),
  );
  const check: CommandOf<'If'> = {
    type: 'If',
    clauses: [{ condition: [checks], body: [commandStatement(command)] }],
    elseBody: [commandStatement(simpleCommand(byPath(REFUSED)))],
    redirections: [],
  };
  return { type: 'Group', body: [commandStatement(check)], redirections: [] };
}

/**
 * Permission checks just-bash does not make, put in front of the commands that need them:
 * - a write the filesystem refuses (`echo x > readonly.txt`) would escape as an error that ends the whole line,
 *   where bash fails just that command with `Permission denied`: `lta-can-write TARGET...` runs first;
 * - `cd` into a directory without search (x) permission would succeed: `lta-can-enter DIR` runs first.
 * A failed guard skips the command with status 1, and under `set -e` ends the line as bash's failed redirection does.
 */
export const accessGuardsPlugin: TransformPlugin = {
  name: 'lta-access-guards',
  transform: ({ ast }) => {
    const facts = factsOf(ast);
    // The guards change none of the facts the plugins after this one read.
    return facts.guards ? passFacts(guarded(ast), facts) : { ast };
  },
};

/** Checks each redirection target as the kernel would when opening it for writing. */
export function writeGuardCommand(services: ShellServices): LearnerCommand {
  return {
    name: WRITE_GUARD,
    async execute(args, ctx) {
      const fs = services.fs;
      for (const target of args) {
        const path = fs.resolvePath(ctx.cwd, target);
        const denied = { stdout: '', stderr: `bash: ${target}: Permission denied\n`, exitCode: 1 };
        if (await fs.exists(path)) {
          if (!fs.mayWrite(await fs.realpath(path))) return denied;
        } else {
          const parent = path.slice(0, path.lastIndexOf('/')) || '/';
          if (!(await fs.exists(parent)))
            return { stdout: '', stderr: `bash: ${target}: No such file or directory\n`, exitCode: 1 };
          if (!fs.mayCreateIn(await fs.realpath(parent))) return denied;
        }
      }
      return { stdout: '', stderr: '', exitCode: 0 };
    },
  };
}

/** Checks that `cd`'s target (HOME without one, OLDPWD for `-`) may be entered: search permission on it. */
export function enterGuardCommand(services: ShellServices): LearnerCommand {
  return {
    name: ENTER_GUARD,
    async execute(args, ctx) {
      const operand = args.find((arg) => !/^-[LPe@]+$/.test(arg)) ?? '';
      const target =
        operand === '' ? (ctx.env.get('HOME') ?? '/') : operand === '-' ? (ctx.env.get('OLDPWD') ?? ctx.cwd) : operand;
      const fs = services.fs;
      try {
        const real = await fs.realpath(fs.resolvePath(ctx.cwd, target));
        const node = fs.nodeAt(real);
        if (node?.type === 'dir' && !fs.can(node, 1))
          return { stdout: '', stderr: `bash: cd: ${operand}: Permission denied\n`, exitCode: 1 };
      } catch (error) {
        // cd itself reports a missing directory; a refused walk on the way is ours to say.
        if (errorText(error) === 'Permission denied')
          return { stdout: '', stderr: `bash: cd: ${operand}: Permission denied\n`, exitCode: 1 };
      }
      return { stdout: '', stderr: '', exitCode: 0 };
    },
  };
}

/** Stands for the command a guard refused: status 1, outside any condition, so that errexit applies. */
export const refusedCommand: LearnerCommand = {
  name: REFUSED,
  execute: async () => ({ stdout: '', stderr: '', exitCode: 1 }),
};
