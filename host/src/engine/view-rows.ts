import type { TableDef, ViewDef } from '../schema/module-def.js';
import { rowHash, sameBytes } from './datastore/row-key.js';

/**
 * The table rows a view call was handed, so that each row the view returns unchanged is kept as the table's own
 * bytes rather than a copy cut from the view's result. A subscribed view keeps its last rows to diff the next
 * evaluation against (`lastRows` in server/subscriptions.ts): per learner, `my_lab_sessions` would otherwise
 * hold every saved lab a second time. Sharing is invisible: stored bytes are replaced, never mutated, and only
 * byte-identical rows are shared.
 */
export class HandedRows {
  private readonly rows: Uint8Array[] = [];
  /** Where the next returned row is looked for first: views mostly return what they read, in that order. */
  private next = 0;
  /** The handed rows by hash, built at the first row not found in order. */
  private byHash: Map<number, Uint8Array[]> | null = null;

  /** `tableIds`: the tables whose rows have the view's row type (only their rows can come back unchanged). */
  constructor(private readonly tableIds: ReadonlySet<number>) {}

  /** Rows of table `tableId` the view is handed (by a scan or an index lookup). */
  add(tableId: number, rows: readonly Uint8Array[]): void {
    if (!this.tableIds.has(tableId)) return;
    for (const row of rows) this.rows.push(row);
    this.byHash = null;
  }

  /** The returned row `data[start, end)`: a handed row with the same bytes, else a copy. */
  rowAt(data: Uint8Array, start: number, end: number): Uint8Array {
    const returned = data.subarray(start, end);
    const inOrder = this.rows[this.next];
    if (inOrder && sameBytes(inOrder, returned)) {
      this.next++;
      return inOrder;
    }
    if (this.rows.length > 0) {
      this.byHash ??= byHash(this.rows);
      for (const row of this.byHash.get(rowHash(returned)) ?? []) if (sameBytes(row, returned)) return row;
    }
    return returned.slice();
  }
}

/** Rows of a fixed size would all share one list if grouped by length: a view filtering 1,000 such rows would
 * compare each returned row with every one of them. */
function byHash(rows: readonly Uint8Array[]): Map<number, Uint8Array[]> {
  const map = new Map<number, Uint8Array[]>();
  for (const row of rows) {
    const hash = rowHash(row);
    const list = map.get(hash);
    if (list) list.push(row);
    else map.set(hash, [row]);
  }
  return map;
}

/** The tables whose rows a view's rows can equal byte for byte: those with the same column types in order. */
export function tablesSharingRowType(view: ViewDef, tables: readonly TableDef[]): Set<number> {
  const shape = (elements: ViewDef['rowType']['elements']) => JSON.stringify(elements.map((e) => e.algebraicType));
  const viewShape = shape(view.rowType.elements);
  return new Set(tables.filter((t) => shape(t.rowType.elements) === viewShape).map((t) => t.id));
}
