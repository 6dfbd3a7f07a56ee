/** `/health` says whether the host can take writes, and why not. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost } from '../../src/index.js';
import { callOverHttp } from '../durability/host-process.js';
import { LEDGER } from '../durability/ledger-database.js';
import { mountSmallDisk, NEEDS_MOUNT } from '../durability/small-disk.js';
import { startKitchenSink } from './support.js';

async function health(url: string): Promise<{ status: number; body: { writable: boolean; reason?: string } }> {
  const response = await fetch(`${url}/health`);
  return { status: response.status, body: (await response.json()) as { writable: boolean; reason?: string } };
}

test('/health: 200 writable with a data directory, 503 with the reason when it cannot be written', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'lta-health-'));
  const host = await startKitchenSink({ dataDir });
  try {
    assert.deepEqual(await health(host.url), { status: 200, body: { status: 'ok', writable: true } });
    await rm(dataDir, { recursive: true });
    const gone = await health(host.url);
    assert.equal(gone.status, 503);
    assert.equal(gone.body.writable, false);
    assert.match(gone.body.reason!, new RegExp(`data directory ${dataDir} is not writable: ENOENT`));
  } finally {
    await host.close();
  }
});

test('/health: 503 when the disk has less free space than the minimum', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'lta-health-'));
  // More than any disk here has free.
  const host = await startKitchenSink({ dataDir, minFreeBytes: 2 ** 60 });
  try {
    const full = await health(host.url);
    assert.equal(full.status, 503);
    assert.match(full.body.reason!, /^only [\d.]+ MiB free for .*, under the minimum of 1099511627776\.0 MiB$/);
  } finally {
    await host.close();
    await rm(dataDir, { recursive: true });
  }
});

test('/health in memory: writable (nothing to fill)', async () => {
  const host = await startKitchenSink();
  try {
    assert.deepEqual(await health(host.url), { status: 200, body: { status: 'ok', writable: true } });
  } finally {
    await host.close();
  }
});

test('/health: 503 once the commit log failed to write because the disk filled up', async (t) => {
  const disk = await mountSmallDisk('2m');
  if (!disk) return t.skip(NEEDS_MOUNT);
  // No free-space minimum, so the host keeps writing until the log itself fails.
  const host = await startHost({
    moduleDir: LEDGER,
    database: 'ledger',
    dataDir: disk.dir,
    minFreeBytes: 0,
    log: false,
  });
  try {
    assert.equal((await health(host.url)).status, 200);
    const big = 'x'.repeat(100_000);
    let refused = null;
    for (let seq = 1; seq <= 100 && refused === null; seq++) {
      const result = await callOverHttp(host.url, 'ledger', 'record', [big, seq, 1]);
      if (result.status !== 200) refused = result;
    }
    assert.ok(refused, 'a write was refused once the disk was full');
    assert.equal(refused.status, 503, 'the caller is told the database is unavailable, not a bare 500');
    assert.match(refused.body, /could not save this call.*ENOSPC/);
    t.diagnostic(`refused: ${refused.status} ${refused.body}`);
    const full = await health(host.url);
    assert.equal(full.status, 503);
    assert.match(full.body.reason!, /commit log write failed: .*ENOSPC/);
  } finally {
    await host.close();
    await disk.remove();
  }
});
