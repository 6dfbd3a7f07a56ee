/** One index entry: a key and the row it points to. */
export interface Entry<K, R> {
  key: K;
  row: R;
}

const CHUNK = 512;

/**
 * Entries kept in key order in chunks of at most 2*CHUNK: finding a position is two binary searches
 * (O(log n)); inserting or removing moves at most one chunk. Equal keys keep insertion order.
 */
export class SortedEntries<K, R> {
  private chunks: Entry<K, R>[][] = [];
  private size = 0;

  constructor(private readonly compare: (a: K, b: K) => number) {}

  get length(): number {
    return this.size;
  }

  /** Index of the first chunk whose last entry is not `below` (i.e. may hold the position). */
  private chunkFor(below: (key: K) => boolean): number {
    let lo = 0;
    let hi = this.chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const chunk = this.chunks[mid]!;
      if (below(chunk[chunk.length - 1]!.key)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Position (chunk, offset) of the first entry for which `below` is false. */
  private seek(below: (key: K) => boolean): [number, number] {
    const c = this.chunkFor(below);
    const chunk = this.chunks[c];
    if (!chunk) return [c, 0];
    let lo = 0;
    let hi = chunk.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (below(chunk[mid]!.key)) lo = mid + 1;
      else hi = mid;
    }
    return [c, lo];
  }

  insert(key: K, row: R): void {
    this.size++;
    if (this.chunks.length === 0) {
      this.chunks.push([{ key, row }]);
      return;
    }
    let [c, i] = this.seek(k => this.compare(k, key) <= 0);
    if (c === this.chunks.length) {
      c--;
      i = this.chunks[c]!.length;
    }
    const chunk = this.chunks[c]!;
    chunk.splice(i, 0, { key, row });
    if (chunk.length > 2 * CHUNK) this.chunks.splice(c + 1, 0, chunk.splice(CHUNK));
  }

  /** Removes the entry for `row` under `key`; false when absent. */
  remove(key: K, row: R): boolean {
    let [c, i] = this.seek(k => this.compare(k, key) < 0);
    while (c < this.chunks.length) {
      const chunk = this.chunks[c]!;
      for (; i < chunk.length; i++) {
        const entry = chunk[i]!;
        if (this.compare(entry.key, key) !== 0) return false;
        if (entry.row === row) {
          chunk.splice(i, 1);
          if (chunk.length === 0) this.chunks.splice(c, 1);
          this.size--;
          return true;
        }
      }
      c++;
      i = 0;
    }
    return false;
  }

  /**
   * Rows from the first entry for which `below(key)` is false, while `beyond(key)` is false, in key order.
   */
  *scan(below: (key: K) => boolean, beyond: (key: K) => boolean): Generator<R> {
    let [c, i] = this.seek(below);
    for (; c < this.chunks.length; c++, i = 0) {
      const chunk = this.chunks[c]!;
      for (; i < chunk.length; i++) {
        const entry = chunk[i]!;
        if (beyond(entry.key)) return;
        yield entry.row;
      }
    }
  }
}
