const CHUNK = 512;

/**
 * Rows kept in (key, row id) order in chunks of at most 2*CHUNK, a multimap like SpacetimeDB's B-tree:
 * finding a position is two binary searches (O(log n)) even among many equal keys; inserting or removing
 * moves at most one chunk. Row ids grow with insertion, so equal keys keep insertion order.
 *
 * Only the rows are stored, and searches compare rows' keys where the rows hold them (`order`, and the tests
 * `below` and `beyond`), so an index costs one reference per row rather than an entry and a key array (about
 * 100 bytes a row and index, which V8's heap then doubles). A row's key must not change while it is in here
 * (tables re-key a row by removing it first).
 */
export class SortedEntries<R> {
  private chunks: R[][] = [];
  private size = 0;

  constructor(
    /** Compares two rows' keys. */
    private readonly order: (a: R, b: R) => number,
    private readonly idOf: (row: R) => number,
  ) {}

  private before(row: R, target: R, id: number): boolean {
    const c = this.order(row, target);
    return c < 0 || (c === 0 && this.idOf(row) < id);
  }

  get length(): number {
    return this.size;
  }

  /** Position (chunk, offset) of the first row for which `below` is false (rows are ordered by it). */
  private seekEntry(below: (row: R) => boolean): [number, number] {
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
   * Fills an empty instance in one pass: sorts a copy of `rows` by (key, row id) and cuts it into chunks, instead
   * of a binary search and a splice per row.
   */
  load(rows: readonly R[]): void {
    if (this.size !== 0) throw new Error('SortedEntries.load needs an empty instance');
    const sorted = [...rows].sort((a, b) => this.order(a, b) || this.idOf(a) - this.idOf(b));
    for (let start = 0; start < sorted.length; start += CHUNK) this.chunks.push(sorted.slice(start, start + CHUNK));
    this.size = sorted.length;
  }

  insert(row: R): void {
    this.size++;
    if (this.chunks.length === 0) {
      this.chunks.push([row]);
      return;
    }
    const id = this.idOf(row);
    let [c, i] = this.seekEntry((r) => this.before(r, row, id));
    if (c === this.chunks.length) {
      c--;
      i = this.chunks[c]!.length;
    }
    const chunk = this.chunks[c]!;
    chunk.splice(i, 0, row);
    if (chunk.length > 2 * CHUNK) this.chunks.splice(c + 1, 0, chunk.splice(CHUNK));
  }

  /** Removes `row` (found by its key, which must be the one it was inserted with); false when absent. */
  remove(row: R): boolean {
    const id = this.idOf(row);
    const [c, i] = this.seekEntry((r) => this.before(r, row, id));
    const chunk = this.chunks[c];
    if (chunk?.[i] !== row) return false;
    chunk.splice(i, 1);
    if (chunk.length === 0) this.chunks.splice(c, 1);
    this.size--;
    return true;
  }

  /**
   * How many rows `scan(below, beyond)` would yield, without visiting them: two binary searches and a sum over
   * the chunks between (a chunk holds hundreds of rows), so a query planner can weigh a range before reading it.
   */
  count(below: (row: R) => boolean, beyond: (row: R) => boolean): number {
    const [c1, i1] = this.seekEntry(below);
    const [c2, i2] = this.seekEntry((row) => !beyond(row));
    let between = i2 - i1;
    for (let c = c1; c < c2; c++) between += this.chunks[c]!.length;
    for (let c = c2; c < c1; c++) between -= this.chunks[c]!.length;
    // An empty range (its end before its start) ends before it begins.
    return Math.max(0, between);
  }

  /** Rows from the first for which `below` is false, while `beyond` is false, in key order. */
  *scan(below: (row: R) => boolean, beyond: (row: R) => boolean): Generator<R> {
    let [c, i] = this.seekEntry(below);
    for (; c < this.chunks.length; c++, i = 0) {
      const chunk = this.chunks[c]!;
      for (; i < chunk.length; i++) {
        const row = chunk[i]!;
        if (beyond(row)) return;
        yield row;
      }
    }
  }
}
