/** Academy roles: who may moderate, author or administer. The module enforces them; widgets show what a role may do. */

/** Roles from least to most trusted. */
export const ROLES = ['learner', 'author', 'moderator', 'admin', 'owner'] as const;

/** A learner's role. */
export type Role = (typeof ROLES)[number];

/** True when `name` is a role. */
export function isRole(name: string): name is Role {
  return (ROLES as readonly string[]).includes(name);
}

/** True when `role` is `minimum` or more trusted. */
export function hasRole(role: string, minimum: Role): boolean {
  return isRole(role) && ROLES.indexOf(role) >= ROLES.indexOf(minimum);
}

/**
 * Who may set whose role: the owner makes admins (and anything below); admins make moderators and authors.
 * Nobody changes the owner's role or their own, and nobody grants `owner`.
 */
export function mayAssignRole(granterRole: string, currentRole: string, newRole: Role): boolean {
  if (newRole === 'owner' || currentRole === 'owner') return false;
  if (granterRole === 'owner') return true;
  if (granterRole === 'admin') return newRole !== 'admin' && currentRole !== 'admin';
  return false;
}
