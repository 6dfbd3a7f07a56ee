/**
 * A string equal for equal row bytes, to key maps and sets by a row's contents: each byte becomes one latin1
 * character, so the key is exact (no hash collisions) and as long as the row. The bytes are not copied first.
 */
export function rowKey(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** Byte equality; a plain loop beats a native call for rows of a few dozen bytes. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  if (a.length > 256) return Buffer.compare(a, b) === 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** FNV-1a over a row's bytes: cheap, and a collision only costs a byte comparison. */
export function rowHash(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  return hash >>> 0;
}
