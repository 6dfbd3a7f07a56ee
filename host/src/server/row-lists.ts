/**
 * Packing rows into the protocol's `BsatnRowList`: the rows' BSATN concatenated, with a size hint that lets a
 * reader split them (a fixed size when all rows have the same length, else each row's start offset).
 */
import type { BsatnRowList } from '../protocol/messages.js';

export function toRowList(rows: readonly Uint8Array[]): BsatnRowList {
  let total = 0;
  const offsets: bigint[] = [];
  for (const row of rows) {
    offsets.push(BigInt(total));
    total += row.length;
  }
  const rowsData = new Uint8Array(total);
  let at = 0;
  for (const row of rows) {
    rowsData.set(row, at);
    at += row.length;
  }
  const size = rows[0]?.length ?? 0;
  const fixed = size > 0 && size <= 0xffff && rows.every((row) => row.length === size);
  return { sizeHint: fixed ? { tag: 'FixedSize', value: size } : { tag: 'RowOffsets', value: offsets }, rowsData };
}
