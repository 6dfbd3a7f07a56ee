import type { Identity, Timestamp } from 'spacetimedb';
import { admitMessage } from '../rules/rate-limit.js';
import { hasRole } from '@lta/labs';
import { EVERYONE, spend } from './allowance.js';
import { accept, privateOf, refuseCall, type Ctx, type Learner } from './context.js';
import { awardAchievements } from './progress.js';

/** Refuse chat to banned and muted learners, saying for how long. */
export function requireMayChat(ctx: Ctx, me: Learner): void {
  const sanction = ctx.db.sanction.learner.find(me.identity);
  if (!sanction) return;
  if (sanction.banned) refuseCall(`You are banned from chat: ${sanction.reason}`);
  const until = sanction.muted_until?.microsSinceUnixEpoch ?? 0n;
  const now = ctx.timestamp.microsSinceUnixEpoch;
  if (until > now)
    refuseCall(`You are muted for ${Math.ceil(Number(until - now) / 60e6)} more min: ${sanction.reason}`);
}

/**
 * Everything sending a message costs: the sanction check, the rate limit (its state kept privately per learner),
 * the allowance all newcomers share (learners who have completed no lab yet: fresh identities cost nothing to make,
 * so together they get what a few learners would), and the count that earns the first-message achievement.
 */
export function chargeMessage(ctx: Ctx, me: Learner): void {
  requireMayChat(ctx, me);
  if (me.labs_completed === 0 && !hasRole(me.role, 'author')) spend(ctx, 'newcomer_chat', 1, EVERYONE);
  const rate = ctx.db.chat_rate.learner.find(me.identity);
  const recent = accept(admitMessage(rate?.recent ?? [], ctx.timestamp.microsSinceUnixEpoch));
  if (rate) ctx.db.chat_rate.learner.update({ learner: me.identity, recent });
  else ctx.db.chat_rate.insert({ learner: me.identity, recent });
  const mine = privateOf(ctx, me.identity);
  const updated = ctx.db.learner_private.identity.update({ ...mine, messages_sent: mine.messages_sent + 1 });
  awardAchievements(ctx, me, updated);
}

/** The fields edit and delete need, shared by channel and direct messages. */
interface MessageRow {
  sender: Identity;
  text: string;
  edited_at: Timestamp | undefined;
  deleted: boolean;
}

/** The fields every new message starts with, sent by the caller now. */
export function newMessage(ctx: Ctx, text: string) {
  return { id: 0n, sender: ctx.sender, text, sent_at: ctx.timestamp, edited_at: undefined, deleted: false };
}

/** The message with new text, if the caller wrote it and it still exists. */
export function editedMessage<M extends MessageRow>(ctx: Ctx, message: M | null, text: string): M {
  // One answer for "not there" and "not yours", so probing ids reveals nothing about others' direct messages.
  if (!message || !message.sender.isEqual(ctx.sender)) refuseCall('You can only edit your own messages');
  if (message.deleted) refuseCall('That message was deleted');
  return { ...message, text, edited_at: ctx.timestamp };
}

/**
 * The message soft-deleted (kept as a tombstone with no text, so replies keep their place), if the caller wrote
 * it or `mayModerate` (a moderator in a public channel, an instructor in their class).
 */
export function deletedMessage<M extends MessageRow>(ctx: Ctx, message: M | null, mayModerate: boolean): M {
  if (!message || (!message.sender.isEqual(ctx.sender) && !mayModerate))
    refuseCall('You can only delete your own messages');
  if (message.deleted) refuseCall('That message was already deleted');
  return { ...message, text: '', deleted: true };
}
