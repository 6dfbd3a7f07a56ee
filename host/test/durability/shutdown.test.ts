/** Stopping a real host process with SIGTERM under load: clients told, the log flushed, nothing acknowledged lost. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RawClient } from '../server/raw-client.js';
import { callOverHttp, startHostProcess, stopHost } from './host-process.js';
import { LEDGER, storedEntries } from './ledger-database.js';

const DATABASE = 'ledger';
const CLIENTS = 4;

test(
  'SIGTERM under load (host started with --listen): clients closed with 1001, exit 0, lock released, every acknowledged write in the data directory',
  { timeout: 120_000 },
  async (t) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'lta-sigterm-'));
    const host = await startHostProcess({
      dataDir,
      moduleDir: LEDGER,
      database: DATABASE,
      extra: ['--listen', '127.0.0.1:0'],
    });
    const watcher = await RawClient.connect(host.url, DATABASE);
    const acknowledged = new Map<string, number[]>();
    let running = true;
    const writers = Array.from({ length: CLIENTS }, async (_, c) => {
      const client = `client-${c}`;
      const acked: number[] = [];
      acknowledged.set(client, acked);
      for (let seq = 1; running; seq++) {
        try {
          const result = await callOverHttp(host.url, DATABASE, 'record', [client, seq, seq]);
          if (result.status === 200) acked.push(seq);
          else return; // refused while shutting down: not acknowledged
        } catch {
          return; // the listener is gone
        }
      }
    });
    while ([...acknowledged.values()].reduce((sum, acked) => sum + acked.length, 0) < 40)
      await new Promise((r) => setTimeout(r, 20));
    const code = await stopHost(host);
    running = false;
    await Promise.all(writers);
    assert.equal(code, 0, host.output());
    assert.match(host.output(), /SIGTERM: stopping[\s\S]*stopped cleanly/);
    assert.equal((await watcher.closed).code, 1001, 'a connected client is told the host is going away');
    await assert.rejects(access(join(dataDir, 'LOCK')), 'the data directory is unlocked');

    const { entries } = await storedEntries(dataDir, (warning) =>
      assert.fail(`a clean stop leaves nothing to repair: ${warning}`),
    );
    let total = 0;
    for (const [client, acked] of acknowledged) {
      const stored = new Set(entries.filter((e) => e.client === client).map((e) => e.seq));
      for (const seq of acked) assert.ok(stored.has(seq), `${client}: acknowledged #${seq} is stored`);
      total += acked.length;
    }
    t.diagnostic(`${total} acknowledged writes, all stored after SIGTERM`);
    await rm(dataDir, { recursive: true });
  },
);
