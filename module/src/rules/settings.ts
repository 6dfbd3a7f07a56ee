import { ok, refuse, type Outcome } from './outcome.js';

/**
 * Academy-wide settings admins may change (`set_academy_setting`), with what each means:
 * - `require_sign_in_issuer`: when set, only learners whose token was issued by this issuer (the `iss` claim,
 *   e.g. `https://lms.example.edu`) may register or write; anonymous tokens the host mints are refused. Empty: anyone.
 * - `cohort_issuer`: the issuer whose tokens' class claims (`lta_cohort`, `lta_cohort_role`) `join_launch_cohort`
 *   trusts, e.g. the host's own academy issuer when LTI is configured. Empty: nobody joins a class by launch.
 *   Only the owner may set it, since it decides who becomes an instructor.
 */
export const SETTINGS = ['require_sign_in_issuer', 'cohort_issuer'] as const;

/** A setting's name. */
export type Setting = (typeof SETTINGS)[number];

/** Longest setting value (an issuer URL). */
const SETTING_VALUE_MAX = 256;

/** Check a setting change: a known name and a short value without spaces. */
export function checkSetting(name: string, value: string): Outcome<{ name: Setting; value: string }> {
  const known = SETTINGS.find((setting) => setting === name);
  if (!known) return refuse(`Unknown setting "${name.slice(0, 40)}": use one of ${SETTINGS.join(', ')}`);
  const trimmed = value.trim();
  if (trimmed.length > SETTING_VALUE_MAX || /\s/.test(trimmed)) {
    return refuse(`Use a value of at most ${SETTING_VALUE_MAX} characters without spaces`);
  }
  return ok({ name: known, value: trimmed });
}
