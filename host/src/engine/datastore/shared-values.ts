import type { SatsValue } from '../types.js';

/** Most distinct values remembered; past it the memory starts over, so unique values cannot make it grow. */
const MAX_VALUES = 50_000;
/** Strings up to this length are shared: kinds, lab ids, names. Longer ones (messages, keys) rarely repeat. */
const MAX_SHARED_STRING = 32;
/** Integers past 64 bits are identities and connection ids, which repeat in every row a learner writes. */
const SHARED_BIGINT_ABOVE = 1n << 64n;

const seen = new Map<string | bigint, string | bigint>();

/**
 * One copy of the short strings and identities stored rows keep decoded: an `activity` row repeats its learner's
 * 256-bit identity and a handful of kinds, each decoded afresh from the row's bytes (about 120 bytes a row in all).
 * Values are immutable, so sharing them changes nothing a reader sees.
 */
export function shared(value: SatsValue): SatsValue {
  if (typeof value === 'string') {
    if (value.length > MAX_SHARED_STRING) return value;
  } else if (typeof value !== 'bigint' || (value < SHARED_BIGINT_ABOVE && value > -SHARED_BIGINT_ABOVE)) return value;
  const kept = seen.get(value);
  if (kept !== undefined) return kept;
  if (seen.size >= MAX_VALUES) seen.clear();
  seen.set(value, value);
  return value;
}
