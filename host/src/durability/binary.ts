/**
 * Little-endian writer and reader for the host's own files (commit log records, snapshots, dumps).
 * Lengths are u32, strings are UTF-8 with a u32 length, big integers are decimal strings so any
 * sequence width (up to i128/u128) round-trips.
 */
export class ByteWriter {
  private buffer: Buffer;
  private length = 0;

  constructor(initialSize = 4096) {
    this.buffer = Buffer.allocUnsafe(initialSize);
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + bytes) size *= 2;
    const grown = Buffer.allocUnsafe(size);
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }

  u8(value: number): this {
    this.reserve(1);
    this.buffer[this.length++] = value;
    return this;
  }

  u32(value: number): this {
    this.reserve(4);
    this.buffer.writeUInt32LE(value, this.length);
    this.length += 4;
    return this;
  }

  u64(value: bigint): this {
    this.reserve(8);
    this.buffer.writeBigUInt64LE(value, this.length);
    this.length += 8;
    return this;
  }

  /** Raw bytes with no length prefix. */
  raw(bytes: Uint8Array): this {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
    return this;
  }

  /** Bytes with a u32 length prefix. */
  bytes(bytes: Uint8Array): this {
    return this.u32(bytes.length).raw(bytes);
  }

  string(text: string): this {
    const byteLength = Buffer.byteLength(text);
    this.u32(byteLength);
    this.reserve(byteLength);
    this.buffer.write(text, this.length, 'utf8');
    this.length += byteLength;
    return this;
  }

  bigint(value: bigint): this {
    return this.string(value.toString());
  }

  get size(): number {
    return this.length;
  }

  /** The bytes written so far (a view: copy it if the writer is reused). */
  finish(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

/** Thrown when a file ends early or holds bytes that do not decode. */
export class CorruptDataError extends Error {
  override name = 'CorruptDataError';
}

export class ByteReader {
  private position: number;

  constructor(
    private readonly buffer: Buffer,
    start = 0,
    private readonly end = buffer.length,
  ) {
    this.position = start;
  }

  private take(bytes: number): number {
    if (bytes < 0 || this.position + bytes > this.end) {
      throw new CorruptDataError(`unexpected end of data at byte ${this.position} (needed ${bytes} more)`);
    }
    const at = this.position;
    this.position += bytes;
    return at;
  }

  u8(): number {
    return this.buffer[this.take(1)]!;
  }

  u32(): number {
    return this.buffer.readUInt32LE(this.take(4));
  }

  u64(): bigint {
    return this.buffer.readBigUInt64LE(this.take(8));
  }

  raw(length: number): Buffer {
    const at = this.take(length);
    return this.buffer.subarray(at, at + length);
  }

  bytes(): Buffer {
    return this.raw(this.u32());
  }

  string(): string {
    return this.raw(this.u32()).toString('utf8');
  }

  bigint(): bigint {
    const text = this.string();
    if (!/^-?\d+$/.test(text)) throw new CorruptDataError(`not an integer: ${JSON.stringify(text.slice(0, 40))}`);
    return BigInt(text);
  }

  get offset(): number {
    return this.position;
  }

  get remaining(): number {
    return this.end - this.position;
  }
}
