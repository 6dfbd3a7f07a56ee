/**
 * The secret last part of the tool's dynamic registration URL (`/lti/register/<key>`). Whoever opens that URL adds
 * an LMS, and an LMS signs its users in: without a secret anyone could register an LMS of their own and launch as
 * many learners as they like, each with its own rate limits, into the academy's chat and leaderboards. The operator
 * hands the URL to LMS admins (the host prints it when it starts). It is kept in the data directory, so it stays the
 * same across restarts; deleting the file makes a new one (LMSs already registered are not affected).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { LtiFiles } from './lti-files.js';

const FILE = 'registration-key';

export async function loadOrCreateRegistrationKey(files: LtiFiles): Promise<string> {
  const saved = (await files.read(FILE))?.trim();
  if (saved) return saved;
  const key = randomBytes(18).toString('base64url');
  await files.write(FILE, `${key}\n`, 0o600);
  return key;
}

/** Whether `given` is the key, in time that does not depend on where they differ. */
export function isRegistrationKey(given: string, key: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(key));
}
