/**
 * Where one table keeps the bytes of its rows. Small rows sit side by side in shared slabs instead of one
 * `ArrayBuffer` each: a buffer of its own costs V8 about 400 bytes beside its data (the buffer object, its backing
 * store and the tracking the collector keeps), more than a typical 90-byte row, while a view into a slab costs only
 * the view. (SpacetimeDB keeps rows in fixed-size pages for the same reason: `crates/table/src/page.rs`.)
 *
 * A slab is filled in order and a byte once placed is never written again, so readers may keep a row's bytes (undo
 * entries, a view's last rows, a message being sent). Space freed by deletes and updates is won back by moving the
 * live rows into fresh slabs once more than half of what was placed is dead; a reader holding an old row keeps only
 * its slab alive, and only until it lets go.
 */
export class RowArena {
  /** Bytes per slab: large enough that its own overhead is small, small enough that a kept row pins little. */
  static readonly SLAB_BYTES = 16 * 1024;
  /** Rows longer than this get a buffer of their own (a saved lab's large snapshot): it is mostly data anyway. */
  static readonly ROW_MAX_BYTES = 1024;
  /** Dead bytes tolerated before moving rows is worth a pass over the table. */
  static readonly SLACK_BYTES = 4 * RowArena.SLAB_BYTES;

  #slab = new Uint8Array(0);
  #used = 0;
  /** Bytes placed in slabs since the last compaction: live rows plus what has died since. */
  #placed = 0;
  /** Bytes of the table's present small rows, wherever they are (`kept` and `dropped` keep the count). */
  #live = 0;

  /** A copy of `bytes` the table may keep: in a slab when small, else in a buffer of its own. */
  copy(bytes: Uint8Array): Uint8Array {
    const length = bytes.length;
    if (length > RowArena.ROW_MAX_BYTES) return bytes.slice();
    if (this.#used + length > this.#slab.length) {
      this.#slab = new Uint8Array(RowArena.SLAB_BYTES);
      this.#used = 0;
    }
    const at = this.#used;
    this.#slab.set(bytes, at);
    this.#used += length;
    this.#placed += length;
    return this.#slab.subarray(at, at + length);
  }

  /** A row with these bytes became present in the table (inserted, or put back by an undo). */
  kept(bytes: Uint8Array): void {
    if (bytes.length <= RowArena.ROW_MAX_BYTES) this.#live += bytes.length;
  }

  /** A row with these bytes left the table (deleted, replaced by an update, or taken out by an undo). */
  dropped(bytes: Uint8Array): void {
    if (bytes.length <= RowArena.ROW_MAX_BYTES) this.#live -= bytes.length;
  }

  /**
   * Whether more than half of what was placed is dead (and more than `SLACK_BYTES`), so the table should call
   * `compact` before its next write. A table then takes at most about twice its live bytes plus the slack, and
   * compacting costs one copy per byte that died: O(1) per written byte.
   */
  get due(): boolean {
    return this.#placed - this.#live > Math.max(this.#live, RowArena.SLACK_BYTES);
  }

  /** Moves every small row of `rows` (the table's present rows) into fresh slabs. */
  compact(rows: Iterable<{ bytes: Uint8Array }>): void {
    this.#slab = new Uint8Array(0);
    this.#used = 0;
    this.#placed = 0;
    for (const row of rows) if (row.bytes.length <= RowArena.ROW_MAX_BYTES) row.bytes = this.copy(row.bytes);
  }

  /** Bytes of slab space this table has taken since its last compaction (the live rows and the dead since). */
  get placedBytes(): number {
    return this.#placed;
  }
}
