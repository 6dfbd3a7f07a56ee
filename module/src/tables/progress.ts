import { table, t } from 'spacetimedb/server';

/** The achievement catalog, mirrored from `achievements.ts` so clients can show titles. */
export const achievement = table(
  { name: 'achievement', public: true },
  {
    id: t.string().primaryKey(),
    title: t.string(),
    description: t.string(),
    position: t.u32(),
  },
);

/** Badges are meant to be shown off, so awards are public. One row per learner and achievement. */
export const achievement_award = table(
  { name: 'achievement_award', public: true },
  {
    /** `<identity hex>/<achievement id>`: an achievement is awarded once. */
    key: t.string().primaryKey(),
    learner: t.identity().index('btree'),
    achievement_id: t.string(),
    awarded_at: t.timestamp(),
  },
);

/** A learner's activity log (private; `my_activity` view). */
export const activity = table(
  { name: 'activity' },
  {
    id: t.u64().primaryKey().autoInc(),
    learner: t.identity().index('btree'),
    /** `lab_started`, `lab_completed`, `achievement`, `streak`... */
    kind: t.string(),
    detail: t.string(),
    at: t.timestamp(),
  },
);
