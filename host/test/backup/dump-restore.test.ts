import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dumpDatabase } from '../../src/backup/dump.js';
import { restoreDatabase } from '../../src/backup/restore.js';
import { LEDGER, openLedger } from '../durability/ledger-database.js';
import { ManualClock } from '../scheduler/manual-clock.js';
import { ledgerVariant } from '../update/module-variant.js';
import { flipBits } from '../durability/log-bytes.js';

const quiet = () => {};

async function ledgerWithData(): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'lta-dump-src-'));
  const clock = new ManualClock();
  const ledger = await openLedger({ dataDir, clock, snapshotEvery: 4 });
  for (let seq = 1; seq <= 10; seq++) await ledger.call('record', { client: `c${seq % 3}`, seq, amount: BigInt(seq) });
  await ledger.call('schedule_once', { label: 'later', delay_millis: 3_600_000 });
  await ledger.call('schedule_every', { label: 'beat', every_millis: 60_000 });
  await ledger.call('schedule_once', { label: 'gone', delay_millis: 1 });
  await ledger.call('cancel_timers', { label: 'gone' });
  await ledger.db.close();
  return dataDir;
}

test('dump -> restore -> dump gives the same bytes, and the restored database carries on without reusing ids', async () => {
  const source = await ledgerWithData();
  const work = await mkdtemp(join(tmpdir(), 'lta-dump-'));
  const first = join(work, 'first.ltadump');
  const dump = await dumpDatabase({ dataDir: source, database: 'ledger', out: first, warn: quiet });
  assert.deepEqual(
    dump.state.tables.map((t) => [t.tableName, t.rows.length]),
    [
      ['entry', 10],
      ['meta', 1],
      ['tally', 3],
      ['timer', 2],
      ['timer_run', 0],
    ],
  );
  assert.equal(dump.state.sequences.get('timer.timer_scheduled_id_seq'), 4n);

  const restored = join(work, 'restored');
  await restoreDatabase({ dump: first, dataDir: restored, moduleDir: LEDGER, database: 'ledger', newKeys: true }); // never served by a host: no keys
  const second = join(work, 'second.ltadump');
  await dumpDatabase({ dataDir: restored, database: 'ledger', out: second, warn: quiet });
  assert.ok((await readFile(first)).equals(await readFile(second)), 'the two dumps are byte-identical');

  const ledger = await openLedger({ dataDir: restored, clock: new ManualClock() });
  assert.equal(ledger.db.firstPublish, false, 'init does not run on a restored database');
  assert.equal(ledger.rows('entry').length, 10);
  assert.deepEqual(
    ledger.rows<{ label: string }>('timer').map((t) => t.label),
    ['later', 'beat'],
  );
  await ledger.call('schedule_once', { label: 'next', delay_millis: 3_600_000 });
  assert.deepEqual(
    ledger.rows<{ scheduledId: bigint }>('timer').map((t) => t.scheduledId),
    [1n, 2n, 4n],
  );
  await ledger.db.close();
  await rm(source, { recursive: true });
  await rm(work, { recursive: true });
});

test('restore refuses a data directory that holds a database, a damaged dump and an incompatible module', async () => {
  const source = await ledgerWithData();
  const work = await mkdtemp(join(tmpdir(), 'lta-dump-'));
  const file = join(work, 'ledger.ltadump');
  await dumpDatabase({ dataDir: source, database: 'ledger', out: file, warn: quiet });

  await assert.rejects(
    restoreDatabase({ dump: file, dataDir: source, moduleDir: LEDGER, database: 'ledger' }),
    /is not empty \(.*module\.json.*\): restore into an empty data directory/,
  );

  const incompatible = await ledgerVariant([['    seq: t.u32(),', '    seq: t.string(),']]);
  await assert.rejects(
    restoreDatabase({ dump: file, dataDir: join(work, 'other'), moduleDir: incompatible, database: 'ledger' }),
    /This dump of database ledger was made by a module that is incompatible with .*\n {2}- Changing the type of column seq in table entry from u32 to string/,
  );

  const damaged = await readFile(file);
  flipBits(damaged, -10, 0xff);
  await writeFile(file, damaged);
  await assert.rejects(
    restoreDatabase({ dump: file, dataDir: join(work, 'third'), moduleDir: LEDGER, database: 'ledger' }),
    /ledger\.ltadump is damaged: checksum mismatch/,
  );
  await rm(source, { recursive: true });
  await rm(work, { recursive: true });
});
