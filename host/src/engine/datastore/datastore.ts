import type { AlgebraicTypeType } from 'spacetimedb';
import type { TableDef } from '../../schema/module-def.js';
import type { TableChange } from '../types.js';
import { rowKey, sameBytes } from './row-key.js';
import type { RowSlot } from './row-slot.js';
import { TableStore } from './table-store.js';

/** How to undo one mutation: the slot and, for deletes and updates, what it held before. */
type UndoEntry =
  | { kind: 'insert'; table: TableStore; slot: RowSlot }
  | { kind: 'delete'; table: TableStore; slot: RowSlot }
  | { kind: 'update'; table: TableStore; slot: RowSlot; old: RowSlot };

/**
 * The database's tables plus the running transaction. Transactions mutate tables in place and keep an undo
 * log (no table is copied): rollback replays it backwards; commit turns it into the net changeset.
 */
export class Datastore {
  readonly tables: TableStore[];
  private undo: UndoEntry[] | null = null;
  /** `pendingChanges()`'s last answer and the undo log's length then. */
  private pending: { length: number; changes: TableChange[] } | null = null;
  private offset = 0n;

  constructor(defs: TableDef[], typespace: readonly AlgebraicTypeType[]) {
    this.tables = defs.map((d) => new TableStore(d, typespace));
  }

  get inTransaction(): boolean {
    return this.undo !== null;
  }

  get txOffset(): bigint {
    return this.offset;
  }

  /** Moves the offset forward after replaying stored transactions (never backwards). */
  restoreOffset(txOffset: bigint): void {
    if (txOffset > this.offset) this.offset = txOffset;
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
    this.pending = null;
    for (let i = log.length - 1; i >= 0; i--) {
      const e = log[i]!;
      if (e.kind === 'insert') e.table.unlink(e.slot);
      else if (e.kind === 'delete') e.table.link(e.slot);
      else e.table.replace(e.slot, e.old.bytes, e.old.cells, e.old.partial);
    }
  }

  /**
   * The running transaction's net changes so far, without ending it (a commit check reads them first). Commit returns
   * the very same array when nothing was written in between.
   */
  pendingChanges(): TableChange[] {
    const log = this.undo!;
    if (this.pending?.length !== log.length) this.pending = { length: log.length, changes: netChanges(log) };
    return this.pending.changes;
  }

  /** Ends the transaction; returns its offset and net changes (tables and rows in the order first touched). */
  commit(): { txOffset: bigint; changes: TableChange[] } {
    const changes = this.pendingChanges();
    this.undo = null;
    this.pending = null;
    this.offset += 1n;
    // Event tables: rows reach subscribers (and later the commit log) but are never stored.
    for (const change of changes) {
      const table = this.tables[change.tableId]!;
      if (table.def.isEvent) for (const slot of [...table.slots]) table.unlink(slot);
    }
    return { txOffset: this.offset, changes };
  }
}

/** What an undo log amounts to: per table, the rows deleted and inserted (tables and rows in the order first touched). */
function netChanges(log: readonly UndoEntry[]): TableChange[] {
  // Each touched slot and its bytes when the transaction started (null if it did not exist then).
  // Plain loops, no closures: this runs once per reducer call.
  const before = new Map<RowSlot, UndoEntry>();
  for (let i = 0; i < log.length; i++) {
    const e = log[i]!;
    if (!before.has(e.slot)) before.set(e.slot, e);
  }
  const byTable = new Map<TableStore, TableChange>();
  // A reinsert can cancel a delete only between a slot the transaction created and one it removed: an updated
  // slot keeps its key in a unique index, so no other row can hold its old or new bytes.
  let created = false;
  let removed = false;
  for (const [slot, first] of before) {
    const table = first.table;
    const bytes = first.kind === 'insert' ? null : first.kind === 'delete' ? slot.bytes : first.old.bytes;
    const after = table.slots.has(slot) ? slot.bytes : null;
    if (bytes && after && sameBytes(bytes, after)) continue;
    let change = byTable.get(table);
    if (!change) {
      change = { tableId: table.def.id, tableName: table.def.name, inserts: [], deletes: [] };
      byTable.set(table, change);
    }
    if (bytes) change.deletes.push(bytes);
    else created = true;
    if (after) change.inserts.push(after);
    else removed = true;
  }
  const changes: TableChange[] = [];
  for (const change of byTable.values()) {
    const net = created && removed ? cancelReinserts(change) : change;
    if (net.inserts.length + net.deletes.length > 0) changes.push(net);
  }
  return changes;
}

/** A row deleted and inserted again unchanged within one transaction is no change (set semantics). */
function cancelReinserts(change: TableChange): TableChange {
  const { inserts, deletes } = change;
  if (inserts.length === 0 || deletes.length === 0) return change;
  const taken = new Set<number>();
  const kept: Uint8Array[] = [];
  // Small changesets (the common case) compare bytes directly; large ones index deletes by their bytes.
  const byBytes = inserts.length * deletes.length > 64 ? new Map<string, number[]>() : null;
  if (byBytes) {
    for (let i = 0; i < deletes.length; i++) {
      const key = rowKey(deletes[i]!);
      const list = byBytes.get(key);
      if (list) list.push(i);
      else byBytes.set(key, [i]);
    }
  }
  for (const row of inserts) {
    let match = -1;
    const candidates = byBytes ? (byBytes.get(rowKey(row)) ?? []) : null;
    const count = candidates ? candidates.length : deletes.length;
    for (let k = 0; k < count && match < 0; k++) {
      const i = candidates ? candidates[k]! : k;
      if (!taken.has(i) && (candidates || Buffer.compare(deletes[i]!, row) === 0)) match = i;
    }
    if (match < 0) kept.push(row);
    else taken.add(match);
  }
  if (taken.size === 0) return change;
  return { ...change, inserts: kept, deletes: deletes.filter((_, i) => !taken.has(i)) };
}
