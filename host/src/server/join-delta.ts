/**
 * What a transaction changes in a join subscription, computed from the changed rows through the join
 * columns' indexes instead of re-running the join. With U the rows a transaction left alone, + inserted and
 * - deleted rows of the returned table R and the joined table J:
 *   inserted pairs = R+ x J(after) + U_R x J+,   deleted pairs = R- x J(before) + U_R x J-
 * (J(before) = J(after) - J+ + J-), each pair sending its R row; rows in both lists cancel out.
 */
import type { Engine, SatsValue, StoredRow, TableChange } from '../engine/index.js';
import { rowKey } from '../engine/datastore/row-key.js';
import { compareValues } from '../engine/index.js';
import type { CompiledQuery } from '../sql/compile.js';
import { lookupBy } from './evaluate.js';
import { netOut } from './row-multisets.js';

interface Decoded {
  bytes: Uint8Array;
  columns: SatsValue[];
}

/**
 * The join's inserts and deletes for one transaction, or null when a join column has no index to drive it
 * (the caller then re-runs the join).
 */
export function joinDelta(
  engine: Engine,
  query: CompiledQuery,
  sender: bigint,
  byTable: ReadonlyMap<string, TableChange>,
): { inserts: Uint8Array[]; deletes: Uint8Array[] } | null {
  const { relation, returnedColumn, joinedColumn } = query.join!;
  const returned = engine.table(query.returned.name);
  const joined = engine.table(relation.name);
  const lookupJoined = lookupBy(joined, joinedColumn);
  const lookupReturned = lookupBy(returned, returnedColumn);
  if (!lookupJoined || !lookupReturned) return null;
  const decode = (table: typeof returned, rows: readonly Uint8Array[] | undefined): Decoded[] =>
    (rows ?? []).map((bytes) => ({ bytes, columns: table.decodeColumns(bytes) }));
  const rChange = byTable.get(query.returned.name);
  const jChange = byTable.get(relation.name);
  const rInserted = decode(returned, rChange?.inserts);
  const rDeleted = decode(returned, rChange?.deletes);
  const jInserted = decode(joined, jChange?.inserts);
  const jDeleted = decode(joined, jChange?.deletes);
  const rInsertedKeys = new Set(rInserted.map((r) => rowKey(r.bytes)));
  const jInsertedKeys = new Set(jInserted.map((j) => rowKey(j.bytes)));

  const inserts: Uint8Array[] = [];
  const deletes: Uint8Array[] = [];
  const keep = (r: Decoded | StoredRow, j: Decoded | StoredRow) =>
    query.matchesAll || query.matches([r.columns, j.columns], sender);
  // R+ x J(after)
  for (const r of rInserted)
    for (const j of lookupJoined(r.columns[returnedColumn]!)) if (keep(r, j)) inserts.push(r.bytes);
  // R- x J(before)
  for (const r of rDeleted) {
    const key = r.columns[returnedColumn]!;
    for (const j of lookupJoined(key)) if (!jInsertedKeys.has(rowKey(j.bytes)) && keep(r, j)) deletes.push(r.bytes);
    for (const j of jDeleted)
      if (compareValues(j.columns[joinedColumn]!, key) === 0 && keep(r, j)) deletes.push(r.bytes);
  }
  // U_R x J+ and U_R x J-: unchanged R rows are those present now that the transaction did not insert.
  const unchanged = (value: SatsValue) => lookupReturned(value).filter((r) => !rInsertedKeys.has(rowKey(r.bytes)));
  for (const j of jInserted) for (const r of unchanged(j.columns[joinedColumn]!)) if (keep(r, j)) inserts.push(r.bytes);
  for (const j of jDeleted) for (const r of unchanged(j.columns[joinedColumn]!)) if (keep(r, j)) deletes.push(r.bytes);
  return netOut(inserts, deletes);
}
