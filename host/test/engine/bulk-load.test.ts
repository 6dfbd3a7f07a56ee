import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SortedEntries } from '../../src/engine/datastore/sorted-entries.js';
import { call, caller, loadKitchenSink, rowsOf } from './kitchen-sink.js';
import { flipBits } from '../durability/log-bytes.js';

// Start-up fills empty tables through a bulk path (append, build each index once); these tests pin that it
// behaves exactly like inserting the rows one by one.

test('SortedEntries.load orders entries like one insert per entry, and later changes keep that order', () => {
  type Row = { id: number; key: number };
  const byInsert = new SortedEntries<Row>(
    (a, b) => a.key - b.key,
    (r) => r.id,
  );
  const byLoad = new SortedEntries<Row>(
    (a, b) => a.key - b.key,
    (r) => r.id,
  );
  const rows = Array.from({ length: 3000 }, (_, id) => ({ id, key: (id * 7919) % 13 }));
  for (const row of rows) byInsert.insert(row);
  byLoad.load(rows);
  const all = (entries: SortedEntries<Row>) =>
    [
      ...entries.scan(
        () => false,
        () => false,
      ),
    ].map((r) => r.id);
  assert.equal(byLoad.length, 3000);
  assert.deepEqual(all(byLoad), all(byInsert));
  assert.equal(byLoad.remove(rows[5]!), true);
  byLoad.insert(rows[5]!);
  assert.deepEqual(all(byLoad), all(byInsert));
  assert.throws(() => byLoad.load([]), /empty/);
});

test('a whole table applied at once into an empty one: same rows, working indexes, set semantics, unique keys checked', async () => {
  const { engine: original } = await loadKitchenSink();
  for (let i = 0; i < 40; i++) call(original, 'add_note', { body: `note ${i}` }, caller(i % 2 === 0 ? 1n : 2n));
  call(original, 'seed_accounts', { count: 50, balance: 7n });
  const rows = (table: string) => Array.from(original.table(table).rows(), (r) => r.bytes);
  const notes = rows('secret_note');

  const { engine: copy } = await loadKitchenSink();
  // A row given twice is kept once, as when inserted one by one.
  copy.applyChanges(
    [
      { tableName: 'secret_note', inserts: [...notes, notes[3]!], deletes: [] },
      { tableName: 'account', inserts: rows('account'), deletes: [] },
    ],
    9n,
  );
  copy.restoreSequences(original.sequenceState());
  assert.deepEqual(rowsOf(copy, 'secret_note'), rowsOf(original, 'secret_note'));
  assert.deepEqual(rowsOf(copy, 'account'), rowsOf(original, 'account'));
  // The B-tree on owner answers like the original's, in the same order.
  const mine = (engine: typeof copy, sender: bigint) =>
    engine.evaluateView('my_notes', sender).rows.map((r) => Buffer.from(r).toString('hex'));
  for (const sender of [1n, 2n]) assert.deepEqual(mine(copy, sender), mine(original, sender));
  assert.equal(mine(copy, 1n).length, 20);
  // The unique index on id works after the load: a transfer finds both accounts, a second add takes the next id.
  assert.equal(call(copy, 'transfer', { from: 1, to: 2, amount: 3n }).status, 'committed');
  call(copy, 'add_note', { body: 'after' });
  assert.equal(rowsOf(copy, 'secret_note').at(-1)!.id, 41);

  // Another row with a present key is refused, as a one-by-one insert would be.
  const { engine: clash } = await loadKitchenSink();
  const changed = Uint8Array.from(notes[0]!);
  flipBits(changed, -1, 1);
  assert.throws(
    () => clash.applyChanges([{ tableName: 'secret_note', inserts: [notes[0]!, changed], deletes: [] }], 1n),
    /duplicate key/,
  );
});
