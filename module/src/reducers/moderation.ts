import { t } from 'spacetimedb/server';
import { Timestamp } from 'spacetimedb';
import { spend } from '../domain/allowance.js';
import {
  accept,
  learnerNamed,
  refuseCall,
  requireLearner,
  requireRole,
  type Ctx,
  type Learner,
} from '../domain/context.js';
import { checkReason, MUTE_MAX_MINUTES } from '../rules/chat.js';
import { ROLES } from '@lta/labs';
import { spacetimedb } from '../schema.js';

/**
 * Report a message with a reason into the moderators' queue. A direct message can be reported only by its
 * recipient; anyone else is told it does not exist, so reports reveal nothing about others' conversations.
 */
export const report_message = spacetimedb.reducer(
  { message_id: t.u64(), direct: t.bool(), reason: t.string() },
  (ctx, { message_id, direct, reason }) => {
    requireLearner(ctx);
    const why = accept(checkReason(reason));
    const message = direct ? ctx.db.direct_message.id.find(message_id) : ctx.db.channel_message.id.find(message_id);
    const visible = message && (!direct || ('recipient' in message && message.recipient.isEqual(ctx.sender)));
    if (!message || !visible) refuseCall('That message does not exist');
    if (message.sender.isEqual(ctx.sender)) refuseCall('You cannot report your own message');
    for (const earlier of ctx.db.report.reporter.filter(ctx.sender)) {
      if (earlier.message_id === message_id && earlier.direct === direct)
        refuseCall('You already reported this message');
    }
    spend(ctx, 'report');
    ctx.db.report.insert({
      id: 0n,
      reporter: ctx.sender,
      message_id,
      direct,
      author: message.sender,
      text: message.text,
      reason: why,
      created_at: ctx.timestamp,
      open: true,
      resolved_by: undefined,
    });
  },
);

/** Close a report from the queue. */
export const resolve_report = spacetimedb.reducer({ report_id: t.u64() }, (ctx, { report_id }) => {
  requireRole(ctx, 'moderator', 'resolve reports');
  const row = ctx.db.report.id.find(report_id) ?? refuseCall('That report does not exist');
  if (!row.open) refuseCall('That report is already resolved');
  ctx.db.report.id.update({ ...row, open: false, resolved_by: ctx.sender });
});

/** The learner a moderator acts on, if the moderator outranks them. */
function sanctionTarget(ctx: Ctx, username: string, doing: string): { me: Learner; target: Learner } {
  const me = requireRole(ctx, 'moderator', doing);
  const target = learnerNamed(ctx, username);
  if (ROLES.indexOf(target.role as (typeof ROLES)[number]) >= ROLES.indexOf(me.role as (typeof ROLES)[number])) {
    refuseCall(`You cannot ${doing} ${target.username}: their role is not below yours`);
  }
  return { me, target };
}

function setSanction(ctx: Ctx, target: Learner, mutedUntil: Timestamp | undefined, banned: boolean, reason: string) {
  const row = { learner: target.identity, muted_until: mutedUntil, banned, reason, by: ctx.sender, at: ctx.timestamp };
  if (ctx.db.sanction.learner.find(target.identity)) ctx.db.sanction.learner.update(row);
  else ctx.db.sanction.insert(row);
}

/** Keep a learner out of chat for 1 minute to a week. */
export const mute_learner = spacetimedb.reducer(
  { username: t.string(), minutes: t.u32(), reason: t.string() },
  (ctx, { username, minutes, reason }) => {
    const { target } = sanctionTarget(ctx, username, 'mute');
    if (minutes < 1 || minutes > MUTE_MAX_MINUTES) refuseCall(`Mute for 1 to ${MUTE_MAX_MINUTES} minutes`);
    const until = new Timestamp(ctx.timestamp.microsSinceUnixEpoch + BigInt(minutes) * 60_000_000n);
    setSanction(ctx, target, until, false, accept(checkReason(reason)));
  },
);

/** Keep a learner out of chat until lifted. */
export const ban_learner = spacetimedb.reducer(
  { username: t.string(), reason: t.string() },
  (ctx, { username, reason }) => {
    const { target } = sanctionTarget(ctx, username, 'ban');
    setSanction(ctx, target, undefined, true, accept(checkReason(reason)));
  },
);

/** Lift a mute or ban. */
export const lift_sanction = spacetimedb.reducer({ username: t.string() }, (ctx, { username }) => {
  const { target } = sanctionTarget(ctx, username, 'lift sanctions on');
  if (!ctx.db.sanction.learner.delete(target.identity)) refuseCall(`${target.username} is neither muted nor banned`);
});
