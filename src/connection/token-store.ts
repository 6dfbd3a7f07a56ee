/**
 * Tokens remembered per academy (`academyKey`: server and database) in localStorage, so a learner keeps their identity across visits.
 * Storage can be unavailable (private mode, sandboxed iframes): then nothing is remembered and nothing throws.
 */
const PREFIX = 'lta:token:';

/** The token saved for this academy, if any. */
export function loadToken(academy: string): string | undefined {
  try {
    return localStorage.getItem(PREFIX + academy) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Remembers the token the server gave or confirmed. */
export function saveToken(academy: string, token: string): void {
  try {
    localStorage.setItem(PREFIX + academy, token);
  } catch {
    // Storage full or blocked: the learner gets a new identity next visit, which is the best we can do.
  }
}

/** Forgets the token (sign out, or the page opted out of storage). */
export function forgetToken(academy: string): void {
  try {
    localStorage.removeItem(PREFIX + academy);
  } catch {
    // Nothing stored to forget.
  }
}
