import { hasForbiddenCharacters } from './text.js';
import { ok, refuse, type Outcome } from './outcome.js';

/** A member's role in a class. Instructors see their class's progress and moderate its chat. */
export type CohortRole = 'learner' | 'instructor';

/** Longest class title, as the LTI launch truncates it. */
export const COHORT_TITLE_MAX = 80;

/** Longest name kept from a launch's `name` claim. */
const LMS_NAME_MAX = 80;

/** Learners listed on a class's leaderboard (the caller's own rank is added when outside it). */
export const COHORT_BOARD_TOP = 25;

/** Most members a class can have: every cohort view reads all of a class's members. */
export const COHORT_MEMBERS_MAX = 2000;

/** What a launch token says about the class it comes from. */
export interface LaunchClaims {
  cohortId: string;
  title: string;
  role: CohortRole;
  lmsName: string;
}

/** Tidy a free text from a token or a form: control characters out, trimmed, at most `max` characters. */
function tidy(text: unknown, max: number): string {
  if (typeof text !== 'string') return '';
  const clean = [...text].map((ch) => (hasForbiddenCharacters(ch, false) ? ' ' : ch)).join('');
  return [...clean.trim()].slice(0, max).join('');
}

/**
 * Read the class claims of a launch token (`lta_cohort`, `lta_cohort_title`, `lta_cohort_role`, `name`), as the
 * LTI launch writes them. Only roles the launch maps are accepted; anything else is a learner.
 */
export function readLaunchClaims(payload: Readonly<Record<string, unknown>>): Outcome<LaunchClaims> {
  const cohortId = payload.lta_cohort;
  if (typeof cohortId !== 'string' || !/^lti:[A-Za-z0-9_-]{1,64}$/.test(cohortId)) {
    return refuse('Your sign-in names no class: open the academy from your course page');
  }
  const title = tidy(payload.lta_cohort_title, COHORT_TITLE_MAX) || 'Class';
  const role: CohortRole = payload.lta_cohort_role === 'instructor' ? 'instructor' : 'learner';
  return ok({ cohortId, title, role, lmsName: tidy(payload.name, LMS_NAME_MAX) });
}

/** Check a class title typed by the owner. */
export function checkCohortTitle(requested: string): Outcome<string> {
  const title = requested.trim();
  if (title === '') return refuse('Give the class a title');
  if ([...title].length > COHORT_TITLE_MAX) return refuse(`Shorten the class title to ${COHORT_TITLE_MAX} characters`);
  if (hasForbiddenCharacters(title, false)) return refuse('Remove control characters from the class title');
  return ok(title);
}

/** Letters of invite codes: no 0/O or 1/I/L to misread. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Invite code length: 12 of 31 letters is about 59 bits, far beyond any guessing rate the allowance permits. */
export const INVITE_CODE_LENGTH = 12;

/** An invite code from random 32-bit numbers (one per letter). */
export function inviteCode(random: () => number): string {
  let code = '';
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) code += CODE_ALPHABET[(random() >>> 0) % CODE_ALPHABET.length];
  return code;
}

/** An invite code as typed: case, spaces and dashes forgiven. */
export function normalizeInviteCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').slice(0, 64);
}
