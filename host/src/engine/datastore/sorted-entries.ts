/** One index entry: a key and the row it points to. */
export interface Entry<K, R> {
  key: K;
  row: R;
}

const CHUNK = 512;

/**
 * Entries kept in (key, row id) order in chunks of at most 2*CHUNK, a multimap like SpacetimeDB's B-tree:
 * finding a position is two binary searches (O(log n)) even among many equal keys; inserting or removing
 * moves at most one chunk. Row ids grow with insertion, so equal keys keep insertion order.
 */
export class SortedEntries<K, R> {
  private chunks: Entry<K, R>[][] = [];
  private size = 0;

  constructor(
    private readonly compare: (a: K, b: K) => number,
    private readonly idOf: (row: R) => number,
  ) {}

  private entryBefore(entry: Entry<K, R>, key: K, id: number): boolean {
    const c = this.compare(entry.key, key);
    return c < 0 || (c === 0 && this.idOf(entry.row) < id);
  }

  get length(): number {
    return this.size;
  }

  /** Position (chunk, offset) of the first entry for which `below` is false (entries are ordered by it). */
  private seekEntry(below: (entry: Entry<K, R>) => boolean): [number, number] {
    let lo = 0;
    let hi = this.chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const chunk = this.chunks[mid]!;
      if (below(chunk[chunk.length - 1]!)) lo = mid + 1;
      else hi = mid;
    }
    const chunk = this.chunks[lo];
    if (!chunk) return [lo, 0];
    const c = lo;
    lo = 0;
    hi = chunk.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (below(chunk[mid]!)) lo = mid + 1;
      else hi = mid;
    }
    return [c, lo];
  }

  /**
   * Fills an empty instance in one pass: sorts `entries` (taken over, not copied) by (key, row id) and cuts
   * them into chunks, instead of a binary search and a splice per entry.
   */
  load(entries: Entry<K, R>[]): void {
    if (this.size !== 0) throw new Error('SortedEntries.load needs an empty instance');
    entries.sort((a, b) => this.compare(a.key, b.key) || this.idOf(a.row) - this.idOf(b.row));
    for (let start = 0; start < entries.length; start += CHUNK) this.chunks.push(entries.slice(start, start + CHUNK));
    this.size = entries.length;
  }

  insert(key: K, row: R): void {
    this.size++;
    if (this.chunks.length === 0) {
      this.chunks.push([{ key, row }]);
      return;
    }
    const id = this.idOf(row);
    let [c, i] = this.seekEntry((e) => this.entryBefore(e, key, id));
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
    const id = this.idOf(row);
    const [c, i] = this.seekEntry((e) => this.entryBefore(e, key, id));
    const chunk = this.chunks[c];
    if (chunk?.[i]?.row !== row) return false;
    chunk.splice(i, 1);
    if (chunk.length === 0) this.chunks.splice(c, 1);
    this.size--;
    return true;
  }

  /**
   * How many entries `scan(below, beyond)` would yield, without visiting them: two binary searches and a sum over
   * the chunks between (a chunk holds hundreds of entries), so a query planner can weigh a range before reading it.
   */
  count(below: (key: K) => boolean, beyond: (key: K) => boolean): number {
    const [c1, i1] = this.seekEntry((e) => below(e.key));
    const [c2, i2] = this.seekEntry((e) => !beyond(e.key));
    let between = i2 - i1;
    for (let c = c1; c < c2; c++) between += this.chunks[c]!.length;
    for (let c = c2; c < c1; c++) between -= this.chunks[c]!.length;
    // An empty range (its end before its start) ends before it begins.
    return Math.max(0, between);
  }

  /**
   * Rows from the first entry for which `below(key)` is false, while `beyond(key)` is false, in key order.
   */
  *scan(below: (key: K) => boolean, beyond: (key: K) => boolean): Generator<R> {
    let [c, i] = this.seekEntry((e) => below(e.key));
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
