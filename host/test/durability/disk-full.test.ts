/** A real host process whose disk fills up: it stops (exit 4) and, given room again, restarts with every acknowledged write. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callOverHttp, startHostProcess, stopHost } from './host-process.js';
import { LEDGER, storedEntries } from './ledger-database.js';
import { mountSmallDisk, NEEDS_MOUNT } from './small-disk.js';

test(
  'a full disk stops the host (exit 4); with room again it restarts with every acknowledged write',
  { timeout: 120_000 },
  async (t) => {
    const disk = await mountSmallDisk('2m');
    if (!disk) return t.skip(NEEDS_MOUNT);
    try {
      const host = await startHostProcess({
        dataDir: disk.dir,
        moduleDir: LEDGER,
        database: 'ledger',
        extra: ['--min-free-mib', '0'],
      });
      const big = 'x'.repeat(100_000);
      const acknowledged: number[] = [];
      for (let seq = 1; seq <= 100; seq++) {
        const result = await callOverHttp(host.url, 'ledger', 'record', [big, seq, 1]).catch(() => null);
        if (result?.status !== 200) break;
        acknowledged.push(seq);
      }
      assert.equal(await host.exited, 4, host.output());
      assert.match(host.output(), /commit log write failed: .*ENOSPC/);
      assert.ok(acknowledged.length > 0);

      disk.grow('16m');
      const restarted = await startHostProcess({ dataDir: disk.dir, moduleDir: LEDGER, database: 'ledger' });
      assert.equal(await stopHost(restarted), 0);
      const stored = new Set((await storedEntries(disk.dir)).entries.map((e) => e.seq));
      for (const seq of acknowledged) assert.ok(stored.has(seq), `acknowledged #${seq} is stored`);
      t.diagnostic(`${acknowledged.length} writes acknowledged before the disk filled; all kept after the restart`);
    } finally {
      await disk.remove();
    }
  },
);
