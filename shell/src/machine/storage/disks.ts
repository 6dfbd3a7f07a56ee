import {
  DEFAULT_FSTAB,
  filesKib,
  MAX_FSTAB,
  MAX_STORAGE_TEXT,
  normalizePath,
  type PartitionFiles,
  type PartitionState,
  type StorageState,
} from '@lta/labs';
import { ROOT, type LearnerFs } from '../../filesystem/learner-fs.js';
import { bytesToLatin1, decodeUtf8, isUtf8, latin1ToBytes } from '../../text.js';
import { filesystemUse } from './usage.js';

const FSTAB = '/etc/fstab';

/**
 * The machine's partitions and what is mounted where. A mounted partition's files live in the learner's filesystem
 * under its mount point (so every command sees them); unmounting takes them back into the partition and brings back
 * what the mount point held before. Mounting and unmounting are root's (the commands check).
 */
export class Disks {
  readonly devices: PartitionState[];
  private readonly declared: boolean;

  constructor(
    state: StorageState | undefined,
    private readonly fs: LearnerFs,
  ) {
    this.declared = state !== undefined;
    this.devices = structuredClone(state?.devices ?? []);
    this.startingFstab = state?.fstab ?? DEFAULT_FSTAB;
  }

  private readonly startingFstab: string;

  /**
   * Writes /etc/fstab and puts the files of the partitions mounted at the start under their mount points (a resumed
   * session's come back with the snapshot's files instead).
   */
  boot(): void {
    this.fs.writeFileSync(FSTAB, this.startingFstab);
    // Where Debian mounts things by hand (/mnt) and removable media (/media).
    for (const dir of ['/mnt', '/media']) this.fs.mkdirSync(dir, { recursive: true });
    for (const device of this.devices) {
      if (device.mountpoint === null) continue;
      this.fs.mkdirSync(device.mountpoint, { recursive: true });
      // What the system put there (an empty /var/log/syslog) is under the mount, as on a machine that booted so.
      device.covered = { ...takeTree(this.fs, device.mountpoint), ...device.covered };
      writeTree(this.fs, device.mountpoint, device.files);
      device.files = {};
    }
  }

  /** Every path under a mount point: the partitions' files, which snapshots keep with the learner's files. */
  mountedPaths(): string[] {
    const tops = this.devices.flatMap((device) => (device.mountpoint === null ? [] : [`${device.mountpoint}/`]));
    return tops.length === 0 ? [] : this.fs.getAllPaths().filter((path) => tops.some((top) => path.startsWith(top)));
  }

  /** The partition `/dev/NAME` names, if declared. */
  device(path: string): PartitionState | undefined {
    return this.devices.find((device) => `/dev/${device.name}` === normalizePath(path));
  }

  /** The partition mounted on `dir`, if any. */
  mountedOn(dir: string): PartitionState | undefined {
    return this.devices.find((device) => device.mountpoint === dir);
  }

  /** Mounts `device` (which has a filesystem and is not mounted) on the directory `dir`: its files show there. */
  mount(device: PartitionState, dir: string): void {
    device.covered = takeTree(this.fs, dir);
    writeTree(this.fs, dir, device.files);
    device.files = {};
    device.mountpoint = dir;
  }

  /** Unmounts `device`: its files leave the mount point, and what the mount point held shows again. */
  unmount(device: PartitionState): void {
    const dir = device.mountpoint!;
    device.files = takeTree(this.fs, dir);
    writeTree(this.fs, dir, device.covered);
    device.covered = {};
    device.mountpoint = null;
  }

  /** /etc/fstab's text now (empty when the learner removed it). */
  fstab(): string {
    try {
      return this.fs.readWalkedFile(FSTAB) ?? '';
    } catch {
      return '';
    }
  }

  /** The state for the snapshot; undefined while nothing differs from a machine whose lab declared no storage. */
  state(): StorageState | undefined {
    const fstab = this.fstab().slice(0, MAX_FSTAB);
    if (!this.declared && this.devices.length === 0 && fstab === DEFAULT_FSTAB) return undefined;
    const use = filesystemUse(this.fs, this.devices);
    // A mounted partition's files are in the snapshot's files (see `mountedPaths`); the state holds the others'.
    const devices = this.devices.map((device) => {
      if (device.mountpoint !== null)
        return { ...device, files: {}, usedKib: use.find((fs) => fs.device === device)!.usedKib };
      return { ...device, usedKib: device.fstype === null ? 0 : device.baseKib + filesKib(device.files) };
    });
    return { devices: boundedFiles(devices), fstab, rootUsedKib: use[0]!.usedKib };
  }
}

/** Keeps the partitions' files within the snapshot's bound: past it, the largest files are left out. */
function boundedFiles(devices: PartitionState[]): PartitionState[] {
  let room = MAX_STORAGE_TEXT;
  const sized = (text: string | { base64: string }) => (typeof text === 'string' ? text.length : text.base64.length);
  return devices.map((device) => {
    const keep = (files: PartitionFiles): PartitionFiles => {
      const kept: PartitionFiles = {};
      for (const [path, text] of Object.entries(files).sort((a, b) => sized(a[1]) - sized(b[1]))) {
        room -= path.length + sized(text);
        if (room >= 0) kept[path] = text;
      }
      return kept;
    };
    return { ...device, files: keep(device.files), covered: keep(device.covered) };
  });
}

/** What lies under `dir`, as partition files (the directory itself excluded). */
function readTree(fs: LearnerFs, dir: string): PartitionFiles {
  const files: PartitionFiles = {};
  const prefix = `${dir}/`;
  for (const [path, node] of fs.entries()) {
    if (!path.startsWith(prefix)) continue;
    const relative = path.slice(prefix.length);
    if (node.type === 'dir') files[`${relative}/`] = '';
    else if (node.type === 'file')
      files[relative] = isUtf8(node.inode.data)
        ? decodeUtf8(node.inode.data)
        : { base64: btoa(bytesToLatin1(node.inode.data)) };
  }
  return files;
}

/** Removes what lies under `dir` and returns it. */
function takeTree(fs: LearnerFs, dir: string): PartitionFiles {
  const files = readTree(fs, dir);
  for (const name of fs.childrenOf(dir)) fs.removeSync(`${dir}/${name}`);
  return files;
}

/** Writes partition files under `dir`, as root would find them on the disk. */
function writeTree(fs: LearnerFs, dir: string, files: PartitionFiles): void {
  for (const [relative, text] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    const path = `${dir}/${relative.replace(/\/$/, '')}`;
    if (relative.endsWith('/')) fs.mkdirSync(path, { recursive: true }, 0o755, ROOT);
    else
      fs.writeFileSync(path, typeof text === 'string' ? text : latin1ToBytes(atob(text.base64)), undefined, {
        owner: ROOT,
      });
  }
}
