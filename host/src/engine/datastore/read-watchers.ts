import type { SatsValue, TableChange } from '../types.js';
import { inRange, type RangeRead, type ReadSet } from './read-set.js';
import type { IndexKeyId, TableIndex } from './table-index.js';

/** Who watches one index: by point key, and by range. */
interface IndexWatch<T> {
  points: Map<IndexKeyId, Set<T>>;
  ranges: Map<T, RangeRead[]>;
}

/** Who watches one table: the whole of it, or parts through its indexes. */
interface TableWatch<T> {
  full: Set<T>;
  indexes: Map<TableIndex, IndexWatch<T>>;
}

/**
 * The reverse of many read sets: from a table, index key or range to the watchers (evaluations) that read it,
 * so a transaction finds the evaluations its written rows can change without looking at any other.
 */
export class ReadWatchers<T> {
  readonly #tables = new Map<string, TableWatch<T>>();
  /** Decodes a row of a table to its columns (to find its index keys). */
  readonly #decode: (tableName: string, bytes: Uint8Array) => SatsValue[];

  constructor(decode: (tableName: string, bytes: Uint8Array) => SatsValue[]) {
    this.#decode = decode;
  }

  add(watcher: T, reads: ReadSet): void {
    for (const [name, tableReads] of reads.tables) {
      let watch = this.#tables.get(name);
      if (!watch) this.#tables.set(name, (watch = { full: new Set(), indexes: new Map() }));
      if (tableReads.full) {
        watch.full.add(watcher);
        continue;
      }
      for (const [index, keys] of tableReads.points) {
        const points = indexWatch(watch, index).points;
        for (const key of keys) {
          let set = points.get(key);
          if (!set) points.set(key, (set = new Set()));
          set.add(watcher);
        }
      }
      for (const [index, list] of tableReads.ranges) indexWatch(watch, index).ranges.set(watcher, list);
    }
  }

  /** Forgets a watcher; `reads` must be the set it was added with. */
  remove(watcher: T, reads: ReadSet): void {
    for (const [name, tableReads] of reads.tables) {
      const watch = this.#tables.get(name);
      if (!watch) continue;
      watch.full.delete(watcher);
      for (const [index, keys] of tableReads.points) {
        const points = watch.indexes.get(index)?.points;
        for (const key of keys) {
          const set = points?.get(key);
          set?.delete(watcher);
          if (set?.size === 0) points!.delete(key);
        }
      }
      for (const index of tableReads.ranges.keys()) watch.indexes.get(index)?.ranges.delete(watcher);
      for (const [index, w] of watch.indexes)
        if (w.points.size === 0 && w.ranges.size === 0) watch.indexes.delete(index);
      if (watch.full.size === 0 && watch.indexes.size === 0) this.#tables.delete(name);
    }
  }

  /** The watchers whose reads a transaction's changes intersect. */
  affected(changes: readonly TableChange[]): Set<T> {
    const hit = new Set<T>();
    for (const change of changes) {
      const watch = this.#tables.get(change.tableName);
      if (!watch) continue;
      for (const watcher of watch.full) hit.add(watcher);
      if (watch.indexes.size === 0) continue;
      for (const rows of [change.inserts, change.deletes]) {
        for (const bytes of rows) {
          const columns = this.#decode(change.tableName, bytes);
          for (const [index, { points, ranges }] of watch.indexes) {
            if (points.size > 0) for (const watcher of points.get(index.rowKeyId(columns)) ?? []) hit.add(watcher);
            for (const [watcher, list] of ranges) {
              if (!hit.has(watcher) && list.some((read) => inRange(index, columns, read))) hit.add(watcher);
            }
          }
        }
      }
    }
    return hit;
  }
}

function indexWatch<T>(watch: TableWatch<T>, index: TableIndex): IndexWatch<T> {
  let w = watch.indexes.get(index);
  if (!w) watch.indexes.set(index, (w = { points: new Map(), ranges: new Map() }));
  return w;
}
