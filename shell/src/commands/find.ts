import type { ExecResult } from 'just-bash';
import { errorText, type FsNode, type LearnerFs, type ListedEntry } from '../filesystem/learner-fs.js';
import { accountsOf } from '../filesystem/accounts.js';
import type { LearnerCommand, ShellServices } from './command.js';
import { inOrder, interleaved, type PlacedError } from './ordered-output.js';
import { wildcardToRegex } from './patterns.js';
import { shellQuote } from '../text.js';

/**
 * What a test sees of one visited entry. Sizes, modes and times are read from the node by the tests that ask
 * (`sizeOf`, `modeOf`, `mtimeOf`), not gathered for every entry of a walk.
 */
interface Visit {
  /** The resolved path. */
  path: string;
  /** The path as printed, below the start as typed. */
  shown: string;
  name: string;
  node: FsNode;
  depth: number;
  /** A directory's listing, taken before any action runs on it; empty for other entries. */
  children: readonly ListedEntry[];
}

function sizeOf(node: FsNode): number {
  return node.type === 'file' ? node.inode.data.length : node.type === 'symlink' ? node.target.length : 4096;
}

function modeOf(node: FsNode): number {
  return node.type === 'file' ? node.inode.mode : node.type === 'dir' ? node.mode : 0o777;
}

function mtimeOf(node: FsNode): number {
  return (node.type === 'file' ? node.inode.mtime : node.mtime).getTime();
}

const KINDS: Record<string, FsNode['type']> = { f: 'file', d: 'dir', l: 'symlink' };

type Expr =
  | { op: 'and' | 'or'; left: Expr; right: Expr }
  | { op: 'not'; expr: Expr }
  | { op: 'test'; test: (v: Visit) => boolean }
  | { op: 'action'; run: (v: Visit) => Promise<boolean> | boolean; prunes?: boolean };

interface Plan {
  expr: Expr | undefined;
  hasAction: boolean;
  maxDepth: number;
  minDepth: number;
  deletes: boolean;
  /** `-exec`/`-ok` run commands, which take time and may change the tree while it is walked. */
  runsCommands: boolean;
}

const SIZE_UNITS: Record<string, number> = { c: 1, w: 2, b: 512, k: 1024, M: 1024 ** 2, G: 1024 ** 3 };

function compare(spec: string, actual: number): boolean {
  const n = Number(spec.replace(/^[+-]/, ''));
  return spec.startsWith('+') ? actual > n : spec.startsWith('-') ? actual < n : actual === n;
}

/** Parses find's expression: tests, actions, `!`/`-not`, `-a`, `-o`, parentheses; -maxdepth/-mindepth anywhere. */
class ExpressionParser {
  private i = 0;
  readonly plan: Plan = {
    expr: undefined,
    hasAction: false,
    maxDepth: Infinity,
    minDepth: 0,
    deletes: false,
    runsCommands: false,
  };

  constructor(
    private readonly tokens: string[],
    private readonly context: {
      fs: LearnerFs;
      cwd: string;
      output: string[];
      notes: Notes;
      exec: (command: string) => Promise<ExecResult>;
    },
  ) {}

  parse(): Plan {
    if (this.i < this.tokens.length) this.plan.expr = this.or();
    if (this.i < this.tokens.length) throw new Error(`find: unexpected extra predicate '${this.tokens[this.i]}'`);
    return this.plan;
  }

  private or(): Expr {
    let left = this.and();
    while (this.tokens[this.i] === '-o' || this.tokens[this.i] === '-or') {
      this.i++;
      left = { op: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Expr {
    let left = this.unary();
    while (
      this.i < this.tokens.length &&
      this.tokens[this.i] !== '-o' &&
      this.tokens[this.i] !== '-or' &&
      this.tokens[this.i] !== ')'
    ) {
      if (this.tokens[this.i] === '-a' || this.tokens[this.i] === '-and') this.i++;
      left = { op: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): Expr {
    const token = this.tokens[this.i];
    if (token === '!' || token === '-not') {
      this.i++;
      return { op: 'not', expr: this.unary() };
    }
    if (token === '(') {
      this.i++;
      const inner = this.or();
      if (this.tokens[this.i++] !== ')')
        throw new Error("find: invalid expression; I was expecting to find a ')' somewhere but did not see one.");
      return inner;
    }
    return this.primary();
  }

  private value(flag: string): string {
    const value = this.tokens[++this.i];
    if (value === undefined) throw new Error(`find: missing argument to \`${flag}'`);
    return value;
  }

  private primary(): Expr {
    const flag = this.tokens[this.i]!;
    const test = (fn: (v: Visit) => boolean): Expr => ({ op: 'test', test: fn });
    let expr: Expr;
    switch (flag) {
      case '-name':
      case '-iname': {
        const glob = this.value(flag);
        // `-name '*.log'`, the usual case, is a suffix check: the regex's `.*` backtracks over every name.
        const suffix = flag === '-name' && /^\*[^*?[\\]*$/.test(glob) ? glob.slice(1) : undefined;
        const re = wildcardToRegex(glob, flag === '-iname');
        expr = suffix === undefined ? test((v) => re.test(v.name)) : test((v) => v.name.endsWith(suffix));
        break;
      }
      case '-path':
      case '-ipath':
      case '-wholename': {
        const re = wildcardToRegex(this.value(flag), flag === '-ipath');
        expr = test((v) => re.test(v.shown));
        break;
      }
      case '-type': {
        const kinds = new Set(
          this.value(flag)
            .split(',')
            .map((k) => KINDS[k]),
        );
        expr = test((v) => kinds.has(v.node.type));
        break;
      }
      case '-size': {
        const spec = this.value(flag);
        const m = /^([+-]?\d+)([cwbkMG]?)$/.exec(spec);
        if (!m) throw new Error(`find: invalid argument \`${spec}' to \`-size'`);
        const unit = SIZE_UNITS[m[2] || 'b']!;
        expr = test((v) => compare(m[1]!, Math.ceil(sizeOf(v.node) / unit)));
        break;
      }
      case '-mtime':
      case '-mmin': {
        const spec = this.value(flag);
        const unit = flag === '-mtime' ? 86_400_000 : 60_000;
        expr = test((v) => compare(spec, Math.floor((Date.now() - mtimeOf(v.node)) / unit)));
        break;
      }
      case '-newer': {
        const reference = this.context.fs.nodeAt(this.context.fs.resolvePath(this.context.cwd, this.value(flag)));
        if (!reference) throw new Error(`find: '${this.tokens[this.i]}': No such file or directory`);
        const time = reference.type === 'file' ? reference.inode.mtime.getTime() : reference.mtime.getTime();
        expr = test((v) => mtimeOf(v.node) > time);
        break;
      }
      case '-perm': {
        const spec = this.value(flag);
        const bits = parseInt(spec.replace(/^[-/]/, ''), 8);
        if (Number.isNaN(bits)) throw new Error(`find: invalid mode '${spec}'`);
        expr = test((v) => {
          const mode = modeOf(v.node);
          return spec.startsWith('-')
            ? (mode & bits) === bits
            : spec.startsWith('/')
              ? (mode & bits) !== 0
              : (mode & 0o7777) === bits;
        });
        break;
      }
      case '-readable':
      case '-writable':
      case '-executable': {
        // As access(2) answers for whoever runs find: owner's, group's or others' bits (root reads and writes all).
        const bit = flag === '-readable' ? 4 : flag === '-writable' ? 2 : 1;
        expr = test((v) => this.context.fs.can(v.node, bit));
        break;
      }
      case '-empty':
        expr = test((v) =>
          v.node.type === 'file' ? v.node.inode.data.length === 0 : v.node.type === 'dir' && v.children.length === 0,
        );
        break;
      case '-user':
      case '-group':
      case '-uid':
      case '-gid': {
        const spec = this.value(flag);
        const accounts = accountsOf(this.context.fs);
        const byUser = flag === '-user' || flag === '-uid';
        const id =
          flag === '-user'
            ? accounts.uidOf(spec)
            : flag === '-group'
              ? accounts.gidOf(spec)
              : /^\d+$/.test(spec)
                ? Number(spec)
                : undefined;
        if (id === undefined) {
          throw new Error(
            flag === '-user' || flag === '-group'
              ? byUser
                ? `find: '${spec}' is not the name of a known user`
                : `find: '${spec}' is not the name of an existing group`
              : `find: invalid argument \`${spec}' to \`${flag}'`,
          );
        }
        const fs = this.context.fs;
        expr = test((v) => (byUser ? fs.ownershipOf(v.node).uid : fs.ownershipOf(v.node).gid) === id);
        break;
      }
      case '-nouser':
      case '-nogroup': {
        const accounts = accountsOf(this.context.fs);
        const fs = this.context.fs;
        expr = test((v) =>
          flag === '-nouser'
            ? !accounts.account(fs.ownershipOf(v.node).uid)
            : !accounts.group(fs.ownershipOf(v.node).gid),
        );
        break;
      }
      case '-true':
        expr = test(() => true);
        break;
      case '-false':
        expr = test(() => false);
        break;
      case '-maxdepth':
      case '-mindepth': {
        const n = Number(this.value(flag));
        if (!Number.isInteger(n) || n < 0)
          throw new Error(
            `find: Expected a positive decimal integer argument to ${flag}, but got '${this.tokens[this.i]}'`,
          );
        if (flag === '-maxdepth') this.plan.maxDepth = n;
        else this.plan.minDepth = n;
        expr = test(() => true);
        break;
      }
      case '-print':
        this.plan.hasAction = true;
        expr = { op: 'action', run: (v) => (this.context.output.push(`${v.shown}\n`), true) };
        break;
      case '-print0':
        this.plan.hasAction = true;
        expr = { op: 'action', run: (v) => (this.context.output.push(`${v.shown}\0`), true) };
        break;
      case '-prune':
        expr = { op: 'action', run: () => true, prunes: true };
        break;
      case '-delete':
        this.plan.hasAction = true;
        this.plan.deletes = true;
        expr = {
          op: 'action',
          run: async (v) => {
            try {
              await this.context.fs.rm(v.path);
              return true;
            } catch (error) {
              this.context.notes.error(`find: cannot delete '${v.shown}': ${errorText(error)}`);
              return false;
            }
          },
        };
        break;
      case '-exec':
      case '-ok': {
        const words: string[] = [];
        while (this.i + 1 < this.tokens.length && this.tokens[this.i + 1] !== ';' && this.tokens[this.i + 1] !== '+')
          words.push(this.tokens[++this.i]!);
        const terminator = this.tokens[++this.i];
        if (terminator === undefined || words.length === 0) throw new Error(`find: missing argument to \`${flag}'`);
        this.plan.hasAction = true;
        this.plan.runsCommands = true;
        const run = async (paths: string[]) => {
          const command = words
            .flatMap((w) => (w === '{}' ? paths : [w.replaceAll('{}', paths[0] ?? '')]))
            .map(shellQuote)
            .join(' ');
          const result = await this.context.exec(command);
          this.context.output.push(result.stdout);
          this.context.notes.message(result.stderr);
          return result.exitCode === 0;
        };
        if (terminator === '+') {
          const batch: string[] = [];
          this.batches.push(async () => {
            if (batch.length) await run(batch);
          });
          expr = { op: 'action', run: (v) => (batch.push(v.shown), true) };
        } else expr = { op: 'action', run: (v) => run([v.shown]) };
        break;
      }
      default:
        throw new Error(
          flag.startsWith('-')
            ? `find: unknown predicate \`${flag}'`
            : `find: paths must precede expression: \`${flag}'`,
        );
    }
    this.i++;
    return expr;
  }

  /** `-exec ... {} +` runs once at the end with every path. */
  readonly batches: (() => Promise<void>)[] = [];
}

/** A promise only when an action waits (`-delete`, `-exec`): tests stay synchronous, so a plain walk awaits nothing. */
function evaluate(expr: Expr | undefined, v: Visit, pruned: { value: boolean }): boolean | Promise<boolean> {
  if (!expr) return true;
  switch (expr.op) {
    case 'and': {
      const left = evaluate(expr.left, v, pruned);
      return left instanceof Promise
        ? left.then((l) => l && evaluate(expr.right, v, pruned))
        : left && evaluate(expr.right, v, pruned);
    }
    case 'or': {
      const left = evaluate(expr.left, v, pruned);
      return left instanceof Promise
        ? left.then((l) => l || evaluate(expr.right, v, pruned))
        : left || evaluate(expr.right, v, pruned);
    }
    case 'not': {
      const inner = evaluate(expr.expr, v, pruned);
      return inner instanceof Promise ? inner.then((i) => !i) : !inner;
    }
    case 'test':
      return expr.test(v);
    case 'action':
      if (expr.prunes) pruned.value = true;
      return expr.run(v);
  }
}

const NO_CHILDREN: readonly ListedEntry[] = [];

/** One entry as the walk meets it; a directory's listing is taken now, before any action runs on it. */
function visitOf(fs: LearnerFs, path: string, node: FsNode, shown: string, name: string, depth: number): Visit {
  return { path, shown, name, node, depth, children: node.type === 'dir' ? fs.listing(path) : NO_CHILDREN };
}

/** What find says besides its output, placed where it comes in the output, as GNU writes it. */
class Notes {
  readonly placed: PlacedError[] = [];
  /** Errors of find's own: they make it fail. */
  failed = 0;

  constructor(private readonly output: readonly string[]) {}

  error(text: string): void {
    this.placed.push({ at: this.output.length, text: `${text}\n` });
    this.failed++;
  }

  /** What a command run by `-exec` wrote to stderr: passed on, without making find fail (GNU, for `-exec ... ;`). */
  message(text: string): void {
    if (text) this.placed.push({ at: this.output.length, text });
  }
}

/** What every step of one walk shares. Walks call `evaluate` on each entry in find's order; it answers whether it pruned. */
interface Walk {
  fs: LearnerFs;
  plan: Plan;
  notes: Notes;
}

/** True when the walk may descend into the visited directory (and says why not when it may not). */
function mayDescend(walk: Walk, v: Visit, pruned: boolean): boolean {
  const node = v.node;
  if (node.type !== 'dir' || v.depth >= walk.plan.maxDepth || pruned) return false;
  if (walk.fs.can(node, 4) && walk.fs.can(node, 1)) return true;
  walk.notes.error(`find: '${v.shown}': Permission denied`);
  return false;
}

/** The entries of a visited directory, as visits one level deeper. */
function childVisit(walk: Walk, parent: Visit, base: string, child: ListedEntry): Visit {
  return visitOf(walk.fs, child.path, child.node, base + child.name, child.name, parent.depth + 1);
}

/**
 * A walk with only synchronous actions (tests, -print, -print0, -prune): plain recursion over the filesystem's
 * own tree, one lookup per entry, no promise per entry.
 */
function walkSync(walk: Walk, evaluate: (v: Visit) => boolean, v: Visit): void {
  const pruned = v.depth >= walk.plan.minDepth ? evaluate(v) : false;
  if (!mayDescend(walk, v, pruned)) return;
  const base = v.shown.endsWith('/') ? v.shown : `${v.shown}/`;
  for (const child of v.children) walkSync(walk, evaluate, childVisit(walk, v, base, child));
}

/** A walk whose actions wait or change the tree (-delete, -exec, -ok). */
async function walkAsync(walk: Walk, evaluate: (v: Visit) => Promise<boolean>, v: Visit): Promise<void> {
  const { fs, plan } = walk;
  // -delete implies -depth: children first, so a directory is empty when its turn comes.
  const pruned = !plan.deletes && v.depth >= plan.minDepth ? await evaluate(v) : false;
  if (mayDescend(walk, v, pruned)) {
    const base = v.shown.endsWith('/') ? v.shown : `${v.shown}/`;
    for (const child of v.children) {
      // An action on an earlier entry may have removed this one: skip it, as a fresh lookup would.
      if (fs.nodeAt(child.path) !== child.node) continue;
      await walkAsync(walk, evaluate, childVisit(walk, v, base, child));
    }
  }
  if (plan.deletes && v.depth >= plan.minDepth) await evaluate(v);
}

/** `find` as GNU findutils: paths, tests, actions (-print, -delete, -exec), operators; walks in sorted order. */
export function findCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'find',
    async execute(args, ctx) {
      const fs = services.fs;
      const firstExpr = args.findIndex((a) => a.startsWith('-') || a === '(' || a === '!');
      const starts = firstExpr === -1 ? args : args.slice(0, firstExpr);
      const output: string[] = [];
      const notes = new Notes(output);
      const exec = (command: string) =>
        ctx.exec
          ? ctx.exec(command, { cwd: ctx.cwd })
          : Promise.resolve({ stdout: '', stderr: 'find: cannot run commands here', exitCode: 1 });
      const parser = new ExpressionParser(firstExpr === -1 ? [] : args.slice(firstExpr), {
        fs,
        cwd: ctx.cwd,
        output,
        notes,
        exec,
      });
      let plan: Plan;
      try {
        plan = parser.parse();
      } catch (error) {
        return { stdout: '', stderr: `${(error as Error).message}\n`, exitCode: 1 };
      }
      const expr: Expr | undefined = plan.hasAction
        ? plan.expr
        : plan.expr
          ? { op: 'and', left: plan.expr, right: { op: 'action', run: (v) => (output.push(`${v.shown}\n`), true) } }
          : { op: 'action', run: (v) => (output.push(`${v.shown}\n`), true) };
      for (const start of starts.length ? starts : ['.']) {
        const path = fs.resolvePath(ctx.cwd, start);
        try {
          await fs.lstat(path);
          const parent = path.slice(0, path.lastIndexOf('/')) || '/';
          const real =
            path === '/'
              ? '/'
              : `${(await fs.realpath(parent)).replace(/\/$/, '')}/${path.slice(path.lastIndexOf('/') + 1)}`;
          const node = fs.nodeAt(real);
          if (!node) continue;
          const walk: Walk = { fs, plan, notes };
          const name = start.replace(/\/+$/, '').replace(/^.*\//, '') || start;
          const top = visitOf(fs, real, node, start, name, 0);
          if (plan.deletes || plan.runsCommands) {
            await walkAsync(
              walk,
              async (v) => {
                const pruned = { value: false };
                await evaluate(expr, v, pruned);
                return pruned.value;
              },
              top,
            );
          } else {
            // One flag for the whole walk: each synchronous evaluation is over before the next begins.
            const pruned = { value: false };
            walkSync(
              walk,
              (v) => {
                pruned.value = false;
                evaluate(expr, v, pruned);
                return pruned.value;
              },
              top,
            );
          }
        } catch (error) {
          notes.error(`find: '${start}': ${errorText(error)}`);
        }
      }
      for (const batch of parser.batches) await batch();
      return inOrder(ctx, interleaved(output, notes.placed), notes.failed ? 1 : 0);
    },
  };
}
