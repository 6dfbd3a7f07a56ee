import { SenderError, type InferSchema, type ReducerCtx, type Infer } from 'spacetimedb/server';
import type { Identity } from 'spacetimedb';
import type { Outcome } from '../rules/outcome.js';
import { hasRole, type Role } from '@lta/labs';
import type { spacetimedb } from '../schema.js';
import type { learner, learner_private } from '../tables/account.js';

/** What every reducer receives. */
export type Ctx = ReducerCtx<InferSchema<typeof spacetimedb>>;
/** A `learner` row. */
export type Learner = Infer<typeof learner.rowType>;
/** A `learner_private` row. */
export type LearnerPrivate = Infer<typeof learner_private.rowType>;

/** The accepted value of a rule, or a `SenderError` carrying the rule's message to the caller. */
export function accept<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new SenderError(outcome.problem);
  return outcome.value;
}

/** Refuse the call with a message the learner can act on. */
export function refuseCall(message: string): never {
  throw new SenderError(message);
}

/** Key of a per-learner row: `<identity hex>/<suffix>`. */
export function learnerKey(identity: Identity, suffix: string): string {
  return `${identity.toHexString()}/${suffix}`;
}

/**
 * Refuse callers whose token was not issued by the academy's `require_sign_in_issuer`, when one is set. Fresh
 * anonymous identities cost nothing to make; an identity from a trusted sign-in costs a real account.
 */
export function requireTrustedIssuer(ctx: Ctx): void {
  const issuer = ctx.db.academy_setting.name.find('require_sign_in_issuer')?.value;
  if (!issuer || ctx.senderAuth.jwt?.issuer === issuer) return;
  refuseCall(`This academy accepts only learners signed in through ${issuer}: sign in there first`);
}

/** Whether the caller is the academy's owner (the identity that first published it), registered or not. */
export function isAcademyOwner(ctx: Ctx): boolean {
  return ctx.db.academy_config.id.find(0)?.owner?.isEqual(ctx.sender) ?? false;
}

/**
 * The caller's profile, or a refusal asking them to register first. Admins and the owner pass whatever signed
 * their token, so a setting cannot lock them out; everyone else must come from the required issuer, if any.
 */
export function requireLearner(ctx: Ctx): Learner {
  const me = ctx.db.learner.identity.find(ctx.sender) ?? refuseCall('Register a username first');
  if (!hasRole(me.role, 'admin')) requireTrustedIssuer(ctx);
  return me;
}

/** The caller's private row; exists whenever the profile does. */
export function privateOf(ctx: Ctx, identity: Identity): LearnerPrivate {
  return ctx.db.learner_private.identity.find(identity) ?? refuseCall('Register a username first');
}

/** The caller's profile if their role is at least `minimum`. */
export function requireRole(ctx: Ctx, minimum: Role, doing: string): Learner {
  const me = requireLearner(ctx);
  if (!hasRole(me.role, minimum)) refuseCall(`Only ${minimum}s can ${doing}`);
  return me;
}

/** Find a learner by username as typed (case and compatibility forms folded). */
export function learnerNamed(ctx: Ctx, username: string): Learner {
  const name = username.normalize('NFKC').trim().toLowerCase();
  return ctx.db.learner.username.find(name) ?? refuseCall(`There is no learner named "${name.slice(0, 30)}"`);
}
