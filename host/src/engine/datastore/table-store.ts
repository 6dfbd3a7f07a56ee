import type { AlgebraicTypeType } from 'spacetimedb';
import type { TableDef } from '../../schema/module-def.js';
import type { SatsValue } from '../types.js';
import { DatastoreError, Errno } from './errno.js';
import { RowArena } from './row-arena.js';
import { rowKey } from './row-key.js';
import { RowSlot, Undecoded, type Cell } from './row-slot.js';
import { BsatnError, Cursor, makeDecoder, type Decoder } from './sats-codec.js';
import { shared } from './shared-values.js';
import { TableIndex } from './table-index.js';

interface Sequence {
  column: number;
  next: bigint;
  max: bigint;
  increment: bigint;
  /** Integer type of the column: how the generated value is written into the row. */
  type: string;
}

function writeInteger(bytes: Uint8Array, offset: number, type: string, value: bigint): void {
  const width = {
    I8: 1,
    U8: 1,
    I16: 2,
    U16: 2,
    I32: 4,
    U32: 4,
    I64: 8,
    U64: 8,
    I128: 16,
    U128: 16,
    I256: 32,
    U256: 32,
  }[type]!;
  let v = BigInt.asUintN(width * 8, value);
  for (let i = 0; i < width; i++) {
    bytes[offset + i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

/** Row ids are unique across tables and instances; only their order within one index matters. */
let nextRowId = 1;

const toSats = (type: string, value: bigint): SatsValue =>
  ['I8', 'U8', 'I16', 'U16', 'I32', 'U32'].includes(type) ? Number(value) : value;

/**
 * A column value taking more bytes than this, in a column no index covers, is read from the row's bytes when asked
 * for rather than kept decoded: long strings (saved labs, lab definitions) are held once. Names, ids and keys
 * are shorter and stay decoded, so filters on them decode nothing.
 */
export const DECODED_VALUE_MAX_BYTES = 128;

/** A decoded row, where each column starts in its bytes, and how many bytes it took. */
interface DecodedRow {
  columns: SatsValue[];
  offsets: number[];
  length: number;
}

/**
 * One table's committed rows and indexes. Mutations apply in place; the `Datastore` records how to undo them.
 * Rows follow set semantics: inserting a row identical to a present one changes nothing.
 */
export class TableStore {
  readonly def: TableDef;
  readonly indexes: TableIndex[];
  /** Present rows in insertion order. */
  readonly slots = new Set<RowSlot>();
  private readonly columnDecoders: Decoder[];
  private readonly cursor = new Cursor(new Uint8Array(0));
  private readonly sequences: Sequence[];
  /** Columns no index covers: their large values stay undecoded in stored rows. */
  private readonly unindexed: number[];
  /** The index that identifies identical rows (the first unique one); without one, rows are keyed by bytes. */
  private readonly identityIndex: TableIndex | null;
  private readonly byBytes: Map<string, RowSlot> | null;
  /** Where the rows' bytes are kept (see `RowArena`). */
  private readonly arena = new RowArena();

  constructor(def: TableDef, typespace: readonly AlgebraicTypeType[]) {
    this.def = def;
    const columnTypes = def.columns.map((c) => c.type);
    this.columnDecoders = columnTypes.map((t) => makeDecoder(t, typespace));
    this.indexes = def.indexes.map((i) => new TableIndex(i, columnTypes, typespace));
    const indexed = new Set(def.indexes.flatMap((i) => i.columns));
    this.unindexed = columnTypes.map((_, i) => i).filter((i) => !indexed.has(i));
    this.identityIndex = this.indexes.find((i) => i.def.unique) ?? null;
    this.byBytes = this.identityIndex ? null : new Map();
    this.sequences = def.sequences.map((s) => ({
      column: s.column,
      next: s.start,
      max: s.max,
      increment: s.increment,
      type: def.columns[s.column]!.type.tag,
    }));
  }

  /** Decodes one row; throws errno 3 when the bytes are not one row (or do not start with one, if `prefix`). */
  decode(bytes: Uint8Array, prefix = false): DecodedRow {
    const offsets: number[] = new Array(this.columnDecoders.length);
    const { columns, length } = this.decodeColumns(bytes, prefix, offsets);
    return { columns, offsets, length };
  }

  /** `decode`, filling `offsets` only when given (a bulk load reuses one array). */
  private decodeColumns(
    bytes: Uint8Array,
    prefix: boolean,
    offsets: number[] | null,
  ): { columns: SatsValue[]; length: number } {
    const c = this.cursor.reset(bytes);
    const n = this.columnDecoders.length;
    const columns: SatsValue[] = new Array(n);
    try {
      for (let i = 0; i < n; i++) {
        if (offsets) offsets[i] = c.offset;
        columns[i] = this.columnDecoders[i]!(c);
      }
    } catch (error) {
      if (error instanceof BsatnError)
        throw new DatastoreError(Errno.BSATN_DECODE_ERROR, `row of table ${this.def.name}: ${error.message}`);
      throw error;
    }
    if (!prefix && c.offset !== bytes.length) {
      throw new DatastoreError(
        Errno.BSATN_DECODE_ERROR,
        `row of table ${this.def.name} has ${bytes.length - c.offset} trailing bytes`,
      );
    }
    return { columns, length: c.offset };
  }

  /**
   * A new stored row: its bytes and its decoded columns (`offsets`: where each starts in the bytes), except the
   * large values of unindexed columns, which stay `Undecoded`.
   */
  private slotOf(bytes: Uint8Array, columns: SatsValue[], offsets: readonly number[]): RowSlot {
    const [cells, partial] = this.cellsOf(bytes, columns, offsets);
    return new RowSlot(nextRowId++, bytes, cells, partial);
  }

  /**
   * What a stored row keeps of `columns` (see `slotOf`; short strings and identities as one copy shared by every
   * row), and whether some cell is `Undecoded`.
   */
  private cellsOf(bytes: Uint8Array, columns: SatsValue[], offsets: readonly number[]): [readonly Cell[], boolean] {
    for (let i = 0; i < columns.length; i++) columns[i] = shared(columns[i]!);
    let cells: Cell[] | null = null;
    for (const i of this.unindexed) {
      const value = columns[i];
      // Only strings and composite values (byte arrays, arrays, products, sums) can be long.
      if (typeof value !== 'string' && typeof value !== 'object') continue;
      if ((offsets[i + 1] ?? bytes.length) - offsets[i]! <= DECODED_VALUE_MAX_BYTES) continue;
      cells ??= columns.slice();
      cells[i] = new Undecoded(offsets[i]!, this.columnDecoders[i]!);
    }
    return cells ? [cells, true] : [columns, false];
  }

  /** Fills auto-inc columns holding 0 with the next sequence value; returns the filled column ids. */
  private generate(bytes: Uint8Array, row: DecodedRow): number[] {
    const generated: number[] = [];
    for (const seq of this.sequences) {
      const current = row.columns[seq.column];
      if (current !== 0 && current !== 0n) continue;
      const value = seq.next;
      if (value > seq.max) {
        throw new DatastoreError(
          Errno.AUTO_INC_OVERFLOW,
          `sequence of ${this.def.name}.${this.def.columns[seq.column]!.name} is exhausted`,
        );
      }
      seq.next += seq.increment;
      writeInteger(bytes, row.offsets[seq.column]!, seq.type, value);
      row.columns[seq.column] = toSats(seq.type, value);
      generated.push(seq.column);
    }
    return generated;
  }

  /** The present row identical to `bytes` (already decoded to `columns`), if any. */
  identical(bytes: Uint8Array, columns: SatsValue[]): RowSlot | undefined {
    if (this.byBytes) return this.byBytes.get(rowKey(bytes));
    const candidate = this.identityIndex!.findUniqueFor(columns);
    return candidate && Buffer.compare(candidate.bytes, bytes) === 0 ? candidate : undefined;
  }

  private checkUnique(columns: SatsValue[], except: RowSlot | null): void {
    for (const index of this.indexes) {
      if (!index.def.unique) continue;
      const holder = index.findUniqueFor(columns);
      if (holder && holder !== except) throw this.duplicateKey(index);
    }
  }

  private duplicateKey(index: TableIndex): DatastoreError {
    const cols = index.def.columns.map((c) => this.def.columns[c]!.name).join(', ');
    return new DatastoreError(
      Errno.UNIQUE_ALREADY_EXISTS,
      `duplicate key in unique index ${index.def.name} of table ${this.def.name} (${cols})`,
    );
  }

  /**
   * Whether a row is already present, as `identical` then `checkUnique` would tell (throwing the same error),
   * with one lookup per unique index instead of two on the identity index.
   */
  private presentOrClashing(bytes: Uint8Array, columns: SatsValue[]): boolean {
    if (this.byBytes) return this.byBytes.has(rowKey(bytes));
    for (const index of this.indexes) {
      if (!index.def.unique) continue;
      const holder = index.findUniqueFor(columns);
      if (!holder) continue;
      if (index === this.identityIndex && Buffer.compare(holder.bytes, bytes) === 0) return true;
      throw this.duplicateKey(index);
    }
    return false;
  }

  /** Adds a present slot to the row set and every index (also used to undo a delete). */
  link(slot: RowSlot): void {
    this.slots.add(slot);
    this.arena.kept(slot.bytes);
    this.byBytes?.set(rowKey(slot.bytes), slot);
    for (const index of this.indexes) index.add(slot);
  }

  /** Removes a slot from the row set and every index (also used to undo an insert). */
  unlink(slot: RowSlot): void {
    this.slots.delete(slot);
    this.arena.dropped(slot.bytes);
    this.byBytes?.delete(rowKey(slot.bytes));
    for (const index of this.indexes) index.remove(slot);
  }

  /**
   * Inserts a row (its own copy of the bytes). Returns the new slot, or null when an identical row was
   * present, plus the auto-inc columns it generated.
   */
  insert(
    bytes: Uint8Array,
    generate = true,
  ): { slot: RowSlot | null; generated: number[]; row: DecodedRow; bytes: Uint8Array } {
    const row = this.decode(bytes);
    const own = this.ownCopy(bytes);
    const generated = generate ? this.generate(own, row) : [];
    if (this.identical(own, row.columns)) return { slot: null, generated, row, bytes: own };
    this.checkUnique(row.columns, null);
    const slot = this.slotOf(own, row.columns, row.offsets);
    this.link(slot);
    return { slot, generated, row, bytes: own };
  }

  /** The table's copy of a row's bytes, written once before anyone reads it (sequence values) and never again. */
  private ownCopy(bytes: Uint8Array): Uint8Array {
    if (this.arena.due) this.arena.compact(this.slots);
    return this.arena.copy(bytes);
  }

  /** Whether the table holds no row, so `load` may fill it. */
  get empty(): boolean {
    return this.slots.size === 0 && this.indexes.every((i) => i.empty);
  }

  /**
   * Start-up bulk load into an empty table, with the semantics of `insert(bytes, false)` per row (identical
   * rows kept once, unique keys checked, no sequence advanced) but built for a million rows: the bytes come
   * from storage and are never mutated, so they are kept rather than copied, and ordered indexes are sorted
   * once at the end.
   */
  load(rows: readonly Uint8Array[]): void {
    if (!this.empty) throw new Error(`table ${this.def.name} is not empty: bulk loading needs an empty table`);
    const added: RowSlot[] = [];
    // One offsets array for every row: a million rows make no garbage they can avoid.
    const offsets: number[] = new Array(this.columnDecoders.length);
    try {
      for (const bytes of rows) {
        const { columns } = this.decodeColumns(bytes, false, offsets);
        if (this.presentOrClashing(bytes, columns)) continue;
        const slot = this.slotOf(bytes, columns, offsets);
        this.slots.add(slot);
        this.arena.kept(bytes);
        this.byBytes?.set(rowKey(bytes), slot);
        for (const index of this.indexes) index.addUnordered(slot);
        added.push(slot);
      }
    } finally {
      // A bad row stops the load where `insert` would have: the rows before it are in every index, as there.
      for (const index of this.indexes) index.addOrdered(added);
    }
  }

  /**
   * Replaces the row that has the same key in `index` (a unique index) with `bytes`.
   * Returns the slot, its previous content (for undo) and the generated columns.
   */
  update(
    index: TableIndex,
    bytes: Uint8Array,
  ): { slot: RowSlot; old: RowSlot; generated: number[]; row: DecodedRow; bytes: Uint8Array } {
    if (!index.def.unique) throw new DatastoreError(Errno.INDEX_NOT_UNIQUE, `index ${index.def.name} is not unique`);
    const row = this.decode(bytes);
    const own = this.ownCopy(bytes);
    const generated = this.generate(own, row);
    const slot = index.findUniqueFor(row.columns);
    if (!slot) throw new DatastoreError(Errno.NO_SUCH_ROW, `no row of ${this.def.name} has that ${index.def.name} key`);
    const old = slot.snapshot();
    // Unchanged columns keep the stored values: the fresh copies (a 256-bit identity is a bigint) die young
    // instead of being promoted with the row, and equal keys stay identical.
    for (let i = 0; i < row.columns.length; i++) {
      const kept = old.cells[i];
      if (row.columns[i] === kept) row.columns[i] = kept as SatsValue;
    }
    this.checkUnique(row.columns, slot);
    const [cells, partial] = this.cellsOf(own, row.columns, row.offsets);
    this.replace(slot, own, cells, partial);
    return { slot, old, generated, row, bytes: own };
  }

  /** Gives a present slot new content, re-keying only the indexes whose key changed (also used by undo). */
  replace(slot: RowSlot, bytes: Uint8Array, cells: readonly Cell[], partial: boolean): void {
    const moved: TableIndex[] = [];
    for (const index of this.indexes) if (index.keyChanged(slot.cells, cells)) moved.push(index);
    for (const index of moved) index.remove(slot);
    if (this.byBytes) {
      this.byBytes.delete(rowKey(slot.bytes));
      this.byBytes.set(rowKey(bytes), slot);
    }
    this.arena.dropped(slot.bytes);
    this.arena.kept(bytes);
    slot.bytes = bytes;
    slot.cells = cells;
    slot.partial = partial;
    for (const index of moved) index.add(slot);
  }

  /** Next value of each sequence, by sequence name. */
  sequenceState(): Map<string, bigint> {
    return new Map(this.sequences.map((seq, i) => [this.def.sequences[i]!.name, seq.next]));
  }

  /** Sets the next value of the named sequence; false when the table has no such sequence. */
  restoreSequence(name: string, next: bigint): boolean {
    const at = this.def.sequences.findIndex((s) => s.name === name);
    if (at < 0) return false;
    this.sequences[at]!.next = next;
    return true;
  }

  /** The index with that global id, if it belongs to this table. */
  indexById(id: number): TableIndex | undefined {
    for (const index of this.indexes) if (index.def.id === id) return index;
    return undefined;
  }
}
