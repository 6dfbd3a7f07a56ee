import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Start of each record in a commit log segment (records follow the 8-byte header; each is length, CRC, payload). */
export function recordStarts(bytes: Buffer): number[] {
  const starts: number[] = [];
  for (let at = 8; at + 8 <= bytes.length; at += 8 + bytes.readUInt32LE(at)) starts.push(at);
  return starts;
}

/** The segment files of a data directory's commit log, oldest first. */
export async function segmentFiles(dataDir: string): Promise<string[]> {
  const dir = join(dataDir, 'clog');
  return (await readdir(dir))
    .filter((name) => name.endsWith('.log'))
    .sort()
    .map((name) => join(dir, name));
}

/** Damages one byte as a bad disk would: flips the bits of `mask` at `at` (negative counts from the end). */
export function flipBits(bytes: Uint8Array, at: number, mask: number): void {
  const index = at < 0 ? bytes.length + at : at;
  const byte = bytes[index];
  if (byte === undefined) throw new RangeError(`No byte ${at} in ${bytes.length} bytes`);
  bytes[index] = byte ^ mask;
}
