/**
 * SpacetimeDB's SQL DML, as `POST /sql` runs it for the database owner (crates/sql-parser/src/parser/sql.rs):
 *
 *   INSERT INTO table ( column, ... ) VALUES ( literal, ... ) [, ( literal, ... ) ...]
 *   UPDATE table SET column = literal [, column = literal ...] [ WHERE predicate ]
 *   DELETE FROM table [ WHERE predicate ]
 *
 * The WHERE clause is the subscription grammar's: UPDATE and DELETE carry it as the `SELECT * FROM table WHERE ...`
 * that finds their rows, which the subscription compiler checks. Names are checked against the module by the caller.
 */
import { DEFAULT_SQL_LIMITS, type SqlLimits } from './limits.js';
import { literalAt, SqlError, tokenize, type Literal, type Token } from './parser.js';

export type DmlStatement =
  | { kind: 'insert'; table: string; columns: string[]; rows: Literal[][] }
  | { kind: 'update'; table: string; assignments: { column: string; value: Literal }[]; select: string }
  | { kind: 'delete'; table: string; select: string };

/** Whether a statement is DML (starts with INSERT, UPDATE or DELETE), so `parseDml` rather than a query parser reads it. */
export function isDml(sql: string): boolean {
  return /^\s*(insert|update|delete)\b/i.test(sql);
}

/** Reads tokens in order, with readable errors naming what was expected where. */
class Tokens {
  at = 0;
  constructor(readonly list: Token[]) {}

  peek(): Token {
    return this.list[this.at]!;
  }

  isKeyword(word: string): boolean {
    const token = this.peek();
    return token.type === 'ident' && !token.quoted && token.text.toLowerCase() === word;
  }

  keyword(word: string): Token {
    if (!this.isKeyword(word)) this.fail(word.toUpperCase());
    return this.list[this.at++]!;
  }

  symbol(text: string): boolean {
    const token = this.peek();
    if (token.type !== 'symbol' || token.text !== text) return false;
    this.at++;
    return true;
  }

  expectSymbol(text: string): void {
    if (!this.symbol(text)) this.fail(`'${text}'`);
  }

  identifier(what: string): Token {
    if (this.peek().type !== 'ident') this.fail(what);
    return this.list[this.at++]!;
  }

  literal(): Literal {
    const found = literalAt(this.list, this.at);
    if (!found) this.fail('a literal (a number, a string, hex, TRUE or FALSE)');
    this.at += found.length;
    return found.literal;
  }

  /** The statement ends here (an optional `;`). */
  end(): void {
    this.symbol(';');
    if (this.peek().type !== 'end') this.fail('the end of the statement');
  }

  fail(what: string): never {
    const token = this.peek();
    throw new SqlError(`expected ${what} at position ${token.pos}, found '${token.text || 'end of statement'}'`);
  }
}

/** Parses one INSERT, UPDATE or DELETE within `limits`; throws SqlError with a readable reason. */
export function parseDml(sql: string, limits: SqlLimits = DEFAULT_SQL_LIMITS): DmlStatement {
  const bytes = Buffer.byteLength(sql);
  if (bytes > limits.maxQueryBytes)
    throw new SqlError(`query too long: ${bytes} bytes, the limit is ${limits.maxQueryBytes}`);
  const tokens = new Tokens(tokenize(sql));
  if (tokens.isKeyword('insert')) return parseInsert(tokens);
  if (tokens.isKeyword('delete')) {
    tokens.at++;
    tokens.keyword('from');
    const table = tokens.identifier('a table name');
    refuseDeleteTable(tokens, table);
    // Everything after DELETE FROM is `table [WHERE ...]`: the query that finds the rows.
    return { kind: 'delete', table: table.text, select: `SELECT * FROM ${sql.slice(table.pos)}` };
  }
  tokens.keyword('update');
  const table = tokens.identifier('a table name');
  const set = tokens.keyword('set');
  const assignments: { column: string; value: Literal }[] = [];
  do {
    const column = tokens.identifier('a column').text;
    tokens.expectSymbol('=');
    assignments.push({ column, value: tokens.literal() });
  } while (tokens.symbol(','));
  const where = tokens.peek();
  if (where.type !== 'end' && !tokens.isKeyword('where')) tokens.end();
  return {
    kind: 'update',
    table: table.text,
    assignments,
    select: `SELECT * FROM ${sql.slice(table.pos, set.pos)} ${sql.slice(where.pos)}`,
  };
}

/** A name as sqlparser prints it back: quoted when it was written quoted. */
const printed = (token: Token) =>
  'quoted' in token && token.quoted ? `"${token.text.replaceAll('"', '""')}"` : token.text;

/**
 * DELETE takes one table without an alias (`parse_delete` in crates/sql-parser/src/parser/sql.rs): `DELETE FROM t x`
 * would otherwise delete through a name the WHERE clause may not use.
 */
function refuseDeleteTable(tokens: Tokens, table: Token): void {
  const next = tokens.peek();
  if (next.type === 'symbol' && next.text === ',') throw new SqlError('Multi-table DELETE is not supported');
  if (next.type !== 'ident' || tokens.isKeyword('where')) return;
  const alias = tokens.isKeyword('as') ? tokens.list[tokens.at + 1] : next;
  if (!alias || alias.type !== 'ident') return;
  throw new SqlError(`Unsupported table expression in DELETE: ${printed(table)} AS ${printed(alias)}`);
}

function parseInsert(tokens: Tokens): DmlStatement {
  tokens.keyword('insert');
  tokens.keyword('into');
  const table = tokens.identifier('a table name').text;
  const columns: string[] = [];
  if (tokens.symbol('(')) {
    do columns.push(tokens.identifier('a column').text);
    while (tokens.symbol(','));
    tokens.expectSymbol(')');
  }
  tokens.keyword('values');
  const rows: Literal[][] = [];
  do {
    tokens.expectSymbol('(');
    const row: Literal[] = [];
    do row.push(tokens.literal());
    while (tokens.symbol(','));
    tokens.expectSymbol(')');
    rows.push(row);
  } while (tokens.symbol(','));
  tokens.end();
  return { kind: 'insert', table, columns, rows };
}
