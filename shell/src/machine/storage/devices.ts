import { ROOT_DISK, type PartitionState } from '@lta/labs';
import { fail, ok, type LearnerCommand, type ShellServices } from '../../commands/command.js';
import { inLargestUnit } from '../../commands/disk-usage.js';
import type { Disks } from './disks.js';
import { KERNEL_MOUNTS, mountOptions } from './mount.js';
import { filesystemUse } from './usage.js';

/** A size as lsblk prints it: the largest unit below 1024, one decimal unless whole (`20G`, `14.9G`, `512M`). */
export function lsblkSize(kib: number): string {
  const { value, unit } = inLargestUnit(kib);
  const suffix = 'KMGT'[unit]!;
  const shown = value.toFixed(1).replace(/\.0$/, '');
  return `${shown}${suffix}`;
}

/** The root disk's size: 20 GiB, of which its one partition leaves the first 2 MiB (the partition table). */
const ROOT_DISK_KIB = 20 * 1024 * 1024;

/** One block device as lsblk lists it: a disk, or a partition under it. */
interface BlockRow {
  name: string;
  major: number;
  minor: number;
  sizeKib: number;
  type: 'disk' | 'part';
  partition: PartitionState | null;
  mountpoint: string;
}

/** The root disk sda and each declared disk (sdb, sdc, ...) with its partitions, in name order. */
function blockRows(disks: Disks): BlockRow[] {
  const rows: BlockRow[] = [
    { name: 'sda', major: 8, minor: 0, sizeKib: ROOT_DISK_KIB, type: 'disk', partition: null, mountpoint: '' },
    { name: 'sda1', major: 8, minor: 1, sizeKib: ROOT_DISK_KIB - 2048, type: 'part', partition: null, mountpoint: '/' },
  ];
  const byDisk = new Map<string, PartitionState[]>();
  for (const device of [...disks.devices].sort((a, b) => a.name.localeCompare(b.name))) {
    const disk = device.name.replace(/\d+$/, '');
    byDisk.set(disk, [...(byDisk.get(disk) ?? []), device]);
  }
  for (const [disk, partitions] of byDisk) {
    const base = (disk.charCodeAt(2) - 'a'.charCodeAt(0)) * 16;
    rows.push({
      name: disk,
      major: 8,
      minor: base,
      sizeKib: partitions.reduce((sum, p) => sum + p.sizeKib, 0),
      type: 'disk',
      partition: null,
      mountpoint: '',
    });
    for (const partition of partitions) {
      rows.push({
        name: partition.name,
        major: 8,
        minor: base + Number(partition.name.slice(3)),
        sizeKib: partition.sizeKib,
        type: 'part',
        partition,
        mountpoint: partition.mountpoint ?? '',
      });
    }
  }
  return rows;
}

/** Each row's name with the tree lsblk draws: `└─` before a disk's last partition, `├─` before the others. */
function treeNames(rows: BlockRow[]): string[] {
  return rows.map((row, i) =>
    row.type === 'disk' ? row.name : `${rows[i + 1]?.type === 'part' ? '\u251c\u2500' : '\u2514\u2500'}${row.name}`,
  );
}

/** Columns padded to their widest cell (the last unpadded), figures in `right` aligned right. */
function table(rows: string[][], right: ReadonlySet<number>): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows
    .map(
      (row) =>
        `${row.map((cell, i) => (i === row.length - 1 ? cell : right.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join(' ')}\n`,
    )
    .join('');
}

const FILESYSTEM_VERSION: Record<string, string> = { ext4: '1.0', vfat: 'FAT32', xfs: '' };

/** `lsblk [-f]`: the block devices, their sizes and mount points; `-f` their filesystems, labels, UUIDs and room. */
export function lsblkCommand(services: ShellServices, disks: Disks): LearnerCommand {
  return {
    name: 'lsblk',
    async execute(args) {
      let filesystems = false;
      for (const arg of args) {
        if (arg === '-f' || arg === '--fs') filesystems = true;
        else
          return fail(
            `lsblk: invalid option -- '${arg.replace(/^-+/, '')}'\nTry 'lsblk --help' for more information.\n`,
          );
      }
      const rows = blockRows(disks);
      const names = treeNames(rows);
      if (!filesystems) {
        const width = Math.max(4, ...names.map((name) => name.length));
        const line = (row: BlockRow, i: number) =>
          `${names[i]!.padEnd(width)} ${String(row.major).padStart(3)}:${String(row.minor).padEnd(3)} ${' 0'} ${lsblkSize(row.sizeKib).padStart(5)} ${' 0'} ${row.type} ${row.mountpoint}\n`;
        return ok(`${'NAME'.padEnd(width)} MAJ:MIN RM  SIZE RO TYPE MOUNTPOINTS\n${rows.map(line).join('')}`);
      }
      const use = filesystemUse(services.fs, disks.devices);
      const cells = rows.map((row, i) => {
        const isRoot = row.name === 'sda1';
        const type = isRoot ? ROOT_DISK.type : (row.partition?.fstype ?? '');
        const mounted = row.mountpoint ? use.find((fs) => fs.mountedOn === row.mountpoint) : undefined;
        return [
          names[i]!,
          type,
          FILESYSTEM_VERSION[type] ?? '',
          row.partition?.label ?? '',
          isRoot ? ROOT_DISK.uuid : (row.partition?.uuid ?? ''),
          mounted ? lsblkSize(mounted.availableKib) : '',
          mounted ? `${Math.ceil((mounted.usedKib * 100) / (mounted.usedKib + mounted.availableKib))}%` : '',
          row.mountpoint,
        ];
      });
      return ok(
        table(
          [['NAME', 'FSTYPE', 'FSVER', 'LABEL', 'UUID', 'FSAVAIL', 'FSUSE%', 'MOUNTPOINTS'], ...cells],
          new Set([5, 6]),
        ),
      );
    },
  };
}

/** `blkid [-s TAG] [-o value] [DEVICE...]`: each filesystem's label, UUID and type (exit 2 when none is found). */
export function blkidCommand(disks: Disks): LearnerCommand {
  return {
    name: 'blkid',
    async execute(args) {
      let tag: string | undefined;
      let valuesOnly = false;
      const operands: string[] = [];
      for (let i = 0; i < args.length; i++) {
        const arg = args[i]!;
        if (arg === '-s' || arg === '--match-tag') tag = args[++i];
        else if (arg === '-o' || arg === '--output') valuesOnly = args[++i] === 'value';
        else if (arg.startsWith('-')) return fail(`blkid: invalid option -- '${arg.replace(/^-+/, '')}'\n`, 2);
        else operands.push(arg);
      }
      const found = [
        {
          device: ROOT_DISK.device,
          tags: [
            ['UUID', ROOT_DISK.uuid],
            ['BLOCK_SIZE', '4096'],
            ['TYPE', ROOT_DISK.type],
          ],
        },
        ...disks.devices
          .filter((device) => device.fstype !== null)
          .map((device) => ({
            device: `/dev/${device.name}`,
            tags: [
              ...(device.label ? [['LABEL', device.label]] : []),
              ['UUID', device.uuid],
              ['BLOCK_SIZE', device.fstype === 'vfat' ? '512' : '4096'],
              ['TYPE', device.fstype!],
            ],
          })),
      ].filter((entry) => operands.length === 0 || operands.includes(entry.device));
      let stdout = '';
      for (const entry of found) {
        const tags = entry.tags.filter(([name]) => tag === undefined || name === tag);
        if (tags.length === 0) continue;
        stdout += valuesOnly
          ? tags.map(([, value]) => `${value}\n`).join('')
          : `${entry.device}: ${tags.map(([name, value]) => `${name}="${value}"`).join(' ')}\n`;
      }
      return { stdout, stderr: '', exitCode: stdout ? 0 : 2 };
    },
  };
}

/** `findmnt [TARGET|SOURCE]`: the mount tree (the root, then what is mounted under it), or one mount. */
export function findmntCommand(services: ShellServices, disks: Disks): LearnerCommand {
  return {
    name: 'findmnt',
    async execute(args, ctx) {
      const operands = args.filter((arg) => !arg.startsWith('-'));
      const mounts = [
        ...KERNEL_MOUNTS,
        ...disks.devices
          .filter((device) => device.mountpoint !== null)
          .map((device) => ({
            target: device.mountpoint!,
            source: `/dev/${device.name}`,
            type: device.fstype!,
            options: mountOptions(device.fstype!),
          })),
      ];
      const root = { target: '/', source: ROOT_DISK.device, type: ROOT_DISK.type, options: 'rw,relatime' };
      const header = ['TARGET', 'SOURCE', 'FSTYPE', 'OPTIONS'];
      if (operands.length > 0) {
        const wanted = operands[0]!.startsWith('/dev/') ? operands[0]! : services.fs.resolvePath(ctx.cwd, operands[0]!);
        const mount = [root, ...mounts].find((candidate) => candidate.target === wanted || candidate.source === wanted);
        if (!mount) return { stdout: '', stderr: '', exitCode: 1 };
        return ok(table([header, [mount.target, mount.source, mount.type, mount.options]], new Set()));
      }
      const rows = [
        [root.target, root.source, root.type, root.options],
        ...mounts.map((mount, i) => [
          `${i === mounts.length - 1 ? '\u2514\u2500' : '\u251c\u2500'}${mount.target}`,
          mount.source,
          mount.type,
          mount.options,
        ]),
      ];
      return ok(table([header, ...rows], new Set()));
    },
  };
}
