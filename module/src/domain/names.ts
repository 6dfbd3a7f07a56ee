import type { Identity } from 'spacetimedb';
import { nameSkeleton } from '../rules/look-alike.js';
import { learnerKey, refuseCall, type Ctx, type Learner } from './context.js';

/** True when another learner's username or display name has this skeleton. */
function takenByAnother(ctx: Ctx, identity: Identity, skeleton: string): boolean {
  const byUsername = ctx.db.learner_private.username_skeleton.find(skeleton);
  const byDisplayName = ctx.db.display_name_claim.skeleton.find(skeleton);
  return [byUsername, byDisplayName].some((holder) => holder && !holder.identity.isEqual(identity));
}

/** Refuse a username that reads as another learner's display name (usernames are checked among themselves on insert). */
export function requireUsernameFree(ctx: Ctx, identity: Identity, skeleton: string): void {
  if (takenByAnother(ctx, identity, skeleton))
    refuseCall("That username looks too much like another learner's name: choose another");
}

/** Make `displayName` the learner's, refusing one that reads as another learner's username or display name. */
export function claimDisplayName(ctx: Ctx, identity: Identity, displayName: string): void {
  const skeleton = nameSkeleton(displayName);
  if (takenByAnother(ctx, identity, skeleton)) {
    refuseCall(`"${displayName}" looks too much like another learner's name: choose another display name`);
  }
  const held = ctx.db.display_name_claim.identity.find(identity);
  if (held?.skeleton === skeleton) return;
  if (held) ctx.db.display_name_claim.skeleton.delete(held.skeleton);
  ctx.db.display_name_claim.insert({ skeleton, identity });
}

/** Keep `learner_name` in step with a learner's row: call after every insert or update of `learner`. */
export function publishName(ctx: Ctx, learner: Learner): void {
  const name = {
    identity: learner.identity,
    username: learner.username,
    display_name: learner.display_name,
    role: learner.role,
  };
  const shown = ctx.db.learner_name.identity.find(learner.identity);
  if (!shown) ctx.db.learner_name.insert(name);
  else if (shown.username !== name.username || shown.display_name !== name.display_name || shown.role !== name.role) {
    ctx.db.learner_name.identity.update(name);
  }
}

/** Record that a learner wrote in a channel (once per learner and channel). */
export function noteAuthor(ctx: Ctx, learner: Identity, channel: string): void {
  const key = learnerKey(learner, channel);
  if (!ctx.db.chat_author.key.find(key)) ctx.db.chat_author.insert({ key, channel, learner });
}

/**
 * A database made before `learner_name` and `chat_author` existed has learners but no names there: fill both
 * once, at the first connection after the update (SpacetimeDB runs no `init` on an update).
 */
export function fillNamesIfMissing(ctx: Ctx): void {
  if (ctx.db.learner_name.count() > 0n || ctx.db.learner.count() === 0n) return;
  for (const learner of ctx.db.learner.iter()) publishName(ctx, learner);
  for (const message of ctx.db.channel_message.iter()) noteAuthor(ctx, message.sender, message.channel);
}
