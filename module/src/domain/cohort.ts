import type { Identity } from 'spacetimedb';
import type { Infer } from 'spacetimedb/server';
import { COHORT_MEMBERS_MAX, type CohortRole } from '../rules/cohort.js';
import type { cohort_member } from '../tables/cohort.js';
import { refuseCall, type Ctx } from './context.js';

/** A `cohort_member` row. */
export type CohortMember = Infer<typeof cohort_member.rowType>;

/** Key of a membership: `<cohort id>/<identity hex>`. */
export function memberKey(cohortId: string, identity: Identity): string {
  return `${cohortId}/${identity.toHexString()}`;
}

/**
 * The caller's membership of a class, or a refusal. A class the caller is not in and a class that does not exist
 * get the same answer, so class ids cannot be probed.
 */
export function requireMember(ctx: Ctx, cohortId: string): CohortMember {
  return ctx.db.cohort_member.key.find(memberKey(cohortId, ctx.sender)) ?? refuseCall('You are not in that class');
}

/** The caller's membership of a class they teach, or a refusal naming what they tried. */
export function requireInstructor(ctx: Ctx, cohortId: string, doing: string): CohortMember {
  const me = requireMember(ctx, cohortId);
  if (me.role !== 'instructor') refuseCall(`Only instructors of this class can ${doing}`);
  return me;
}

/**
 * Make `learner` a member of a class with `role` (changing the role of an existing member). A class holds at most
 * `COHORT_MEMBERS_MAX` members, since the class views read all of them.
 */
export function enrol(ctx: Ctx, cohortId: string, learner: Identity, role: CohortRole, lmsName: string): void {
  const key = memberKey(cohortId, learner);
  const existing = ctx.db.cohort_member.key.find(key);
  if (existing) {
    if (existing.role !== role || existing.lms_name !== lmsName) {
      ctx.db.cohort_member.key.update({ ...existing, role, lms_name: lmsName });
    }
    return;
  }
  let members = 0;
  for (const _ of ctx.db.cohort_member.cohort.filter(cohortId)) {
    if (++members >= COHORT_MEMBERS_MAX) refuseCall(`This class is full (${COHORT_MEMBERS_MAX} members)`);
  }
  ctx.db.cohort_member.insert({ key, cohort: cohortId, learner, role, lms_name: lmsName, joined_at: ctx.timestamp });
}
