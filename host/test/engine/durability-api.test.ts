import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareValues, INSTANCE_FATAL_ERROR, type CommitNotice } from '../../src/engine/index.js';
import { call, caller, loadKitchenSink, rowsOf } from './kitchen-sink.js';

test('onCommit hears every commit in offset order; onReducerFailed hears failures', async () => {
  const { engine } = await loadKitchenSink();
  const notices: CommitNotice[] = [];
  const failures: string[] = [];
  const stop = engine.onCommit((tx) => notices.push(tx));
  engine.onReducerFailed((name, outcome) => failures.push(`${name}: ${outcome.message}`));
  engine.callLifecycle('init', caller(1n));
  call(engine, 'open_account', { id: 1, balance: 5n });
  call(engine, 'add_note', { body: '' });
  engine.callLifecycle('clientConnected', caller(2n));
  assert.deepEqual(
    notices.map((n) => [n.reducerName, n.txOffset]),
    [
      ['init', 1n],
      ['open_account', 2n],
      ['on_connect', 3n],
    ],
  );
  assert.deepEqual(failures, ['add_note: a note needs text']);
  stop();
  call(engine, 'open_account', { id: 2, balance: 5n });
  assert.equal(notices.length, 3);
});

test('replaying committed changesets and sequence state into a fresh instance rebuilds it exactly', async () => {
  const { engine: original } = await loadKitchenSink();
  const log: CommitNotice[] = [];
  original.onCommit((tx) => log.push(tx));
  call(original, 'add_note', { body: 'one' });
  call(original, 'add_note', { body: 'two' });
  call(original, 'open_account', { id: 1, balance: 100n });
  call(original, 'open_account', { id: 2, balance: 0n });
  call(original, 'transfer', { from: 1, to: 2, amount: 40n });
  call(original, 'forget_note', { id: 1 });

  const { engine: copy } = await loadKitchenSink();
  for (const tx of log) copy.applyChanges(tx.changes, tx.txOffset);
  copy.restoreSequences(original.sequenceState());
  assert.equal(copy.txOffset, original.txOffset);
  for (const table of ['secret_note', 'account']) assert.deepEqual(rowsOf(copy, table), rowsOf(original, table));
  assert.deepEqual(copy.sequenceState(), original.sequenceState());
  assert.equal(copy.sequenceState().get('secret_note.secret_note_id_seq'), 3n);
  // The next generated id continues where the original stopped.
  call(copy, 'add_note', { body: 'three' });
  assert.deepEqual(
    rowsOf(copy, 'secret_note').map((n) => n.id),
    [2, 3],
  );
  assert.throws(() => copy.applyChanges([{ tableName: 'nope', inserts: [], deletes: [] }], 99n), /no such table: nope/);
  assert.throws(
    () => copy.applyChanges([{ tableName: 'account', inserts: [new Uint8Array([1])], deletes: [] }], 99n),
    /row of table account/,
  );
  assert.throws(() => copy.restoreSequences(new Map([['account.nope', 1n]])), /no sequence account\.nope/);
});

test('scheduled reducers run with their row; a Time row goes with the run, even when the reducer fails', async () => {
  const { engine } = await loadKitchenSink();
  call(engine, 'schedule_reminder', { text: 'tea', everyMicros: undefined });
  call(engine, 'schedule_reminder', { text: 'fail', everyMicros: undefined });
  call(engine, 'schedule_reminder', { text: 'stretch', everyMicros: 60_000_000n });
  const reminders = engine.table('reminder');
  const [tea, fail, stretch] = Array.from(reminders.rows(), (r) => r.bytes);
  const notices: CommitNotice[] = [];
  engine.onCommit((tx) => notices.push(tx));

  const ran = engine.callScheduled('reminder', tea!, caller(0n));
  assert.equal(ran.status, 'committed');
  assert.deepEqual(
    notices[0]!.changes.map((c) => [c.tableName, c.inserts.length, c.deletes.length]),
    [
      ['secret_note', 1, 0],
      ['reminder', 0, 1],
    ],
    "the reducer's writes and the row's removal are one transaction",
  );

  const failed = engine.callScheduled('reminder', fail!, caller(0n));
  assert.deepEqual(failed.status === 'failed' && failed.message, INSTANCE_FATAL_ERROR);
  assert.deepEqual(
    notices[1]!.changes.map((c) => [c.tableName, c.deletes.length]),
    [['reminder', 1]],
  );

  assert.equal(engine.callScheduled('reminder', stretch!, caller(0n)).status, 'committed');
  assert.deepEqual(
    rowsOf(engine, 'reminder').map((r) => r.text),
    ['stretch'],
    'interval rows stay',
  );
  const gone = engine.callScheduled('reminder', tea!, caller(0n));
  assert.deepEqual(gone.status === 'failed' && gone.message, 'schedule row no longer exists');
  assert.throws(() => engine.callScheduled('account', tea!, caller(0n)), /not a schedule table/);
});

test('view rows decode to column values, and values order like the indexes', async () => {
  const { engine } = await loadKitchenSink();
  call(engine, 'add_note', { body: 'mine' }, caller(7n));
  const [row] = engine.evaluateView('my_notes', 7n).rows;
  assert.deepEqual(engine.decodeViewRow('my_notes', row!), [1, 7n, 'mine']);
  assert.ok(compareValues(-5, 3) < 0);
  assert.ok(compareValues(2n ** 70n, 2n ** 64n) > 0);
  assert.ok(compareValues('b', 'ab') > 0);
  assert.ok(compareValues({ tag: 0, value: 9 }, { tag: 1, value: [] }) < 0, 'Some sorts before None');
  assert.ok(compareValues([1, 'a'], [1, 'b']) < 0);
  assert.equal(compareValues(new Uint8Array([1, 2]), new Uint8Array([1, 2])), 0);
});
