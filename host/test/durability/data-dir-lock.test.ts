import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockDataDir } from '../../src/durability/data-dir-lock.js';

test('a second host is kept off a data directory in use, and gets in once the first lets go', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'lta-lock-'));
  const first = await lockDataDir(dir);
  await assert.rejects(lockDataDir(dir), new RegExp(`in use by another host \\(process ${process.pid}\\)`));
  await first.release();
  const second = await lockDataDir(dir);
  await second.release();
  await rm(dir, { recursive: true });
});

test('a lock left by a host that was killed is taken over', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'lta-lock-'));
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  await writeFile(join(dir, 'LOCK'), gone.stdout);
  const lock = await lockDataDir(dir);
  await lock.release();
  await rm(dir, { recursive: true });
});
