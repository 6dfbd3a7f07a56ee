import { BitReader, BitWriter, blockCrc } from './bit-stream.js';

const BLOCK_MAGIC = [0x314159, 0x265359];
const END_MAGIC = [0x177245, 0x385090];
/** Input bytes per block: after the first run-length pass (at most 5 bytes for 4) it stays under 900k. */
const BLOCK_INPUT = 700_000;
const GROUP = 50;
const MAX_CODE_LENGTH = 17;

/** The first pass: a run of 4 to 255 equal bytes becomes the 4 bytes and a count of the rest. */
function runLengthEncode(input: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < input.length;) {
    const byte = input[i]!;
    let run = 1;
    while (run < 255 && input[i + run] === byte) run++;
    if (run >= 4) out.push(byte, byte, byte, byte, run - 4);
    else for (let k = 0; k < run; k++) out.push(byte);
    i += run;
  }
  return Uint8Array.from(out);
}

function runLengthDecode(input: number[]): Uint8Array {
  const out: number[] = [];
  let same = 0;
  let previous = -1;
  for (let i = 0; i < input.length; i++) {
    const byte = input[i]!;
    if (same === 4) {
      for (let k = 0; k < byte; k++) out.push(previous);
      same = 0;
      previous = -1;
      continue;
    }
    same = byte === previous ? same + 1 : 1;
    previous = byte;
    out.push(byte);
  }
  return Uint8Array.from(out);
}

/** The Burrows-Wheeler transform by prefix doubling over the block's rotations. */
function burrowsWheeler(block: Uint8Array): { last: Uint8Array; origin: number } {
  const n = block.length;
  let rank = Array.from(block);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let width = 1; ; width *= 2) {
    const key = (i: number) => rank[(i + width) % n]!;
    order.sort((a, b) => rank[a]! - rank[b]! || key(a) - key(b));
    const next = new Array<number>(n);
    next[order[0]!] = 0;
    for (let i = 1; i < n; i++) {
      const [a, b] = [order[i - 1]!, order[i]!];
      next[b] = next[a]! + (rank[a] !== rank[b] || key(a) !== key(b) ? 1 : 0);
    }
    rank = next;
    if (next[order[n - 1]!] === n - 1 || width >= n) break;
  }
  const last = Uint8Array.from(order, (i) => block[(i + n - 1) % n]!);
  return { last, origin: order.indexOf(0) };
}

/** Code lengths for the symbol frequencies, at most MAX_CODE_LENGTH bits (rare symbols are flattened until they fit). */
function codeLengths(frequencies: number[]): number[] {
  let weights = frequencies.map((f) => Math.max(f, 1));
  for (;;) {
    const lengths = new Array<number>(weights.length).fill(0);
    const nodes = weights.map((weight, i) => ({ weight, symbols: [i] }));
    while (nodes.length > 1) {
      nodes.sort((a, b) => a.weight - b.weight);
      const [a, b] = nodes.splice(0, 2) as [(typeof nodes)[0], (typeof nodes)[0]];
      for (const symbol of [...a.symbols, ...b.symbols]) lengths[symbol]!++;
      nodes.push({ weight: a.weight + b.weight, symbols: [...a.symbols, ...b.symbols] });
    }
    if (Math.max(...lengths) <= MAX_CODE_LENGTH) return lengths;
    weights = weights.map((weight) => 1 + (weight >> 1));
  }
}

/** Canonical codes: by length, then by symbol. */
function canonicalCodes(lengths: number[]): number[] {
  const codes = new Array<number>(lengths.length).fill(0);
  let code = 0;
  for (let length = 1; length <= 20; length++) {
    lengths.forEach((l, symbol) => {
      if (l === length) codes[symbol] = code++;
    });
    code <<= 1;
  }
  return codes;
}

function writeBlock(out: BitWriter, input: Uint8Array): number {
  const crc = blockCrc(input);
  const { last, origin } = burrowsWheeler(runLengthEncode(input));
  const used = Array.from({ length: 256 }, (_, byte) => last.includes(byte));
  const alphabet = used.flatMap((isUsed, byte) => (isUsed ? [byte] : []));
  const endOfBlock = alphabet.length + 1;
  // Move-to-front, then runs of zeros as RUNA (0) / RUNB (1) digits of a bijective base-2 count.
  const symbols: number[] = [];
  const front = alphabet.slice();
  let zeros = 0;
  const flushZeros = () => {
    for (let run = zeros; run > 0; run = (run - 1) >> 1) symbols.push((run - 1) & 1);
    zeros = 0;
  };
  for (const byte of last) {
    const at = front.indexOf(byte);
    if (at === 0) {
      zeros++;
      continue;
    }
    flushZeros();
    front.splice(at, 1);
    front.unshift(byte);
    symbols.push(at + 1);
  }
  flushZeros();
  symbols.push(endOfBlock);
  const frequencies = new Array<number>(endOfBlock + 1).fill(0);
  for (const symbol of symbols) frequencies[symbol]!++;
  const lengths = codeLengths(frequencies);
  const codes = canonicalCodes(lengths);

  out.write(24, BLOCK_MAGIC[0]!);
  out.write(24, BLOCK_MAGIC[1]!);
  out.write(32, crc);
  out.write(1, 0);
  out.write(24, origin);
  const ranges = Array.from({ length: 16 }, (_, r) => used.slice(r * 16, r * 16 + 16));
  for (const range of ranges) out.write(1, range.some(Boolean) ? 1 : 0);
  for (const range of ranges) if (range.some(Boolean)) for (const isUsed of range) out.write(1, isUsed ? 1 : 0);
  // Two identical tables (the format wants at least two), every group of 50 symbols coded with the first.
  const selectors = Math.ceil(symbols.length / GROUP);
  out.write(3, 2);
  out.write(15, selectors);
  for (let i = 0; i < selectors; i++) out.write(1, 0);
  for (let table = 0; table < 2; table++) {
    let current = lengths[0]!;
    out.write(5, current);
    for (const length of lengths) {
      for (; current < length; current++) out.write(2, 2);
      for (; current > length; current--) out.write(2, 3);
      out.write(1, 0);
    }
  }
  for (const symbol of symbols) out.write(lengths[symbol]!, codes[symbol]!);
  return crc;
}

/** Compresses into a bzip2 stream (`BZh9`) that the real bzip2 reads. */
export function bzip2Compress(input: Uint8Array): Uint8Array {
  const out = new BitWriter();
  out.write(32, 0x425a6839);
  let combined = 0;
  for (let at = 0; at < input.length; at += BLOCK_INPUT) {
    const crc = writeBlock(out, input.subarray(at, at + BLOCK_INPUT));
    combined = (((combined << 1) | (combined >>> 31)) ^ crc) >>> 0;
  }
  out.write(24, END_MAGIC[0]!);
  out.write(24, END_MAGIC[1]!);
  out.write(32, combined);
  return out.finish();
}

function readBlock(bits: BitReader, maxSize: number): Uint8Array {
  const crc = bits.read(32);
  if (bits.read(1)) throw new Error('randomised blocks are not supported');
  const origin = bits.read(24);
  const rangesUsed = bits.read(16);
  const alphabet: number[] = [];
  for (let r = 0; r < 16; r++) {
    if (!(rangesUsed & (0x8000 >> r))) continue;
    const within = bits.read(16);
    for (let k = 0; k < 16; k++) if (within & (0x8000 >> k)) alphabet.push(r * 16 + k);
  }
  if (alphabet.length === 0) throw new Error('no symbols');
  const groups = bits.read(3);
  const selectorCount = bits.read(15);
  if (groups < 2 || groups > 6 || selectorCount === 0) throw new Error('bad tables');
  const order = Array.from({ length: groups }, (_, i) => i);
  const selectors: number[] = [];
  for (let i = 0; i < selectorCount; i++) {
    let j = 0;
    while (bits.read(1)) if (++j >= groups) throw new Error('bad selector');
    const [table] = order.splice(j, 1) as [number];
    order.unshift(table);
    selectors.push(table);
  }
  const symbolCount = alphabet.length + 2;
  const tables = Array.from({ length: groups }, () => {
    const lengths: number[] = [];
    let current = bits.read(5);
    for (let s = 0; s < symbolCount; s++) {
      while (bits.read(1)) current += bits.read(1) ? -1 : 1;
      if (current < 1 || current > 20) throw new Error('bad code length');
      lengths.push(current);
    }
    const codes = canonicalCodes(lengths);
    const lookup = new Map(lengths.map((length, symbol) => [`${length}:${codes[symbol]}`, symbol]));
    return { lookup, min: Math.min(...lengths) };
  });
  const front = alphabet.slice();
  const last: number[] = [];
  let run = 0;
  let runBit = 1;
  for (let decoded = 0; ; decoded++) {
    const table = tables[selectors[Math.floor(decoded / GROUP)] ?? -1];
    if (!table) throw new Error('ran out of selectors');
    let length = table.min;
    let code = bits.read(length);
    let symbol: number | undefined;
    while ((symbol = table.lookup.get(`${length}:${code}`)) === undefined) {
      if (++length > 20) throw new Error('bad code');
      code = code * 2 + bits.read(1);
    }
    if (symbol <= 1) {
      run += runBit << symbol;
      runBit <<= 1;
      continue;
    }
    for (; run > 0; run--) last.push(front[0]!);
    runBit = 1;
    if (last.length > maxSize) throw new Error('block too large');
    if (symbol === symbolCount - 1) break;
    const [byte] = front.splice(symbol - 1, 1) as [number];
    front.unshift(byte);
    last.push(byte);
  }
  if (origin >= last.length) throw new Error('bad origin');
  // Inverse BWT: each position's predecessor in the original text, by counting sort.
  const counts = new Array<number>(256).fill(0);
  for (const byte of last) counts[byte]!++;
  const starts = new Array<number>(256).fill(0);
  for (let b = 1; b < 256; b++) starts[b] = starts[b - 1]! + counts[b - 1]!;
  const next = new Array<number>(last.length);
  last.forEach((byte, i) => (next[starts[byte]!++] = i));
  const text: number[] = [];
  for (let i = 0, at = next[origin]!; i < last.length; i++, at = next[at]!) text.push(last[at]!);
  const output = runLengthDecode(text);
  if (blockCrc(output) !== crc) throw new Error('CRC error');
  return output;
}

/** Decompresses a bzip2 stream (and any streams after it, as bunzip2 does); throws on anything else. */
export function bzip2Decompress(input: Uint8Array): Uint8Array {
  const bits = new BitReader(input);
  const parts: Uint8Array[] = [];
  do {
    if (bits.read(24) !== 0x425a68) throw new Error('not bzip2');
    const level = bits.read(8) - 0x30;
    if (level < 1 || level > 9) throw new Error('not bzip2');
    for (;;) {
      const [high, low] = [bits.read(24), bits.read(24)];
      if (high === END_MAGIC[0] && low === END_MAGIC[1]) break;
      if (high !== BLOCK_MAGIC[0] || low !== BLOCK_MAGIC[1]) throw new Error('bad block');
      parts.push(readBlock(bits, level * 100_000));
    }
    bits.read(32);
    // A following stream starts on a byte boundary.
    while (!bits.done && bits.position % 8) bits.read(1);
  } while (!bits.done);
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  parts.reduce((at, part) => (out.set(part, at), at + part.length), 0);
  return out;
}
