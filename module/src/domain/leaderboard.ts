import { levelForXp, weekNumber } from '@lta/labs';
import { ALL_TIME_BOARD } from '../tables/leaderboard.js';
import type { Ctx, Learner } from './context.js';

/** Move one learner from `from` XP (none: new on this board) to `to` XP on a board: at most two rows change. */
function moveCount(ctx: Ctx, board: number, from: bigint | undefined, to: bigint): void {
  if (from !== undefined) {
    const key = `${board}/${from}`;
    const old = ctx.db.xp_count.key.find(key);
    if (old && old.learners > 1n) ctx.db.xp_count.key.update({ ...old, learners: old.learners - 1n });
    else if (old) ctx.db.xp_count.key.delete(key);
  }
  const key = `${board}/${to}`;
  const next = ctx.db.xp_count.key.find(key);
  if (next) ctx.db.xp_count.key.update({ ...next, learners: next.learners + 1n });
  else ctx.db.xp_count.insert({ key, board, xp: to, learners: 1n });
}

/** Count a newly registered learner at 0 XP on the all-time board. */
export function enterLeaderboard(ctx: Ctx): void {
  moveCount(ctx, ALL_TIME_BOARD, undefined, 0n);
}

/**
 * Add XP to a learner: their row and level, their weekly score, and the count rows of both boards. O(1) rows and
 * O(log n) index work whatever the number of learners. Returns the updated row.
 */
export function awardXp(ctx: Ctx, learner: Learner, amount: number): Learner {
  const xp = learner.xp + BigInt(amount);
  const updated = ctx.db.learner.identity.update({ ...learner, xp, level: levelForXp(Number(xp)) });
  moveCount(ctx, ALL_TIME_BOARD, learner.xp, xp);
  const week = weekNumber(ctx.timestamp.microsSinceUnixEpoch);
  const key = `${week}/${learner.identity.toHexString()}`;
  const score = ctx.db.weekly_score.key.find(key);
  const weekly = (score?.xp ?? 0n) + BigInt(amount);
  if (score) ctx.db.weekly_score.key.update({ ...score, xp: weekly });
  else ctx.db.weekly_score.insert({ key, week, learner: learner.identity, xp: weekly });
  moveCount(ctx, week, score?.xp, weekly);
  return updated;
}
