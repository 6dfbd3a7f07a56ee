import { tokenClaims } from './token-claims.js';
import type { AcademyStatus } from './types.js';

/** The `cohort` attribute value that means "the class the page's launch token names". */
export const LAUNCH_COHORT = 'launch';

/**
 * The class a sign-in token names (its `lta_cohort` claim, written by the academy's LTI launch), or undefined
 * for tokens without one, and for anything that is not a token.
 */
export function launchCohortFromToken(token: string | undefined): string | undefined {
  const cohort = tokenClaims(token)?.lta_cohort;
  return typeof cohort === 'string' && cohort !== '' ? cohort : undefined;
}

/**
 * The class a widget's `cohort` attribute stands for: none (the academy-wide widget) when absent or empty, the
 * launch token's class for `launch` (none if the page was not launched from a course), else the id as given.
 */
export function cohortOf(attribute: string | undefined, status: AcademyStatus | undefined): string | undefined {
  if (!attribute) return undefined;
  return attribute === LAUNCH_COHORT ? status?.launchCohort : attribute;
}
