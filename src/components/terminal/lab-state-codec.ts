import { startingFiles } from '../../../labs/src/files.js';
import type { Lab } from '../../../labs/src/format.js';
import { decodeLabState, encodeLabState } from '../../../labs/src/saved-state.js';
import type { ShellSnapshot, SnapshotReading } from '../../../labs/src/snapshot.js';

/** Bytes handed to the compressor at a time: each piece takes a few milliseconds, well within a frame. */
const DEFLATE_PIECE = 32 * 1024;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Raw deflate (RFC 1951) through the platform's native `CompressionStream`, fed a piece at a time with a task in
 * between, so compressing a megabyte never freezes the page (given whole, Chromium compresses it in one 100 ms
 * task). Undefined where the browser has no 'deflate-raw' (the state then goes as JSON).
 */
export async function nativeDeflateRaw(bytes: Uint8Array): Promise<Uint8Array | undefined> {
  let stream: CompressionStream;
  try {
    stream = new CompressionStream('deflate-raw');
  } catch {
    return undefined;
  }
  const output = new Response(stream.readable).arrayBuffer();
  const writer = stream.writable.getWriter();
  for (let at = 0; at < bytes.length; at += DEFLATE_PIECE) {
    await writer.write(bytes.subarray(at, at + DEFLATE_PIECE) as Uint8Array<ArrayBuffer>);
    await nextTask();
  }
  await writer.close();
  return new Uint8Array(await output);
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
