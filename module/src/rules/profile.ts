import { ok, refuse, type Outcome } from './outcome.js';
import { staffWordIn } from './look-alike.js';
import { characterCount, hasForbiddenCharacters } from './text.js';

/** Longest display name, in characters. */
export const DISPLAY_NAME_MAX = 40;
/** Longest avatar URL. */
export const AVATAR_URL_MAX = 512;

/**
 * Characters that show nothing or pass for something else: format characters (zero-width spaces and joiners,
 * direction marks, Unicode Cf), private-use and unassigned code points, line and paragraph separators, spaces
 * other than U+0020, Hangul fillers (U+115F, U+1160, U+3164, U+FFA0), the braille blank (U+2800), the combining
 * grapheme joiner and Khmer inherent vowels, and check marks that pass for a "verified" badge.
 */
const INVISIBLE_OR_BADGE =
  /[\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\u115f\u1160\u3164\uffa0\u2800\u2713\u2714\u2705\u2611\u237b\u{1f5f8}]|\u034f|\u17b4|\u17b5/u;

/**
 * A display name: trimmed, 1-40 characters, no control, invisible or badge-like characters, starting with a
 * visible character, and (unless `staff`) no word that passes for staff (`Admin`, `Moderator`, `LTA team`).
 * Only the module grants roles, and widgets show the role as the badge, so a name cannot fake one.
 */
export function checkDisplayName(requested: string, staff = false): Outcome<string> {
  const name = requested.normalize('NFC').trim();
  if (name.length === 0) return refuse('Enter a display name');
  if (characterCount(name) > DISPLAY_NAME_MAX) {
    return refuse(`Shorten your display name to ${DISPLAY_NAME_MAX} characters`);
  }
  if (hasForbiddenCharacters(name, false)) return refuse('Remove control characters from your display name');
  if (INVISIBLE_OR_BADGE.test(name) || /^\p{M}/u.test(name)) {
    return refuse('Remove invisible characters, special spaces and check marks from your display name');
  }
  const word = staff ? undefined : staffWordIn(name);
  if (word) return refuse(`Display names may not pass for staff ("${word}"): choose another`);
  return ok(name);
}

/**
 * An avatar URL: empty (no avatar) or `https://host/...`. Plain http would leak who views a profile and mix
 * content into https pages; `javascript:` and `data:` URLs are not images.
 */
export function checkAvatarUrl(requested: string): Outcome<string> {
  const url = requested.trim();
  if (url === '') return ok('');
  if (url.length > AVATAR_URL_MAX) return refuse(`Use an avatar URL of at most ${AVATAR_URL_MAX} characters`);
  if (
    !/^https:\/\/[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?(\/[^\s"'<>\\]*)?$/i.test(
      url,
    )
  ) {
    return refuse('Use an avatar URL that starts with https://');
  }
  return ok(url);
}
