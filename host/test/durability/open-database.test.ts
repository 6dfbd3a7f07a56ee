import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishUpdate } from '../../src/durability/open-database.js';
import { ModuleUpdateError } from '../../src/update/module-update-error.js';
import { ledgerVariant } from '../update/module-variant.js';
import { ManualClock } from '../scheduler/manual-clock.js';
import { openLedger } from './ledger-database.js';

type Entry = { id: bigint; client: string; seq: number; amount: bigint };
type Timer = { scheduledId: bigint; label: string; scheduledAt: { tag: string; value: unknown } };

const tempDir = () => mkdtemp(join(tmpdir(), 'lta-db-'));

test('data survives a restart; init runs only on first publish', async () => {
  const dataDir = await tempDir();
  const first = await openLedger({ dataDir });
  assert.equal(first.db.firstPublish, true);
  await first.call('record', { client: 'ana', seq: 1, amount: 5n });
  await first.call('record', { client: 'ana', seq: 2, amount: 7n });
  await first.db.close();

  const second = await openLedger({ dataDir });
  assert.equal(second.db.firstPublish, false);
  assert.deepEqual(
    second.rows<Entry>('entry').map((e) => [e.id, e.seq, e.amount]),
    [
      [1n, 1, 5n],
      [2n, 2, 7n],
    ],
  );
  assert.deepEqual(second.rows('tally'), [{ client: 'ana', count: 2, total: 12n }]);
  assert.deepEqual(second.rows('meta'), [{ key: 'init_runs', value: 1n }]);
  assert.equal(second.db.recovery?.replayedTransactions, 3);
  await second.db.close();
  await rm(dataDir, { recursive: true });
});

test('sequences never hand out a value again after a restart, even when its row was deleted', async () => {
  const dataDir = await tempDir();
  const clock = new ManualClock();
  const first = await openLedger({ dataDir, clock });
  for (const label of ['a', 'b', 'c']) await first.call('schedule_once', { label, delay_millis: 60_000 });
  await first.call('cancel_timers', { label: 'a' });
  await first.call('cancel_timers', { label: 'b' });
  await first.call('cancel_timers', { label: 'c' });
  await first.db.close();
  const second = await openLedger({ dataDir, clock });
  await second.call('schedule_once', { label: 'd', delay_millis: 60_000 });
  assert.deepEqual(
    second.rows<Timer>('timer').map((t) => t.scheduledId),
    [4n],
  );
  await second.db.close();
  await rm(dataDir, { recursive: true });
});

test('a snapshot cuts the log; recovery from snapshot plus log gives the same rows', async () => {
  const dataDir = await tempDir();
  const first = await openLedger({ dataDir, snapshotEvery: 25 });
  for (let seq = 1; seq <= 60; seq++) await first.call('record', { client: 'bo', seq, amount: BigInt(seq) });
  await first.db.snapshot();
  await first.call('record', { client: 'bo', seq: 61, amount: 61n });
  const before = first.rows<Entry>('entry');
  await first.db.close();
  const second = await openLedger({ dataDir });
  assert.ok(second.db.recovery!.snapshotOffset! >= 61n, 'recovered from a snapshot');
  assert.ok(second.db.recovery!.replayedTransactions <= 1);
  assert.deepEqual(second.rows<Entry>('entry'), before);
  await second.db.close();
  await rm(dataDir, { recursive: true });
});

test('a torn tail left by a crash is cut with a warning and the database opens', async () => {
  const dataDir = await tempDir();
  const first = await openLedger({ dataDir });
  await first.call('record', { client: 'cy', seq: 1, amount: 1n });
  await first.db.close();
  const segment = (await readdir(join(dataDir, 'clog'))).sort().at(-1)!;
  await appendFile(join(dataDir, 'clog', segment), Buffer.from([0x40, 0, 0, 0, 1, 2, 3]));
  const second = await openLedger({ dataDir });
  assert.equal(second.rows('entry').length, 1);
  assert.ok(
    second.logs.some((l) => /^warn: .*torn record/.test(l)),
    second.logs.join('\n'),
  );
  await second.db.close();
  await rm(dataDir, { recursive: true });
});

test('two hosts cannot open one data directory', async () => {
  const dataDir = await tempDir();
  const first = await openLedger({ dataDir });
  await assert.rejects(openLedger({ dataDir }), /is in use by another host/);
  await first.db.close();
  await rm(dataDir, { recursive: true });
});

test('schedules survive a restart: an overdue time row runs once at start-up, intervals keep repeating', async () => {
  const dataDir = await tempDir();
  const clock = new ManualClock();
  const first = await openLedger({ dataDir, clock });
  await first.call('schedule_once', { label: 'wake', delay_millis: 1_000 });
  await first.call('schedule_every', { label: 'beat', every_millis: 500 });
  clock.advanceMillis(600);
  assert.deepEqual(
    first.rows<{ label: string }>('timer_run').map((r) => r.label),
    ['beat'],
  );
  await first.db.close();
  clock.micros += 5_000_000n; // the host was down for 5 s: "wake" is overdue
  const second = await openLedger({ dataDir, clock });
  clock.advanceMillis(0);
  assert.deepEqual(
    second.rows<{ label: string }>('timer_run').map((r) => r.label),
    ['beat', 'wake'],
  );
  assert.deepEqual(
    second.rows<Timer>('timer').map((t) => t.label),
    ['beat'],
    'the time row is removed after it ran',
  );
  clock.advanceMillis(1_100);
  assert.deepEqual(
    second.rows<{ label: string }>('timer_run').map((r) => r.label),
    ['beat', 'wake', 'beat', 'beat'],
  );
  await second.db.close();
  await rm(dataDir, { recursive: true });
});

test('a failing scheduled reducer is logged, its time row removed, and the others still run', async () => {
  const clock = new ManualClock();
  const ledger = await openLedger({ clock });
  await ledger.call('schedule_once', { label: 'fail-now', delay_millis: 10 });
  await ledger.call('schedule_once', { label: 'fine', delay_millis: 20 });
  clock.advanceMillis(50);
  // The cause is in the module's log; the scheduler reports the failure with SpacetimeDB's text for internal errors.
  assert.ok(
    ledger.logs.some((l) => /reducer on_timer failed: .*timer fail-now fails on purpose/.test(l)),
    ledger.logs.join('\n'),
  );
  assert.ok(
    ledger.logs.some((l) =>
      /^error: ledger: scheduled reducer on_timer \(table timer\) failed: The instance encountered a fatal error\./.test(
        l,
      ),
    ),
    ledger.logs.join('\n'),
  );
  assert.deepEqual(
    ledger.rows<{ label: string }>('timer_run').map((r) => r.label),
    ['fine'],
  );
  assert.deepEqual(ledger.rows('timer'), []);
  await ledger.db.close();
});

test('publishing a compatible change keeps the data; an incompatible one is refused and changes nothing', async () => {
  const dataDir = await tempDir();
  const first = await openLedger({ dataDir });
  await first.call('record', { client: 'di', seq: 1, amount: 3n });
  await first.db.close();

  const incompatible = await ledgerVariant([['    amount: t.i64(),', '    amount: t.string(),']]);
  await assert.rejects(openLedger({ dataDir, moduleDir: incompatible }), (error: unknown) => {
    assert.ok(error instanceof ModuleUpdateError);
    assert.match(error.message, /Changing the type of column amount in table entry from i64 to string/);
    return true;
  });

  const compatible = await ledgerVariant([
    ['    amount: t.i64(),\n  },', "    amount: t.i64(),\n    memo: t.string().default('-'),\n  },"],
  ]);
  const updated = await openLedger({ dataDir, moduleDir: compatible });
  assert.equal(updated.db.firstPublish, false, 'init does not run again on update');
  assert.ok(updated.db.update?.disconnectClients);
  assert.deepEqual(updated.rows('entry'), [{ id: 1n, client: 'di', seq: 1, amount: 3n, memo: '-' }]);
  await updated.call('record', { client: 'di', seq: 2, amount: 4n });
  await updated.db.close();
  const again = await openLedger({ dataDir, moduleDir: compatible });
  assert.equal(again.db.update, null);
  assert.deepEqual(
    again.rows<Entry>('entry').map((e) => e.id),
    [1n, 2n],
  );
  assert.deepEqual(again.rows('meta'), [{ key: 'init_runs', value: 1n }]);
  await again.db.close();

  const cleared = await openLedger({ dataDir, clear: true });
  assert.equal(cleared.db.firstPublish, true);
  assert.deepEqual(cleared.rows('entry'), []);
  await cleared.db.close();
  await rm(dataDir, { recursive: true });
});

test('publishing into a running database checks first, keeps serving on refusal, and keeps the data on success', async () => {
  const dataDir = await tempDir();
  const running = await openLedger({ dataDir });
  await running.call('record', { client: 'ed', seq: 1, amount: 2n });
  const incompatible = await ledgerVariant([['    seq: t.u32(),\n', '']]);
  await assert.rejects(
    publishUpdate(running.db, { moduleDir: incompatible, database: 'ledger', dataDir, log: () => {} }),
    ModuleUpdateError,
  );
  await running.call('record', { client: 'ed', seq: 2, amount: 2n }); // still serving
  const compatible = await ledgerVariant([
    ['export const onTimer', 'export const ping = spacetimedb.reducer(() => {});\nexport const onTimer'],
  ]);
  const updated = await publishUpdate(running.db, {
    moduleDir: compatible,
    database: 'ledger',
    dataDir,
    log: () => {},
  });
  assert.deepEqual(updated.update?.steps, ['add reducer ping']);
  assert.equal(updated.engine.table('entry').count(), 2);
  assert.equal(updated.firstPublish, false);
  await updated.close();
  await rm(dataDir, { recursive: true });
});
