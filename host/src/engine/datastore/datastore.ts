import type { AlgebraicTypeType } from 'spacetimedb';
import type { TableDef } from '../../schema/module-def.js';
import type { TableChange } from '../types.js';
import type { RowSlot } from './table-index.js';
import { TableStore } from './table-store.js';

/** How to undo one mutation: the slot and, for deletes and updates, what it held before. */
type UndoEntry =
  | { kind: 'insert'; table: TableStore; slot: RowSlot }
  | { kind: 'delete'; table: TableStore; slot: RowSlot }
  | { kind: 'update'; table: TableStore; slot: RowSlot; old: RowSlot };

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

/**
 * The database's tables plus the running transaction. Transactions mutate tables in place and keep an undo
 * log (no table is copied): rollback replays it backwards; commit turns it into the net changeset.
 */
export class Datastore {
  readonly tables: TableStore[];
  private undo: UndoEntry[] | null = null;
  private offset = 0n;

  constructor(defs: TableDef[], typespace: readonly AlgebraicTypeType[]) {
    this.tables = defs.map(d => new TableStore(d, typespace));
  }

  get inTransaction(): boolean {
    return this.undo !== null;
  }

  get txOffset(): bigint {
    return this.offset;
  }

  begin(): void {
    if (this.undo) throw new Error('a transaction is already running');
    this.undo = [];
  }

  /** Records a mutation of the running transaction. */
  record(entry: UndoEntry): void {
    this.undo!.push(entry);
  }

  rollback(): void {
    const log = this.undo!;
    this.undo = null;
    for (let i = log.length - 1; i >= 0; i--) {
      const e = log[i]!;
      if (e.kind === 'insert') e.table.unlink(e.slot);
      else if (e.kind === 'delete') e.table.link(e.slot);
      else e.table.replace(e.slot, e.old.bytes, e.old.columns);
    }
  }

  /** Ends the transaction; returns its offset and net changes (tables and rows in the order first touched). */
  commit(): { txOffset: bigint; changes: TableChange[] } {
    const log = this.undo!;
    this.undo = null;
    // Each touched slot: the table, and its bytes when the transaction started (null if it did not exist).
    const before = new Map<RowSlot, { table: TableStore; bytes: Uint8Array | null }>();
    for (const e of log) {
      if (before.has(e.slot)) continue;
      before.set(e.slot, { table: e.table, bytes: e.kind === 'insert' ? null : e.kind === 'delete' ? e.slot.bytes : e.old.bytes });
    }
    const byTable = new Map<TableStore, TableChange>();
    const changeOf = (table: TableStore) => {
      let change = byTable.get(table);
      if (!change) {
        change = { tableId: table.def.id, tableName: table.def.name, inserts: [], deletes: [] };
        byTable.set(table, change);
      }
      return change;
    };
    for (const [slot, { table, bytes }] of before) {
      const after = table.slots.has(slot) ? slot.bytes : null;
      if (bytes && after && Buffer.compare(bytes, after) === 0) continue;
      if (bytes) changeOf(table).deletes.push(bytes);
      if (after) changeOf(table).inserts.push(after);
    }
    const changes = [...byTable.values()].map(cancelReinserts).filter(c => c.inserts.length + c.deletes.length > 0);
    this.offset += 1n;
    return { txOffset: this.offset, changes };
  }
}

/** A row deleted and inserted again unchanged within one transaction is no change (set semantics). */
function cancelReinserts(change: TableChange): TableChange {
  if (change.inserts.length === 0 || change.deletes.length === 0) return change;
  const deleted = new Map<string, number>();
  change.deletes.forEach((d, i) => deleted.set(latin1(d), i));
  const dropDeletes = new Set<number>();
  const inserts = change.inserts.filter(row => {
    const at = deleted.get(latin1(row));
    if (at === undefined || dropDeletes.has(at)) return true;
    dropDeletes.add(at);
    return false;
  });
  return { ...change, inserts, deletes: change.deletes.filter((_, i) => !dropDeletes.has(i)) };
}
