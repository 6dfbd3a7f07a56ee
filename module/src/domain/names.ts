import type { Identity } from 'spacetimedb';
import { nameSkeleton } from '../rules/look-alike.js';
import { refuseCall, type Ctx } from './context.js';

/** True when another learner's username or display name has this skeleton. */
function takenByAnother(ctx: Ctx, identity: Identity, skeleton: string): boolean {
  const byUsername = ctx.db.learner_private.username_skeleton.find(skeleton);
  const byDisplayName = ctx.db.display_name_claim.skeleton.find(skeleton);
  return [byUsername, byDisplayName].some(holder => holder && !holder.identity.isEqual(identity));
}

/** Refuse a username that reads as another learner's display name (usernames are checked among themselves on insert). */
export function requireUsernameFree(ctx: Ctx, identity: Identity, skeleton: string): void {
  if (takenByAnother(ctx, identity, skeleton)) refuseCall("That username looks too much like another learner's name: choose another");
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
