import type { XpCountRow } from '../../connection/academy-schema.js';

/**
 * Ranks on one board from its per-XP learner counts: a learner's rank is 1 + the number of learners with more
 * XP (ties share a rank). Built once per change of the counts, in O(d log d) for d distinct XP values, however
 * many learners there are.
 */
export class Ranking {
  /** Distinct XP values, highest first, with how many learners have more. */
  readonly #above = new Map<bigint, number>();
  readonly #levels: { xp: bigint; value: number; learners: number }[];

  constructor(readonly source: readonly XpCountRow[]) {
    const counts = source;
    // XP stays far below 2^53, so numbers sort faster than bigints and lose nothing.
    this.#levels = counts
      .map((row) => ({ xp: row.xp, value: Number(row.xp), learners: Number(row.learners) }))
      .sort((a, b) => b.value - a.value);
    let above = 0;
    for (const level of this.#levels) {
      this.#above.set(level.xp, above);
      above += level.learners;
    }
  }

  /** The rank of a learner with `xp`, or undefined when the counts do not know that XP (yet). */
  rankOf(xp: bigint): number | undefined {
    const above = this.#above.get(xp);
    return above === undefined ? undefined : above + 1;
  }

  /**
   * The lowest XP a learner needs to be among the first `limit`: subscribing to learners at or above it brings
   * the top `limit` (and anyone tied with the last). Undefined when the board is empty.
   */
  thresholdFor(limit: number): bigint | undefined {
    let seen = 0;
    for (const level of this.#levels) {
      seen += level.learners;
      if (seen >= limit) return level.xp;
    }
    return this.#levels.at(-1)?.xp;
  }

  /** How many learners have at least `xp`. */
  countAtOrAbove(xp: bigint): number {
    let count = 0;
    for (const level of this.#levels) {
      if (level.xp < xp) break;
      count += level.learners;
    }
    return count;
  }
}
