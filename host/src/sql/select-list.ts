import { SqlError } from './parser.js';

/** What a `/sql` SELECT returns: whole rows, some of their columns, or a row count under a name. */
export type SelectList =
  | { readonly kind: 'rows' }
  | { readonly kind: 'columns'; readonly columns: readonly string[] }
  | { readonly kind: 'count'; readonly alias: string };

const SELECT_LIST = /^(\s*select\s+)(.+?)(\s+from\s[\s\S]*)$/i;
const COUNT = /^count\s*\(\s*\*\s*\)\s+as\s+([A-Za-z_]\w*)$/i;
const COLUMN = /^(?:([A-Za-z_]\w*)\s*\.\s*)?([A-Za-z_]\w*)$/;
const COUNT_WITHOUT_ALIAS = /^count\s*\(\s*\*\s*\)$/i;
const WILDCARD = /^(?:(?:"[^"]*"|[A-Za-z_]\w*)\s*\.\s*)?\*$/;
/** `FROM t [AS a], ...`: more than one table in FROM, with no JOIN. */
const IMPLICIT_JOIN =
  /^\s+from\s+(?:"[^"]*"|[A-Za-z_]\w*)(?:\s+(?:as\s+)?(?!where\b|join\b|inner\b|limit\b)(?:"[^"]*"|[A-Za-z_]\w*))?\s*,/i;

/**
 * Takes a projection (`SELECT a, t.b FROM …`) or `SELECT COUNT(*) AS n FROM …` off a `/sql` query, as SpacetimeDB's
 * SQL grammar allows, and gives back the whole-row query the strict subscription compiler checks.
 */
export function takeSelectList(sql: string): { query: string; list: SelectList } {
  const match = SELECT_LIST.exec(sql);
  if (!match) return { query: sql, list: { kind: 'rows' } };
  const [, select, listText, rest] = match as unknown as [string, string, string, string];
  // SpacetimeDB's refusals, in its parser's order: the projection, then FROM (crates/sql-parser/src/parser/errors.rs).
  if (COUNT_WITHOUT_ALIAS.test(listText.trim())) throw new SqlError('Aggregate expressions must have column aliases');
  const texts = listText.split(',').map((item) => item.trim());
  if (texts.length > 1 && texts.some((item) => WILDCARD.test(item)))
    throw new SqlError('Mixed wildcard projections are not supported');
  if (IMPLICIT_JOIN.test(rest)) throw new SqlError('Implicit joins are not supported');
  const count = COUNT.exec(listText.trim());
  if (count) return { query: `${select}*${rest}`, list: { kind: 'count', alias: count[1]! } };
  const items = texts.map((item) => COLUMN.exec(item));
  if (items.some((item) => item === null)) return { query: sql, list: { kind: 'rows' } };
  const tables = new Set(items.map((item) => item![1]).filter((table) => table !== undefined));
  if (tables.size > 1) throw new SqlError('the columns of a projection must all come from one table');
  const [table] = tables;
  return {
    query: `${select}${table === undefined ? '*' : `${table}.*`}${rest}`,
    list: { kind: 'columns', columns: items.map((item) => item![2]!) },
  };
}
