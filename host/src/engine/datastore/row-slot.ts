import type { SatsValue, StoredRow } from '../types.js';
import { Cursor, type Decoder } from './sats-codec.js';

/**
 * A column value a row keeps only in its bytes: where it starts there and how to read it. Large values no index
 * needs (a saved lab's 2 KiB snapshot) are kept so: decoded, they would sit in the V8 heap beside the row's bytes,
 * and V8 sizes its heap to about twice its live data, so each such byte cost about three.
 */
export class Undecoded {
  constructor(
    readonly at: number,
    readonly decode: Decoder,
  ) {}
}

/** One column of a stored row: its value, or where a large unindexed value starts in the row's bytes. */
export type Cell = SatsValue | Undecoded;

const cursor = new Cursor(new Uint8Array(0));

/**
 * A stored row: bytes are replaced (never mutated) on update, so readers may keep them. `cells` holds every indexed
 * column decoded (indexes and unique checks read them as they are); `columns` decodes the rest when read. Like
 * SpacetimeDB, which keeps a row once in its table's pages and has its indexes point at it, reading keys from the
 * row (`crates/table/src/btree_index.rs`), a row here is held once and ordered indexes hold the slot itself.
 */
export class RowSlot implements StoredRow {
  constructor(
    /** Unique and growing with insertion: orders rows with equal keys in B-tree indexes. */
    readonly id: number,
    public bytes: Uint8Array,
    public cells: readonly Cell[],
    /** Whether some cell is `Undecoded`, so `columns` must build a new array. */
    public partial: boolean,
  ) {}

  /** Every column decoded. A row with no undecoded cell answers its cells themselves (no copy). */
  get columns(): SatsValue[] {
    if (!this.partial) return this.cells as SatsValue[];
    const c = cursor.reset(this.bytes);
    const out: SatsValue[] = new Array(this.cells.length);
    for (let i = 0; i < this.cells.length; i++) {
      const cell = this.cells[i]!;
      if (cell instanceof Undecoded) {
        c.offset = cell.at;
        out[i] = cell.decode(c);
      } else out[i] = cell;
    }
    return out;
  }

  /** The row as it is now, unaffected by later updates of this slot (undo entries and readers outside the datastore). */
  snapshot(): RowSlot {
    return new RowSlot(this.id, this.bytes, this.cells, this.partial);
  }
}
