import type { Bound, SatsValue } from '../types.js';
import type { IndexKeyId, TableIndex } from './table-index.js';

/** A range scan a view made: rows whose first key columns equal `prefix` and whose next one lies in `from`..`to`. */
export interface RangeRead {
  prefix: readonly SatsValue[];
  from: Bound;
  to: Bound;
}

/** What one evaluation read of one table. */
export interface TableReads {
  /** Scanned or counted the whole table: any change to it may change the result. */
  full: boolean;
  /** Point lookups, by index: the keys looked up. */
  points: Map<TableIndex, Set<IndexKeyId>>;
  /** Range scans, by index. */
  ranges: Map<TableIndex, RangeRead[]>;
}

/**
 * Everything one evaluation (a view call, a subscription query) read: whole tables, index keys and index
 * ranges. A transaction can change the evaluation's result only if it writes a row inside this set, so the
 * host re-runs the evaluation only then.
 */
export class ReadSet {
  readonly tables = new Map<string, TableReads>();

  /** The whole table was read (scan or row count). */
  table(tableName: string): void {
    const reads = this.of(tableName);
    reads.full = true;
    reads.points.clear();
    reads.ranges.clear();
  }

  /** Rows of `index` whose key equals `key` were read. */
  point(tableName: string, index: TableIndex, key: readonly SatsValue[]): void {
    const reads = this.of(tableName);
    if (reads.full) return;
    let keys = reads.points.get(index);
    if (!keys) reads.points.set(index, (keys = new Set()));
    keys.add(index.keyIdOf(key));
  }

  /** Rows of `index` within a range were read. */
  range(tableName: string, index: TableIndex, read: RangeRead): void {
    const reads = this.of(tableName);
    if (reads.full) return;
    const list = reads.ranges.get(index);
    if (list) list.push(read);
    else reads.ranges.set(index, [read]);
  }

  /** Adds everything `other` read. */
  addAll(other: ReadSet): void {
    for (const [name, reads] of other.tables) {
      if (reads.full) this.table(name);
      for (const [index, keys] of reads.points) {
        const mine = this.of(name);
        if (mine.full) break;
        let set = mine.points.get(index);
        if (!set) mine.points.set(index, (set = new Set()));
        for (const key of keys) set.add(key);
      }
      for (const [index, list] of reads.ranges) for (const read of list) this.range(name, index, read);
    }
  }

  /** Canonical names of the tables read at all. */
  tableNames(): string[] {
    return [...this.tables.keys()];
  }

  private of(tableName: string): TableReads {
    let reads = this.tables.get(tableName);
    if (!reads) this.tables.set(tableName, (reads = { full: false, points: new Map(), ranges: new Map() }));
    return reads;
  }
}

/** Whether a row (its columns) lies in a range read of `index`. */
export function inRange(index: TableIndex, columns: readonly SatsValue[], read: RangeRead): boolean {
  const key = index.keyOf(columns);
  const n = read.prefix.length;
  if (index.compareKeys(key, read.prefix, n) !== 0) return false;
  const value = key[n]!;
  const { from, to } = read;
  if (from.kind !== 'unbounded') {
    const c = index.compareColumnAt(n, value, from.value);
    if (c < 0 || (c === 0 && from.kind === 'excluded')) return false;
  }
  if (to.kind !== 'unbounded') {
    const c = index.compareColumnAt(n, value, to.value);
    if (c > 0 || (c === 0 && to.kind === 'excluded')) return false;
  }
  return true;
}
