import { nameSkeleton, staffWordIn } from './look-alike.js';
import { ok, refuse, type Outcome } from './outcome.js';

/** A username as stored, and its look-alike skeleton (`rules/look-alike.ts`), which must also be unique. */
export interface UsernameClaim {
  username: string;
  skeleton: string;
}

/** Whole usernames that would pass for staff or the system, compared by skeleton (staff words anywhere are refused too). */
const RESERVED = [
  'admin',
  'administrator',
  'root',
  'system',
  'sysadmin',
  'owner',
  'moderator',
  'mod',
  'staff',
  'support',
  'help',
  'official',
  'academy',
  'lta',
  'spacetimedb',
  'server',
  'bot',
  'null',
  'undefined',
  'anonymous',
  'everyone',
  'here',
  'learner',
  'teacher',
  'security',
  'daemon',
  'nobody',
];

const RESERVED_SKELETONS = new Set(RESERVED.map(nameSkeleton));

/**
 * Check a requested username: 3-30 characters from a-z, 0-9, `_` and `-` once folded to compatibility form and
 * lowercase (so `ＡＬＩＣＥ` and `Alice` both mean `alice`), not reserved, not containing a staff word (`the-admin`). Letters from other scripts are refused
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
  const skeleton = nameSkeleton(username);
  if (skeleton === '') return refuse('Usernames need at least one letter or digit');
  if (RESERVED_SKELETONS.has(skeleton) || staffWordIn(username)) {
    return refuse(`The username "${username}" is reserved: choose another`);
  }
  return ok({ username, skeleton });
}
