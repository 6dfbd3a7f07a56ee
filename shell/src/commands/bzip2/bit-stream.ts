/** Bits most significant first, as bzip2 writes them. */
export class BitWriter {
  private readonly bytes: number[] = [];
  private current = 0;
  private count = 0;

  write(bits: number, value: number): void {
    for (let i = bits - 1; i >= 0; i--) {
      this.current = (this.current << 1) | ((value >>> i) & 1);
      if (++this.count === 8) {
        this.bytes.push(this.current);
        this.current = 0;
        this.count = 0;
      }
    }
  }

  /** The bytes written, the last one padded with zero bits. */
  finish(): Uint8Array {
    if (this.count > 0) this.bytes.push(this.current << (8 - this.count));
    return Uint8Array.from(this.bytes);
  }
}

export class BitReader {
  private at = 0;

  constructor(private readonly bytes: Uint8Array) {}

  read(bits: number): number {
    let value = 0;
    for (let i = 0; i < bits; i++) {
      const byte = this.bytes[this.at >>> 3];
      if (byte === undefined) throw new RangeError('unexpected end of data');
      value = value * 2 + ((byte >>> (7 - (this.at & 7))) & 1);
      this.at++;
    }
    return value;
  }

  /** Bits read so far. */
  get position(): number {
    return this.at;
  }

  /** True when only the padding of the last byte is left. */
  get done(): boolean {
    return this.at >= this.bytes.length * 8 - 7;
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n << 24;
  for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
  return c >>> 0;
});

/** bzip2's CRC-32: the polynomial of zlib's, bits taken most significant first. */
export function blockCrc(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ byte) & 0xff]!) >>> 0;
  return ~crc >>> 0;
}
