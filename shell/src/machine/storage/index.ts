import type { MachinePartStarter } from '../index.js';
import { dfCommand } from './df.js';
import { lsblkCommand, mountCommand } from './devices.js';
import { freeCommand } from './free.js';

/**
 * Storage: one 20 GiB disk whose use follows the files (`df`), its block device (`lsblk`), what is mounted
 * (`mount`), and memory (`free`). Labs cannot declare disks yet, so the part keeps no state.
 */
export const storageStarter: MachinePartStarter = {
  key: 'storage',
  start(_state, services) {
    return { commands: [dfCommand(services), freeCommand, lsblkCommand, mountCommand], state: () => undefined };
  },
};
