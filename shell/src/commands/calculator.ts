import { errorText } from '../filesystem/learner-fs.js';
import { stdinText } from '../text.js';
import { fail, type LearnerCommand, type ShellServices } from './command.js';

/** A bc number: `n / 10^s`, exact, with its scale (digits after the point) as bc keeps it. */
interface Num {
  n: bigint;
  s: number;
}

const TEN = 10n;
const pow10 = (digits: number) => TEN ** BigInt(digits);
/** `value` at `scale` digits, cut toward zero as bc does. */
function atScale(value: Num, scale: number): Num {
  if (scale >= value.s) return { n: value.n * pow10(scale - value.s), s: scale };
  return { n: value.n / pow10(value.s - scale), s: scale };
}

class BcError extends Error {}

/** Numbers as bc prints them: no leading `0` before the point (`.5`, `-.25`), a line break every 70 characters. */
function format(value: Num): string {
  if (value.n === 0n) return '0';
  const negative = value.n < 0n;
  const digits = (negative ? -value.n : value.n).toString().padStart(value.s + 1, '0');
  const whole = digits.slice(0, digits.length - value.s).replace(/^0$/, '');
  const text = `${negative ? '-' : ''}${whole}${value.s ? `.${digits.slice(digits.length - value.s)}` : ''}`;
  return text.length <= 70 ? text : text.match(/.{1,69}/g)!.join('\\\n');
}

/** One bc program: variables (`scale` among them) live across its lines. */
class Calculator {
  private readonly variables = new Map<string, Num>();
  private tokens: string[] = [];
  private at = 0;

  constructor(scale: number) {
    this.variables.set('scale', { n: BigInt(scale), s: 0 });
  }

  private get scale(): number {
    return Number(this.variables.get('scale')!.n);
  }

  /** Runs the statements of one input line; what they print. */
  line(text: string): string {
    this.tokens =
      text
        .replace(/\/\*.*?\*\/|#.*$/g, ' ')
        .match(/\d*\.?\d+\.?|[a-z][a-z0-9_]*|\+\+|--|[-+*/%^]=|==|<=|>=|!=|[-+*/%^()=;<>,]/g) ?? [];
    this.at = 0;
    let out = '';
    while (this.at < this.tokens.length) {
      if (this.peek() === ';') {
        this.at++;
        continue;
      }
      if (this.peek() === 'quit') throw new Quit(out);
      const start = this.at;
      const value = this.expression();
      const assigned =
        this.tokens.slice(start, this.at).some((token) => /^[-+*/%^]?=$/.test(token)) &&
        /^[a-z]/.test(this.tokens[start]!) &&
        /^[-+*/%^]?=$/.test(this.tokens[start + 1] ?? '');
      if (!assigned) out += `${format(value)}\n`;
      if (this.at < this.tokens.length && this.next() !== ';') throw new SyntaxError('syntax error');
    }
    return out;
  }

  private peek(): string | undefined {
    return this.tokens[this.at];
  }

  private next(): string | undefined {
    return this.tokens[this.at++];
  }

  private expression(): Num {
    const name = this.peek();
    const operator = this.tokens[this.at + 1];
    if (name && /^[a-z]/.test(name) && operator && /^[-+*/%^]?=$/.test(operator) && operator !== '==') {
      this.at += 2;
      const right = this.expression();
      const value =
        operator === '=' ? right : this.apply(operator[0]!, this.variables.get(name) ?? { n: 0n, s: 0 }, right);
      this.variables.set(name, name === 'scale' ? { n: value.n / pow10(value.s), s: 0 } : value);
      return value;
    }
    return this.comparison();
  }

  private comparison(): Num {
    let left = this.sum();
    while (['<', '>', '<=', '>=', '==', '!='].includes(this.peek() ?? '')) {
      const operator = this.next()!;
      const right = this.sum();
      const scale = Math.max(left.s, right.s);
      const [a, b] = [atScale(left, scale).n, atScale(right, scale).n];
      const truth = { '<': a < b, '>': a > b, '<=': a <= b, '>=': a >= b, '==': a === b, '!=': a !== b }[operator]!;
      left = { n: truth ? 1n : 0n, s: 0 };
    }
    return left;
  }

  private sum(): Num {
    let left = this.product();
    while (this.peek() === '+' || this.peek() === '-') left = this.apply(this.next()!, left, this.product());
    return left;
  }

  private product(): Num {
    let left = this.power();
    while (['*', '/', '%'].includes(this.peek() ?? '')) left = this.apply(this.next()!, left, this.power());
    return left;
  }

  private power(): Num {
    const base = this.unary();
    if (this.peek() !== '^') return base;
    this.at++;
    return this.apply('^', base, this.power());
  }

  private unary(): Num {
    if (this.peek() === '-') {
      this.at++;
      const value = this.unary();
      return { n: -value.n, s: value.s };
    }
    if (this.peek() === '+') this.at++;
    return this.primary();
  }

  private primary(): Num {
    const token = this.next();
    if (token === undefined) throw new SyntaxError('syntax error');
    if (token === '(') {
      const value = this.expression();
      if (this.next() !== ')') throw new SyntaxError('syntax error');
      return value;
    }
    if (/^[\d.]/.test(token)) {
      const [whole = '', fraction = ''] = token.split('.');
      return { n: BigInt(`${whole}${fraction}` || '0'), s: fraction.length };
    }
    if (token === '++' || token === '--') {
      const name = this.next() ?? '';
      const value = this.apply(token[0]!, this.variables.get(name) ?? { n: 0n, s: 0 }, { n: 1n, s: 0 });
      this.variables.set(name, value);
      return value;
    }
    if (!/^[a-z]/.test(token)) throw new SyntaxError('syntax error');
    if (this.peek() === '(') {
      this.at++;
      const argument = this.expression();
      if (this.next() !== ')') throw new SyntaxError('syntax error');
      return this.call(token, argument);
    }
    return this.variables.get(token) ?? { n: 0n, s: 0 };
  }

  private call(name: string, x: Num): Num {
    if (name === 'sqrt') {
      if (x.n < 0n) throw new BcError('Square root of a negative number');
      const scale = Math.max(this.scale, x.s);
      const radicand = x.n * pow10(2 * scale - x.s);
      let root = radicand;
      let better = (root + 1n) / 2n;
      while (better < root) {
        root = better;
        better = (root + radicand / root) / 2n;
      }
      return { n: root, s: scale };
    }
    if (name === 'length')
      return { n: BigInt(x.n === 0n ? 1 : Math.max((x.n < 0n ? -x.n : x.n).toString().length, x.s)), s: 0 };
    if (name === 'scale') return { n: BigInt(x.s), s: 0 };
    throw new BcError(`Function ${name} not defined.`);
  }

  /** One arithmetic operation with bc's result scales. */
  private apply(operator: string, a: Num, b: Num): Num {
    const scale = this.scale;
    switch (operator) {
      case '+':
      case '-': {
        const s = Math.max(a.s, b.s);
        const [x, y] = [atScale(a, s).n, atScale(b, s).n];
        return { n: operator === '+' ? x + y : x - y, s };
      }
      case '*':
        return atScale({ n: a.n * b.n, s: a.s + b.s }, Math.min(a.s + b.s, Math.max(scale, a.s, b.s)));
      case '/':
        if (b.n === 0n) throw new BcError('Divide by zero');
        return { n: (a.n * pow10(b.s + scale)) / (b.n * pow10(a.s)), s: scale };
      case '%': {
        if (b.n === 0n) throw new BcError('Modulo by zero');
        const quotient = { n: (a.n * pow10(b.s + scale)) / (b.n * pow10(a.s)), s: scale };
        const s = Math.max(scale + b.s, a.s);
        return atScale(this.apply('-', a, { n: quotient.n * b.n, s: quotient.s + b.s }), s);
      }
      default: {
        if (b.s > 0 && b.n % pow10(b.s) !== 0n) throw new BcError('Non-integer exponent');
        const exponent = Number(b.n / pow10(b.s));
        if (exponent > 10_000) throw new BcError('Exponent too large');
        const whole = { n: a.n ** BigInt(Math.abs(exponent)), s: a.s * Math.abs(exponent) };
        if (exponent >= 0) return atScale(whole, Math.min(whole.s, Math.max(scale, a.s)));
        if (whole.n === 0n) throw new BcError('Divide by zero');
        return { n: pow10(whole.s + scale) / whole.n, s: scale };
      }
    }
  }
}

/** `quit`: ends the program with what it printed so far. */
class Quit extends Error {
  constructor(readonly output: string) {
    super('quit');
  }
}

/**
 * `bc`: the calculator scripts use for what `$(( ))` cannot, decimals (`echo "scale=2; 10/3" | bc`). Numbers of any
 * size, `+ - * / % ^`, comparisons, variables, `scale`, `sqrt()`, `length()`, `-l` (scale 20); reads the files
 * given, then stdin.
 */
export function bcCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'bc',
    async execute(args, ctx) {
      const mathLibrary = args.some((arg) => /^-[a-z]*l/.test(arg) || arg === '--mathlib');
      const calculator = new Calculator(mathLibrary ? 20 : 0);
      let input = '';
      for (const file of args.filter((arg) => !arg.startsWith('-'))) {
        try {
          input += await services.fs.readFile(services.fs.resolvePath(ctx.cwd, file));
        } catch (error) {
          return fail(`File ${file} is unavailable: ${errorText(error)}\n`);
        }
      }
      input += stdinText(ctx.stdin);
      let stdout = '';
      let stderr = '';
      for (const [index, line] of input.split('\n').entries()) {
        try {
          stdout += calculator.line(line);
        } catch (error) {
          if (error instanceof Quit) return { stdout: stdout + error.output, stderr, exitCode: 0 };
          if (error instanceof BcError) stderr += `Runtime error (func=(main), adr=0): ${error.message}\n`;
          else stderr += `(standard_in) ${index + 1}: syntax error\n`;
        }
      }
      return { stdout, stderr, exitCode: 0 };
    },
  };
}
