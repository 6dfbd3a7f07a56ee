import { startingFiles } from '../../../labs/src/files.js';
import type { Lab } from '../../../labs/src/format.js';
import { decodeLabState, encodeLabState } from '../../../labs/src/saved-state.js';
import type { ShellSnapshot, SnapshotReading } from '../../../labs/src/snapshot.js';

/**
 * Raw deflate (RFC 1951) through the platform's `CompressionStream`: native and asynchronous, so saving a large lab
 * state does not hold up the page. Undefined where the browser has no 'deflate-raw' (the state then goes as JSON).
 */
export async function nativeDeflateRaw(bytes: Uint8Array): Promise<Uint8Array | undefined> {
  try {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
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
}

export function labStateCodec(lab: Lab): LabStateCodec {
  const start = startingFiles(lab);
  return {
    encode: (snapshot) => encodeLabState(snapshot, start, nativeDeflateRaw),
    decode: (text) => decodeLabState(text, start),
  };
}
