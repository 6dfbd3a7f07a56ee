import {
  decodeLabState,
  displayPath,
  encodeLabState,
  startingFiles,
  type Lab,
  type ShellSnapshot,
  type SnapshotReading,
} from '@lta/labs';
import { throughStream } from '@lta/shell';

/**
 * Raw deflate (RFC 1951) through the platform's native `CompressionStream`, fed in pieces so compressing a megabyte
 * never freezes the page. Undefined where the browser has no 'deflate-raw' (the state then goes as JSON).
 */
export async function nativeDeflateRaw(bytes: Uint8Array): Promise<Uint8Array | undefined> {
  try {
    return await throughStream(bytes, new CompressionStream('deflate-raw'));
  } catch {
    return undefined;
  }
}

/** A lab's states as the academy stores them (`labs/src/saved-state.ts`): packed against the lab's starting files. */
export interface LabStateCodec {
  /** The text to send for a snapshot. */
  encode(snapshot: ShellSnapshot): Promise<string>;
  /** The snapshot a stored text stands for, or why it cannot be read. */
  decode(text: string): SnapshotReading;
  /** The largest files of a snapshot, as a learner would name them (`~/big.log (1.2 MB)`), to say what to remove. */
  largestFiles(snapshot: ShellSnapshot): string[];
}

export function labStateCodec(lab: Lab): LabStateCodec {
  const start = startingFiles(lab);
  return {
    encode: (snapshot) => encodeLabState(snapshot, start, nativeDeflateRaw),
    decode: (text) => decodeLabState(text, start),
    largestFiles,
  };
}

function largestFiles(snapshot: ShellSnapshot, count = 3): string[] {
  return Object.entries(snapshot.files)
    .flatMap(([path, entry]) => (entry.type === 'file' ? [{ path, size: entry.content.length }] : []))
    .sort((a, b) => b.size - a.size)
    .slice(0, count)
    .map(
      ({ path, size }) =>
        `${displayPath(path, snapshot.home)} (${size >= 1e6 ? `${(size / 1e6).toFixed(1)} MB` : `${Math.ceil(size / 1000)} KB`})`,
    );
}
