/**
 * A short fingerprint of a text (FNV-1a, 32 bits, plus the length): cheap enough to run in a reducer, and enough to
 * tell two versions of a catalog or of a lab's starting files apart. Not a defence against a forger.
 */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${hash.toString(16)}-${text.length}`;
}
