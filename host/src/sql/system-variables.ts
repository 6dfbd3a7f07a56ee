/**
 * SpacetimeDB's `SET var ( TO | = ) literal` and `SHOW var` (crates/sql-parser/src/parser/sql.rs), checked as its type
 * checker does (`type_and_rewrite_set` / `type_and_rewrite_show` in crates/expr/src/statement.rs): `row_limit` is
 * the only variable, and its value a `u64`. SpacetimeDB rewrites them to an INSERT into its `st_var` system table
 * and a `SELECT value FROM st_var WHERE name = ...`; `stVarRelation` is that table as SQL sees it, so a
 * `DELETE FROM st_var WHERE ...` (how a set variable is changed: a second SET of another value is refused) reads
 * it with the same WHERE grammar as any table.
 */
import type { AlgebraicTypeType } from 'spacetimedb';
import type { SqlRelation } from './compile.js';
import { literalAs } from './compile.js';
import { DEFAULT_SQL_LIMITS, type SqlLimits } from './limits.js';
import { literalAt, SqlError, tokenize, type Literal, type Token } from './parser.js';

/** The one variable SpacetimeDB knows (`VAR_ROW_LIMIT`): non-owners' queries estimated to read more rows are refused. */
export const ROW_LIMIT = 'row_limit';

/** The system table's name (`ST_VAR_NAME`). */
export const ST_VAR = 'st_var';

export type SystemVariableStatement = { kind: 'set'; name: string; value: bigint } | { kind: 'show'; name: string };

/** Whether a statement is a SET or SHOW (so `parseSystemVariableStatement` rather than a query parser reads it). */
export function isSystemVariableStatement(sql: string): boolean {
  return /^\s*(set|show)\b/i.test(sql);
}

/** `StVarValue` (crates/lib/src/st_var.rs): the type of `st_var`'s `value` column, variants in tag order. */
export const ST_VAR_VALUE_TYPE: AlgebraicTypeType = {
  tag: 'Sum',
  value: {
    variants: (
      ['Bool', 'I8', 'U8', 'I16', 'U16', 'I32', 'U32', 'I64', 'U64', 'I128', 'U128', 'F32', 'F64', 'String'] as const
    ).map((tag) => ({ name: tag, algebraicType: { tag } as AlgebraicTypeType })),
  },
};

/** `StVarValue::U64`'s tag: the variant a `SET` stores. */
export const U64_TAG = 8;

/** `st_var` as SQL sees it: `name` (its primary key) and `value`, public like every system table there. */
export const stVarRelation: SqlRelation = {
  name: ST_VAR,
  kind: 'table',
  columns: [
    { name: 'name', accessorName: 'name', type: { tag: 'String' } },
    { name: 'value', accessorName: 'value', type: ST_VAR_VALUE_TYPE },
  ],
  isPublic: true,
  indexedColumns: new Set([0]),
};

/** `InvalidVar` (crates/expr/src/statement.rs). */
function checkName(name: string): void {
  if (name !== ROW_LIMIT) throw new SqlError(`${name} is not a valid system variable`);
}

/** What a literal is typed as, in `UnexpectedType`'s words (`fmt_algebraic_type`). */
const INFERRED: Record<Exclude<Literal['kind'], 'number'>, string> = {
  bool: 'Bool',
  string: 'String',
  hex: 'Array<U8>',
};

/** The literal as `row_limit`'s `u64`, refused in SpacetimeDB's words when it is not one. */
function u64Of(literal: Literal): bigint {
  if (literal.kind !== 'number')
    throw new SqlError(`Unexpected type: (expected) U64 != ${INFERRED[literal.kind]} (inferred)`);
  return literalAs(literal, { tag: 'U64' }) as bigint;
}

/** Parses and checks one SET or SHOW within `limits`; throws SqlError with SpacetimeDB's reason where it has one. */
export function parseSystemVariableStatement(
  sql: string,
  limits: SqlLimits = DEFAULT_SQL_LIMITS,
): SystemVariableStatement {
  const bytes = Buffer.byteLength(sql);
  if (bytes > limits.maxQueryBytes)
    throw new SqlError(`query too long: ${bytes} bytes, the limit is ${limits.maxQueryBytes}`);
  const tokens = tokenize(sql);
  let at = 1;
  const fail = (what: string): never => {
    const token = tokens[at]!;
    throw new SqlError(`expected ${what} at position ${token.pos}, found '${token.text || 'end of statement'}'`);
  };
  const isWord = (token: Token | undefined, word: string) =>
    token?.type === 'ident' && !token.quoted && token.text.toLowerCase() === word;
  const end = () => {
    if (tokens[at]?.type === 'symbol' && tokens[at]!.text === ';') at++;
    if (tokens[at]?.type !== 'end') fail('the end of the statement');
  };
  const nameToken = tokens[at];
  if (nameToken?.type !== 'ident') return fail('a system variable');
  const name = nameToken.text;
  at++;
  if (isWord(tokens[0], 'show')) {
    end();
    checkName(name);
    return { kind: 'show', name };
  }
  const assign = tokens[at];
  if (isWord(assign, 'to') || (assign?.type === 'symbol' && assign.text === '=')) at++;
  else fail("'=' or TO");
  const found = literalAt(tokens, at);
  if (!found) return fail('a literal (a number, a string, hex, TRUE or FALSE)');
  at += found.length;
  end();
  checkName(name);
  return { kind: 'set', name, value: u64Of(found.literal) };
}

/**
 * The refusal of a SET that would give a set variable another value: SpacetimeDB inserts into `st_var`, whose
 * primary key is the name (crates/table/src/table.rs `UniqueConstraintViolation`, wrapped as a datastore
 * `IndexError`). Setting the same value again is accepted and changes nothing.
 */
export function alreadySet(name: string): string {
  return `IndexError: Unique constraint violation 'st_var_name_idx_btree' in table 'st_var': column(s): '["name"]' value: ${JSON.stringify(name)}`;
}
