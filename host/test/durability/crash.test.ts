import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDataDir } from '../../src/backup/read-data-dir.js';
import { loadModule } from '../../src/engine/index.js';
import { callOverHttp, startHostProcess, type HostProcess } from './host-process.js';
import { seededRandom } from '../seeded-random.js';

const LEDGER = fileURLToPath(new URL('./fixtures/ledger', import.meta.url));
const DATABASE = 'ledger';
const KILLS = 20;
const CLIENTS = 4;

test(
  `kill -9 of the host ${KILLS} times under load loses no acknowledged transaction and half-applies none`,
  { timeout: 300_000 },
  async (t) => {
    const seed = Number(process.env['LTA_CRASH_SEED'] ?? Date.now() % 1_000_000);
    t.diagnostic(`seed ${seed} (repeat with LTA_CRASH_SEED=${seed})`);
    const next = seededRandom(seed);
    const dataDir = await mkdtemp(join(tmpdir(), 'lta-crash-'));
    const start = () => startHostProcess({ dataDir, moduleDir: LEDGER, database: DATABASE });
    let host: HostProcess = await start();
    assert.equal((await callOverHttp(host.url, DATABASE, 'schedule_once', ['far-future', 3_000_000_000])).status, 200);
    assert.equal((await callOverHttp(host.url, DATABASE, 'schedule_every', ['beat', 250])).status, 200);

    const acknowledged = new Map<string, Set<number>>();
    const refused: string[] = [];
    const nextSeq = new Map<string, number>();
    for (let kill = 0; kill < KILLS; kill++) {
      let running = true;
      const clients = Array.from({ length: CLIENTS }, async (_, c) => {
        const client = `client-${c}`;
        const acked = acknowledged.get(client) ?? acknowledged.set(client, new Set()).get(client)!;
        while (running) {
          const seq = nextSeq.get(client) ?? 1;
          nextSeq.set(client, seq + 1);
          let result;
          try {
            result = await callOverHttp(host.url, DATABASE, 'record', [client, seq, seq * 10]);
          } catch {
            return; // the host died with this call in flight: it may or may not have committed
          }
          if (result.status === 200) acked.add(seq);
          else refused.push(`${client} #${seq}: ${result.status} ${result.body}`);
        }
      });
      await new Promise((resolve) => setTimeout(resolve, 50 + next() * 400));
      host.child.kill('SIGKILL');
      await host.exited;
      running = false;
      await Promise.all(clients);
      host = await start();
    }
    host.child.kill('SIGKILL');
    await host.exited;

    assert.deepEqual(refused, [], 'no call was refused (a reused id would break the primary key)');
    const { state } = await readDataDir(dataDir, (warning) => t.diagnostic(warning));
    const ledger = await loadModule({ moduleDir: LEDGER, databaseName: DATABASE, log: () => {} });
    const rowsOf = (table: string) =>
      state.tables.find((x) => x.tableName === table)!.rows.map((r) => ledger.table(table).decodeRow(r));
    const entries = rowsOf('entry') as { id: bigint; client: string; seq: number; amount: bigint }[];
    let total = 0;
    for (const [client, acked] of acknowledged) {
      const mine = entries.filter((e) => e.client === client).sort((a, b) => a.seq - b.seq);
      const seqs = new Set(mine.map((e) => e.seq));
      assert.equal(seqs.size, mine.length, `${client}: no entry twice`);
      for (const seq of acked) assert.ok(seqs.has(seq), `${client}: acknowledged call #${seq} survived`);
      // Calls of one client run one after another, so ids must grow with seq: a sequence reused after a
      // restart would hand out smaller ids again.
      for (let i = 1; i < mine.length; i++) assert.ok(mine[i]!.id > mine[i - 1]!.id, `${client}: ids never reused`);
      const tally = (rowsOf('tally') as { client: string; count: number; total: bigint }[]).find(
        (x) => x.client === client,
      );
      assert.equal(tally?.count ?? 0, mine.length, `${client}: tally written in the same transaction as each entry`);
      assert.equal(
        tally?.total ?? 0n,
        mine.reduce((sum, e) => sum + e.amount, 0n),
      );
      total += acked.size;
    }
    t.diagnostic(`${total} acknowledged calls, ${entries.length} entries kept, ${KILLS} kills`);
    assert.ok(total > KILLS, 'the load actually ran between kills');
    const timers = rowsOf('timer') as { label: string; scheduledAt: { tag: string } }[];
    assert.deepEqual(timers.map((x) => [x.label, x.scheduledAt.tag]).sort(), [
      ['beat', 'Interval'],
      ['far-future', 'Time'],
    ]);
    const runs = rowsOf('timer_run') as { label: string }[];
    assert.ok(
      runs.length > 0 && runs.every((r) => r.label === 'beat'),
      'the interval timer kept running across restarts',
    );
    await rm(dataDir, { recursive: true });
  },
);
