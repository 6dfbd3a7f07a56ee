/**
 * A string equal for equal row bytes, to key maps and sets by a row's contents: each byte becomes one latin1
 * character, so the key is exact (no hash collisions) and as long as the row. The bytes are not copied first.
 */
export function rowKey(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}
