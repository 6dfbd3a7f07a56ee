/**
 * A parser for SpacetimeDB's subscription SQL (2.x):
 *
 *   SELECT ( * | alias.* ) FROM table [ [AS] alias ] [ [INNER] JOIN table [ [AS] alias ] [ ON field = field ] ]
 *   [ WHERE predicate ]
 *
 * predicate: comparisons (= != <> < > <= >=) of columns, literals and `:sender`, combined with AND / OR and
 * parentheses. Literals: integers, floats (1.5, .1, 1e3), 'strings' ('' escapes a quote), TRUE / FALSE,
 * hex (0xABCD or X'ABCD'). Keywords are case-insensitive; "quoted" identifiers keep their case.
 * The result is a syntax tree; names are checked against the module by `compile.ts`.
 */
import { DEFAULT_SQL_LIMITS, type SqlLimits } from './limits.js';

export type ComparisonOp = '=' | '!=' | '<' | '>' | '<=' | '>=';

export type Literal =
  | { kind: 'number'; text: string }
  | { kind: 'string'; value: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'hex'; digits: string };

/** `table.column` or a bare `column`. */
export interface FieldRef {
  kind: 'field';
  table: string | null;
  column: string;
}

export type Operand = FieldRef | { kind: 'literal'; literal: Literal } | { kind: 'sender' };

export type Predicate =
  | { kind: 'compare'; op: ComparisonOp; left: Operand; right: Operand }
  | { kind: 'and' | 'or'; left: Predicate; right: Predicate }
  | { kind: 'operand'; operand: Operand };

export interface Relation {
  table: string;
  alias: string;
}

export interface SelectStatement {
  /** null for `SELECT *`, else the alias of `alias.*`. */
  projection: string | null;
  from: Relation;
  join: { relation: Relation; on: { left: FieldRef; right: FieldRef } | null } | null;
  where: Predicate | null;
}

/** A query that is not valid subscription SQL; the message says where and why. */
export class SqlError extends Error {
  override name = 'SqlError';
}

/** One token of a SQL statement; `pos` is where it starts in the text. */
export type Token =
  | { type: 'ident'; text: string; quoted: boolean; pos: number }
  | { type: 'number'; text: string; pos: number }
  | { type: 'string'; text: string; pos: number }
  | { type: 'hex'; text: string; pos: number }
  | { type: 'param'; text: string; pos: number }
  | { type: 'symbol'; text: string; pos: number }
  | { type: 'end'; text: ''; pos: number };

const SYMBOLS = ['<=', '>=', '<>', '!=', '=', '<', '>', '*', '.', ',', '(', ')', ';', '-', '+'];

/** Splits SQL into tokens, ending with an `end` token; throws SqlError for text no token starts with. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const pos = i;
    if ((c === 'x' || c === 'X') && sql[i + 1] === "'") {
      const end = sql.indexOf("'", i + 2);
      if (end < 0) throw new SqlError(`unterminated hex literal at position ${pos}`);
      tokens.push({ type: 'hex', text: sql.slice(i + 2, end), pos });
      i = end + 1;
    } else if (c === '0' && (sql[i + 1] === 'x' || sql[i + 1] === 'X')) {
      const m = /^0[xX]([0-9a-fA-F]*)/.exec(sql.slice(i))!;
      tokens.push({ type: 'hex', text: m[1]!, pos });
      i += m[0].length;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      const m = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(sql.slice(i))!;
      tokens.push({ type: 'number', text: m[0], pos });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i))!;
      tokens.push({ type: 'ident', text: m[0], quoted: false, pos });
      i += m[0].length;
    } else if (c === '"') {
      const { text, end } = readQuoted(sql, i, 'quoted identifier');
      tokens.push({ type: 'ident', text, quoted: true, pos });
      i = end;
    } else if (c === "'") {
      const { text, end } = readQuoted(sql, i, 'string literal');
      tokens.push({ type: 'string', text, pos });
      i = end;
    } else if (c === ':') {
      const m = /^:([A-Za-z_][A-Za-z0-9_]*)/.exec(sql.slice(i));
      if (!m) throw new SqlError(`unexpected ':' at position ${pos}`);
      tokens.push({ type: 'param', text: m[1]!, pos });
      i += m[0].length;
    } else {
      const symbol = SYMBOLS.find((s) => sql.startsWith(s, i));
      if (!symbol) throw new SqlError(`unexpected character '${c}' at position ${pos}`);
      tokens.push({ type: 'symbol', text: symbol, pos });
      i += symbol.length;
    }
  }
  tokens.push({ type: 'end', text: '', pos: sql.length });
  return tokens;
}

/** Reads a quoted run starting at `start` (the quote), where a doubled quote stands for one. */
function readQuoted(sql: string, start: number, what: string): { text: string; end: number } {
  const quote = sql[start]!;
  let text = '';
  let i = start + 1;
  for (;;) {
    if (i >= sql.length) throw new SqlError(`unterminated ${what} at position ${start}`);
    if (sql[i] === quote) {
      if (sql[i + 1] !== quote) return { text, end: i + 1 };
      text += quote;
      i += 2;
    } else {
      text += sql[i++];
    }
  }
}

const RESERVED = new Set(['select', 'from', 'where', 'join', 'inner', 'on', 'as', 'and', 'or', 'true', 'false']);
const UNSUPPORTED = new Set([
  'limit',
  'order',
  'group',
  'having',
  'left',
  'right',
  'outer',
  'full',
  'cross',
  'union',
  'distinct',
  'count',
  'insert',
  'update',
  'delete',
  'set',
  'not',
  'in',
  'like',
  'is',
  'null',
  'between',
  'offset',
]);

class Parser {
  #tokens: Token[];
  #at = 0;
  #depth = 0;
  readonly #maxDepth: number;

  constructor(sql: string, maxDepth: number) {
    this.#tokens = tokenize(sql);
    this.#maxDepth = maxDepth;
  }

  parse(): SelectStatement {
    if (this.#peek().type === 'end') throw new SqlError('empty query');
    this.#keyword('select');
    let projection: string | null = null;
    if (!this.#symbol('*')) {
      projection = this.#identifier('a projection (* or table.*)');
      // A submodule's table is `namespace.table` (`lib.items.*`).
      while (this.#symbol('.')) {
        if (this.#peek().type !== 'ident') break;
        projection += `.${this.#identifier('a table name')}`;
      }
      if (this.#tokens[this.#at - 1]?.text !== '.' || !this.#symbol('*')) {
        throw new SqlError(
          'Column projections are not supported in subscriptions; Subscriptions must return a table type',
        );
      }
    }
    this.#keyword('from');
    const from = this.#relation();
    let join: SelectStatement['join'] = null;
    if (this.#isKeyword('inner') || this.#isKeyword('join')) {
      if (this.#isKeyword('inner')) this.#at++;
      this.#keyword('join');
      const relation = this.#relation();
      let on = null;
      if (this.#isKeyword('on')) {
        this.#at++;
        const left = this.#fieldRef();
        this.#expectSymbol('=');
        const right = this.#fieldRef();
        on = { left, right };
      }
      join = { relation, on };
      if (this.#isKeyword('join') || this.#isKeyword('inner')) {
        throw new SqlError('subscriptions support at most one join');
      }
    }
    let where: Predicate | null = null;
    if (this.#isKeyword('where')) {
      this.#at++;
      where = this.#or();
    }
    this.#symbol(';');
    const rest = this.#peek();
    if (rest.type !== 'end') {
      const word = rest.text.toLowerCase();
      throw new SqlError(
        UNSUPPORTED.has(word)
          ? `${word.toUpperCase()} is not supported in subscriptions`
          : `unexpected '${rest.text}' at position ${rest.pos}`,
      );
    }
    return { projection, from, join, where };
  }

  #relation(): Relation {
    // Names with dots are one name: a submodule's table is stored as `namespace.table`, nested ones as
    // `auth.baz.table` (SpacetimeDB's `parse_parts`, crates/sql-parser/src/parser/mod.rs).
    let table = this.#identifier('a table name');
    while (this.#symbol('.')) table += `.${this.#identifier('a table name')}`;
    let alias = table;
    if (this.#isKeyword('as')) {
      this.#at++;
      alias = this.#identifier('an alias');
    } else {
      const next = this.#peek();
      if (next.type === 'ident' && (next.quoted || !RESERVED.has(next.text.toLowerCase()))) {
        if (!next.quoted && UNSUPPORTED.has(next.text.toLowerCase())) return { table, alias };
        alias = this.#identifier('an alias');
      }
    }
    return { table, alias };
  }

  #or(): Predicate {
    let left = this.#and();
    while (this.#isKeyword('or')) {
      this.#at++;
      left = { kind: 'or', left, right: this.#and() };
    }
    return left;
  }

  #and(): Predicate {
    let left = this.#comparison();
    while (this.#isKeyword('and')) {
      this.#at++;
      left = { kind: 'and', left, right: this.#comparison() };
    }
    return left;
  }

  #comparison(): Predicate {
    if (this.#symbol('(')) {
      if (++this.#depth > this.#maxDepth) {
        throw new SqlError(`predicate nested too deeply: more than ${this.#maxDepth} levels of parentheses`);
      }
      const inner = this.#or();
      this.#depth--;
      this.#expectSymbol(')');
      return inner;
    }
    const left = this.#operand();
    const next = this.#peek();
    if (next.type === 'symbol' && ['=', '!=', '<>', '<', '>', '<=', '>='].includes(next.text)) {
      this.#at++;
      const op = (next.text === '<>' ? '!=' : next.text) as ComparisonOp;
      return { kind: 'compare', op, left, right: this.#operand() };
    }
    return { kind: 'operand', operand: left };
  }

  #operand(): Operand {
    const token = this.#peek();
    const literal = literalAt(this.#tokens, this.#at);
    if (literal) {
      this.#at += literal.length;
      return { kind: 'literal', literal: literal.literal };
    }
    switch (token.type) {
      case 'param':
        this.#at++;
        if (token.text.toLowerCase() !== 'sender') throw new SqlError(`unknown parameter :${token.text}`);
        return { kind: 'sender' };
      case 'ident':
        return this.#fieldRef();
      case 'end':
        throw new SqlError('unexpected end of query');
      default:
        throw new SqlError(`unexpected '${token.text}' at position ${token.pos}`);
    }
  }

  #fieldRef(): FieldRef {
    // The last part is the column; the parts before it name the table (`lib.items.id`), as `parse_qualified_field`.
    const parts = [this.#identifier('a column')];
    while (this.#symbol('.')) parts.push(this.#identifier('a column'));
    const column = parts.pop()!;
    return { kind: 'field', table: parts.length > 0 ? parts.join('.') : null, column };
  }

  #identifier(what: string): string {
    const token = this.#peek();
    if (token.type !== 'ident' || (!token.quoted && RESERVED.has(token.text.toLowerCase()))) {
      throw new SqlError(`expected ${what} at position ${token.pos}, found '${token.text || 'end of query'}'`);
    }
    this.#at++;
    return token.text;
  }

  #peek(): Token {
    return this.#tokens[this.#at]!;
  }

  #isKeyword(word: string): boolean {
    const token = this.#peek();
    return token.type === 'ident' && !token.quoted && token.text.toLowerCase() === word;
  }

  #keyword(word: string): void {
    if (!this.#isKeyword(word)) {
      const token = this.#peek();
      throw new SqlError(
        `expected ${word.toUpperCase()} at position ${token.pos}, found '${token.text || 'end of query'}'`,
      );
    }
    this.#at++;
  }

  #symbol(text: string): boolean {
    const token = this.#peek();
    if (token.type === 'symbol' && token.text === text) {
      this.#at++;
      return true;
    }
    return false;
  }

  #expectSymbol(text: string): void {
    if (!this.#symbol(text)) {
      const token = this.#peek();
      throw new SqlError(`expected '${text}' at position ${token.pos}, found '${token.text || 'end of query'}'`);
    }
  }
}

/**
 * The literal starting at `tokens[at]`: a number (signed: `-1`, `+1`), a 'string', hex, TRUE or FALSE, with the
 * number of tokens it takes; null when no literal starts there.
 */
export function literalAt(tokens: readonly Token[], at: number): { literal: Literal; length: number } | null {
  const token = tokens[at]!;
  switch (token.type) {
    case 'number':
      return { literal: { kind: 'number', text: token.text }, length: 1 };
    case 'string':
      return { literal: { kind: 'string', value: token.text }, length: 1 };
    case 'hex':
      return { literal: { kind: 'hex', digits: token.text }, length: 1 };
    case 'ident':
      if (token.quoted || !['true', 'false'].includes(token.text.toLowerCase())) return null;
      return { literal: { kind: 'bool', value: token.text.toLowerCase() === 'true' }, length: 1 };
    case 'symbol': {
      const number = tokens[at + 1];
      if ((token.text !== '-' && token.text !== '+') || number?.type !== 'number') return null;
      return { literal: { kind: 'number', text: token.text === '-' ? `-${number.text}` : number.text }, length: 2 };
    }
    default:
      return null;
  }
}

/** Parses one subscription query within `limits`; throws SqlError with a readable reason. */
export function parseSubscriptionSql(sql: string, limits: SqlLimits = DEFAULT_SQL_LIMITS): SelectStatement {
  const bytes = Buffer.byteLength(sql);
  if (bytes > limits.maxQueryBytes)
    throw new SqlError(`query too long: ${bytes} bytes, the limit is ${limits.maxQueryBytes}`);
  return new Parser(sql, limits.maxNestingDepth).parse();
}
