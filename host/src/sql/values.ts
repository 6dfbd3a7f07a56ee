/**
 * Comparing column values in SQL predicates. Values have the engine's decoded shapes (`SatsValue`); a predicate
 * only ever compares two values of the same column type, because literals are converted to the column's type first.
 */
import type { SatsValue } from '../engine/index.js';

/** Structural equality of two values of the same type. */
export function valuesEqual(a: SatsValue, b: SatsValue): boolean {
  if (a === b) return true;
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    return a.length === b.length && a.every((byte, i) => byte === b[i]);
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => valuesEqual(item, b[i]));
  }
  if (typeof a === 'object' && typeof b === 'object' && 'tag' in a && 'tag' in b) {
    return a.tag === b.tag && valuesEqual(a.value, b.value);
  }
  return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
}

/** Order of two scalar values of the same type (numbers, big integers, strings, booleans). */
export function compareScalars(a: SatsValue, b: SatsValue): number {
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  throw new Error('these values have no order');
}
