import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateCheck, startingMachine, type ShellSnapshot } from '@lta/labs';
import { createShell } from '@lta/shell';

/** The Used column of `df`, in KiB. */
async function dfUsed(shell: Awaited<ReturnType<typeof createShell>>): Promise<number> {
  const { stdout } = await shell.run('df');
  return Number(stdout.split('\n')[1]!.trim().split(/\s+/)[2]);
}

test('df follows the files: copying a 5 MiB file uses 5 MiB more, removing it gives it back', async () => {
  const shell = await createShell({
    files: { '/home/learner/big.bin': { type: 'file', mode: 0o644, content: 'x'.repeat(5 * 1024 * 1024) } },
  });
  const before = await dfUsed(shell);
  await shell.run('cp big.bin copy.bin');
  assert.equal((await dfUsed(shell)) - before, 5120);
  // A hard link takes no room; du agrees with df on the file's blocks.
  await shell.run('ln copy.bin same.bin');
  assert.equal((await dfUsed(shell)) - before, 5120);
  assert.equal((await shell.run('du -sh copy.bin')).stdout, '5.0M\tcopy.bin\n');
  await shell.run('rm copy.bin same.bin');
  assert.equal(await dfUsed(shell), before);
});

test('df -h and -T show the root disk as GNU lays it out; lsblk, mount and free describe the same machine', async () => {
  const shell = await createShell();
  assert.match(
    (await shell.run('df -h')).stdout,
    /^Filesystem {6}Size {2}Used Avail Use% Mounted on\n\/dev\/sda1 {8}20G {2}4\.3G {3}15G {2}23% \/\n$/,
  );
  assert.match(
    (await shell.run('df -T ~')).stdout,
    /^Filesystem {5}Type 1K-blocks +Used Available Use% Mounted on\n\/dev\/sda1 {6}ext4 +20511312 /,
  );
  assert.match((await shell.run('lsblk')).stdout, /sda1 +8:1 +0 +20G +0 part \/\n$/);
  assert.equal((await shell.run('mount -t ext4')).stdout, '/dev/sda1 on / type ext4 (rw,relatime)\n');
  assert.match(
    (await shell.run('free -h')).stdout,
    /^ {15}total {8}used {8}free {6}shared {2}buff\/cache {3}available\nMem: {11}1\.9Gi/,
  );
  assert.equal((await shell.run('df nosuch')).stderr, 'df: nosuch: No such file or directory\n');
});

const DECLARED = startingMachine({
  storage: {
    devices: [
      {
        name: 'sdb1',
        size: '14.9G',
        fstype: 'vfat',
        label: 'USBSTICK',
        files: { 'photos/cat.txt': 'meow\n', 'report.txt': 'q3\n' },
      },
      {
        name: 'sdc1',
        size: '640K',
        fstype: 'ext4',
        mountpoint: '/var/log',
        used: '100K',
        files: { 'app.log': 'x'.repeat(90_000) },
      },
    ],
  },
});

/** A shell on the declared machine whose `sudo` is answered with the learner's password. */
async function declaredShell(snapshot?: ShellSnapshot) {
  const shell = await createShell(snapshot ? { snapshot } : { machine: DECLARED });
  return async (line: string) =>
    shell.run(line, { ask: async () => 'learner' }).then((result) => ({ ...result, shell }));
}

test('mounting a partition shows its files at the mount point; unmounting hides them and brings back what was under', async () => {
  const run = await declaredShell();
  await run('sudo mkdir /mnt/usb && echo mine | sudo tee /mnt/usb/under.txt');
  assert.equal((await run('mount /dev/sdb1 /mnt/usb')).stderr, 'mount: /mnt/usb: must be superuser to use mount.\n');
  assert.equal((await run('sudo mount /dev/sdb1 /mnt/usb')).exitCode, 0);
  assert.equal((await run('ls /mnt/usb')).stdout, 'photos\nreport.txt\n');
  assert.match(
    (await run('lsblk -f')).stdout,
    /\u2514\u2500sdb1 vfat +FAT32 USBSTICK [0-9A-F]{4}-[0-9A-F]{4} +\d+(\.\d)?G +1% \/mnt\/usb\n/,
  );
  assert.equal(
    (await run('findmnt /mnt/usb')).stdout.split('\n')[1]!.split(/\s+/).slice(0, 3).join(' '),
    '/mnt/usb /dev/sdb1 vfat',
  );
  await run('cd /mnt/usb');
  assert.deepEqual(
    [(await run('sudo umount /mnt/usb')).stderr, (await run('cat report.txt')).stdout],
    ['umount: /mnt/usb: target is busy.\n', 'q3\n'],
  );
  await run('cd && sudo umount /dev/sdb1');
  assert.equal((await run('ls /mnt/usb')).stdout, 'under.txt\n');
  assert.equal((await run('sudo mount /dev/sdb1 /nowhere')).stderr, 'mount: /nowhere: mount point does not exist.\n');
});

test('df follows the files of a declared partition, and the free-space check sees the same figure', async () => {
  const run = await declaredShell();
  const row = async () => (await run('df /var/log')).stdout.split('\n')[1]!.split(/\s+/);
  // 100K undeclared data, the top directory and app.log's 88K in 4K blocks.
  assert.deepEqual((await row()).slice(1, 5), ['640', '192', '416', '32%']);
  const free = { kind: 'storage-free-at-least', path: '/var/log', free: '500K', message: 'room' } as const;
  assert.equal(evaluateCheck(free, (await run('true')).shell.snapshot()).passed, false);
  await run('sudo rm /var/log/app.log');
  assert.deepEqual((await row()).slice(1, 5), ['640', '104', '504', '18%']);
  assert.equal(evaluateCheck(free, (await run('true')).shell.snapshot()).passed, true);
});

test('mount -a mounts what /etc/fstab names and says why a wrong line fails; the state survives a resumed session', async () => {
  const run = await declaredShell();
  await run('sudo mkdir /backup');
  await run('echo "LABEL=USBSTICK /backup ext4 defaults 0 2" | sudo tee -a /etc/fstab');
  const wrong = await run('sudo mount -a');
  assert.deepEqual(
    [wrong.exitCode, wrong.stderr],
    [
      32,
      'mount: /backup: wrong fs type, bad option, bad superblock on /dev/sdb1, missing codepage or helper program, or other error.\n',
    ],
  );
  await run("sudo sed -i 's/ext4/vfat/' /etc/fstab");
  assert.equal((await run('sudo mount -a')).exitCode, 0);
  const { shell } = await run('echo new | sudo tee /backup/new.txt');
  assert.equal(
    evaluateCheck(
      { kind: 'storage-fstab-entry', device: 'sdb1', mountpoint: '/backup', message: 'm' },
      shell.snapshot(),
    ).passed,
    true,
  );
  const resumed = await declaredShell(shell.snapshot());
  assert.equal((await resumed('ls /backup')).stdout, 'new.txt\nphotos\nreport.txt\n');
  assert.match((await resumed('mount -t vfat')).stdout, /^\/dev\/sdb1 on \/backup type vfat/);
  await resumed('sudo umount /backup');
  assert.equal((await resumed('ls /backup')).stdout, '');
});
