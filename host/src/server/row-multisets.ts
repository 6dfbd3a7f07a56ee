/**
 * Rows counted by their bytes: what a re-evaluated query last sent, and the net difference between two
 * counts (rows are counted per query, as on SpacetimeDB, so a row may appear more than once).
 *
 * A multiset is keyed by a hash of the bytes, not by a copy of them: a re-run view's last rows live as long as its
 * subscription (a learner's saved labs are up to 256 KiB each), and a string copy of every row doubled what they
 * cost. Rows with equal hashes share a bucket and are told apart by their bytes.
 */
import { rowHash, sameBytes } from '../engine/datastore/row-key.js';

interface CountedRow {
  bytes: Uint8Array;
  count: number;
}

export type RowMultiset = Map<number, CountedRow[]>;

/** The entry counting `bytes` in `set`, if any. */
function entryOf(set: RowMultiset, hash: number, bytes: Uint8Array): CountedRow | undefined {
  return set.get(hash)?.find((entry) => sameBytes(entry.bytes, bytes));
}

export function toMultiset(rows: readonly Uint8Array[]): RowMultiset {
  const set: RowMultiset = new Map();
  for (const bytes of rows) {
    const hash = rowHash(bytes);
    const entry = entryOf(set, hash, bytes);
    if (entry) entry.count++;
    else {
      const bucket = set.get(hash);
      if (bucket) bucket.push({ bytes, count: 1 });
      else set.set(hash, [{ bytes, count: 1 }]);
    }
  }
  return set;
}

/** Every row of the multiset, as many times as it counts. */
export function rowsOf(set: RowMultiset): Uint8Array[] {
  const rows: Uint8Array[] = [];
  for (const bucket of set.values())
    for (const { bytes, count } of bucket) for (let i = 0; i < count; i++) rows.push(bytes);
  return rows;
}

/** Rows to insert and delete to turn `before` into `after`. */
export function diffMultisets(
  before: RowMultiset,
  after: RowMultiset,
): { inserts: Uint8Array[]; deletes: Uint8Array[] } {
  const inserts: Uint8Array[] = [];
  const deletes: Uint8Array[] = [];
  const surplus = (from: RowMultiset, over: RowMultiset, into: Uint8Array[]) => {
    for (const [hash, bucket] of from) {
      for (const { bytes, count } of bucket) {
        for (let i = entryOf(over, hash, bytes)?.count ?? 0; i < count; i++) into.push(bytes);
      }
    }
  };
  surplus(after, before, inserts);
  surplus(before, after, deletes);
  return { inserts, deletes };
}

/** Inserts and deletes with the rows present in both (as many times as in both) cancelled out. */
export function netOut(
  inserts: readonly Uint8Array[],
  deletes: readonly Uint8Array[],
): { inserts: Uint8Array[]; deletes: Uint8Array[] } {
  if (inserts.length === 0 || deletes.length === 0) return { inserts: [...inserts], deletes: [...deletes] };
  return diffMultisets(toMultiset(deletes), toMultiset(inserts));
}
