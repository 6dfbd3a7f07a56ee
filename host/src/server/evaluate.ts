/**
 * Running a compiled subscription query against the committed state: the rows (BSATN) it returns for one
 * subscriber, and what it read (a view records its table scans, index keys and ranges; a query of one table
 * reads the keys or the range its WHERE pins when an index finds them, else the table (index-reads.ts); a join
 * reads both tables whole).
 */
import { compositeKey } from '../engine/datastore/sats-codec.js';
import {
  ReadSet,
  type Engine,
  type IndexHandle,
  type SatsValue,
  type StoredRow,
  type TableHandle,
  type ViewResult,
} from '../engine/index.js';
import { compileSubscription, type CompiledQuery, type SqlCatalog } from '../sql/compile.js';
import { candidateRows } from './index-reads.js';

export interface Evaluation {
  rows: Uint8Array[];
  reads: ReadSet;
}

/** View results of one pass, by view and sender: subscribers whose queries differ only in WHERE share one call. */
export type ViewResults = Map<string, ViewResult>;

export function evaluateQuery(
  engine: Engine,
  catalog: SqlCatalog,
  query: CompiledQuery,
  sender: bigint,
  views?: ViewResults,
): Evaluation {
  if (query.join && (query.returned.kind === 'view' || query.join.relation.kind === 'view')) {
    return evaluateJoinWithView(engine, catalog, query, sender, views);
  }
  if (query.returned.kind === 'view') return evaluateView(engine, catalog, query, sender, views);
  const returned = engine.table(query.returned.name);
  const reads = new ReadSet();
  for (const table of query.alsoReads) reads.table(table);
  if (!query.join) {
    const rows: Uint8Array[] = [];
    for (const row of candidateRows(returned, query.conditions, sender, reads)) {
      if (query.matchesAll || query.matches([row.columns], sender)) rows.push(row.bytes);
    }
    return { rows, reads };
  }
  reads.table(query.returned.name);
  const { relation, returnedColumn, joinedColumn } = query.join;
  reads.table(relation.name);
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
  return { rows, reads };
}

/** A view's rows for one subscriber (a query-builder view's query run with the module's rights), and what it read. */
function viewRows(
  engine: Engine,
  catalog: SqlCatalog,
  viewName: string,
  sender: bigint,
  views?: ViewResults,
): Evaluation {
  const view = engine.view(viewName)!;
  const viewSender = view.isAnonymous ? null : sender;
  const memoKey = viewSender === null ? view.name : `${view.name}\u0000${viewSender.toString(16)}`;
  let result = views?.get(memoKey);
  if (!result) {
    result = engine.evaluateView(view.name, viewSender);
    views?.set(memoKey, result);
  }
  if (result.sql === null) return { rows: result.rows, reads: result.reads };
  // A view built with the query builder returns SQL; it runs with the module's rights (private tables too).
  const inner = evaluateQuery(engine, catalog, compileSubscription(result.sql, catalog, true), sender);
  const reads = new ReadSet();
  reads.addAll(result.reads);
  reads.addAll(inner.reads);
  return { rows: inner.rows, reads };
}

function evaluateView(
  engine: Engine,
  catalog: SqlCatalog,
  query: CompiledQuery,
  sender: bigint,
  views?: ViewResults,
): Evaluation {
  const evaluation = viewRows(engine, catalog, query.returned.name, sender, views);
  if (query.matchesAll) return evaluation;
  const rows = evaluation.rows.filter((bytes) =>
    query.matches([engine.decodeViewRow(query.returned.name, bytes)], sender),
  );
  return { rows, reads: evaluation.reads };
}

/**
 * A join where one side (or both) is a view: the view's rows exist only once evaluated, so both sides are read
 * whole and joined by a hash of the joined side's column. Such queries are re-run after every relevant write.
 */
function evaluateJoinWithView(
  engine: Engine,
  catalog: SqlCatalog,
  query: CompiledQuery,
  sender: bigint,
  views?: ViewResults,
): Evaluation {
  const { relation, returnedColumn, joinedColumn } = query.join!;
  const reads = new ReadSet();
  const sideRows = (side: CompiledQuery['returned']): StoredRow[] => {
    if (side.kind === 'table') {
      reads.table(side.name);
      return [...engine.table(side.name).rows()];
    }
    const evaluation = viewRows(engine, catalog, side.name, sender, views);
    reads.addAll(evaluation.reads);
    return evaluation.rows.map((bytes) => ({ bytes, columns: engine.decodeViewRow(side.name, bytes) }));
  };
  const byKey = new Map<string, StoredRow[]>();
  for (const j of sideRows(relation)) {
    const key = compositeKey(j.columns[joinedColumn]!);
    const list = byKey.get(key);
    if (list) list.push(j);
    else byKey.set(key, [j]);
  }
  for (const table of query.alsoReads) reads.table(table);
  const rows: Uint8Array[] = [];
  for (const r of sideRows(query.returned)) {
    for (const j of byKey.get(compositeKey(r.columns[returnedColumn]!)) ?? []) {
      if (query.matches([r.columns, j.columns], sender)) rows.push(r.bytes);
    }
  }
  return { rows, reads };
}

/** An index that finds rows by `column`'s value: one on that column alone, else a B-tree whose key starts with it. */
export function indexLeadingWith(table: TableHandle, column: number): IndexHandle | null {
  const exact = table.indexOn([column]);
  if (exact) return exact;
  const leading = table.def.indexes.find((i) => i.algorithm === 'btree' && i.columns[0] === column);
  return (leading && table.indexOn(leading.columns)) ?? null;
}

/** Rows of `table` whose `column` equals a value, through an index that starts with that column. */
export function lookupBy(table: TableHandle, column: number): ((value: SatsValue) => StoredRow[]) | null {
  const index = indexLeadingWith(table, column);
  if (!index) return null;
  if (index.def.columns.length === 1) return (value) => index.find([value]);
  return (value) => index.range([value], { kind: 'unbounded' }, { kind: 'unbounded' });
}
