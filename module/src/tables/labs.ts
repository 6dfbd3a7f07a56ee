import { table, t } from 'spacetimedb/server';

/**
 * The lab catalog every client reads: built-in labs mirrored from the bundled curriculum, and labs published by
 * authors. `definition` is the lab as JSON without its reference solution.
 */
export const lab = table(
  { name: 'lab', public: true },
  {
    id: t.string().primaryKey(),
    module_id: t.string().index('btree'),
    title: t.string(),
    xp: t.u32(),
    difficulty: t.string(),
    /** Order inside its module. */
    position: t.u32(),
    /** `builtin` or `author`. */
    source: t.string(),
    author: t.option(t.identity()),
    definition: t.string(),
    updated_at: t.timestamp(),
  },
);

/** The curriculum's modules in order, so clients can show what is locked. */
export const course_module = table(
  { name: 'course_module', public: true },
  {
    id: t.string().primaryKey(),
    title: t.string(),
    summary: t.string(),
    position: t.u32(),
    lab_count: t.u32(),
  },
);

/** A learner's saved work on one lab (private: shown to its owner by the `my_lab_sessions` view). */
export const lab_session = table(
  { name: 'lab_session' },
  {
    /** `<identity hex>/<lab id>`. */
    key: t.string().primaryKey(),
    learner: t.identity().index('btree'),
    lab_id: t.string(),
    /** The saved lab state (`labs/src/saved-state.ts`: changes to the lab's files, deflated when large), at most 256 KiB; empty until first saved. */
    snapshot: t.string(),
    /** Steps passing in the saved snapshot: an increase is verified activity for the streak. */
    steps_passed: t.u32(),
    started_at: t.timestamp(),
    updated_at: t.timestamp(),
  },
);

/** One row per lab a learner completed: XP is awarded exactly when this row is inserted. */
export const lab_completion = table(
  { name: 'lab_completion' },
  {
    /** `<identity hex>/<lab id>`: makes a second completion impossible. */
    key: t.string().primaryKey(),
    learner: t.identity().index('btree'),
    lab_id: t.string(),
    module_id: t.string(),
    xp_awarded: t.u32(),
    hints_used: t.u32(),
    completed_at: t.timestamp(),
  },
);

/** Authors' labs as published, reference solution included (private: `lab.definition` omits the solution). */
export const lab_source = table(
  { name: 'lab_source' },
  {
    id: t.string().primaryKey(),
    definition: t.string(),
  },
);

/**
 * Hints a learner opened per lab. Kept apart from `lab_session` so deleting or resetting a lab cannot wipe the
 * record that decides "without hints" achievements.
 */
export const hint_use = table(
  { name: 'hint_use' },
  {
    /** `<identity hex>/<lab id>`. */
    key: t.string().primaryKey(),
    learner: t.identity().index('btree'),
    lab_id: t.string(),
    hints: t.u32(),
  },
);

/** Authors' labs an admin approved: only these pay XP. Republishing a lab withdraws its approval. */
export const lab_approval = table(
  { name: 'lab_approval', public: true },
  {
    lab_id: t.string().primaryKey(),
    by: t.identity(),
    at: t.timestamp(),
  },
);

/** XP a learner earned from one author's labs, bounded by `AUTHOR_XP_PER_LEARNER_MAX` (`domain/author-xp.ts`). */
export const author_xp = table(
  { name: 'author_xp' },
  {
    /** `<learner hex>/<author hex>`. */
    key: t.string().primaryKey(),
    xp: t.u32(),
  },
);
