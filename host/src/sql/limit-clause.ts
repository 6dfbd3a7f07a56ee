import { SqlError } from './parser.js';

/** A `/sql` statement with its trailing `LIMIT n` taken off; `limit` is null when there was none. */
export interface LimitedStatement {
  readonly query: string;
  readonly limit: number | null;
}

// A trailing `LIMIT <word>`; a quote in the word means it sits inside a string literal, not a clause.
const TRAILING_LIMIT = /\slimit\s+([^\s']+)$/i;

/**
 * Takes a trailing `LIMIT n` off a `/sql` statement, as SpacetimeDB's SQL grammar allows (subscriptions do not, so
 * the rest still goes through the strict subscription compiler). A limit that is not a whole number is refused.
 */
export function takeLimit(sql: string): LimitedStatement {
  const match = TRAILING_LIMIT.exec(sql.trimEnd());
  if (!match) return { query: sql, limit: null };
  const text = match[1]!;
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new SqlError(`LIMIT must be a whole number of rows, not ${text}`);
  }
  return { query: sql.trimEnd().slice(0, match.index), limit: Number(text) };
}
