/**
 * How many rows a query is estimated to read: what SpacetimeDB compares with `row_limit` (`SET row_limit = N`)
 * before it runs a query for anyone but the owner (`check_row_limit` and `estimate_rows_scanned` in
 * crates/core/src/estimation.rs). The estimate follows the shape of its plans on ours:
 * - a table read whole counts its rows, and twice that under a WHERE no index narrows (a filter over a scan counts
 *   what it scans and what it filters);
 * - a read through an index counts the rows the index brings, here counted exactly (SpacetimeDB divides the table's
 *   rows by the index's distinct values);
 * - `SELECT *` with a `LIMIT n` and no filter left over counts `n` (the limit is pushed into the scan);
 * - a join counts the rows of the side it walks plus each row's matches through the other side's index (counted),
 *   or, with no index, both sides and their product;
 * - a view (which SpacetimeDB materializes first, then scans) counts the rows the query returns from it.
 */
import type { Engine, SatsValue, TableHandle } from '../engine/index.js';
import type { CompiledQuery, SqlCatalog } from '../sql/compile.js';
import { evaluateQuery, indexLeadingWith } from './evaluate.js';
import { indexedCandidateCount } from './index-reads.js';

/** How many rows of `table` have `value` in `column`, through an index that starts with it; null without one. */
function countBy(table: TableHandle, column: number): ((value: SatsValue) => number) | null {
  const index = indexLeadingWith(table, column);
  if (!index) return null;
  if (index.def.columns.length === 1) return (value) => index.countKey([value]);
  return (value) => index.countRange([value], { kind: 'unbounded' }, { kind: 'unbounded' });
}

/** Rows a join reads: the walked side, and its matches through the other side's index (or the product). */
function joinEstimate(
  returned: TableHandle,
  joined: TableHandle,
  returnedColumn: number,
  joinedColumn: number,
): number {
  const walk = (outer: TableHandle, outerColumn: number, count: (value: SatsValue) => number) => {
    let rows = outer.count();
    for (const row of outer.rows()) rows += count(row.columns[outerColumn]!);
    return rows;
  };
  const intoJoined = countBy(joined, joinedColumn);
  if (intoJoined) return walk(returned, returnedColumn, intoJoined);
  const intoReturned = countBy(returned, returnedColumn);
  if (intoReturned) return walk(joined, joinedColumn, intoReturned);
  return returned.count() + joined.count() + returned.count() * joined.count();
}

/**
 * The rows `query` is estimated to read for `sender`. `limit` is the statement's `LIMIT`, `wholeRows` whether it
 * selects `*` (only then is a limit pushed into the scan).
 */
export function estimateRowsScanned(
  engine: Engine,
  catalog: SqlCatalog,
  query: CompiledQuery,
  sender: bigint,
  limit: number | null,
  wholeRows: boolean,
): number {
  const { join, returned } = query;
  if (returned.kind === 'view' || join?.relation.kind === 'view')
    return evaluateQuery(engine, catalog, query, sender).rows.length;
  const table = engine.table(returned.name);
  if (join) return joinEstimate(table, engine.table(join.relation.name), join.returnedColumn, join.joinedColumn);
  const indexed = indexedCandidateCount(table, query.conditions, sender);
  const unfiltered = query.matchesAll || indexed !== null;
  if (limit !== null && wholeRows && unfiltered) return limit;
  if (indexed !== null) return indexed;
  return query.matchesAll ? table.count() : 2 * table.count();
}

/** SpacetimeDB's refusal of a query estimated to read more than `row_limit` (`check_row_limit`, crates/core/src/estimation.rs). */
export function overRowLimit(estimate: number, limit: bigint): string | null {
  return BigInt(estimate) > limit ? `Estimated cardinality (${estimate} rows) exceeds limit (${limit} rows)` : null;
}
