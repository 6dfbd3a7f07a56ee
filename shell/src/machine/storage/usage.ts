import type { LearnerFs } from '../../filesystem/learner-fs.js';

/** The filesystem block: files take whole 4 KiB blocks, as on ext4 and in `du`. */
const BLOCK_KIB = 4;

/** The root disk: a 20 GiB ext4 filesystem of which the installed system already takes 4.2 GiB. */
export const ROOT_DISK = { device: '/dev/sda1', type: 'ext4', sizeKib: 20_511_312, systemKib: 4_404_019, mountedOn: '/' } as const;

/** ext4 keeps 5% of the blocks for root: `df` does not count them as available. */
const RESERVED = 0.05;

/** What `df` reports for the root disk, in KiB: the system's share plus every file's blocks (each inode once). */
export function rootUsage(fs: LearnerFs): { size: number; used: number; available: number } {
  const seen = new Set<number>();
  let used = ROOT_DISK.systemKib;
  for (const [, node] of fs.entries()) {
    if (node.type === 'file') {
      if (seen.has(node.inode.id)) continue;
      seen.add(node.inode.id);
      used += Math.ceil(node.inode.data.length / 4096) * BLOCK_KIB;
    } else if (node.type === 'dir') used += BLOCK_KIB;
  }
  const available = Math.max(0, Math.floor(ROOT_DISK.sizeKib * (1 - RESERVED)) - used);
  return { size: ROOT_DISK.sizeKib, used, available };
}
