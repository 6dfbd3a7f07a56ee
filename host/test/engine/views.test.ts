import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, caller, loadKitchenSink } from './kitchen-sink.js';

test('a view with a sender shows each subscriber their own rows of a private table', async () => {
  const { engine } = await loadKitchenSink();
  call(engine, 'add_note', { body: 'ann 1' }, caller(1n));
  call(engine, 'add_note', { body: 'bob 1' }, caller(2n));
  call(engine, 'add_note', { body: 'ann 2' }, caller(1n));
  const notes = engine.table('secret_note');
  const bodies = (sender: bigint) => engine.evaluateView('my_notes', sender).rows.map((r) => notes.decodeRow(r).body);
  assert.deepEqual(bodies(1n), ['ann 1', 'ann 2']);
  assert.deepEqual(bodies(2n), ['bob 1']);
  assert.deepEqual(bodies(3n), []);
  const result = engine.evaluateView('myNotes', 1n);
  assert.equal(result.sql, null);
  assert.deepEqual([...result.readTables], ['secret_note'], 'the view reads only the table it scans');
  assert.throws(() => engine.evaluateView('my_notes', null), /needs a sender/);
  assert.throws(() => engine.evaluateView('missing', 1n), /no such view: missing/);
});

test('an anonymous view returns the same rows for everyone and reports the tables it read', async () => {
  const { engine } = await loadKitchenSink();
  call(engine, 'add_score', { game: 'go', player: 'ann', points: 150, level: 1 });
  call(engine, 'add_score', { game: 'go', player: 'bob', points: 20, level: 1 });
  const result = engine.evaluateView('top_scores', null);
  assert.deepEqual(
    result.rows.map((r) => engine.table('score').decodeRow(r).player),
    ['ann'],
  );
  assert.deepEqual([...result.readTables], ['score']);
  // Views run read-only against committed state: evaluating one changes nothing.
  assert.equal(engine.txOffset, 2n);
});

test('module range scans on a multi-column btree follow key order; direct indexes find by point', async () => {
  const { engine } = await loadKitchenSink();
  for (const [game, player, points, level] of [
    ['chess', 'ann', 300, 1],
    ['chess', 'bob', 100, 1],
    ['chess', 'cid', 99, 1],
    ['go', 'dee', 500, 1],
    ['chess', 'eve', 200, 1],
    ['go', 'fay', 1, 3],
  ] as const) {
    call(engine, 'add_score', { game, player, points, level });
  }
  const result = engine.evaluateView('chess_leaders', null);
  assert.deepEqual(
    result.rows.map((r) => engine.table('score').decodeRow(r).player),
    ['bob', 'eve', 'ann', 'fay'],
  );
});
