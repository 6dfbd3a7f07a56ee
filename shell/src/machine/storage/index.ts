import type { StorageState } from '@lta/labs';
import type { MachinePartStarter } from '../index.js';
import { dfCommand } from './df.js';
import { blkidCommand, findmntCommand, lsblkCommand } from './devices.js';
import { Disks } from './disks.js';
import { freeCommand } from './free.js';
import { mountCommand, umountCommand } from './mount.js';

/**
 * Storage: the 20 GiB root disk and the partitions a lab declares (`machine.storage`), what is mounted where, and
 * memory. `df` follows the files (`usage.ts`); `lsblk`, `blkid` and `findmnt` list the devices (`devices.ts`);
 * `mount`, `umount` and `mount -a` with /etc/fstab move a partition's files in and out of view (`mount.ts`,
 * `disks.ts`); `free` shows memory.
 */
export const storageStarter: MachinePartStarter = {
  key: 'storage',
  start(state, services) {
    const disks = new Disks(state as StorageState | undefined, services.fs);
    return {
      commands: [
        dfCommand(services, disks),
        freeCommand,
        lsblkCommand(services, disks),
        blkidCommand(disks),
        findmntCommand(services, disks),
        mountCommand(services, disks),
        umountCommand(services, disks),
      ],
      state: () => disks.state(),
      booted: () => disks.boot(),
      learnerPaths: () => disks.mountedPaths(),
    };
  },
};
