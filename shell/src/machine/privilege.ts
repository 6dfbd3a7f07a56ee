import type { LearnerFs } from '../filesystem/learner-fs.js';

/**
 * Whether the command runs as root: under `sudo`, `su -c`, or in a root shell (`sudo -i`, `su -`), as the users
 * part switches the filesystem's user. Never the `EUID` variable: bash keeps it readonly, and a learner's
 * `EUID=0 apt install ...` must not pass for root.
 */
export function runsAsRoot(fs: Pick<LearnerFs, 'user'>): boolean {
  return fs.user.uid === 0;
}
