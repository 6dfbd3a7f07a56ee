import { t } from 'spacetimedb/server';
import { chargeMessage, deletedMessage, editedMessage, newMessage, requireMayChat } from '../domain/chat.js';
import { spend } from '../domain/allowance.js';
import { noteAuthor } from '../domain/names.js';
import { notePage } from '../domain/chat-pages.js';
import { accept, learnerKey, learnerNamed, refuseCall, requireLearner } from '../domain/context.js';
import { checkMessageText, parseChannel } from '../rules/chat.js';
import { hasRole } from '@lta/labs';
import { spacetimedb } from '../schema.js';

/** Post to `global` or to a lab's channel `lab:<lab id>`. */
export const send_message = spacetimedb.reducer({ channel: t.string(), text: t.string() }, (ctx, { channel, text }) => {
  const me = requireLearner(ctx);
  const target = accept(parseChannel(channel));
  if (target.labId !== null && !ctx.db.lab.id.find(target.labId)) refuseCall(`There is no lab "${target.labId}"`);
  const body = accept(checkMessageText(text));
  chargeMessage(ctx, me);
  const message = ctx.db.channel_message.insert({ ...newMessage(ctx, body), channel: target.channel });
  notePage(ctx, target.channel, message.id);
  noteAuthor(ctx, ctx.sender, target.channel);
});

/** Send a direct message; only the two participants can ever read it. */
export const send_direct_message = spacetimedb.reducer(
  { to_username: t.string(), text: t.string() },
  (ctx, { to_username, text }) => {
    const me = requireLearner(ctx);
    const recipient = learnerNamed(ctx, to_username);
    if (recipient.identity.isEqual(ctx.sender)) refuseCall('You cannot send a direct message to yourself');
    if (ctx.db.block.key.find(learnerKey(recipient.identity, ctx.sender.toHexString()))) {
      refuseCall(`${recipient.username} does not accept direct messages from you`);
    }
    if (ctx.db.block.key.find(learnerKey(ctx.sender, recipient.identity.toHexString()))) {
      refuseCall(`You blocked ${recipient.username}: unblock them to send a message`);
    }
    const body = accept(checkMessageText(text));
    chargeMessage(ctx, me);
    ctx.db.direct_message.insert({ ...newMessage(ctx, body), recipient: recipient.identity });
  },
);

/** Edit one of the caller's own channel messages. */
export const edit_message = spacetimedb.reducer(
  { message_id: t.u64(), text: t.string() },
  (ctx, { message_id, text }) => {
    requireMayChat(ctx, requireLearner(ctx));
    const body = accept(checkMessageText(text));
    spend(ctx, 'edit');
    ctx.db.channel_message.id.update(editedMessage(ctx, ctx.db.channel_message.id.find(message_id), body));
  },
);

/** Delete a channel message: one's own, or any as a moderator. The row stays as an empty tombstone. */
export const delete_message = spacetimedb.reducer({ message_id: t.u64() }, (ctx, { message_id }) => {
  const me = requireLearner(ctx);
  spend(ctx, 'delete');
  const message = ctx.db.channel_message.id.find(message_id);
  ctx.db.channel_message.id.update(deletedMessage(ctx, message, hasRole(me.role, 'moderator')));
});

/** Edit one of the caller's own direct messages. */
export const edit_direct_message = spacetimedb.reducer(
  { message_id: t.u64(), text: t.string() },
  (ctx, { message_id, text }) => {
    requireMayChat(ctx, requireLearner(ctx));
    const body = accept(checkMessageText(text));
    spend(ctx, 'edit');
    ctx.db.direct_message.id.update(editedMessage(ctx, ctx.db.direct_message.id.find(message_id), body));
  },
);

/** Delete one of the caller's own direct messages (moderators act on reports, not on private conversations). */
export const delete_direct_message = spacetimedb.reducer({ message_id: t.u64() }, (ctx, { message_id }) => {
  requireLearner(ctx);
  spend(ctx, 'delete');
  ctx.db.direct_message.id.update(deletedMessage(ctx, ctx.db.direct_message.id.find(message_id), false));
});

/** Refuse direct messages from a learner. */
export const block_learner = spacetimedb.reducer({ username: t.string() }, (ctx, { username }) => {
  requireLearner(ctx);
  const other = learnerNamed(ctx, username);
  if (other.identity.isEqual(ctx.sender)) refuseCall('You cannot block yourself');
  const key = learnerKey(ctx.sender, other.identity.toHexString());
  if (ctx.db.block.key.find(key)) refuseCall(`You already blocked ${other.username}`);
  spend(ctx, 'block');
  ctx.db.block.insert({ key, blocker: ctx.sender, blocked: other.identity });
});

/** Accept direct messages from a learner again. */
export const unblock_learner = spacetimedb.reducer({ username: t.string() }, (ctx, { username }) => {
  requireLearner(ctx);
  const other = learnerNamed(ctx, username);
  if (!ctx.db.block.key.delete(learnerKey(ctx.sender, other.identity.toHexString()))) {
    refuseCall(`You have not blocked ${other.username}`);
  }
  spend(ctx, 'block');
});
