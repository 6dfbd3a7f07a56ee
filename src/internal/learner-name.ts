import { html, nothing } from 'lit';
import { hasRole } from '@lta/labs/rules';
import type { LearnerRow } from '../connection/academy-schema.js';

/** The public profile fields that say who a learner is. */
export type NamedLearner = Pick<LearnerRow, 'displayName' | 'username' | 'role'>;

/**
 * A learner as every widget shows them: the display name, the unique @username beside it (two learners may
 * share a display name, never a username) and a badge for staff roles, which only the module can grant.
 * Each name is isolated in `<bdi>` so a right-to-left name cannot reorder the rest of the line.
 * Style hooks in `widgetStyles`: `.handle`, `.badge`.
 *
 * @param fallback Shown when the learner's row is not known (yet).
 */
export function learnerName(learner: NamedLearner | undefined, fallback: string) {
  if (!learner) return html`<bdi>${fallback}</bdi>`;
  return html`<bdi>${learner.displayName || learner.username}</bdi>
    <span class="handle">@<bdi>${learner.username}</bdi></span>${staffBadge(learner)}`;
}

/** The role badge of a moderator, admin or owner; nothing for others. */
export function staffBadge(learner: NamedLearner) {
  return hasRole(learner.role, 'moderator') ? html` <span class="badge">${learner.role}</span>` : nothing;
}

/**
 * The display name in plain text, isolated like `<bdi>` (U+2068 … U+2069) for strings that cannot hold markup
 * (announcements, translatable sentences).
 */
export function isolated(name: string): string {
  return `\u2068${name}\u2069`;
}

/** The learner in plain text, for announcements: `Ada (@ada)`. */
export function learnerLabel(learner: NamedLearner | undefined): string {
  return learner ? `${isolated(learner.displayName || learner.username)} (@${learner.username})` : '';
}

/** Rows by their learner's hex identity, the key widgets look names up by. */
export function byIdentity<Row extends Pick<LearnerRow, 'identity'>>(rows: Iterable<Row>): Map<string, Row> {
  const map = new Map<string, Row>();
  for (const row of rows) map.set(row.identity.toHexString(), row);
  return map;
}
