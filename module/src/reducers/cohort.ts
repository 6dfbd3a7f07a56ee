import { t } from 'spacetimedb/server';
import { Timestamp } from 'spacetimedb';
import { spend } from '../domain/allowance.js';
import { chargeMessage, deletedMessage, editedMessage, newMessage, requireMayChat } from '../domain/chat.js';
import { enrol, memberKey, requireInstructor, requireMember } from '../domain/cohort.js';
import { accept, learnerNamed, refuseCall, requireLearner, requireRole, type Ctx } from '../domain/context.js';
import { checkMessageText, checkReason, MUTE_MAX_MINUTES } from '../rules/chat.js';
import { checkCohortTitle, inviteCode, normalizeInviteCode, readLaunchClaims } from '../rules/cohort.js';
import { hasRole } from '@lta/labs';
import { spacetimedb } from '../schema.js';

/**
 * Join the class named by the caller's sign-in token (an LTI launch): its issuer must be the academy's
 * `cohort_issuer`, and its `lta_cohort`, `lta_cohort_title`, `lta_cohort_role` and `name` claims say which class,
 * as what and under which name. Creates the class on its first launch and follows role changes on later ones.
 * Needs no username: an instructor can open the class view before registering.
 */
export const join_launch_cohort = spacetimedb.reducer((ctx) => {
  const issuer = ctx.db.academy_setting.name.find('cohort_issuer')?.value;
  if (!issuer) refuseCall('This academy does not take class sign-ins: its owner has not set cohort_issuer');
  const jwt = ctx.senderAuth.jwt;
  if (jwt?.issuer !== issuer)
    refuseCall('Only a sign-in through your course can add you to a class: open the academy from your course page');
  const claims = accept(readLaunchClaims(jwt.fullPayload));
  const existing = ctx.db.cohort.id.find(claims.cohortId);
  const member = ctx.db.cohort_member.key.find(memberKey(claims.cohortId, ctx.sender));
  // The widget calls this on every connection: a launch that changes nothing writes nothing and costs nothing.
  const unchanged =
    existing?.title === claims.title && member?.role === claims.role && member.lms_name === claims.lmsName;
  if (unchanged) return;
  spend(ctx, 'cohort_join');
  if (!existing)
    ctx.db.cohort.insert({ id: claims.cohortId, title: claims.title, source: 'lti', created_at: ctx.timestamp });
  else if (existing.title !== claims.title) ctx.db.cohort.id.update({ ...existing, title: claims.title });
  enrol(ctx, claims.cohortId, ctx.sender, claims.role, claims.lmsName);
});

/**
 * Open a class without an LMS (owner only): the owner becomes its instructor, and learners join with its invite
 * code (shown to the class's instructors by `my_cohorts`).
 */
export const create_cohort = spacetimedb.reducer({ title: t.string() }, (ctx, { title }) => {
  requireRole(ctx, 'owner', 'open classes');
  const name = accept(checkCohortTitle(title));
  spend(ctx, 'cohort_manage');
  const random = () => ctx.random.uint32();
  const id = `code:${inviteCode(random)}`;
  let code = inviteCode(random);
  while (ctx.db.cohort_invite.code.find(code)) code = inviteCode(random);
  ctx.db.cohort.insert({ id, title: name, source: 'invite', created_at: ctx.timestamp });
  ctx.db.cohort_invite.insert({ code, cohort: id });
  enrol(ctx, id, ctx.sender, 'instructor', '');
});

/** Record how the caller's last invite-code try went (empty `problem`: it worked). */
function recordCodeTry(ctx: Ctx, problem: string): void {
  const row = { learner: ctx.sender, at: ctx.timestamp, problem };
  if (ctx.db.cohort_code_try.learner.find(ctx.sender)) ctx.db.cohort_code_try.learner.update(row);
  else ctx.db.cohort_code_try.insert(row);
}

/**
 * Join a class with its invite code, as a learner. Every try is charged (5 at once, 20 an hour): a wrong code is
 * not refused but recorded in `my_cohort_code_try`, so that the try still counts against the guesser.
 */
export const join_cohort_with_code = spacetimedb.reducer({ code: t.string() }, (ctx, { code }) => {
  requireLearner(ctx);
  spend(ctx, 'cohort_code');
  const invite = ctx.db.cohort_invite.code.find(normalizeInviteCode(code));
  if (!invite) {
    recordCodeTry(ctx, 'No class has that code: check it with your teacher');
    return;
  }
  if (!ctx.db.cohort_member.key.find(memberKey(invite.cohort, ctx.sender)))
    enrol(ctx, invite.cohort, ctx.sender, 'learner', '');
  recordCodeTry(ctx, '');
});

/** Make a member of a class its instructor or a learner again; instructors of that class only, not on themselves. */
export const set_cohort_role = spacetimedb.reducer(
  { cohort: t.string(), username: t.string(), role: t.string() },
  (ctx, { cohort, username, role }) => {
    requireInstructor(ctx, cohort, 'change roles');
    if (role !== 'learner' && role !== 'instructor') refuseCall('Use the role "learner" or "instructor"');
    const target = learnerNamed(ctx, username);
    if (target.identity.isEqual(ctx.sender)) refuseCall('You cannot change your own role');
    const member =
      ctx.db.cohort_member.key.find(memberKey(cohort, target.identity)) ??
      refuseCall(`${target.username} is not in this class`);
    spend(ctx, 'cohort_manage');
    ctx.db.cohort_member.key.update({ ...member, role });
  },
);

/** Refuse a learner an instructor muted in this class, saying for how long. */
function requireNotMutedIn(ctx: Ctx, cohort: string): void {
  const mute = ctx.db.cohort_mute.key.find(memberKey(cohort, ctx.sender));
  const now = ctx.timestamp.microsSinceUnixEpoch;
  if (mute && mute.muted_until.microsSinceUnixEpoch > now) {
    const minutes = Math.ceil(Number(mute.muted_until.microsSinceUnixEpoch - now) / 60e6);
    refuseCall(`You are muted in this class for ${minutes} more min: ${mute.reason}`);
  }
}

/** Post to a class's chat: members only, with the limits of every message and the class's mutes. */
export const send_cohort_message = spacetimedb.reducer(
  { cohort: t.string(), text: t.string() },
  (ctx, { cohort, text }) => {
    const me = requireLearner(ctx);
    requireMember(ctx, cohort);
    requireNotMutedIn(ctx, cohort);
    const body = accept(checkMessageText(text));
    chargeMessage(ctx, me);
    ctx.db.cohort_message.insert({ ...newMessage(ctx, body), cohort });
  },
);

/** Edit one of the caller's own class chat messages, while still in the class and not muted there. */
export const edit_cohort_message = spacetimedb.reducer(
  { message_id: t.u64(), text: t.string() },
  (ctx, { message_id, text }) => {
    requireMayChat(ctx, requireLearner(ctx));
    const message = ctx.db.cohort_message.id.find(message_id);
    if (message && ctx.db.cohort_member.key.find(memberKey(message.cohort, ctx.sender)))
      requireNotMutedIn(ctx, message.cohort);
    else refuseCall('You can only edit your own messages');
    const body = accept(checkMessageText(text));
    spend(ctx, 'edit');
    ctx.db.cohort_message.id.update(editedMessage(ctx, message, body));
  },
);

/** Delete a class chat message: one's own, or any in a class one teaches (or as an academy moderator). */
export const delete_cohort_message = spacetimedb.reducer({ message_id: t.u64() }, (ctx, { message_id }) => {
  const me = requireLearner(ctx);
  spend(ctx, 'delete');
  const message = ctx.db.cohort_message.id.find(message_id);
  const teaches =
    message !== null && ctx.db.cohort_member.key.find(memberKey(message.cohort, ctx.sender))?.role === 'instructor';
  ctx.db.cohort_message.id.update(deletedMessage(ctx, message, teaches || hasRole(me.role, 'moderator')));
});

/** The member of `cohort` named `username` whom the calling instructor may mute: a learner of that class. */
function mutable(ctx: Ctx, cohort: string, username: string) {
  requireInstructor(ctx, cohort, 'mute learners');
  const target = learnerNamed(ctx, username);
  const member = ctx.db.cohort_member.key.find(memberKey(cohort, target.identity));
  if (!member) refuseCall(`${target.username} is not in this class`);
  if (member.role !== 'learner') refuseCall(`${target.username} is an instructor of this class`);
  return { key: member.key, target };
}

/** Keep a learner out of one class's chat for 1 minute to a week (instructors of that class). */
export const mute_in_cohort = spacetimedb.reducer(
  { cohort: t.string(), username: t.string(), minutes: t.u32(), reason: t.string() },
  (ctx, { cohort, username, minutes, reason }) => {
    const { key } = mutable(ctx, cohort, username);
    if (minutes < 1 || minutes > MUTE_MAX_MINUTES) refuseCall(`Mute for 1 to ${MUTE_MAX_MINUTES} minutes`);
    const why = accept(checkReason(reason));
    spend(ctx, 'cohort_manage');
    const until = new Timestamp(ctx.timestamp.microsSinceUnixEpoch + BigInt(minutes) * 60_000_000n);
    const row = { key, muted_until: until, reason: why, by: ctx.sender };
    if (ctx.db.cohort_mute.key.find(key)) ctx.db.cohort_mute.key.update(row);
    else ctx.db.cohort_mute.insert(row);
  },
);

/** Lift a class mute (instructors of that class). */
export const lift_cohort_mute = spacetimedb.reducer(
  { cohort: t.string(), username: t.string() },
  (ctx, { cohort, username }) => {
    const { key, target } = mutable(ctx, cohort, username);
    spend(ctx, 'cohort_manage');
    if (!ctx.db.cohort_mute.key.delete(key)) refuseCall(`${target.username} is not muted in this class`);
  },
);
