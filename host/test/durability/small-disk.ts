import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real small file system (tmpfs), so a test can fill the disk; needs root. */
export interface SmallDisk {
  dir: string;
  /** Gives the disk more room (as freeing space would). */
  grow(size: string): void;
  remove(): Promise<void>;
}

/** Mounts a tmpfs of `size` (e.g. '2m') on a new temporary folder; null where mounting is not allowed. */
export async function mountSmallDisk(size: string): Promise<SmallDisk | null> {
  const dir = await mkdtemp(join(tmpdir(), 'lta-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    await rm(dir, { recursive: true });
    return null;
  }
  return {
    dir,
    grow: (bigger) => execFileSync('mount', ['-o', `remount,size=${bigger}`, dir], { stdio: 'ignore' }),
    remove: async () => {
      execFileSync('umount', [dir]);
      await rm(dir, { recursive: true });
    },
  };
}

/** Why a test that needs `mountSmallDisk` is skipped. */
export const NEEDS_MOUNT = 'mounting a small tmpfs needs root (a real full disk cannot be made otherwise)';
