import { t } from 'spacetimedb/server';
import { levelForXp, checkTimeZone, hasRole } from '@lta/labs';
import { checkAvatarUrl, checkDisplayName } from '../rules/profile.js';
import { checkUsername } from '../rules/username.js';
import { spend } from '../domain/allowance.js';
import {
  accept,
  isAcademyOwner,
  privateOf,
  refuseCall,
  requireLearner,
  requireRole,
  requireTrustedIssuer,
} from '../domain/context.js';
import { checkSetting } from '../rules/settings.js';
import { enterLeaderboard } from '../domain/leaderboard.js';
import { claimDisplayName, publishName, requireUsernameFree } from '../domain/names.js';
import { countConnections, setConnections } from '../domain/presence.js';
import { spacetimedb } from '../schema.js';

/** Hours between two time-zone changes: moving zones back and forth must not manufacture streak days. */
const TIME_ZONE_CHANGE_HOURS = 24;

/**
 * Register the caller under a username (see `rules/username.ts`), with a display name (defaults to the username)
 * and the IANA time zone their streak days are counted in. The academy's owner becomes `owner`.
 */
export const register_user = spacetimedb.reducer(
  { username: t.string(), display_name: t.string(), time_zone: t.string() },
  (ctx, { username, display_name, time_zone }) => {
    const existing = ctx.db.learner.identity.find(ctx.sender);
    if (existing) refuseCall(`You are already registered as ${existing.username}`);
    const isOwner = isAcademyOwner(ctx);
    if (!isOwner) requireTrustedIssuer(ctx);
    const claim = accept(checkUsername(username));
    if (ctx.db.learner.username.find(claim.username)) refuseCall('That username is taken');
    const lookAlike = ctx.db.learner_private.username_skeleton.find(claim.skeleton);
    if (lookAlike) {
      const other = ctx.db.learner.identity.find(lookAlike.identity);
      refuseCall(`That username is taken: it looks too much like "${other?.username ?? claim.username}"`);
    }
    requireUsernameFree(ctx, ctx.sender, claim.skeleton);
    const displayName = accept(checkDisplayName(display_name.trim() === '' ? claim.username : display_name));
    claimDisplayName(ctx, ctx.sender, displayName);
    const zone = accept(checkTimeZone(time_zone === '' ? 'UTC' : time_zone));
    const learner = ctx.db.learner.insert({
      identity: ctx.sender,
      username: claim.username,
      display_name: displayName,
      avatar_url: '',
      role: isOwner ? 'owner' : 'learner',
      joined_at: ctx.timestamp,
      xp: 0n,
      level: levelForXp(0),
      labs_completed: 0,
      current_streak: 0,
      longest_streak: 0,
    });
    publishName(ctx, learner);
    ctx.db.learner_private.insert({
      identity: ctx.sender,
      username_skeleton: claim.skeleton,
      time_zone: zone,
      time_zone_set_at: undefined,
      last_active_day: -1,
      labs_without_hints: 0,
      modules_completed: 0,
      messages_sent: 0,
      labs_published: 0,
    });
    enterLeaderboard(ctx);
    setConnections(ctx, ctx.sender, countConnections(ctx, ctx.sender));
  },
);

/** Change the caller's display name and avatar (`https://` URL, or empty for none). */
export const update_profile = spacetimedb.reducer(
  { display_name: t.string(), avatar_url: t.string() },
  (ctx, { display_name, avatar_url }) => {
    const me = requireLearner(ctx);
    const name = accept(checkDisplayName(display_name, hasRole(me.role, 'moderator')));
    const avatar = accept(checkAvatarUrl(avatar_url));
    if (name === me.display_name && avatar === me.avatar_url) return;
    spend(ctx, 'profile');
    claimDisplayName(ctx, ctx.sender, name);
    publishName(ctx, ctx.db.learner.identity.update({ ...me, display_name: name, avatar_url: avatar }));
  },
);

/** Change the IANA time zone streak days are counted in; at most once a day. */
export const set_time_zone = spacetimedb.reducer({ time_zone: t.string() }, (ctx, { time_zone }) => {
  requireLearner(ctx);
  const mine = privateOf(ctx, ctx.sender);
  const zone = accept(checkTimeZone(time_zone));
  if (zone === mine.time_zone) return;
  if (mine.time_zone_set_at) {
    const elapsedHours =
      Number(ctx.timestamp.microsSinceUnixEpoch - mine.time_zone_set_at.microsSinceUnixEpoch) / 3.6e9;
    if (elapsedHours < TIME_ZONE_CHANGE_HOURS) {
      refuseCall(`You can change your time zone again in ${Math.ceil(TIME_ZONE_CHANGE_HOURS - elapsedHours)} h`);
    }
  }
  ctx.db.learner_private.identity.update({ ...mine, time_zone: zone, time_zone_set_at: ctx.timestamp });
});

/**
 * Change an academy-wide setting (`rules/settings.ts`); admins and above, and only the owner for `cohort_issuer`.
 * The owner (the publisher's identity) need not have registered a username: the host sets `cohort_issuer` when it
 * starts with LTI on, before anyone has signed in. An empty value clears it.
 */
export const set_academy_setting = spacetimedb.reducer(
  { name: t.string(), value: t.string() },
  (ctx, { name, value }) => {
    const isOwner = isAcademyOwner(ctx);
    if (!isOwner) requireRole(ctx, 'admin', 'change academy settings');
    const setting = accept(checkSetting(name, value));
    if (setting.name === 'cohort_issuer' && !isOwner)
      refuseCall('Only owners can choose who signs learners into classes');
    const existing = ctx.db.academy_setting.name.find(setting.name);
    if (setting.value === '') ctx.db.academy_setting.name.delete(setting.name);
    else if (existing) ctx.db.academy_setting.name.update(setting);
    else ctx.db.academy_setting.insert(setting);
  },
);
