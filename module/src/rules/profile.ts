import { ok, refuse, type Outcome } from './outcome.js';
import { characterCount, hasForbiddenCharacters } from './text.js';

/** Longest display name, in characters. */
export const DISPLAY_NAME_MAX = 40;
/** Longest avatar URL. */
export const AVATAR_URL_MAX = 512;

/** A display name: trimmed, 1-40 characters, no control or bidi-override characters. */
export function checkDisplayName(requested: string): Outcome<string> {
  const name = requested.normalize('NFC').trim();
  if (name.length === 0) return refuse('Enter a display name');
  if (characterCount(name) > DISPLAY_NAME_MAX) {
    return refuse(`Shorten your display name to ${DISPLAY_NAME_MAX} characters`);
  }
  if (hasForbiddenCharacters(name, false)) return refuse('Remove control characters from your display name');
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
  if (!/^https:\/\/[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?(\/[^\s"'<>\\]*)?$/i.test(url)) {
    return refuse('Use an avatar URL that starts with https://');
  }
  return ok(url);
}
