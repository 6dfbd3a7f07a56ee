/**
 * The compression byte every server frame starts with (0 none, 1 brotli, 2 gzip), and the choice of algorithm
 * from the `compression` query parameter. Like the real server, payloads up to 1 KiB go uncompressed whatever the
 * client asked, because compressing them costs more than it saves.
 */
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';

export type Compression = 'None' | 'Brotli' | 'Gzip';

const TAG = { None: 0, Brotli: 1, Gzip: 2 } as const;
export const COMPRESSION_THRESHOLD = 1024;

/** Reads the `compression` query parameter; the real server defaults to Brotli when it is absent. */
export function parseCompression(value: string | null): Compression {
  if (value === null) return 'Brotli';
  if (value === 'None' || value === 'Brotli' || value === 'Gzip') return value;
  throw new Error(`unknown compression "${value}": expected None, Brotli or Gzip`);
}

/** Prefixes a server payload with its compression byte, compressing it when it is large enough to be worth it. */
export function frameServerPayload(payload: Uint8Array, compression: Compression): Uint8Array {
  return frameServerPayloads([payload], compression);
}

/**
 * The frame for a payload written one byte into `buffer`, whose first byte is 0 (see shared-encoding.ts): the
 * buffer itself when the payload goes uncompressed, so the payload is not copied again.
 */
export function frameWithSpareByte(buffer: Uint8Array, compression: Compression): Uint8Array {
  const payload = buffer.subarray(1);
  return compression === 'None' || payload.length <= COMPRESSION_THRESHOLD
    ? buffer
    : frameServerPayload(payload, compression);
}

/** One frame carrying several payloads back to back (v3), built with a single copy when it stays uncompressed. */
export function frameServerPayloads(payloads: readonly Uint8Array[], compression: Compression): Uint8Array {
  let length = 0;
  for (const payload of payloads) length += payload.length;
  const algorithm = length > COMPRESSION_THRESHOLD ? compression : 'None';
  if (algorithm === 'None') {
    const frame = new Uint8Array(length + 1);
    let at = 1;
    for (const payload of payloads) {
      frame.set(payload, at);
      at += payload.length;
    }
    return frame;
  }
  const joined = payloads.length === 1 ? payloads[0]! : Buffer.concat(payloads);
  const body =
    algorithm === 'Gzip'
      ? gzipSync(joined, { level: 1 })
      : brotliCompressSync(joined, { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } });
  const frame = new Uint8Array(body.length + 1);
  frame[0] = TAG[algorithm];
  frame.set(body, 1);
  return frame;
}

/** Strips the compression byte and decompresses (tests and benchmarks play clients). */
export function unframeServerPayload(frame: Uint8Array): Uint8Array {
  const body = frame.subarray(1);
  switch (frame[0]) {
    case TAG.None:
      return body;
    case TAG.Brotli:
      return new Uint8Array(brotliDecompressSync(body));
    case TAG.Gzip:
      return new Uint8Array(gunzipSync(body));
    default:
      throw new Error(`unknown compression byte ${frame[0]}`);
  }
}
