import { ok, type LearnerCommand } from '../../commands/command.js';
import { ROOT_DISK } from './usage.js';

/** `lsblk`: the machine's one disk and its partition, mounted on `/`. */
export const lsblkCommand: LearnerCommand = {
  name: 'lsblk',
  async execute() {
    return ok(
      'NAME   MAJ:MIN RM  SIZE RO TYPE MOUNTPOINTS\n' +
        'sda      8:0    0   20G  0 disk \n' +
        `\u2514\u2500sda1   8:1    0   20G  0 part ${ROOT_DISK.mountedOn}\n`,
    );
  },
};

/** What is mounted: the root disk and the kernel's own filesystems, as `mount` lists them. */
const MOUNTS = [
  `${ROOT_DISK.device} on ${ROOT_DISK.mountedOn} type ${ROOT_DISK.type} (rw,relatime)`,
  'proc on /proc type proc (rw,nosuid,nodev,noexec,relatime)',
  'sysfs on /sys type sysfs (rw,nosuid,nodev,noexec,relatime)',
  'tmpfs on /run type tmpfs (rw,nosuid,nodev,size=203060k,mode=755)',
];

/** `mount` with no operands lists what is mounted (`-t TYPE` filters); mounting needs root and a declared disk. */
export const mountCommand: LearnerCommand = {
  name: 'mount',
  async execute(args) {
    const type = args[0] === '-t' ? args[1] : undefined;
    if (args.length > 0 && type === undefined) {
      return { stdout: '', stderr: 'mount: only root can do that (this machine has no other disk to mount)\n', exitCode: 1 };
    }
    return ok(MOUNTS.filter((line) => type === undefined || line.includes(` type ${type} `)).map((line) => `${line}\n`).join(''));
  },
};
