/**
 * JSON text as SpacetimeDB's server writes it (serde_json 1.0 over SATS): integers of any width as plain number
 * literals (a u64 past 2^53 stays exact, so `JSON.stringify` cannot write it), floats in ryu's shortest form with
 * its layout (`1.0`, `1e-7`, `1.5e16`; NaN and infinities as `null`), and 256-bit integers as ethnum writes them
 * (`"0x2a"`, `"-0x2a"`: hex without leading zeros).
 */

/** A number literal written as it is (already in serde_json's form). */
export class JsonNumber {
  constructor(readonly text: string) {}
}

/** A JSON value that may hold exact number literals; object keys keep their insertion order, as serde's do. */
export type JsonTree =
  null | boolean | number | string | JsonNumber | readonly JsonTree[] | { [key: string]: JsonTree };

/** An integer of any width as serde_json writes it: digits, a minus sign when negative. */
export const integer = (value: bigint | number): JsonNumber => new JsonNumber(String(value));

/** A u256/i256 as ethnum's serde writes it: `"0x"` and hex digits without leading zeros, `-` before a negative one. */
export function quantity(value: bigint): string {
  return value < 0n ? `-0x${(-value).toString(16)}` : `0x${value.toString(16)}`;
}

/**
 * Lays shortest digits out as ryu does: plain decimals for exponents in [-5, 16) (f64) or [-6, 13) (f32),
 * a trailing `.0` on whole numbers, otherwise `d.ddde-7` (no `+`).
 */
function ryuLayout(negative: boolean, digits: string, exponent: number, maxWhole: number, minFraction: number): string {
  const length = digits.length;
  const kk = exponent + 1; // 10^(kk-1) <= |value| < 10^kk
  const sign = negative ? '-' : '';
  if (length <= kk && kk <= maxWhole) return `${sign}${digits}${'0'.repeat(kk - length)}.0`;
  if (0 < kk && kk <= maxWhole) return `${sign}${digits.slice(0, kk)}.${digits.slice(kk)}`;
  if (minFraction < kk && kk <= 0) return `${sign}0.${'0'.repeat(-kk)}${digits}`;
  const mantissa = length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
  return `${sign}${mantissa}e${kk - 1}`;
}

/** Shortest round-tripping digits and decimal exponent of a finite, non-zero value, from `toExponential`. */
function splitExponential(text: string): { digits: string; exponent: number } {
  const [mantissa = '', exponent = '0'] = text.split('e');
  return { digits: mantissa.replace('-', '').replace('.', ''), exponent: Number(exponent) };
}

/** An f64 as serde_json writes it (ryu `format64`); NaN and infinities are `null`. */
export function f64(value: number): JsonNumber | null {
  if (!Number.isFinite(value)) return null;
  const negative = value < 0 || Object.is(value, -0);
  if (value === 0) return new JsonNumber(negative ? '-0.0' : '0.0');
  // JavaScript's own shortest digits are the same as ryu's for a double.
  const { digits, exponent } = splitExponential(Math.abs(value).toExponential());
  return new JsonNumber(ryuLayout(negative, digits, exponent, 16, -5));
}

/** An f32 (held in a double) as serde_json writes it (ryu `format32`): the shortest digits that read back as this f32. */
export function f32(value: number): JsonNumber | null {
  if (!Number.isFinite(value)) return null;
  const negative = value < 0 || Object.is(value, -0);
  if (value === 0) return new JsonNumber(negative ? '-0.0' : '0.0');
  const magnitude = Math.abs(value);
  let text = magnitude.toExponential(8);
  for (let precision = 1; precision <= 9; precision++) {
    const candidate = magnitude.toExponential(precision - 1);
    if (Math.fround(Number(candidate)) === magnitude) {
      text = candidate;
      break;
    }
  }
  const { digits, exponent } = splitExponential(text);
  // toExponential pads with zeros; ryu's digits never end in one.
  const trimmed = digits.replace(/0+$/, '') || '0';
  return new JsonNumber(ryuLayout(negative, trimmed, exponent, 13, -6));
}

/** Writes `tree` compactly, as serde_json's `to_string` does (`JSON.stringify` escapes strings the same way). */
export function jsonText(tree: JsonTree): string {
  if (tree instanceof JsonNumber) return tree.text;
  if (tree === null || typeof tree !== 'object') return JSON.stringify(tree);
  if (Array.isArray(tree)) return `[${(tree as readonly JsonTree[]).map(jsonText).join(',')}]`;
  const entries = Object.entries(tree as { [key: string]: JsonTree });
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${jsonText(value)}`).join(',')}}`;
}
