import { table, t } from 'spacetimedb/server';

/**
 * A class: an LMS course context (id `lti:…`, from a launch token) or a class the owner opened with an invite code
 * (id `code:…`). Private: learners read their own classes through `my_cohorts`.
 */
export const cohort = table(
  { name: 'cohort' },
  {
    id: t.string().primaryKey(),
    title: t.string(),
    /** `lti` (created by the first launch) or `invite` (created by the owner with `create_cohort`). */
    source: t.string(),
    created_at: t.timestamp(),
  },
);

/** Who belongs to a class, and as what: `learner` or `instructor`. */
export const cohort_member = table(
  { name: 'cohort_member' },
  {
    /** `<cohort id>/<identity hex>`. */
    key: t.string().primaryKey(),
    cohort: t.string().index('btree'),
    learner: t.identity().index('btree'),
    role: t.string(),
    /** The name the LMS sent (may be empty): shown to instructors until the learner registers a username. */
    lms_name: t.string(),
    joined_at: t.timestamp(),
  },
);

/** Invite codes of classes opened without an LMS. Private: a code is the only key to its class. */
export const cohort_invite = table(
  { name: 'cohort_invite' },
  {
    code: t.string().primaryKey(),
    cohort: t.string().unique(),
  },
);

/** A class's chat: private to its members (`my_cohort_messages`). Deletes are soft, as in `channel_message`. */
export const cohort_message = table(
  { name: 'cohort_message' },
  {
    id: t.u64().primaryKey().autoInc(),
    cohort: t.string().index('btree'),
    sender: t.identity().index('btree'),
    text: t.string(),
    sent_at: t.timestamp(),
    edited_at: t.option(t.timestamp()),
    deleted: t.bool(),
  },
);

/** An instructor's mute of a learner in one class's chat (the academy-wide `sanction` is the moderators'). */
export const cohort_mute = table(
  { name: 'cohort_mute' },
  {
    /** `<cohort id>/<identity hex>`. */
    key: t.string().primaryKey(),
    muted_until: t.timestamp(),
    reason: t.string(),
    by: t.identity(),
  },
);

/**
 * The outcome of the caller's last invite-code try. A wrong code is answered here instead of by a refusal: a
 * refusal rolls the transaction back, so it could not be counted against the guesser's allowance.
 */
export const cohort_code_try = table(
  { name: 'cohort_code_try' },
  {
    learner: t.identity().primaryKey(),
    at: t.timestamp(),
    /** Empty when the code was right; otherwise what to tell the learner. */
    problem: t.string(),
  },
);
