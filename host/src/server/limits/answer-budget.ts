/**
 * Counts the bytes of rows going into one answer (a subscription's initial rows, a one-off query's result) while
 * it is built, and stops it as soon as it passes the host's limit: the client gets a clear error instead of the host
 * building (and buffering) an answer of hundreds of megabytes.
 */

/** An answer passed `maxAnswerBytes`; nothing of it is sent or kept. */
export class AnswerTooLargeError extends Error {
  override name = 'AnswerTooLargeError';
}

/** Refuses a Subscribe naming more queries than the host allows. */
export class TooManyQueriesError extends Error {
  override name = 'TooManyQueriesError';
}

export class AnswerBudget {
  #bytes = 0;

  constructor(readonly limit: number) {}

  /** Adds one query's rows; throws AnswerTooLargeError once the answer is over the limit. */
  count(rows: readonly Uint8Array[], sql: string): void {
    for (const row of rows) this.#bytes += row.length;
    if (this.#bytes > this.limit) {
      throw new AnswerTooLargeError(
        `the answer is over the host's limit of ${formatBytes(this.limit)} (maxAnswerBytes): ask for fewer rows, ` +
          `e.g. with a WHERE clause, or fewer queries, executing: \`${sql}\``,
      );
    }
  }
}

/** Throws TooManyQueriesError when one Subscribe names more than `limit` queries. */
export function checkQueryCount(queries: readonly string[], limit: number): void {
  if (queries.length > limit) {
    throw new TooManyQueriesError(
      `a subscription may name at most ${limit} queries (maxQueriesPerSubscription), this one names ${queries.length}`,
    );
  }
}

/** 16777216 -> "16 MiB", 1500 -> "1500 bytes". */
export function formatBytes(bytes: number): string {
  const MiB = 1024 * 1024;
  if (bytes >= MiB && bytes % MiB === 0) return `${bytes / MiB} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
