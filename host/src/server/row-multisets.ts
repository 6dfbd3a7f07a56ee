/**
 * Rows counted by their bytes: what a re-evaluated query last sent, and the net difference between two
 * counts (rows are counted per query, as on SpacetimeDB, so a row may appear more than once).
 *
 * A multiset is keyed by a hash of the bytes, not by a copy of them: a re-run view's last rows live as long as its
 * subscription (a learner's saved labs are up to 256 KiB each), and a string copy of every row doubled what they
 * cost. Rows with equal hashes share a bucket and are told apart by their bytes.
 */

interface CountedRow {
  bytes: Uint8Array;
  count: number;
}

export type RowMultiset = Map<number, CountedRow[]>;

/** FNV-1a over the bytes: cheap, and collisions only cost a byte comparison. */
function hashOf(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  return hash >>> 0;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length &&
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

/** The entry counting `bytes` in `set`, if any. */
function entryOf(set: RowMultiset, hash: number, bytes: Uint8Array): CountedRow | undefined {
  return set.get(hash)?.find((entry) => sameBytes(entry.bytes, bytes));
}

export function toMultiset(rows: readonly Uint8Array[]): RowMultiset {
  const set: RowMultiset = new Map();
  for (const bytes of rows) {
    const hash = hashOf(bytes);
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
