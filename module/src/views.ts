import { t } from 'spacetimedb/server';
import { onlineCount, onlineWindow, ONLINE_WINDOW_ROW } from './domain/presence.js';
import { hasRole } from '@lta/labs';
import { spacetimedb } from './schema.js';
import { learner_private } from './tables/account.js';
import { block, direct_message, report, sanction } from './tables/chat.js';
import { activity } from './tables/progress.js';
import { hint_use, lab_completion, lab_session } from './tables/labs.js';

/*
 * Views: the only way a client reads private tables, each evaluated for the subscriber (`ctx.sender`) and
 * reading through indexes, so a learner gets their own rows and nobody else's.
 */

/** The caller's private settings (time zone, counters). */
export const my_settings = spacetimedb.view({ public: true }, t.array(learner_private.rowType), (ctx) => {
  const row = ctx.db.learner_private.identity.find(ctx.sender);
  return row ? [row] : [];
});

/** The caller's saved lab sessions, to resume on any device. */
export const my_lab_sessions = spacetimedb.view({ public: true }, t.array(lab_session.rowType), (ctx) => [
  ...ctx.db.lab_session.learner.filter(ctx.sender),
]);

/** The labs the caller completed. */
export const my_completions = spacetimedb.view({ public: true }, t.array(lab_completion.rowType), (ctx) => [
  ...ctx.db.lab_completion.learner.filter(ctx.sender),
]);

/** Hints the caller opened, per lab. */
export const my_hint_uses = spacetimedb.view({ public: true }, t.array(hint_use.rowType), (ctx) => [
  ...ctx.db.hint_use.learner.filter(ctx.sender),
]);

/** The caller's activity log. */
export const my_activity = spacetimedb.view({ public: true }, t.array(activity.rowType), (ctx) => [
  ...ctx.db.activity.learner.filter(ctx.sender),
]);

/** Direct messages the caller sent or received. */
export const my_direct_messages = spacetimedb.view({ public: true }, t.array(direct_message.rowType), (ctx) => [
  ...ctx.db.direct_message.sender.filter(ctx.sender),
  ...ctx.db.direct_message.recipient.filter(ctx.sender),
]);

/** Learners the caller blocked. */
export const my_blocks = spacetimedb.view({ public: true }, t.array(block.rowType), (ctx) => [
  ...ctx.db.block.blocker.filter(ctx.sender),
]);

/** The caller's own mute or ban, so the chat can say why it is closed. */
export const my_sanction = spacetimedb.view({ public: true }, t.array(sanction.rowType), (ctx) => {
  const row = ctx.db.sanction.learner.find(ctx.sender);
  return row ? [row] : [];
});

/** Open reports, for moderators and above; empty for everyone else. */
export const moderation_queue = spacetimedb.view({ public: true }, t.array(report.rowType), (ctx) => {
  const me = ctx.db.learner.identity.find(ctx.sender);
  return me && hasRole(me.role, 'moderator') ? [...ctx.db.report.open.filter(true)] : [];
});

/**
 * How many learners are online: one row for everyone, so the count needs no presence row per learner. Reads only
 * `presence_tally`, so it is re-run only when someone comes or goes.
 */
export const online_count = spacetimedb.anonymousView(
  { public: true },
  t.array(t.object('PresenceCount', { learners: t.u32() })),
  (ctx) => [{ learners: onlineCount(ctx) }],
);

/**
 * The first online learners by username (at most `ONLINE_WINDOW`), with their name, idle flag and lab: what the
 * presence list shows. A classmate after them changing lab or going idle neither re-runs it nor sends anything.
 */
export const online_learners = spacetimedb.anonymousView({ public: true }, t.array(ONLINE_WINDOW_ROW), (ctx) =>
  onlineWindow(ctx),
);
