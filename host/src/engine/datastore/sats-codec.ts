import type { AlgebraicTypeType } from 'spacetimedb';
import type { SatsValue } from '../types.js';
import { isSpecialType } from '../../schema/decode-module-def.js';

/**
 * A position in a BSATN buffer; decoders advance `offset` (relative to `bytes`). The DataView spans the whole
 * underlying buffer and is reused while the buffer stays the same (modules reuse one buffer for every call).
 */
export class Cursor {
  bytes: Uint8Array;
  view: DataView;
  /** Where `bytes` starts in `view`. */
  base: number;
  offset: number;

  constructor(bytes: Uint8Array, offset = 0) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer);
    this.base = bytes.byteOffset;
    this.offset = offset;
  }

  /** Points the cursor at new bytes, keeping the DataView when they share its buffer. */
  reset(bytes: Uint8Array): this {
    if (bytes.buffer !== this.view.buffer) this.view = new DataView(bytes.buffer);
    this.bytes = bytes;
    this.base = bytes.byteOffset;
    this.offset = 0;
    return this;
  }

  /** Bytes left; decoders check before reading so truncated input fails cleanly. */
  need(n: number): void {
    if (this.offset + n > this.bytes.length) throw new BsatnError(`needs ${n} more bytes at offset ${this.offset}`);
  }
}

/** Bytes that do not decode at the expected type (syscall errno 3). */
export class BsatnError extends Error {}

export type Decoder = (c: Cursor) => SatsValue;
export type Comparator = (a: SatsValue, b: SatsValue) => number;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function resolve(type: AlgebraicTypeType, typespace: readonly AlgebraicTypeType[]): AlgebraicTypeType {
  let t = type;
  for (let hops = 0; t.tag === 'Ref'; hops++) {
    const next = typespace[t.value];
    if (!next || hops > typespace.length) throw new Error(`type reference ${t.value} does not resolve`);
    t = next;
  }
  return t;
}

/** Compiles a BSATN decoder for `type` producing the datastore's `SatsValue` shapes. */
export function makeDecoder(type: AlgebraicTypeType, typespace: readonly AlgebraicTypeType[]): Decoder {
  const t = resolve(type, typespace);
  switch (t.tag) {
    case 'Bool':
      return (c) => {
        c.need(1);
        const b = c.bytes[c.offset++]!;
        if (b > 1) throw new BsatnError(`invalid bool byte ${b}`);
        return b === 1;
      };
    case 'U8':
      return (c) => (c.need(1), c.bytes[c.offset++]!);
    case 'I8':
      return (c) => (c.need(1), c.view.getInt8(c.base + c.offset++));
    case 'U16':
      return (c) => (c.need(2), (c.offset += 2), c.view.getUint16(c.base + c.offset - 2, true));
    case 'I16':
      return (c) => (c.need(2), (c.offset += 2), c.view.getInt16(c.base + c.offset - 2, true));
    case 'U32':
      return (c) => (c.need(4), (c.offset += 4), c.view.getUint32(c.base + c.offset - 4, true));
    case 'I32':
      return (c) => (c.need(4), (c.offset += 4), c.view.getInt32(c.base + c.offset - 4, true));
    case 'U64':
      return (c) => (c.need(8), (c.offset += 8), c.view.getBigUint64(c.base + c.offset - 8, true));
    case 'I64':
      return (c) => (c.need(8), (c.offset += 8), c.view.getBigInt64(c.base + c.offset - 8, true));
    case 'F32':
      return (c) => (c.need(4), (c.offset += 4), c.view.getFloat32(c.base + c.offset - 4, true));
    case 'F64':
      return (c) => (c.need(8), (c.offset += 8), c.view.getFloat64(c.base + c.offset - 8, true));
    case 'U128':
    case 'I128':
    case 'U256':
    case 'I256': {
      const signed = t.tag[0] === 'I';
      // Shifts and ors of the 64-bit limbs (little-endian): fewer intermediate bigints than multiply-and-add.
      if (t.tag === 'U128' || t.tag === 'I128') {
        return (c) => {
          c.need(16);
          const at = c.base + c.offset;
          c.offset += 16;
          const v = (c.view.getBigUint64(at + 8, true) << 64n) | c.view.getBigUint64(at, true);
          return signed ? BigInt.asIntN(128, v) : v;
        };
      }
      return (c) => {
        c.need(32);
        const at = c.base + c.offset;
        c.offset += 32;
        const v =
          (c.view.getBigUint64(at + 24, true) << 192n) |
          (c.view.getBigUint64(at + 16, true) << 128n) |
          (c.view.getBigUint64(at + 8, true) << 64n) |
          c.view.getBigUint64(at, true);
        return signed ? BigInt.asIntN(256, v) : v;
      };
    }
    case 'String':
      return (c) => {
        c.need(4);
        const len = c.view.getUint32(c.base + c.offset, true);
        c.offset += 4;
        c.need(len);
        const start = c.offset;
        c.offset += len;
        try {
          return utf8.decode(c.bytes.subarray(start, start + len));
        } catch {
          throw new BsatnError('string is not valid UTF-8');
        }
      };
    case 'Array': {
      const elem = resolve(t.value, typespace);
      if (elem.tag === 'U8') {
        return (c) => {
          c.need(4);
          const len = c.view.getUint32(c.base + c.offset, true);
          c.offset += 4;
          c.need(len);
          c.offset += len;
          return c.bytes.slice(c.offset - len, c.offset);
        };
      }
      const decodeElem = makeDecoder(elem, typespace);
      return (c) => {
        c.need(4);
        const len = c.view.getUint32(c.base + c.offset, true);
        c.offset += 4;
        const out: SatsValue[] = [];
        for (let i = 0; i < len; i++) out.push(decodeElem(c));
        return out;
      };
    }
    case 'Product': {
      if (isSpecialType(t)) return makeDecoder(t.value.elements[0]!.algebraicType, typespace);
      const fields: Decoder[] = [];
      // Filled lazily so recursive types (through Ref) do not recurse forever at compile time.
      const compile = () => t.value.elements.forEach((e) => fields.push(makeDecoder(e.algebraicType, typespace)));
      return (c) => {
        if (fields.length !== t.value.elements.length) compile();
        const out: SatsValue[] = new Array(fields.length);
        for (let i = 0; i < fields.length; i++) out[i] = fields[i]!(c);
        return out;
      };
    }
    case 'Sum': {
      const variants: Decoder[] = [];
      const compile = () => t.value.variants.forEach((v) => variants.push(makeDecoder(v.algebraicType, typespace)));
      return (c) => {
        if (variants.length !== t.value.variants.length) compile();
        c.need(1);
        const tag = c.bytes[c.offset++]!;
        const variant = variants[tag];
        if (!variant) throw new BsatnError(`sum tag ${tag} out of range`);
        return { tag, value: variant(c) };
      };
    }
    default:
      throw new Error(`cannot decode type ${t.tag}`);
  }
}

const comparePrimitive: Comparator = (a, b) =>
  (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;

// SpacetimeDB orders strings by UTF-8 bytes; JS compares UTF-16 units, which disagree only around surrogates.
const compareString: Comparator = (a, b) => {
  const x = a as string;
  const y = b as string;
  if (x === y) return 0;
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const cx = x.charCodeAt(i);
    const cy = y.charCodeAt(i);
    if (cx !== cy) {
      if (cx >= 0xd800 && cy >= 0xd800) {
        return (x.codePointAt(i) ?? 0) < (y.codePointAt(i) ?? 0) ? -1 : 1;
      }
      return cx < cy ? -1 : 1;
    }
  }
  return x.length < y.length ? -1 : x.length > y.length ? 1 : 0;
};

const compareFloat: Comparator = (a, b) => {
  const x = a as number;
  const y = b as number;
  if (x < y) return -1;
  if (x > y) return 1;
  if (x === y) return 0;
  // Total order: NaN sorts after every number.
  return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1;
};

/** Compiles a comparator ordering values of `type` the way SpacetimeDB's `Ord for AlgebraicValue` does. */
export function makeComparator(type: AlgebraicTypeType, typespace: readonly AlgebraicTypeType[]): Comparator {
  const t = resolve(type, typespace);
  switch (t.tag) {
    case 'String':
      return compareString;
    case 'F32':
    case 'F64':
      return compareFloat;
    case 'Array': {
      const elem = resolve(t.value, typespace);
      const cmp = elem.tag === 'U8' ? comparePrimitive : makeComparator(elem, typespace);
      return (a, b) => {
        const x = a as ArrayLike<SatsValue>;
        const y = b as ArrayLike<SatsValue>;
        const n = Math.min(x.length, y.length);
        for (let i = 0; i < n; i++) {
          const r = cmp(x[i]!, y[i]!);
          if (r !== 0) return r;
        }
        return x.length - y.length;
      };
    }
    case 'Product': {
      if (isSpecialType(t)) return makeComparator(t.value.elements[0]!.algebraicType, typespace);
      const fields: Comparator[] = [];
      const compile = () => t.value.elements.forEach((e) => fields.push(makeComparator(e.algebraicType, typespace)));
      return (a, b) => {
        if (fields.length !== t.value.elements.length) compile();
        const x = a as readonly SatsValue[];
        const y = b as readonly SatsValue[];
        for (let i = 0; i < fields.length; i++) {
          const r = fields[i]!(x[i]!, y[i]!);
          if (r !== 0) return r;
        }
        return 0;
      };
    }
    case 'Sum': {
      const variants: Comparator[] = [];
      const compile = () => t.value.variants.forEach((v) => variants.push(makeComparator(v.algebraicType, typespace)));
      return (a, b) => {
        if (variants.length !== t.value.variants.length) compile();
        const x = a as { tag: number; value: SatsValue };
        const y = b as { tag: number; value: SatsValue };
        return x.tag !== y.tag ? x.tag - y.tag : variants[x.tag]!(x.value, y.value);
      };
    }
    default:
      return comparePrimitive;
  }
}

/**
 * Orders two values of the same type as SpacetimeDB does, without knowing the type: values of one type share a
 * shape (numbers, bigints, strings, booleans, byte arrays, arrays/products, sums), which is enough.
 */
export function compareValues(a: SatsValue, b: SatsValue): number {
  switch (typeof a) {
    case 'string':
      return compareString(a, b);
    case 'number':
      return compareFloat(a, b);
    case 'bigint':
    case 'boolean':
      return comparePrimitive(a, b);
    default: {
      if (Array.isArray(a) || a instanceof Uint8Array) {
        const x = a as ArrayLike<SatsValue>;
        const y = b as ArrayLike<SatsValue>;
        const n = Math.min(x.length, y.length);
        for (let i = 0; i < n; i++) {
          const r = compareValues(x[i]!, y[i]!);
          if (r !== 0) return r;
        }
        return x.length - y.length;
      }
      const x = a as { tag: number; value: SatsValue };
      const y = b as { tag: number; value: SatsValue };
      return x.tag !== y.tag ? x.tag - y.tag : compareValues(x.value, y.value);
    }
  }
}

/** True for values usable directly as Map keys (equal values are `===`/SameValueZero-equal). */
export const isScalarKey = (v: SatsValue): v is boolean | number | bigint | string => typeof v !== 'object';

/** A string equal for equal composite values of one type (for hash maps keyed by several columns). */
export function compositeKey(v: SatsValue): string {
  switch (typeof v) {
    case 'bigint':
      return `${v}n`;
    case 'number':
      return Object.is(v, -0) ? '-0' : String(v);
    case 'string':
      return JSON.stringify(v);
    case 'boolean':
      return v ? 'T' : 'F';
    default:
      if (v instanceof Uint8Array) return `b${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}`;
      if (Array.isArray(v)) return `[${(v as SatsValue[]).map(compositeKey).join(',')}]`;
      return `${(v as { tag: number }).tag}:${compositeKey((v as { value: SatsValue }).value)}`;
  }
}
