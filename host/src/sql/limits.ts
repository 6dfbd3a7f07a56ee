/**
 * How much SQL one query may hold: the parser and compiler refuse anything larger or deeper with a SqlError
 * (a SubscriptionError for the client), so no query can exhaust the stack or hold the host for long.
 */
export interface SqlLimits {
  /** Longest query text, in UTF-8 bytes. */
  maxQueryBytes: number;
  /** Deepest nesting of parentheses in a WHERE clause. */
  maxNestingDepth: number;
}

/** 64 KiB of text and 64 levels of parentheses: far beyond any hand-written subscription. */
export const DEFAULT_SQL_LIMITS: Readonly<SqlLimits> = Object.freeze({ maxQueryBytes: 64 * 1024, maxNestingDepth: 64 });

/** The defaults with some limits changed; refuses a limit that is not a positive integer. */
export function sqlLimits(overrides: Partial<SqlLimits> = {}): SqlLimits {
  const limits = { ...DEFAULT_SQL_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1)
      throw new RangeError(`SQL limit ${name} must be a positive integer, got ${value}`);
  }
  return limits;
}
