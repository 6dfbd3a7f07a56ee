import { t } from 'spacetimedb/server';
import { learnerNamed, refuseCall, requireLearner } from '../domain/context.js';
import { publishName } from '../domain/names.js';
import { isRole, mayAssignRole, ROLES } from '@lta/labs';
import { spacetimedb } from '../schema.js';

/** Give a learner a role: the owner makes admins; admins make moderators and authors (or learners again). */
export const set_role = spacetimedb.reducer({ username: t.string(), role: t.string() }, (ctx, { username, role }) => {
  const me = requireLearner(ctx);
  if (!isRole(role)) refuseCall(`Unknown role "${role.slice(0, 20)}": use one of ${ROLES.join(', ')}`);
  const target = learnerNamed(ctx, username);
  if (target.identity.isEqual(ctx.sender)) refuseCall('You cannot change your own role');
  if (!mayAssignRole(me.role, target.role, role)) refuseCall(`You cannot make ${target.username} ${role}`);
  publishName(ctx, ctx.db.learner.identity.update({ ...target, role }));
});
