import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createShell } from '@lta/shell';

/** The Used column of `df`, in KiB. */
async function dfUsed(shell: Awaited<ReturnType<typeof createShell>>): Promise<number> {
  const { stdout } = await shell.run('df');
  return Number(stdout.split('\n')[1]!.trim().split(/\s+/)[2]);
}

test('df follows the files: copying a 5 MiB file uses 5 MiB more, removing it gives it back', async () => {
  const shell = await createShell({ files: { '/home/learner/big.bin': { type: 'file', mode: 0o644, content: 'x'.repeat(5 * 1024 * 1024) } } });
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
  assert.match((await shell.run('df -h')).stdout, /^Filesystem {6}Size {2}Used Avail Use% Mounted on\n\/dev\/sda1 {8}20G {2}4\.3G {3}15G {2}23% \/\n$/);
  assert.match((await shell.run('df -T ~')).stdout, /^Filesystem {5}Type 1K-blocks +Used Available Use% Mounted on\n\/dev\/sda1 {6}ext4 +20511312 /);
  assert.match((await shell.run('lsblk')).stdout, /sda1 +8:1 +0 +20G +0 part \/\n$/);
  assert.equal((await shell.run('mount -t ext4')).stdout, '/dev/sda1 on / type ext4 (rw,relatime)\n');
  assert.match((await shell.run('free -h')).stdout, /^ {15}total {8}used {8}free {6}shared {2}buff\/cache {3}available\nMem: {11}1\.9Gi/);
  assert.equal((await shell.run('df nosuch')).stderr, 'df: nosuch: No such file or directory\n');
});
