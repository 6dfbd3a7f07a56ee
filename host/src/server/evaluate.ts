/**
 * Running a compiled subscription query against the committed state: the rows (BSATN) it returns for one
 * subscriber, and the tables it read (a view may read any table; a query reads the tables it names).
 */
import type { Engine, SatsValue, StoredRow, TableHandle } from '../engine/index.js';
import { compileSubscription, type CompiledQuery, type SqlCatalog } from '../sql/compile.js';

export interface Evaluation {
  rows: Uint8Array[];
  readTables: ReadonlySet<string>;
}

export function evaluateQuery(engine: Engine, catalog: SqlCatalog, query: CompiledQuery, sender: bigint): Evaluation {
  if (query.returned.kind === 'view') return evaluateView(engine, catalog, query, sender);
  const returned = engine.table(query.returned.name);
  if (!query.join) {
    const rows: Uint8Array[] = [];
    for (const row of returned.rows()) {
      if (query.matchesAll || query.matches([row.columns], sender)) rows.push(row.bytes);
    }
    return { rows, readTables: new Set([query.returned.name]) };
  }
  const { relation, returnedColumn, joinedColumn } = query.join;
  const joined = engine.table(relation.name);
  const rows: Uint8Array[] = [];
  const lookupJoined = lookupBy(joined, joinedColumn);
  if (lookupJoined) {
    for (const r of returned.rows()) {
      for (const j of lookupJoined(r.columns[returnedColumn]!)) {
        if (query.matches([r.columns, j.columns], sender)) rows.push(r.bytes);
      }
    }
  } else {
    const lookupReturned = lookupBy(returned, returnedColumn)!;
    for (const j of joined.rows()) {
      for (const r of lookupReturned(j.columns[joinedColumn]!)) {
        if (query.matches([r.columns, j.columns], sender)) rows.push(r.bytes);
      }
    }
  }
  return { rows, readTables: new Set([query.returned.name, relation.name]) };
}

function evaluateView(engine: Engine, catalog: SqlCatalog, query: CompiledQuery, sender: bigint): Evaluation {
  const view = engine.view(query.returned.name)!;
  const result = engine.evaluateView(view.name, view.isAnonymous ? null : sender);
  let evaluation: Evaluation = { rows: result.rows, readTables: result.readTables };
  if (result.sql !== null) {
    // A view built with the query builder returns SQL; it runs with the module's rights (private tables too).
    const inner = evaluateQuery(engine, catalog, compileSubscription(result.sql, catalog, true), sender);
    evaluation = { rows: inner.rows, readTables: new Set([...inner.readTables, ...result.readTables]) };
  }
  if (query.matchesAll) return evaluation;
  const rows = evaluation.rows.filter((bytes) => query.matches([engine.decodeViewRow(view.name, bytes)], sender));
  return { rows, readTables: evaluation.readTables };
}

/** Rows of `table` whose `column` equals a value, through an index that starts with that column. */
function lookupBy(table: TableHandle, column: number): ((value: SatsValue) => StoredRow[]) | null {
  const exact = table.indexOn([column]);
  if (exact) return (value) => exact.find([value]);
  const leading = table.def.indexes.find((i) => i.algorithm === 'btree' && i.columns[0] === column);
  const index = leading && table.indexOn(leading.columns);
  if (!index) return null;
  return (value) => index.range([value], { kind: 'unbounded' }, { kind: 'unbounded' });
}
