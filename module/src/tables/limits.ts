import { table, t } from 'spacetimedb/server';

/**
 * What is left of each write allowance (a token bucket per learner and action, or shared by everyone for the
 * newcomers' chat allowance). Private: a learner learns their wait from the refusal.
 */
export const write_allowance = table(
  { name: 'write_allowance' },
  {
    /** `<identity hex>/<action>`, or `everyone/<action>` for shared allowances. */
    key: t.string().primaryKey(),
    tokens: t.f64(),
    /** When `tokens` was last computed. */
    at: t.timestamp(),
  },
);

/** Academy-wide settings an admin changes with `set_academy_setting` (see `rules/settings.ts`). */
export const academy_setting = table(
  { name: 'academy_setting' },
  {
    name: t.string().primaryKey(),
    value: t.string(),
  },
);
