import type { Json, Problems } from '../problems.js';
import { LEARNER_HOME, normalizePath, resolveLabPath } from '../paths.js';
import type { MachineFinding, MachinePart } from './index.js';

/** The filesystems a declared partition may hold. */
export type FilesystemType = 'ext4' | 'xfs' | 'vfat';
const FILESYSTEM_TYPES: readonly FilesystemType[] = ['ext4', 'xfs', 'vfat'];

/**
 * One partition a lab adds to the machine (a second disk, a USB stick): `sdb1` is the first partition of disk
 * `sdb`. The machine's own disk `sda` (`/dev/sda1` on `/`) is always there.
 */
export interface PartitionDeclaration {
  /** `sdb1` ... `sdz9`: the disk's name and the partition's number. */
  name: string;
  /** Its size as `lsblk` and `df -h` show it: `16G`, `512M`, `640K`. */
  size: string;
  /** The filesystem on it; absent for a partition not yet formatted. */
  fstype?: FilesystemType;
  /** Its filesystem label (`LABEL=` in /etc/fstab). */
  label?: string;
  /** Its filesystem UUID; by default one made from the name (`XXXX-XXXX` on vfat). */
  uuid?: string;
  /** Where it is mounted at the start (absent: not mounted). The directory is made if missing. */
  mountpoint?: string;
  /** Space taken by data the lab does not list as files, as `size` is written (`300M`); default none. */
  used?: string;
  /** Its files: path relative to the filesystem's top → text; a path ending in `/` is an empty directory. */
  files?: Record<string, string>;
}

/** `machine.storage`: extra partitions, and /etc/fstab lines after the root disk's. */
export interface StorageDeclaration {
  devices?: PartitionDeclaration[];
  /** Lines added to /etc/fstab after the root filesystem's line. */
  fstab?: string;
}

/** One partition now (a snapshot's `machine.storage.devices[i]`). */
export interface PartitionState {
  name: string;
  sizeKib: number;
  fstype: FilesystemType | null;
  label: string;
  uuid: string;
  mountpoint: string | null;
  /** KiB taken by data not held as files (the declaration's `used`). */
  baseKib: number;
  /** KiB in use as `df` counted it when the state was taken: `baseKib` plus the files' blocks. */
  usedKib: number;
  /**
   * The filesystem's files while it is not mounted. While mounted they are in the snapshot's `files` under the mount
   * point, like any other file (a starting state's mounted partitions still hold theirs here, for the shell to place).
   */
  files: PartitionFiles;
  /** While mounted: what the mount point held before, hidden under the mount (same shape). */
  covered: PartitionFiles;
}

/**
 * Files on a filesystem: path relative to its top → text, or `{ base64 }` for bytes that are not UTF-8 text (a
 * gzip file); a path ending in `/` is a directory (its value empty).
 */
export type PartitionFiles = Record<string, string | { base64: string }>;

/** The storage now: the partitions, /etc/fstab's text, and the root filesystem's use in KiB. */
export interface StorageState {
  devices: PartitionState[];
  fstab: string;
  rootUsedKib: number;
}

export type StorageCheck =
  /** `device` (`sdb1`) is mounted, on `mountpoint` when given (`negate`: it is not). */
  | { kind: 'storage-mounted'; device: string; mountpoint?: string }
  /**
   * /etc/fstab has a line that `mount -a` accepts mounting `device` on `mountpoint` (by /dev path, UUID= or LABEL=),
   * and still the root filesystem's line.
   */
  | { kind: 'storage-fstab-entry'; device: string; mountpoint: string }
  /** The filesystem holding `path` has at least `free` available, as `df` counts it (`free` like `300K`, `2G`). */
  | { kind: 'storage-free-at-least'; path: string; free: string };

/** The root disk, always present: 20 GiB ext4 of which the installed system takes 4.2 GiB. */
export const ROOT_DISK = {
  device: '/dev/sda1',
  type: 'ext4',
  sizeKib: 20_511_312,
  systemKib: 4_404_019,
  mountedOn: '/',
  uuid: '3f1c9a52-7d4e-4b8a-9c61-2e5d8f0a4b17',
} as const;

/** /etc/fstab as Debian's installer leaves it: the root filesystem only. */
export const DEFAULT_FSTAB =
  '# /etc/fstab: static file system information.\n#\n# <file system> <mount point>   <type>  <options>       <dump>  <pass>\n' +
  `UUID=${ROOT_DISK.uuid} /               ext4    errors=remount-ro 0       1\n`;

/** Bounds on what a lab declares and a client sends: the files of all partitions together. */
export const MAX_DEVICES = 8;
export const MAX_STORAGE_TEXT = 128 * 1024;
export const MAX_FSTAB = 4000;
const MAX_FILES = 200;
const PARTITION_NAME = /^sd[b-z][1-9]$/;
const SIZE = /^(\d{1,7})(?:\.(\d))?([KMGT])$/;
const UNITS = { K: 1, M: 1024, G: 1024 ** 2, T: 1024 ** 3 } as const;
/** Filesystem blocks: a file takes whole 4 KiB blocks, a directory one. */
const BLOCK_KIB = 4;

/** A size as `lsblk` writes it (`16G`, `1.5G`, `640K`) in KiB, or undefined when it is not one. */
export function sizeKib(text: string): number | undefined {
  const match = SIZE.exec(text);
  if (!match) return undefined;
  const whole = Number(match[1]) + Number(match[2] ?? 0) / 10;
  return Math.round(whole * UNITS[match[3] as keyof typeof UNITS]);
}

/** KiB available to users on a filesystem: ext4 keeps 5% for root, which `df` does not count as available. */
export function availableKib(sizeKib: number, usedKib: number, fstype: string): number {
  const usable = fstype === 'ext4' ? Math.floor(sizeKib * 0.95) : sizeKib;
  return Math.max(0, usable - usedKib);
}

/** KiB the files take: each file its size in whole 4 KiB blocks, each directory one block (the top one too). */
export function filesKib(files: PartitionFiles): number {
  const directories = new Set<string>(['']);
  let kib = 0;
  for (const [path, text] of Object.entries(files)) {
    const parts = path.replace(/\/$/, '').split('/');
    for (let depth = 1; depth < parts.length; depth++) directories.add(parts.slice(0, depth).join('/'));
    if (path.endsWith('/')) directories.add(parts.join('/'));
    else
      kib +=
        Math.ceil((typeof text === 'string' ? utf8Length(text) : Math.floor((text.base64.length * 3) / 4)) / 4096) *
        BLOCK_KIB;
  }
  return kib + directories.size * BLOCK_KIB;
}

/** Bytes of `text` in UTF-8 (labs runs where no TextEncoder is typed). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** A UUID made from the partition's name, so a lab's machine is the same each time (`XXXX-XXXX` on vfat). */
export function defaultUuid(name: string, fstype: string | undefined): string {
  let hash = 0x811c9dc5;
  const digits: string[] = [];
  for (let round = 0; digits.join('').length < 32; round++) {
    for (const char of `${name}:${round}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
    digits.push(hash.toString(16).padStart(8, '0'));
  }
  const hex = digits.join('');
  if (fstype === 'vfat') return `${hex.slice(0, 4)}-${hex.slice(4, 8)}`.toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** One line of /etc/fstab that names a filesystem: `source target type options dump pass`. */
export interface FstabEntry {
  line: number;
  source: string;
  target: string;
  fstype: string;
  options: string;
}

/** The entries of /etc/fstab (comments and blank lines skipped; a line with fewer than 3 fields is `malformed`). */
export function fstabEntries(text: string): { entries: FstabEntry[]; malformed: number[] } {
  const entries: FstabEntry[] = [];
  const malformed: number[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [source = '', target = '', fstype = '', options = 'defaults'] = line.split(/\s+/);
    if (fstype === '') malformed.push(i + 1);
    else entries.push({ line: i + 1, source, target: normalizePath(target), fstype, options });
  });
  return { entries, malformed };
}

/** The partition an fstab source names (`/dev/sdb1`, `UUID=...`, `LABEL=...`), if any. */
export function partitionNamed(source: string, devices: readonly PartitionState[]): PartitionState | undefined {
  const [key, value] = source.includes('=')
    ? [source.slice(0, source.indexOf('=')), source.slice(source.indexOf('=') + 1).replace(/^"(.*)"$/, '$1')]
    : ['', source];
  return devices.find((device) => {
    if (key === 'UUID') return device.fstype !== null && device.uuid.toLowerCase() === value.toLowerCase();
    if (key === 'LABEL') return device.fstype !== null && device.label !== '' && device.label === value;
    return key === '' && normalizePath(value) === `/dev/${device.name}`;
  });
}

/**
 * Why `mount` refuses an fstab entry, in its words (`mount: /data: can't find UUID=...`), or null when it would
 * mount it. The mount point's existence is the shell's to judge (the rules see no files).
 */
export function fstabEntryProblem(entry: FstabEntry, devices: readonly PartitionState[]): string | null {
  const device = partitionNamed(entry.source, devices);
  if (!device) {
    if (/^(UUID|LABEL)=/.test(entry.source)) return `mount: ${entry.target}: can't find ${entry.source}.`;
    return `mount: ${entry.target}: special device ${entry.source} does not exist.`;
  }
  if (device.fstype === null || (entry.fstype !== 'auto' && entry.fstype !== device.fstype)) {
    return `mount: ${entry.target}: wrong fs type, bad option, bad superblock on /dev/${device.name}, missing codepage or helper program, or other error.`;
  }
  return null;
}

function emptyState(): StorageState {
  return { devices: [], fstab: DEFAULT_FSTAB, rootUsedKib: ROOT_DISK.systemKib };
}

/** The filesystem `path` lies on: the partition mounted deepest above it, or null for the root disk. */
export function filesystemOf(path: string, devices: readonly PartitionState[]): PartitionState | null {
  let best: PartitionState | null = null;
  for (const device of devices) {
    const top = device.mountpoint;
    if (top === null || !(path === top || path.startsWith(`${top}/`))) continue;
    if (!best || top.length > best.mountpoint!.length) best = device;
  }
  return best;
}

function textsProblem(value: unknown, what: string): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${what}: not an object`;
  const entries = Object.entries(value);
  if (entries.length > MAX_FILES) return `${what}: more than ${MAX_FILES} files`;
  for (const [path, text] of entries) {
    const held =
      typeof text === 'string' ||
      (typeof text === 'object' && text !== null && typeof (text as Json).base64 === 'string');
    if (!held || path === '' || path.startsWith('/') || path.split('/').includes('..'))
      return `${what}: each entry is a relative path and its text`;
  }
  return null;
}

function storageTextLength(devices: readonly PartitionState[]): number {
  let total = 0;
  for (const device of devices) {
    for (const held of [device.files, device.covered]) {
      for (const [path, text] of Object.entries(held))
        total += path.length + (typeof text === 'string' ? text.length : text.base64.length);
    }
  }
  return total;
}

function relativePathProblems(files: unknown, at: string, problems: Problems): void {
  if (!problems.object(files, at)) return;
  const entries = Object.entries(files);
  if (entries.length > MAX_FILES) problems.add(at, `must have at most ${MAX_FILES} files`);
  for (const [path, text] of entries) {
    if (path === '' || path.startsWith('/') || path.split('/').includes('..'))
      problems.add(
        `${at} key "${path.slice(0, 80)}"`,
        'must be a path relative to the filesystem\'s top, such as "photos/cat.jpg"',
      );
    problems.text(text, `${at}["${path.slice(0, 80)}"]`, MAX_STORAGE_TEXT, true);
  }
}

export const storagePart: MachinePart = {
  key: 'storage',
  checkFields: {
    'storage-mounted': ['device', 'mountpoint'],
    'storage-fstab-entry': ['device', 'mountpoint'],
    'storage-free-at-least': ['path', 'free'],
  },
  declarationProblems(declaration, at, problems) {
    if (!problems.object(declaration, at)) return;
    problems.known(declaration, at, ['devices', 'fstab']);
    if (declaration.fstab !== undefined)
      problems.text(declaration.fstab, `${at}.fstab`, MAX_FSTAB - DEFAULT_FSTAB.length, true);
    if (declaration.devices === undefined || !problems.array(declaration.devices, `${at}.devices`, 0, MAX_DEVICES))
      return;
    const names = new Set<string>();
    const mountpoints = new Set<string>();
    let total = 0;
    declaration.devices.forEach((device, i) => {
      const here = `${at}.devices[${i}]`;
      if (!problems.object(device, here)) return;
      problems.known(device, here, ['name', 'size', 'fstype', 'label', 'uuid', 'mountpoint', 'used', 'files']);
      if (problems.text(device.name, `${here}.name`, 8)) {
        if (!PARTITION_NAME.test(device.name))
          problems.add(`${here}.name`, 'must be a partition name from "sdb1" to "sdz9" (sda is the root disk)');
        else if (names.has(device.name)) problems.add(`${here}.name`, `"${device.name}" is declared twice`);
        names.add(device.name);
      }
      const size = problems.text(device.size, `${here}.size`, 12) ? sizeKib(device.size) : undefined;
      if (typeof device.size === 'string' && size === undefined)
        problems.add(`${here}.size`, 'must be a size such as "16G", "1.5G", "512M" or "640K"');
      problems.oneOf(device.fstype, `${here}.fstype`, FILESYSTEM_TYPES, true);
      for (const field of ['label', 'uuid'] as const) {
        if (device[field] === undefined) continue;
        if (device.fstype === undefined)
          problems.add(`${here}.${field}`, 'needs an "fstype": a partition without a filesystem has no label or UUID');
        else if (problems.text(device[field], `${here}.${field}`, 36) && !/^[A-Za-z0-9_-]+$/.test(device[field]))
          problems.add(`${here}.${field}`, 'must be letters, digits, "-" and "_"');
      }
      if (device.mountpoint !== undefined) {
        if (device.fstype === undefined)
          problems.add(`${here}.mountpoint`, 'needs an "fstype": only a filesystem can be mounted');
        else if (
          problems.text(device.mountpoint, `${here}.mountpoint`, 200) &&
          (!device.mountpoint.startsWith('/') || normalizePath(device.mountpoint) === '/')
        ) {
          problems.add(`${here}.mountpoint`, 'must be an absolute directory other than "/", such as "/mnt/usb"');
        } else if (mountpoints.has(normalizePath(device.mountpoint as string)))
          problems.add(`${here}.mountpoint`, 'another partition is mounted there');
        else mountpoints.add(normalizePath(device.mountpoint as string));
      }
      const used =
        device.used === undefined
          ? 0
          : problems.text(device.used, `${here}.used`, 12)
            ? sizeKib(device.used)
            : undefined;
      if (typeof device.used === 'string' && used === undefined)
        problems.add(`${here}.used`, 'must be a size such as "300M"');
      if (device.files !== undefined) {
        if (device.fstype === undefined) problems.add(`${here}.files`, 'needs an "fstype": files live on a filesystem');
        relativePathProblems(device.files, `${here}.files`, problems);
        if (typeof device.files === 'object' && device.files !== null) {
          for (const [path, text] of Object.entries(device.files)) total += path.length + String(text).length;
        }
      }
      const filesUse =
        typeof device.files === 'object' && device.files !== null
          ? filesKib(device.files as Record<string, string>)
          : BLOCK_KIB;
      if (size !== undefined && used !== undefined && used + filesUse > size)
        problems.add(`${here}.used`, 'the files and "used" do not fit in "size"');
    });
    if (total > MAX_STORAGE_TEXT)
      problems.add(`${at}.devices`, `the partitions' files must total at most ${MAX_STORAGE_TEXT} characters`);
  },
  checkProblems(check, at, problems) {
    if (check.kind === 'storage-free-at-least') {
      problems.path(check.path, `${at}.path`);
      if (problems.text(check.free, `${at}.free`, 12) && sizeKib(check.free) === undefined)
        problems.add(`${at}.free`, 'must be a size such as "300K" or "2G"');
      return;
    }
    if (problems.text(check.device, `${at}.device`, 8) && !PARTITION_NAME.test(check.device))
      problems.add(`${at}.device`, 'must be a partition name such as "sdb1"');
    const mountpoint = check.mountpoint;
    if (check.kind === 'storage-fstab-entry' || mountpoint !== undefined) {
      if (problems.text(mountpoint, `${at}.mountpoint`, 200) && !mountpoint.startsWith('/'))
        problems.add(`${at}.mountpoint`, 'must be an absolute directory such as "/mnt/usb"');
    }
  },
  startingState(declaration): StorageState {
    const { devices = [], fstab = '' } = declaration as StorageDeclaration;
    return {
      devices: devices.map((device) => {
        const files = device.files ?? {};
        const baseKib = device.used ? sizeKib(device.used)! : 0;
        return {
          name: device.name,
          sizeKib: sizeKib(device.size)!,
          fstype: device.fstype ?? null,
          label: device.label ?? '',
          uuid: device.fstype ? (device.uuid ?? defaultUuid(device.name, device.fstype)) : '',
          mountpoint: device.mountpoint ? normalizePath(device.mountpoint) : null,
          baseKib,
          usedKib: device.fstype ? baseKib + filesKib(files) : 0,
          files,
          covered: {},
        };
      }),
      fstab: DEFAULT_FSTAB + fstab,
      rootUsedKib: ROOT_DISK.systemKib,
    };
  },
  stateProblem(state) {
    if (typeof state !== 'object' || state === null || Array.isArray(state)) return 'not an object';
    const { devices, fstab, rootUsedKib } = state as Json;
    if (typeof fstab !== 'string' || fstab.length > MAX_FSTAB)
      return `fstab: not a text of at most ${MAX_FSTAB} characters`;
    if (typeof rootUsedKib !== 'number' || !Number.isFinite(rootUsedKib) || rootUsedKib < 0)
      return 'rootUsedKib: not a number of KiB';
    if (!Array.isArray(devices) || devices.length > MAX_DEVICES)
      return `devices: not a list of at most ${MAX_DEVICES} partitions`;
    for (const device of devices as unknown[]) {
      const {
        name,
        sizeKib: size,
        fstype,
        label,
        uuid,
        mountpoint,
        baseKib,
        usedKib,
        files,
        covered,
      } = (device ?? {}) as Json;
      if (
        typeof name !== 'string' ||
        !PARTITION_NAME.test(name) ||
        typeof size !== 'number' ||
        !(fstype === null || FILESYSTEM_TYPES.includes(fstype as FilesystemType)) ||
        typeof label !== 'string' ||
        label.length > 36 ||
        typeof uuid !== 'string' ||
        uuid.length > 36 ||
        !(
          mountpoint === null ||
          (typeof mountpoint === 'string' && mountpoint.startsWith('/') && mountpoint.length <= 200)
        ) ||
        typeof baseKib !== 'number' ||
        typeof usedKib !== 'number'
      ) {
        return 'devices: each partition is { name, sizeKib, fstype, label, uuid, mountpoint, baseKib, usedKib, files, covered }';
      }
      const problem = textsProblem(files, 'files') ?? textsProblem(covered, 'covered');
      if (problem) return `devices: ${problem}`;
    }
    if (storageTextLength(devices as PartitionState[]) > MAX_STORAGE_TEXT)
      return `devices: files of more than ${MAX_STORAGE_TEXT} characters`;
    return null;
  },
  evaluate(check, state): MachineFinding {
    const storage = (state ?? emptyState()) as StorageState;
    if (check.kind === 'storage-free-at-least') return freeFinding(check, storage);
    const name = check.device as string;
    const device = storage.devices.find((candidate) => candidate.name === name);
    if (!device) return { holds: false, saw: `this machine has no /dev/${name}` };
    if (check.kind === 'storage-fstab-entry')
      return fstabFinding(device, normalizePath(check.mountpoint as string), storage);
    const wanted = typeof check.mountpoint === 'string' ? normalizePath(check.mountpoint) : undefined;
    if (device.mountpoint === null) return { holds: false, saw: `/dev/${name} is not mounted` };
    return {
      holds: wanted === undefined || device.mountpoint === wanted,
      saw: `/dev/${name} is mounted on ${device.mountpoint}`,
    };
  },
};

function fstabFinding(device: PartitionState, mountpoint: string, storage: StorageState): MachineFinding {
  const { entries } = fstabEntries(storage.fstab);
  // Overwriting /etc/fstab (`tee` without `-a`) loses the root filesystem's line: the machine would not boot.
  if (!entries.some((entry) => entry.target === '/'))
    return { holds: false, saw: '/etc/fstab no longer has the line for / (the root filesystem)' };
  const there = entries.filter((entry) => entry.target === mountpoint);
  if (there.length === 0) return { holds: false, saw: `/etc/fstab has no line for ${mountpoint}` };
  const entry = there[there.length - 1]!;
  const problem = fstabEntryProblem(entry, storage.devices);
  if (problem) return { holds: false, saw: `line ${entry.line} of /etc/fstab fails: ${problem}` };
  if (partitionNamed(entry.source, storage.devices) !== device)
    return { holds: false, saw: `line ${entry.line} of /etc/fstab mounts ${entry.source}, not /dev/${device.name}` };
  return { holds: true, saw: `line ${entry.line} of /etc/fstab mounts /dev/${device.name} on ${mountpoint}` };
}

function freeFinding(check: Json, storage: StorageState): MachineFinding {
  const wanted = sizeKib(check.free as string) ?? 0;
  const path = resolveLabPath(check.path as string, LEARNER_HOME);
  const device = filesystemOf(path, storage.devices);
  const available = device
    ? availableKib(device.sizeKib, device.usedKib, device.fstype ?? '')
    : availableKib(ROOT_DISK.sizeKib, storage.rootUsedKib, ROOT_DISK.type);
  const where = device ? `/dev/${device.name} (${device.mountpoint})` : `${ROOT_DISK.device} (/)`;
  return { holds: available >= wanted, saw: `${where} has ${available}K available` };
}
