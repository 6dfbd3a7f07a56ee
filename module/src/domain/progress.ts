import { ACHIEVEMENTS, type LearnerStanding } from '../achievements.js';
import { advanceStreak, localDay } from '@lta/labs';
import { learnerKey, privateOf, type Ctx, type Learner, type LearnerPrivate } from './context.js';
import { curriculumModules } from './catalog.js';

/** Append to the learner's private activity log. */
export function logActivity(ctx: Ctx, learner: Learner, kind: string, detail: string): void {
  ctx.db.activity.insert({ id: 0n, learner: learner.identity, kind, detail, at: ctx.timestamp });
}

/**
 * Count verified activity now towards the learner's streak, in their own time zone. Returns the updated rows
 * (unchanged when they were already active today).
 */
export function keepStreak(ctx: Ctx, learner: Learner, mine: LearnerPrivate): [Learner, LearnerPrivate] {
  const today = localDay(mine.time_zone, ctx.timestamp.microsSinceUnixEpoch);
  const before = {
    lastActiveDay: mine.last_active_day,
    current: learner.current_streak,
    longest: learner.longest_streak,
  };
  const after = advanceStreak(before, today);
  if (after === before) return [learner, mine];
  const updatedPrivate = ctx.db.learner_private.identity.update({ ...mine, last_active_day: after.lastActiveDay });
  const updated = ctx.db.learner.identity.update({
    ...learner,
    current_streak: after.current,
    longest_streak: after.longest,
  });
  if (after.current > 1) logActivity(ctx, updated, 'streak', `${after.current} days in a row`);
  return [updated, updatedPrivate];
}

/**
 * Award every achievement the learner now meets and does not have yet, in the caller's transaction, so a
 * rolled-back reducer never leaves a badge behind.
 */
export function awardAchievements(
  ctx: Ctx,
  learner: Learner,
  mine: LearnerPrivate = privateOf(ctx, learner.identity),
): void {
  const standing: LearnerStanding = {
    labsCompleted: learner.labs_completed,
    modulesCompleted: mine.modules_completed,
    currentStreak: learner.current_streak,
    labsWithoutHints: mine.labs_without_hints,
    messagesSent: mine.messages_sent,
    level: learner.level,
    labsPublished: mine.labs_published,
    curriculumComplete: mine.modules_completed >= curriculumModules().length,
  };
  for (const achievement of ACHIEVEMENTS) {
    if (!achievement.earned(standing)) continue;
    const key = learnerKey(learner.identity, achievement.id);
    if (ctx.db.achievement_award.key.find(key)) continue;
    ctx.db.achievement_award.insert({
      key,
      learner: learner.identity,
      achievement_id: achievement.id,
      awarded_at: ctx.timestamp,
    });
    logActivity(ctx, learner, 'achievement', achievement.title);
  }
}
