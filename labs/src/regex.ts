/**
 * A small regular-expression matcher whose cost is linear in the input whatever the pattern.
 *
 * Why not `RegExp`: lab patterns are author data and snapshots are learner data, and the module runs checks inside
 * a reducer. A backtracking engine lets `(a+)+$` or `.*x.*x.*x` against a crafted 256 KiB file take minutes.
 * This matcher simulates a Thompson NFA (every state at once), so it costs at most input length x pattern states,
 * and the pattern is capped in length and in compiled states. It answers only "does it match anywhere", which is
 * all a check needs, so greedy and lazy quantifiers mean the same and capture groups are plain groups.
 *
 * Dialect: a subset of JavaScript's, so patterns behave the same in a browser console. Supported: literals,
 * `.`, classes `[a-z]` `[^...]`, `\d \w \s \D \W \S`, `\b \B`, escapes `\n \t \r \f \v \0 \xhh \uhhhh` and
 * escaped punctuation, anchors `^ $`, groups `(...)` `(?:...)`, alternation `|`, quantifiers `* + ? {n} {n,}
 * {n,m}` (optionally followed by `?`). Flags: `i` (ignore case), `m` (`^`/`$` at line ends), `s` (`.` matches a
 * newline). Refused with a clear problem: backreferences, lookaround, named groups, other flags.
 */

/** Longest pattern accepted, in characters. */
export const MAX_PATTERN_LENGTH = 200;
/** Most NFA states a pattern may compile to (bounded repetitions are expanded, so `(abc){100}` counts about 300). */
export const MAX_PATTERN_STATES = 500;
/** Largest repetition bound accepted in `{n,m}`. */
export const MAX_REPEAT = 100;
/** Flags a pattern may use. */
export const SAFE_REGEX_FLAGS = 'ims';
/**
 * Most NFA steps (a state tried against a character, or followed without reading) one search may take. Beyond it
 * the search gives up: a cap on cost that is the same on every machine, unlike a timeout, so the terminal and the
 * server always agree. Real lab patterns need a few steps per character; 4 million steps take tens of milliseconds.
 */
export const MAX_MATCH_STEPS = 4_000_000;

/** What a search found: a match somewhere, none, or too much work to tell (see `MAX_MATCH_STEPS`). */
export type MatchOutcome = 'match' | 'no match' | 'too costly';

/** A compiled pattern. */
export interface SafeRegex {
  /** Searches `text` for the pattern. */
  search(text: string): MatchOutcome;
}

/** The result of compiling: the regex, or the first problem found. */
export type CompileResult = { ok: true; regex: SafeRegex } | { ok: false; problem: string };

type CharTest = (code: number) => boolean;

type Node =
  | { t: 'char'; test: CharTest }
  | { t: 'assert'; kind: '^' | '$' | 'b' | 'B' }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; options: Node[] }
  | { t: 'rep'; node: Node; min: number; max: number };

type State =
  | { op: 'char'; test: CharTest; next: number }
  | { op: 'split'; a: number; b: number }
  | { op: 'assert'; kind: '^' | '$' | 'b' | 'B'; next: number }
  | { op: 'match' };

class PatternError extends Error {}

const isDigit: CharTest = (c) => c >= 48 && c <= 57;
const isWord: CharTest = (c) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isSpace: CharTest = (c) =>
  c === 32 ||
  (c >= 9 && c <= 13) ||
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000 ||
  c === 0xfeff;
const not =
  (test: CharTest): CharTest =>
  (c) =>
    !test(c);

const CLASS_ESCAPES: Partial<Record<string, CharTest>> = {
  d: isDigit,
  D: not(isDigit),
  w: isWord,
  W: not(isWord),
  s: isSpace,
  S: not(isSpace),
};
const CONTROL_ESCAPES: Partial<Record<string, number>> = { n: 10, t: 9, r: 13, f: 12, v: 11, '0': 0 };

/** Recursive-descent parser over the pattern text. */
class Parser {
  private pos = 0;
  constructor(
    private readonly src: string,
    private readonly dotAll: boolean,
  ) {}

  parse(): Node {
    const node = this.alternation();
    if (this.pos < this.src.length) throw new PatternError(`unmatched ")" at position ${this.pos + 1}`);
    return node;
  }

  private peek(): string | undefined {
    return this.src[this.pos];
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.peek() === '|') {
      this.pos++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0]! : { t: 'alt', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.pos < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      items.push(this.quantified());
    }
    return { t: 'seq', items };
  }

  private quantified(): Node {
    const atom = this.atom();
    const bounds = this.quantifier();
    if (!bounds) return atom;
    if (atom.t === 'assert') throw new PatternError(`nothing to repeat at position ${this.pos}`);
    if (this.peek() === '?') this.pos++; // lazy: the same for a yes/no match
    return { t: 'rep', node: atom, min: bounds[0], max: bounds[1] };
  }

  private quantifier(): [number, number] | undefined {
    const c = this.peek();
    if (c === '*') return (this.pos++, [0, Infinity]);
    if (c === '+') return (this.pos++, [1, Infinity]);
    if (c === '?') return (this.pos++, [0, 1]);
    if (c !== '{') return undefined;
    const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
    if (!m) throw new PatternError(`write a literal "{" as "\\{" (position ${this.pos + 1})`);
    this.pos += m[0].length;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT)) {
      throw new PatternError(`repetition bounds must be at most ${MAX_REPEAT}`);
    }
    if (max < min) throw new PatternError(`repetition {${min},${max}} is out of order`);
    return [min, max];
  }

  private atom(): Node {
    const c = this.src[this.pos++]!;
    switch (c) {
      case '(':
        return this.group();
      case '[':
        return { t: 'char', test: this.charClass() };
      case '.':
        return {
          t: 'char',
          test: this.dotAll ? () => true : (code) => code !== 10 && code !== 13 && code !== 0x2028 && code !== 0x2029,
        };
      case '^':
      case '$':
        return { t: 'assert', kind: c };
      case '\\':
        return this.escape();
      case '*':
      case '+':
      case '?':
      case '{':
        throw new PatternError(`nothing to repeat before "${c}" at position ${this.pos}`);
      default: {
        const code = c.charCodeAt(0);
        return { t: 'char', test: (x) => x === code };
      }
    }
  }

  private group(): Node {
    if (this.peek() === '?') {
      if (this.src[this.pos + 1] !== ':') {
        throw new PatternError('lookahead, lookbehind and named groups are not supported');
      }
      this.pos += 2;
    }
    const inner = this.alternation();
    if (this.peek() !== ')') throw new PatternError('missing ")"');
    this.pos++;
    return inner;
  }

  private escape(): Node {
    const c = this.src[this.pos++];
    if (c === undefined) throw new PatternError('pattern ends with a lone "\\"');
    if (c === 'b' || c === 'B') return { t: 'assert', kind: c };
    const test: CharTest | undefined = CLASS_ESCAPES[c];
    if (test) return { t: 'char', test };
    const code = this.escapedCode(c);
    return { t: 'char', test: (x) => x === code };
  }

  /** The code of a single-character escape (after the backslash). */
  private escapedCode(c: string): number {
    const control = CONTROL_ESCAPES[c];
    if (control !== undefined) {
      if (c === '0' && isDigit(this.src.charCodeAt(this.pos)))
        throw new PatternError('octal escapes are not supported');
      return control;
    }
    if (c === 'x' || c === 'u') {
      const width = c === 'x' ? 2 : 4;
      const hex = this.src.slice(this.pos, this.pos + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex))
        throw new PatternError(`"\\${c}" needs ${width} hex digits`);
      this.pos += width;
      return parseInt(hex, 16);
    }
    if (/[1-9]/.test(c) || c === 'k') throw new PatternError('backreferences are not supported');
    if (/[A-Za-z0-9]/.test(c)) throw new PatternError(`unknown escape "\\${c}"`);
    return c.charCodeAt(0);
  }

  private charClass(): CharTest {
    const negated = this.peek() === '^';
    if (negated) this.pos++;
    const parts: CharTest[] = [];
    while (this.peek() !== ']') {
      if (this.pos >= this.src.length) throw new PatternError('missing "]"');
      const from = this.classAtom();
      if (this.peek() === '-' && this.src[this.pos + 1] !== ']' && this.pos + 1 < this.src.length) {
        this.pos++;
        const to = this.classAtom();
        if (typeof from !== 'number' || typeof to !== 'number')
          throw new PatternError('a range cannot use \\d, \\w or \\s');
        if (to < from) throw new PatternError('character range is out of order');
        parts.push((x) => x >= from && x <= to);
      } else {
        parts.push(typeof from === 'number' ? (x) => x === from : from);
      }
    }
    this.pos++;
    const any: CharTest = (x) => parts.some((p) => p(x));
    return negated ? not(any) : any;
  }

  /** One member of a class: a code, or a class escape such as `\d`. */
  private classAtom(): number | CharTest {
    const c = this.src[this.pos++]!;
    if (c !== '\\') return c.charCodeAt(0);
    const e = this.src[this.pos++];
    if (e === undefined) throw new PatternError('missing "]"');
    if (e === 'b') return 8;
    return CLASS_ESCAPES[e] ?? this.escapedCode(e);
  }
}

/** Builds the NFA backwards: each node is compiled knowing the state that follows it. */
class Compiler {
  readonly states: State[] = [{ op: 'match' }];

  add(state: State): number {
    if (this.states.length >= MAX_PATTERN_STATES) throw new PatternError('pattern is too complex');
    this.states.push(state);
    return this.states.length - 1;
  }

  compile(node: Node, next: number): number {
    switch (node.t) {
      case 'char':
        return this.add({ op: 'char', test: node.test, next });
      case 'assert':
        return this.add({ op: 'assert', kind: node.kind, next });
      case 'seq':
        return node.items.reduceRight((after, item) => this.compile(item, after), next);
      case 'alt':
        return node.options
          .map((option) => this.compile(option, next))
          .reduceRight((rest, start) => this.add({ op: 'split', a: start, b: rest }));
      case 'rep':
        return this.repeat(node, next);
    }
  }

  private repeat(node: Extract<Node, { t: 'rep' }>, next: number): number {
    let start: number;
    if (node.max === Infinity) {
      const loop = this.add({ op: 'split', a: -1, b: next });
      (this.states[loop] as Extract<State, { op: 'split' }>).a = this.compile(node.node, loop);
      start = loop;
    } else {
      start = next;
      for (let i = node.min; i < node.max; i++) {
        start = this.add({ op: 'split', a: this.compile(node.node, start), b: next });
      }
    }
    for (let i = 0; i < node.min; i++) start = this.compile(node.node, start);
    return start;
  }
}

const OP_MATCH = 0;
const OP_CHAR = 1;
const OP_SPLIT = 2;
const OP_ASSERT = 3;
const ASSERT_KINDS = ['^', '$', 'b', 'B'] as const;

/**
 * The NFA flattened into typed arrays, so the inner loop reads numbers instead of objects. Each character state also
 * gets a 128-entry ASCII table (case folding included), so most characters cost one array read.
 */
interface Program {
  start: number;
  op: Uint8Array;
  a: Int32Array;
  b: Int32Array;
  ascii: Uint8Array;
  tests: (CharTest | undefined)[];
  ignoreCase: boolean;
  multiline: boolean;
}

function fold(test: CharTest, ignoreCase: boolean): CharTest {
  if (!ignoreCase) return test;
  return (code) => {
    if (test(code)) return true;
    const c = String.fromCharCode(code);
    return test(c.toLowerCase().charCodeAt(0)) || test(c.toUpperCase().charCodeAt(0));
  };
}

function flatten(states: readonly State[], start: number, ignoreCase: boolean, multiline: boolean): Program {
  const n = states.length;
  const program: Program = {
    start,
    op: new Uint8Array(n),
    a: new Int32Array(n),
    b: new Int32Array(n),
    ascii: new Uint8Array(n * 128),
    tests: new Array<CharTest | undefined>(n),
    ignoreCase,
    multiline,
  };
  states.forEach((state, i) => {
    if (state.op === 'char') {
      const test = fold(state.test, ignoreCase);
      program.op[i] = OP_CHAR;
      program.a[i] = state.next;
      program.tests[i] = test;
      for (let c = 0; c < 128; c++) program.ascii[i * 128 + c] = test(c) ? 1 : 0;
    } else if (state.op === 'split') {
      program.op[i] = OP_SPLIT;
      program.a[i] = state.a;
      program.b[i] = state.b;
    } else if (state.op === 'assert') {
      program.op[i] = OP_ASSERT;
      program.a[i] = state.next;
      program.b[i] = ASSERT_KINDS.indexOf(state.kind);
    } else {
      program.op[i] = OP_MATCH;
    }
  });
  return program;
}

/** Runs the NFA over `text`, all states at once, until the match state is reached or the step budget runs out. */
function run(p: Program, text: string): MatchOutcome {
  const n = p.op.length;
  const mark = new Int32Array(n).fill(-1);
  const stack = new Int32Array(2 * n + 2); // each state is pushed at most once per incoming edge
  let current = new Int32Array(n);
  let following = new Int32Array(n);
  let currentCount = 0;
  let followingCount = 0;
  let steps = 0;
  const atWord = (i: number) => i >= 0 && i < text.length && isWord(text.charCodeAt(i));
  const holds = (kind: number, pos: number): boolean => {
    if (kind === 0) return pos === 0 || (p.multiline && text.charCodeAt(pos - 1) === 10);
    if (kind === 1) return pos === text.length || (p.multiline && text.charCodeAt(pos) === 10);
    const boundary = atWord(pos - 1) !== atWord(pos);
    return kind === 2 ? boundary : !boundary;
  };
  // Adds a state and everything reachable from it without reading, at position `pos` (generation `pos`).
  // Returns -1 when the match state is reached, else the new length of `list`.
  const addState = (list: Int32Array, count: number, s: number, pos: number): number => {
    let top = 0;
    stack[top++] = s;
    while (top > 0) {
      steps++;
      const i = stack[--top]!;
      if (mark[i] === pos) continue;
      mark[i] = pos;
      const op = p.op[i]!;
      if (op === OP_MATCH) return -1;
      if (op === OP_SPLIT) {
        stack[top++] = p.b[i]!;
        stack[top++] = p.a[i]!;
      } else if (op === OP_ASSERT) {
        if (holds(p.b[i]!, pos)) stack[top++] = p.a[i]!;
      } else list[count++] = i;
    }
    return count;
  };
  for (let pos = 0; pos <= text.length; pos++) {
    currentCount = addState(current, currentCount, p.start, pos); // a new attempt starts at every position
    if (currentCount < 0) return 'match';
    if (pos === text.length) break;
    steps += currentCount;
    if (steps > MAX_MATCH_STEPS) return 'too costly';
    const code = text.charCodeAt(pos);
    followingCount = 0;
    for (let k = 0; k < currentCount; k++) {
      const i = current[k]!;
      if (code < 128 ? p.ascii[i * 128 + code] === 1 : p.tests[i]!(code)) {
        followingCount = addState(following, followingCount, p.a[i]!, pos + 1);
        if (followingCount < 0) return 'match';
      }
    }
    [current, following] = [following, current];
    currentCount = followingCount;
  }
  return 'no match';
}

/**
 * Compiles `pattern` with `flags` (any of `i`, `m`, `s`) into a linear-time matcher, or says what is wrong with it.
 * Never throws.
 */
export function compileSafeRegex(pattern: string, flags = ''): CompileResult {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return { ok: false, problem: `pattern is longer than ${MAX_PATTERN_LENGTH} characters` };
  }
  for (const flag of flags) {
    if (!SAFE_REGEX_FLAGS.includes(flag))
      return { ok: false, problem: `flag "${flag}" is not supported (use i, m or s)` };
  }
  if (new Set(flags).size !== flags.length) return { ok: false, problem: 'a flag is repeated' };
  try {
    const tree = new Parser(pattern, flags.includes('s')).parse();
    const compiler = new Compiler();
    const start = compiler.compile(tree, 0);
    const program = flatten(compiler.states, start, flags.includes('i'), flags.includes('m'));
    return { ok: true, regex: { search: (text) => run(program, text) } };
  } catch (error) {
    if (error instanceof PatternError) return { ok: false, problem: error.message };
    throw error;
  }
}
