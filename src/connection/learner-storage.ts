import type { Identity } from 'spacetimedb';
import { OLD_ROWS_PREFIX, ROWS_PREFIX } from './row-cache.js';

/**
 * What this device keeps about the learner using it, so that a shared computer never hands one learner's data
 * to the next. Each academy records whose data its keys hold (`lta:owner:<academy>`); when another identity
 * shows up, or the learner signs out, everything kept for the previous one is wiped.
 */
const OWNER_PREFIX = 'lta:owner:';
/** The terminal's saved labs (`saved-progress.ts`): a learner's own work, not tied to one academy. */
export const TERMINAL_PREFIX = 'lta-terminal:';

function removeKeys(prefixes: string[], exact?: string): void {
  try {
    for (const key of Object.keys(localStorage)) {
      if (key === exact || prefixes.some((prefix) => key.startsWith(prefix))) localStorage.removeItem(key);
    }
  } catch {
    // Storage blocked: nothing was kept.
  }
}

/** Wipes rows kept by earlier versions, which kept direct messages in plain text. */
export function forgetOldRows(): void {
  removeKeys([OLD_ROWS_PREFIX]);
}

/** Wipes the cached rows of this academy, every lab saved by the terminal, and the record of their owner. */
export function forgetLearner(academy: string): void {
  removeKeys([ROWS_PREFIX + academy + '::', TERMINAL_PREFIX], OWNER_PREFIX + academy);
}

/**
 * Records that `identity` now uses this device for this academy, first wiping what another identity left.
 * @returns true when another learner's data was wiped.
 */
export function claimDevice(academy: string, identity: Identity): boolean {
  try {
    const owner = localStorage.getItem(OWNER_PREFIX + academy);
    const me = identity.toHexString();
    if (owner === me) return false;
    if (owner !== null) forgetLearner(academy);
    localStorage.setItem(OWNER_PREFIX + academy, me);
    return owner !== null;
  } catch {
    return false;
  }
}
