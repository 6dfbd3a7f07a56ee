import { ok, refuse, type Outcome } from './outcome.js';

/** A username as stored, and the look-alike-folded key that must also be unique. */
export interface UsernameClaim {
  username: string;
  skeleton: string;
}

/** Names that would let someone pass for staff or the system, compared after look-alike folding. */
const RESERVED = [
  'admin', 'administrator', 'root', 'system', 'sysadmin', 'owner', 'moderator', 'mod', 'staff', 'support',
  'help', 'official', 'academy', 'lta', 'spacetimedb', 'server', 'bot', 'null', 'undefined', 'anonymous',
  'everyone', 'here', 'learner', 'teacher', 'security', 'daemon', 'nobody',
];

/**
 * Fold characters that read alike in most fonts (`0`/`o`, `1`/`l`/`i`, `rn`/`m`, `vv`/`w`, `_`/`-`), so
 * `a1ice` cannot impersonate `alice`.
 */
export function usernameSkeleton(username: string): string {
  return username
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w')
    .replace(/0/g, 'o')
    .replace(/[1i]/g, 'l')
    .replace(/_/g, '-');
}

const RESERVED_SKELETONS = new Set(RESERVED.map(usernameSkeleton));

/**
 * Check a requested username: 3-30 characters from a-z, 0-9, `_` and `-` once folded to compatibility form and
 * lowercase (so `ＡＬＩＣＥ` and `Alice` both mean `alice`), not reserved. Letters from other scripts are refused
 * rather than folded, which is what stops Cyrillic `а` from passing for Latin `a`.
 */
export function checkUsername(requested: string): Outcome<UsernameClaim> {
  const username = requested.normalize('NFKC').toLowerCase();
  const length = [...username].length;
  if (length < 3) return refuse('Choose a username of at least 3 characters');
  if (length > 30) return refuse('Choose a username of at most 30 characters');
  if (!/^[a-z0-9_-]+$/.test(username)) {
    return refuse('Usernames may only use the letters a-z, digits 0-9, _ and -');
  }
  const skeleton = usernameSkeleton(username);
  if (RESERVED_SKELETONS.has(skeleton)) return refuse(`The username "${username}" is reserved: choose another`);
  return ok({ username, skeleton });
}
