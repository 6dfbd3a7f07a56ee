/**
 * Rows counted by their bytes: what a re-evaluated query last sent, and the net difference between two
 * counts (rows are counted per query, as on SpacetimeDB, so a row may appear more than once).
 */

export type RowMultiset = Map<string, { bytes: Uint8Array; count: number }>;

/** A key equal for equal row bytes. */
export function rowKey(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

export function toMultiset(rows: readonly Uint8Array[]): RowMultiset {
  const set: RowMultiset = new Map();
  for (const bytes of rows) {
    const key = rowKey(bytes);
    const entry = set.get(key);
    if (entry) entry.count++;
    else set.set(key, { bytes, count: 1 });
  }
  return set;
}

/** Rows to insert and delete to turn `before` into `after`. */
export function diffMultisets(
  before: RowMultiset,
  after: RowMultiset,
): { inserts: Uint8Array[]; deletes: Uint8Array[] } {
  const inserts: Uint8Array[] = [];
  const deletes: Uint8Array[] = [];
  for (const [key, { bytes, count }] of after) {
    for (let i = before.get(key)?.count ?? 0; i < count; i++) inserts.push(bytes);
  }
  for (const [key, { bytes, count }] of before) {
    for (let i = after.get(key)?.count ?? 0; i < count; i++) deletes.push(bytes);
  }
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
