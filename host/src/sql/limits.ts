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
