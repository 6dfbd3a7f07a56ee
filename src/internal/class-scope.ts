import type { CohortRow } from '../connection/academy-schema.js';
import type { RowsSnapshot } from '../connection/types.js';

/** Words for a widget scoped to a class that cannot show it; every such widget's `strings` can override them. */
export const classStrings = {
  noLaunch: 'Open this page from your course to see its class.',
  notInClass: 'You are not in this class: open it from your course.',
};

/**
 * Why a widget with a `cohort` attribute shows no class: the page names none (`launch` without a course launch)
 * or the learner is not in it. Undefined when it can show it, or has no `cohort` at all.
 */
export function classNotice(
  attribute: string | undefined,
  cohort: string | undefined,
  membership: RowsSnapshot<CohortRow>,
  text: typeof classStrings,
): string | undefined {
  if (!attribute) return undefined;
  if (!cohort) return text.noLaunch;
  return membership.ready && membership.rows.length === 0 ? text.notInClass : undefined;
}
