import {
  fstabEntries,
  fstabEntryProblem,
  partitionNamed,
  ROOT_DISK,
  type FstabEntry,
  type PartitionState,
} from '@lta/labs';
import { fail, type LearnerCommand, type ShellServices } from '../../commands/command.js';
import type { ExecResult } from 'just-bash';
import type { Disks } from './disks.js';

/** The kernel's own filesystems, listed after the disks as `mount` and `findmnt` show them. */
export const KERNEL_MOUNTS = [
  { target: '/proc', source: 'proc', type: 'proc', options: 'rw,nosuid,nodev,noexec,relatime' },
  { target: '/sys', source: 'sysfs', type: 'sysfs', options: 'rw,nosuid,nodev,noexec,relatime' },
  { target: '/run', source: 'tmpfs', type: 'tmpfs', options: 'rw,nosuid,nodev,size=203060k,mode=755' },
] as const;

/** The options the kernel reports for a filesystem type mounted with the defaults. */
export function mountOptions(type: string): string {
  if (type === 'vfat')
    return 'rw,relatime,fmask=0022,dmask=0022,codepage=437,iocharset=ascii,shortname=mixed,errors=remount-ro';
  if (type === 'xfs') return 'rw,relatime,attr2,inode64,logbufs=8,logbsize=32k,noquota';
  return 'rw,relatime';
}

/** mount(8)'s exit statuses: 32 a failed mount, 64 some of `mount -a` failed. */
const MOUNT_FAILED = 32;
const SOME_FAILED = 64;

/** Mounting: the checks mount(8) makes in order, then the mount itself; the message when it refuses. */
async function mountOne(
  services: ShellServices,
  disks: Disks,
  source: string,
  target: string,
  type: string | undefined,
): Promise<string | null> {
  const device = /^(UUID|LABEL)=/.test(source) ? partitionNamed(source, disks.devices) : disks.device(source);
  if (!device) {
    // A whole disk (`/dev/sdb`) exists but holds a partition table, not a filesystem.
    if (disks.devices.some((partition) => `/dev/${partition.name.replace(/\d+$/, '')}` === source))
      return `mount: ${target}: wrong fs type, bad option, bad superblock on ${source}, missing codepage or helper program, or other error.\n`;
    if (/^(UUID|LABEL)=/.test(source)) return `mount: ${target}: can't find ${source}.\n`;
    return `mount: ${target}: special device ${source} does not exist.\n`;
  }
  const dir = services.fs.resolvePath('/', target);
  let isDir = false;
  try {
    isDir = (await services.fs.stat(dir)).isDirectory;
  } catch {
    return `mount: ${target}: mount point does not exist.\n`;
  }
  if (!isDir) return `mount: ${target}: mount point is not a directory.\n`;
  if (device.mountpoint !== null)
    return `mount: ${target}: /dev/${device.name} already mounted on ${device.mountpoint}.\n`;
  if (device.fstype === null || (type !== undefined && type !== 'auto' && type !== device.fstype)) {
    return `mount: ${target}: wrong fs type, bad option, bad superblock on /dev/${device.name}, missing codepage or helper program, or other error.\n`;
  }
  disks.mount(device, dir);
  return null;
}

/** Every line `mount` lists: the root disk, the partitions mounted, the kernel's filesystems. */
function mountList(disks: Disks, type: string | undefined): string {
  const lines = [
    { source: ROOT_DISK.device, target: '/', type: ROOT_DISK.type, options: 'rw,relatime' },
    ...disks.devices
      .filter((device) => device.mountpoint !== null)
      .map((device) => ({
        source: `/dev/${device.name}`,
        target: device.mountpoint!,
        type: device.fstype!,
        options: mountOptions(device.fstype!),
      })),
    ...KERNEL_MOUNTS,
  ];
  return lines
    .filter((line) => type === undefined || line.type === type)
    .map((line) => `${line.source} on ${line.target} type ${line.type} (${line.options})\n`)
    .join('');
}

/** `mount -a`: mounts each /etc/fstab entry not mounted yet, saying why for each it cannot. */
async function mountAll(services: ShellServices, disks: Disks): Promise<ExecResult> {
  const { entries, malformed } = fstabEntries(disks.fstab());
  let stderr = malformed.map((line) => `mount: /etc/fstab: parse error at line ${line} -- ignored\n`).join('');
  let failed = 0;
  let mounted = 0;
  for (const entry of entries) {
    if (
      entry.target === '/' ||
      entry.fstype === 'swap' ||
      entry.options.split(',').includes('noauto') ||
      disks.mountedOn(entry.target)
    )
      continue;
    const problem = fstabEntryProblem(entry, disks.devices);
    const refused = problem
      ? `${problem}\n`
      : await mountOne(
          services,
          disks,
          `/dev/${partitionNamed(entry.source, disks.devices)!.name}`,
          entry.target,
          entry.fstype,
        );
    if (refused) {
      stderr += refused;
      failed++;
    } else if (!refused) mounted++;
  }
  return { stdout: '', stderr, exitCode: failed === 0 ? 0 : mounted > 0 ? SOME_FAILED : MOUNT_FAILED };
}

/** The fstab entry for a lone operand: by mount point, else by source (`mount /data`, `mount /dev/sdb1`). */
function fstabEntryFor(operand: string, disks: Disks): FstabEntry | undefined {
  const { entries } = fstabEntries(disks.fstab());
  return (
    entries.find((entry) => entry.target === operand) ??
    entries.find((entry) => partitionNamed(entry.source, disks.devices) === disks.device(operand))
  );
}

/**
 * `mount`: with no operands lists what is mounted (`-t TYPE` filters); `mount [-t TYPE] [-o OPTS] DEVICE DIR`,
 * `mount DIR` or `mount DEVICE` (from /etc/fstab), `mount -a` mount declared partitions, as root only.
 */
export function mountCommand(services: ShellServices, disks: Disks): LearnerCommand {
  return {
    name: 'mount',
    async execute(args) {
      let type: string | undefined;
      let all = false;
      const operands: string[] = [];
      for (let i = 0; i < args.length; i++) {
        const arg = args[i]!;
        if (arg === '-t' || arg === '--types') type = args[++i];
        else if (arg === '-o' || arg === '--options')
          i++; // options are accepted and not enforced (see PARITY.md)
        else if (arg === '-a' || arg === '--all') all = true;
        else if (arg === '-v' || arg === '--verbose') continue;
        else if (arg.startsWith('-'))
          return fail(
            `mount: invalid option -- '${arg.replace(/^-+/, '')}'\nTry 'mount --help' for more information.\n`,
            1,
          );
        else operands.push(arg);
      }
      if (!all && operands.length === 0) return { stdout: mountList(disks, type), stderr: '', exitCode: 0 };
      const root = services.fs.user.uid === 0;
      if (all) return root ? mountAll(services, disks) : fail('mount: only root can use "--all" option\n', 1);
      if (operands.length > 2) return fail("mount: bad usage\nTry 'mount --help' for more information.\n", 1);
      let [source, target] = operands as [string, string | undefined];
      if (target === undefined) {
        const entry = fstabEntryFor(services.fs.resolvePath('/', source), disks);
        if (!entry) return fail(`mount: ${source}: can't find in /etc/fstab.\n`, 1);
        const problem = fstabEntryProblem(entry, disks.devices);
        if (problem) return fail(`${problem}\n`, MOUNT_FAILED);
        [source, target, type] = [
          `/dev/${partitionNamed(entry.source, disks.devices)!.name}`,
          entry.target,
          entry.fstype,
        ];
      }
      if (!root) return fail(`mount: ${target}: must be superuser to use mount.\n`, 1);
      const problem = await mountOne(services, disks, source, target, type);
      return problem ? fail(problem, MOUNT_FAILED) : { stdout: '', stderr: '', exitCode: 0 };
    },
  };
}

/** `umount DIR|DEVICE`: root only; refused while the shell's directory is inside it ("target is busy"). */
export function umountCommand(services: ShellServices, disks: Disks): LearnerCommand {
  return {
    name: 'umount',
    async execute(args, ctx) {
      const operands = args.filter((arg) => !arg.startsWith('-'));
      if (operands.length === 0) return fail("umount: bad usage\nTry 'umount --help' for more information.\n", 1);
      let exitCode = 0;
      let stderr = '';
      for (const operand of operands) {
        const path = services.fs.resolvePath(ctx.cwd, operand);
        const device: PartitionState | undefined = disks.mountedOn(path) ?? disks.device(path);
        let problem: string | null = null;
        if (services.fs.user.uid !== 0) problem = `umount: ${operand}: must be superuser to unmount.\n`;
        else if (path === '/') problem = 'umount: /: target is busy.\n';
        else if (!device)
          problem = (await services.fs.exists(path))
            ? `umount: ${operand}: not mounted.\n`
            : `umount: ${operand}: no mount point specified.\n`;
        else if (device.mountpoint === null) problem = `umount: ${operand}: not mounted.\n`;
        else if (ctx.cwd === device.mountpoint || ctx.cwd.startsWith(`${device.mountpoint}/`))
          problem = `umount: ${device.mountpoint}: target is busy.\n`;
        if (problem) {
          stderr += problem;
          exitCode = MOUNT_FAILED;
        } else disks.unmount(device!);
      }
      return { stdout: '', stderr, exitCode };
    },
  };
}
