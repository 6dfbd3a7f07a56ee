import { table, t } from 'spacetimedb/server';

/** `board` value of the all-time leaderboard; weekly boards use their week number (always > 0). */
export const ALL_TIME_BOARD = 0;

/**
 * How many learners have exactly `xp` on a board (the all-time board, or one week's). A learner's rank is 1 + the
 * sum of `learners` over the board's rows with more XP, and the top N are the learners at or above the XP where
 * that sum reaches N; so an XP change rewrites two rows here instead of every rank below the learner.
 */
export const xp_count = table(
  { name: 'xp_count', public: true },
  {
    /** `<board>/<xp>`. */
    key: t.string().primaryKey(),
    board: t.u32().index('btree'),
    xp: t.u64(),
    learners: t.u64(),
  },
);

/** XP earned in one UTC week (Monday to Sunday) per learner; all-time XP is `learner.xp`. */
export const weekly_score = table(
  { name: 'weekly_score', public: true },
  {
    /** `<week>/<identity hex>`. */
    key: t.string().primaryKey(),
    /** Weeks since Monday 1970-01-05 = 1 (see `rules/calendar.ts`). */
    week: t.u32().index('btree'),
    learner: t.identity(),
    xp: t.u64(),
  },
);
