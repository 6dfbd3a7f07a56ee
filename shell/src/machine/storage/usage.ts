import { availableKib, filesystemOf, ROOT_DISK, type PartitionState } from '@lta/labs';
import type { LearnerFs } from '../../filesystem/learner-fs.js';

/** The filesystem block: files take whole 4 KiB blocks, as on ext4 and in `du`. */
const BLOCK_KIB = 4;
/** Inodes the installed system uses on the root disk, and ext4's one inode per 16 KiB. */
const SYSTEM_INODES = 131_072;
const KIB_PER_INODE = 16;

/** One mounted filesystem as `df` reports it, in KiB and inodes. */
export interface FilesystemUse {
  /** The partition, or null for the root disk. */
  device: PartitionState | null;
  source: string;
  type: string;
  mountedOn: string;
  sizeKib: number;
  usedKib: number;
  availableKib: number;
  /** Inodes in all and in use; vfat has none (`df -i` shows 0 and `-`). */
  inodes: number;
  inodesUsed: number;
}

/**
 * Every mounted filesystem, the root disk first: what is taken is the system's (or the partition's undeclared
 * data) plus every file's blocks under it (a hard-linked file once) and one block per directory, so the figures
 * move with the files.
 */
export function filesystemUse(fs: LearnerFs, devices: readonly PartitionState[]): FilesystemUse[] {
  const mounted = devices.filter((device) => device.mountpoint !== null);
  const root: FilesystemUse = {
    device: null,
    source: ROOT_DISK.device,
    type: ROOT_DISK.type,
    mountedOn: '/',
    sizeKib: ROOT_DISK.sizeKib,
    usedKib: ROOT_DISK.systemKib,
    availableKib: 0,
    inodes: Math.floor(ROOT_DISK.sizeKib / KIB_PER_INODE),
    inodesUsed: SYSTEM_INODES,
  };
  const rows = [
    root,
    ...mounted.map((device): FilesystemUse => ({
      device,
      source: `/dev/${device.name}`,
      type: device.fstype ?? '',
      mountedOn: device.mountpoint!,
      sizeKib: device.sizeKib,
      usedKib: device.baseKib,
      availableKib: 0,
      inodes: device.fstype === 'vfat' ? 0 : Math.floor(device.sizeKib / KIB_PER_INODE),
      inodesUsed: 0,
    })),
  ];
  const seen = new Set<number>();
  for (const [path, node] of fs.entries()) {
    const row =
      mounted.length === 0
        ? root
        : (rows.find((candidate) => candidate.device === filesystemOf(path, mounted)) ?? root);
    if (node.type === 'file') {
      if (seen.has(node.inode.id)) continue;
      seen.add(node.inode.id);
      row.usedKib += Math.ceil(node.inode.data.length / 4096) * BLOCK_KIB;
    } else if (node.type === 'dir') row.usedKib += BLOCK_KIB;
    row.inodesUsed++;
  }
  for (const row of rows) {
    row.availableKib = availableKib(row.sizeKib, row.usedKib, row.type);
    if (row.inodes === 0) row.inodesUsed = 0;
  }
  return rows;
}
