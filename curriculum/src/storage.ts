import type { LabFile, PartitionDeclaration } from '@lta/labs';
import { unchanged } from './checks.js';
import { defineModule } from './define.js';

/** What every lab of this module tells the learner: their password, the one sudo asks for. */
const PASSWORD_NOTE = 'Your password is `learner`; `sudo` asks for it once (nothing shows while you type it).';

/** `count` log lines of a service, numbered so that no two are alike (a compressor still finds them alike enough). */
function logLines(service: string, level: string, count: number, day = 1): string {
  let text = '';
  for (let i = 0; i < count; i++) {
    const minute = String(i % 60).padStart(2, '0');
    text += `2026-12-${String(day).padStart(2, '0')} 0${i % 10}:${minute}:${String(i % 57).padStart(2, '0')} ${service}[${812 + (i % 7)}]: ${level} request ${1000 + i} served in ${(i * 7) % 300}ms\n`;
  }
  return text;
}

/** The logger's own partition on /var/log: small, as on an appliance's flash card, and nearly full. */
const APPLIANCE_LOGS: Record<string, string> = {
  'app/app.log': logLines('app', 'INFO', 90, 6),
  'app/app.log.1': logLines('app', 'INFO', 720, 5),
  'app/app.log.2': logLines('app', 'INFO', 540, 4),
  'nginx/access.log': logLines('nginx', 'GET', 180, 6),
  syslog: logLines('kernel', 'NOTICE', 40, 6),
};

/** The same partition's files as lab files (for `unchanged` checks), by their absolute paths. */
function underVarLog(names: string[], logs: Record<string, string>): Record<string, LabFile> {
  return Object.fromEntries(names.map((name) => [`/var/log/${name}`, logs[name]!]));
}

const USB_STICK: PartitionDeclaration = {
  name: 'sdb1',
  size: '14.9G',
  fstype: 'vfat',
  label: 'HOLIDAY',
  uuid: '6A2F-19C4',
  files: {
    'photos/beach.jpg': 'JPEG beach at sunset, 4032x3024\n',
    'photos/harbour.jpg': 'JPEG harbour with boats, 4032x3024\n',
    'photos/market.jpg': 'JPEG fish market, 3024x4032\n',
    'packing-list.txt': 'sunscreen\nhat\ncharger\n',
  },
};

const BACKUP_DISK: PartitionDeclaration = {
  name: 'sdb1',
  size: '100G',
  fstype: 'ext4',
  label: 'backups',
  uuid: 'b7e4c2a1-5d3f-4e8b-9a6c-1f2e3d4c5b6a',
  files: {
    'nightly/2026-12-05.tar.gz': 'backup of 2026-12-05\n',
    'nightly/2026-12-06.tar.gz': 'backup of 2026-12-06\n',
  },
};

const FULL_VAR_LOGS: Record<string, string> = {
  'app/app.log': logLines('app', 'INFO', 60, 6),
  'app/debug.log': logLines('app', 'DEBUG', 1200, 6),
  'app/app.log.1': logLines('app', 'INFO', 600, 5),
  'nginx/access.log': logLines('nginx', 'GET', 150, 6),
};

const EXPORTS: Record<string, LabFile> = {
  '~/exports/2026-10.csv': 'day,orders\n2026-10-01,112\n2026-10-02,98\n',
  '~/exports/2026-11.csv': 'day,orders\n2026-11-01,131\n2026-11-02,120\n',
};

/** Module: how full the disks are, what fills them, and mounting disks by hand and at every boot. */
export const storage = defineModule(
  'storage',
  'Disks and storage',
  'See how full each filesystem is (df -h) and how memory is used (free -h), find what fills a disk (du, find -size) and free space safely, list disks and their filesystems (lsblk -f, blkid), mount and unmount a USB stick, and make a mount permanent in /etc/fstab, tested with mount -a.',
  [
    {
      id: 'storage-how-full',
      title: 'How full are the disks?',
      xp: 25,
      difficulty: 'beginner',
      story:
        'The monitoring dashboard of the team\'s server shows a yellow light next to "disk". Before anyone panics, ' +
        'look for yourself: the server has its system disk and a data disk mounted on `/srv/data`. Report how ' +
        'full each filesystem is, find out which one holds the quarterly reports, and check the memory too.',
      machine: {
        storage: {
          devices: [
            {
              name: 'sdb1',
              size: '50G',
              fstype: 'ext4',
              mountpoint: '/srv/data',
              used: '41G',
              files: { 'reports/q3.csv': 'quarter,revenue\nQ3,48200\n' },
            },
          ],
        },
      },
      files: {},
      steps: [
        {
          title: 'Every filesystem, readable',
          instructions:
            '`df` lists each mounted filesystem with its size, use and room. Sizes in 1K blocks are hard to read: ask for human units (`G`, `M`) and save the report into `~/disks.txt`.',
          checks: [
            { kind: 'ran', command: 'df', options: ['-h'], into: '~/disks.txt', message: 'df -h wrote ~/disks.txt' },
            {
              kind: 'file-contains',
              path: '~/disks.txt',
              text: '/srv/data',
              message: 'The report lists the data disk on /srv/data',
            },
          ],
          hints: [
            '`df` takes `-h` ("human-readable") for sizes like `41G`.',
            'Redirect its output with `>`.',
            '`df -h > ~/disks.txt`',
          ],
        },
        {
          title: 'Which filesystem holds the reports?',
          instructions:
            'Give `df` a path and it shows only the filesystem that path lies on. Show the one holding `/srv/data/reports`, with its filesystem type (`-T`).',
          checks: [
            {
              kind: 'ran',
              command: 'df',
              options: ['-T'],
              operands: ['/srv/data/reports'],
              message: 'df -T showed the filesystem holding /srv/data/reports',
            },
          ],
          hints: [
            '`df` takes paths as operands; `-T` adds a Type column.',
            '`df -T /srv/data/reports` (add `-h` if you like)',
          ],
        },
        {
          title: 'And the memory?',
          instructions:
            'A full memory can look like a slow disk. `free` shows memory and swap; show it in human units.',
          checks: [
            { kind: 'ran', command: 'free', options: ['-h'], message: 'free -h showed the memory in human units' },
          ],
          hints: ['`free` has the same `-h` as df.', '`free -h`'],
        },
      ],
      recap:
        'You can read how full each filesystem is (`df -h`), which filesystem a path lies on and its type (`df -T PATH`), and how memory is used (`free -h`).',
      solution: ['df -h > ~/disks.txt', 'df -T /srv/data/reports', 'free -h'],
    },
    {
      id: 'storage-what-fills',
      title: 'What fills the log partition?',
      xp: 40,
      difficulty: 'intermediate',
      story:
        'A small logging appliance keeps `/var/log` on its own tiny flash partition, and `df -h /var/log` says it ' +
        'is nearly full. Find which directory and which files take the room, then free space by deleting the old ' +
        'rotated logs (`app.log.1`, `app.log.2`) while keeping the logs being written now. ' +
        PASSWORD_NOTE,
      machine: {
        storage: {
          devices: [
            { name: 'sdb1', size: '384K', fstype: 'ext4', mountpoint: '/var/log', used: '180K', files: APPLIANCE_LOGS },
          ],
        },
      },
      files: {},
      steps: [
        {
          title: 'Which directory?',
          instructions:
            '`du` adds up the space below each path. Summarise each entry of `/var/log` in human units (`du -sh /var/log/*`, or `du -h -d 1 /var/log`) and save the list into `~/usage.txt`.',
          checks: [
            { kind: 'ran', command: 'du', into: '~/usage.txt', message: 'du wrote ~/usage.txt' },
            {
              kind: 'file-matches',
              path: '~/usage.txt',
              pattern: String.raw`^\S+\s+/var/log/app/?$`,
              flags: 'm',
              message: 'The list has a line for /var/log/app',
            },
            {
              kind: 'file-matches',
              path: '~/usage.txt',
              pattern: String.raw`^\S+\s+/var/log/nginx/?$`,
              flags: 'm',
              message: 'The list has a line for /var/log/nginx',
            },
          ],
          hints: [
            '`du -s` gives one total per operand; `-h` makes it readable; the shell expands `/var/log/*` to each entry.',
            '`du -sh /var/log/* > ~/usage.txt`',
          ],
        },
        {
          title: 'Which files?',
          instructions:
            'Now list the files under `/var/log` bigger than 20 KiB with `find -size +20k` (and `-type f`), saved into `~/big.txt`.',
          checks: [
            { kind: 'ran', command: 'find', into: '~/big.txt', message: 'find wrote ~/big.txt' },
            {
              kind: 'file-contains',
              path: '~/big.txt',
              text: '/var/log/app/app.log.1',
              message: 'app.log.1 is listed',
            },
            {
              kind: 'file-contains',
              path: '~/big.txt',
              text: '/var/log/app/app.log.2',
              message: 'app.log.2 is listed',
            },
            {
              kind: 'file-matches',
              path: '~/big.txt',
              pattern: String.raw`(app\.log|syslog|access\.log)$`,
              flags: 'm',
              negate: true,
              message: 'Only the big files (not app.log, syslog or access.log)',
            },
          ],
          hints: [
            '`find PATH -type f -size +20k` keeps regular files above 20 KiB (`k` is KiB).',
            '`find /var/log -type f -size +20k > ~/big.txt`',
          ],
        },
        {
          title: 'Free the space',
          instructions:
            'Delete the two rotated logs (they belong to root: use `sudo`), keep everything else, and check the room with `df -h /var/log`.',
          checks: [
            { kind: 'absent', path: '/var/log/app/app.log.1', message: 'app.log.1 is gone' },
            { kind: 'absent', path: '/var/log/app/app.log.2', message: 'app.log.2 is gone' },
            unchanged(
              underVarLog(['app/app.log'], APPLIANCE_LOGS),
              '/var/log/app/app.log',
              'The current app.log is kept',
            ),
            unchanged(
              underVarLog(['nginx/access.log'], APPLIANCE_LOGS),
              '/var/log/nginx/access.log',
              "nginx's access.log is kept",
            ),
            {
              kind: 'storage-free-at-least',
              path: '/var/log',
              free: '140K',
              message: 'The log partition has at least 140K available',
            },
          ],
          hints: [
            '`rm` with both paths, run through `sudo`; a glob like `app.log.[12]` names both.',
            'Do not delete `app.log` itself: the application writes it now.',
            '`sudo rm /var/log/app/app.log.1 /var/log/app/app.log.2`, then `df -h /var/log`',
          ],
        },
      ],
      recap:
        'You can find what fills a filesystem, directory by directory (`du -sh DIR/*`) and file by file (`find -size +20k`), and free space by removing only what is safe to remove.',
      solution: [
        'du -sh /var/log/* > ~/usage.txt',
        'find /var/log -type f -size +20k > ~/big.txt',
        'sudo rm /var/log/app/app.log.1 /var/log/app/app.log.2',
        'learner',
        'df -h /var/log',
      ],
    },
    {
      id: 'storage-usb-stick',
      title: 'Photos from a USB stick',
      xp: 40,
      difficulty: 'intermediate',
      story:
        'A friend hands you a USB stick labelled HOLIDAY with their photos. The server sees the stick as a disk ' +
        'but nothing is mounted. Find it, mount it, copy the photos into your home, and unmount it before you ' +
        'hand it back. ' +
        PASSWORD_NOTE,
      machine: { storage: { devices: [USB_STICK] } },
      files: {},
      steps: [
        {
          title: 'Find the stick',
          instructions:
            "`lsblk` lists the block devices; with `-f` it also shows each filesystem's type, label and UUID. Find the partition labelled HOLIDAY.",
          checks: [{ kind: 'ran', command: 'lsblk', options: ['-f'], message: 'lsblk -f listed the filesystems' }],
          hints: ['The stick is the second disk, `sdb`; its partition is `sdb1`. `-f` shows labels.', '`lsblk -f`'],
        },
        {
          title: 'Mount it',
          instructions: 'Make a directory to mount it on, `/mnt/usb`, and mount `/dev/sdb1` there. Both need root.',
          // The next step unmounts it again: what stays true is that a mount onto /mnt/usb succeeded.
          checks: [
            { kind: 'exists', path: '/mnt/usb', type: 'dir', message: 'The mount point /mnt/usb exists' },
            { kind: 'ran', command: 'mount', operands: ['/mnt/usb'], message: 'A mount onto /mnt/usb succeeded' },
          ],
          hints: [
            '`sudo mkdir /mnt/usb` makes the mount point; `mount DEVICE DIRECTORY` mounts.',
            '`sudo mkdir /mnt/usb`, then `sudo mount /dev/sdb1 /mnt/usb`',
          ],
        },
        {
          title: 'Copy, then unmount',
          instructions:
            'Copy the `photos` directory from the stick into your home (`~/photos`), then unmount the stick. You cannot unmount a filesystem your shell is inside: step out first.',
          checks: [
            {
              kind: 'file-equals',
              path: '~/photos/beach.jpg',
              content: USB_STICK.files!['photos/beach.jpg']!,
              message: '~/photos/beach.jpg is the photo from the stick',
            },
            {
              kind: 'file-equals',
              path: '~/photos/market.jpg',
              content: USB_STICK.files!['photos/market.jpg']!,
              message: '~/photos/market.jpg is the photo from the stick',
            },
            { kind: 'ran', command: 'cp', message: 'You copied them with cp' },
            { kind: 'storage-mounted', device: 'sdb1', negate: true, message: 'The stick is unmounted' },
          ],
          hints: [
            '`cp -r` copies a directory; `umount` (no "n") takes the mount point or the device.',
            '`umount: target is busy` means a shell is inside it: `cd` home first.',
            '`cp -r /mnt/usb/photos ~/`, then `sudo umount /mnt/usb`',
          ],
        },
      ],
      recap:
        'You can find a disk and its filesystems (`lsblk -f`), mount a partition on a directory (`sudo mount /dev/sdb1 /mnt/usb`), use its files, and unmount it (`sudo umount`) once no shell is inside.',
      solution: [
        'lsblk -f',
        'sudo mkdir /mnt/usb',
        'learner',
        'sudo mount /dev/sdb1 /mnt/usb',
        'cp -r /mnt/usb/photos ~/',
        'sudo umount /mnt/usb',
      ],
    },
    {
      id: 'storage-fstab',
      title: 'Mounted at every boot',
      xp: 55,
      difficulty: 'advanced',
      story:
        'The new backup disk (`/dev/sdb1`, ext4, labelled `backups`) must be on `/backups` after every reboot, ' +
        'not only when someone remembers to mount it. /etc/fstab lists what the system mounts at boot: one line per ' +
        'filesystem, `SOURCE MOUNTPOINT TYPE OPTIONS DUMP PASS`. Name the disk by its UUID (device names can change ' +
        'between boots), add the line, and test it with `mount -a`, as a careful admin does before any reboot. ' +
        PASSWORD_NOTE,
      machine: { storage: { devices: [BACKUP_DISK] } },
      files: {},
      steps: [
        {
          title: "The disk's UUID",
          instructions:
            "`blkid` prints each filesystem's tags; `-s UUID -o value` prints only the UUID's value. Save the UUID of `/dev/sdb1` into `~/uuid.txt`.",
          checks: [
            { kind: 'ran', command: 'blkid', into: '~/uuid.txt', message: 'blkid wrote ~/uuid.txt' },
            {
              kind: 'file-equals',
              path: '~/uuid.txt',
              content: `${BACKUP_DISK.uuid}\n`,
              message: '~/uuid.txt holds only the UUID of /dev/sdb1',
            },
          ],
          hints: [
            '`blkid DEVICE` shows its LABEL, UUID and TYPE; `-s UUID` keeps one tag and `-o value` drops the name.',
            '`blkid -s UUID -o value /dev/sdb1 > ~/uuid.txt`',
          ],
        },
        {
          title: 'The fstab line',
          instructions:
            'Append a line to `/etc/fstab` mounting `UUID=<the uuid>` on `/backups` as `ext4` with the `defaults` options, dump `0`, pass `2`. Append (`tee -a`): the line for `/` must stay.',
          checks: [
            {
              kind: 'storage-fstab-entry',
              device: 'sdb1',
              mountpoint: '/backups',
              message: '/etc/fstab mounts /dev/sdb1 on /backups, and still mounts /',
            },
          ],
          hints: [
            "`sudo echo ... >> /etc/fstab` fails: the redirection is your shell's, not root's. Pipe into `sudo tee -a /etc/fstab` instead.",
            '`$(cat ~/uuid.txt)` puts the UUID into the line.',
            '`echo "UUID=$(cat ~/uuid.txt) /backups ext4 defaults 0 2" | sudo tee -a /etc/fstab`',
          ],
        },
        {
          title: 'Test it with mount -a',
          instructions:
            'Make the mount point `/backups` and run `mount -a`, which mounts everything in /etc/fstab not yet mounted, as the boot would. No error means the line is right.',
          checks: [
            { kind: 'ran', command: 'mount', options: ['-a'], message: 'mount -a ran without an error' },
            {
              kind: 'storage-mounted',
              device: 'sdb1',
              mountpoint: '/backups',
              message: '/dev/sdb1 is mounted on /backups',
            },
          ],
          hints: [
            '`mount -a` fails with "mount point does not exist" until the directory is there.',
            '`sudo mkdir /backups`, then `sudo mount -a`; `findmnt /backups` shows it.',
          ],
        },
      ],
      recap:
        "You can find a filesystem's UUID (`blkid -s UUID -o value`), add a permanent mount to /etc/fstab without losing its other lines (`sudo tee -a`), and test it before a reboot (`sudo mount -a`).",
      solution: [
        'blkid -s UUID -o value /dev/sdb1 > ~/uuid.txt',
        'echo "UUID=$(cat ~/uuid.txt) /backups ext4 defaults 0 2" | sudo tee -a /etc/fstab',
        'learner',
        'sudo mkdir /backups',
        'sudo mount -a',
      ],
    },
    {
      id: 'storage-var-full',
      title: 'Capstone: the log partition is full',
      xp: 80,
      difficulty: 'advanced',
      story:
        "Friday evening: the shop's server stopped writing logs, `/var/log` (its own small partition) is full. " +
        "Someone left the application's debug log on. Free space safely: remove the debug log, compress (do not " +
        "delete) yesterday's rotated log, and keep the logs being written. Then give the data exports in `~/exports` " +
        'a home on the new empty disk `/dev/sdc1` (ext4, labelled `data`): mount it on `/srv/data`, move the exports ' +
        'there, and make the mount permanent. ' +
        PASSWORD_NOTE,
      machine: {
        storage: {
          devices: [
            { name: 'sdb1', size: '448K', fstype: 'ext4', mountpoint: '/var/log', used: '150K', files: FULL_VAR_LOGS },
            { name: 'sdc1', size: '20G', fstype: 'ext4', label: 'data', uuid: '0c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f' },
          ],
        },
      },
      files: EXPORTS,
      steps: [
        {
          title: 'Free the log partition',
          instructions:
            "Find what fills `/var/log` (`du`, `find -size`), delete `app/debug.log`, compress `app/app.log.1` with `gzip` (it becomes `app.log.1.gz`), and leave `app.log` and nginx's log alone. At least 220K must be available on `/var/log` afterwards.",
          checks: [
            { kind: 'absent', path: '/var/log/app/debug.log', message: 'The debug log is gone' },
            { kind: 'absent', path: '/var/log/app/app.log.1', message: 'app.log.1 is no longer there uncompressed' },
            {
              kind: 'exists',
              path: '/var/log/app/app.log.1.gz',
              type: 'file',
              message: 'app.log.1 is kept compressed, as app.log.1.gz',
            },
            {
              kind: 'ran',
              command: 'gzip',
              operands: ['/var/log/app/app.log.1'],
              message: 'gzip compressed app.log.1',
            },
            unchanged(
              underVarLog(['app/app.log'], FULL_VAR_LOGS),
              '/var/log/app/app.log',
              'The current app.log is kept',
            ),
            unchanged(
              underVarLog(['nginx/access.log'], FULL_VAR_LOGS),
              '/var/log/nginx/access.log',
              "nginx's access.log is kept",
            ),
            {
              kind: 'storage-free-at-least',
              path: '/var/log',
              free: '220K',
              message: '/var/log has at least 220K available',
            },
          ],
          hints: [
            '`du -ah /var/log | sort -h` lists every file by size; the largest come last.',
            'Both files belong to root: `sudo rm ...` and `sudo gzip ...`.',
            '`sudo rm /var/log/app/debug.log`, then `sudo gzip /var/log/app/app.log.1`, then `df -h /var/log`',
          ],
        },
        {
          title: 'A home for the data',
          instructions:
            'Mount the new disk `/dev/sdc1` on `/srv/data` (make the directory), then move the `exports` directory from your home onto it, as `/srv/data/exports`.',
          checks: [
            {
              kind: 'storage-mounted',
              device: 'sdc1',
              mountpoint: '/srv/data',
              message: '/dev/sdc1 is mounted on /srv/data',
            },
            {
              kind: 'file-equals',
              path: '/srv/data/exports/2026-11.csv',
              content: EXPORTS['~/exports/2026-11.csv'] as string,
              message: '2026-11.csv is on the new disk',
            },
            {
              kind: 'file-equals',
              path: '/srv/data/exports/2026-10.csv',
              content: EXPORTS['~/exports/2026-10.csv'] as string,
              message: '2026-10.csv is on the new disk',
            },
            { kind: 'absent', path: '~/exports', message: 'The exports left your home (moved, not copied)' },
          ],
          hints: [
            '`lsblk -f` shows the new disk; it needs a mount point first.',
            "The new filesystem's top belongs to root: move with `sudo mv`.",
            '`sudo mkdir -p /srv/data && sudo mount /dev/sdc1 /srv/data`, then `sudo mv ~/exports /srv/data/`',
          ],
        },
        {
          title: 'Make it permanent',
          instructions:
            'Add an /etc/fstab line mounting the disk (by `UUID=` or `LABEL=data`) on `/srv/data`, and check it with `mount -a`.',
          checks: [
            {
              kind: 'storage-fstab-entry',
              device: 'sdc1',
              mountpoint: '/srv/data',
              message: '/etc/fstab mounts /dev/sdc1 on /srv/data, and still mounts /',
            },
            { kind: 'ran', command: 'mount', options: ['-a'], message: 'mount -a ran without an error' },
          ],
          hints: [
            '`blkid -s UUID -o value /dev/sdc1` prints the UUID; the line is `SOURCE /srv/data ext4 defaults 0 2`.',
            'Append with `sudo tee -a /etc/fstab`, never `>`: the line for / must stay.',
            '`echo "UUID=$(blkid -s UUID -o value /dev/sdc1) /srv/data ext4 defaults 0 2" | sudo tee -a /etc/fstab`, then `sudo mount -a`',
          ],
        },
      ],
      recap:
        'You can take a full filesystem back from the brink (find the cause with `du` and `find -size`, delete what is safe, compress what must be kept), put data on a new disk (`mount`, `mv`), and make the mount permanent in /etc/fstab, tested with `mount -a`.',
      solution: [
        'du -ah /var/log | sort -h | tail -n 5',
        'sudo rm /var/log/app/debug.log',
        'learner',
        'sudo gzip /var/log/app/app.log.1',
        'df -h /var/log',
        'sudo mkdir -p /srv/data',
        'sudo mount /dev/sdc1 /srv/data',
        'sudo mv ~/exports /srv/data/',
        'echo "UUID=$(blkid -s UUID -o value /dev/sdc1) /srv/data ext4 defaults 0 2" | sudo tee -a /etc/fstab',
        'sudo mount -a',
      ],
    },
  ],
);
