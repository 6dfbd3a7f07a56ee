/**
 * A stored row is held once: its bytes, plus decoded values only for what indexes need and short values (long
 * ones no index covers are read from the bytes when asked for), and a view's rows that are its table's rows are
 * that table's bytes, not copies. None of it may change what a reader sees.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Identity, Timestamp, TimeDuration, ConnectionId } from 'spacetimedb';
import { Datastore } from '../../src/engine/datastore/datastore.js';
import { RowSlot, Undecoded } from '../../src/engine/datastore/row-slot.js';
import { DECODED_VALUE_MAX_BYTES } from '../../src/engine/datastore/table-store.js';
import type { Engine, StoredRow } from '../../src/engine/index.js';
import { call, caller, loadKitchenSink, rowsOf } from './kitchen-sink.js';

const LONG = `${'é👋 saved lab '.repeat(200)}end`;
const undecodedColumns = (row: StoredRow) =>
  (row as RowSlot).cells.flatMap((cell, i) => (cell instanceof Undecoded ? [i] : []));
const storedRows = (engine: Engine, table: string) => [...engine.table(table).rows()];

test('a long value no index needs is kept only in the row bytes and reads back exactly', async () => {
  const { engine } = await loadKitchenSink();
  call(engine, 'add_note', { body: LONG }, caller(1n));
  call(engine, 'add_note', { body: 'short' }, caller(1n));
  const notes = engine.table('secret_note');
  const [long, short] = storedRows(engine, 'secret_note');
  assert.ok(long instanceof RowSlot);
  assert.deepEqual(undecodedColumns(long!), [2], 'the long body is not held decoded');
  assert.deepEqual(undecodedColumns(short!), [], 'a short body stays decoded');
  assert.equal(long!.columns[2], LONG);
  assert.deepEqual(long!.columns, notes.decodeColumns(long!.bytes));
  assert.deepEqual(short!.columns, [2, 1n, 'short']);
  assert.deepEqual(
    engine.evaluateView('my_notes', 1n).rows.map((r) => notes.decodeRow(r).body),
    [LONG, 'short'],
  );
});

test('long values of every composite type are read back as they were written', async () => {
  const { engine } = await loadKitchenSink();
  const long = 'x'.repeat(DECODED_VALUE_MAX_BYTES + 1);
  const row = {
    id: 0n,
    flag: true,
    i8v: 1,
    u8v: 2,
    i16v: 3,
    u16v: 4,
    i32v: 5,
    u32v: 6,
    i64v: 7n,
    u64v: 8n,
    i128v: 9n,
    u128v: 10n,
    i256v: 11n,
    u256v: 12n,
    f32v: 1.5,
    f64v: 2.5,
    text: long,
    bytes: new Uint8Array(DECODED_VALUE_MAX_BYTES * 2).map((_, i) => i % 256),
    maybeText: long,
    numbers: Array.from({ length: 100 }, (_, i) => i - 50),
    points: Array.from({ length: 20 }, (_, i) => ({ x: i, y: 1 - i })),
    shape: { tag: 'circle', value: 3 },
    level: { tag: 'low', value: {} },
    nested: { label: long, at: { x: 1, y: 2 }, tags: [long, 'b'] },
    owner: Identity.zero(),
    conn: new ConnectionId(42n),
    createdAt: Timestamp.UNIX_EPOCH,
    ttl: new TimeDuration(1n),
  };
  assert.equal(call(engine, 'insert_every_type', { row }).status, 'committed');
  const [stored] = storedRows(engine, 'every_type');
  const columnIds = ['text', 'bytes', 'maybeText', 'numbers', 'points', 'nested'].map((name) =>
    engine.table('every_type').def.columns.findIndex((c) => c.accessorName === name),
  );
  assert.deepEqual(undecodedColumns(stored!), columnIds);
  assert.deepEqual(stored!.columns, engine.table('every_type').decodeColumns(stored!.bytes));
  const written = { ...row, id: 1n, owner: new Identity(1n), createdAt: new Timestamp(caller(1n).timestamp) };
  assert.deepEqual(rowsOf(engine, 'every_type'), [written]);
});

test('updates, rollbacks and indexes of rows with long values behave as before', async () => {
  const { engine } = await loadKitchenSink();
  const def = engine.def;
  const datastore = new Datastore(def.tables, def.typespace);
  const notes = datastore.tables.find((t) => t.def.name === 'secret_note')!;
  const byId = notes.indexes.find((i) => i.def.unique)!;
  const byOwner = notes.indexes.find((i) => !i.def.unique)!;
  const encode = (id: number, owner: bigint, body: string) =>
    engine.table('secret_note').encodeRow({ id, owner: new Identity(owner), body });
  const bodiesOf = (owner: bigint) => byOwner.find([owner]).map((slot) => slot.columns[2]);
  const longA = `${LONG} A`;
  const longB = `${LONG} B`;

  datastore.begin();
  for (const [id, owner, body] of [
    [1, 1n, longA],
    [2, 2n, 'short'],
  ] as const) {
    const { slot } = notes.insert(encode(id, owner, body));
    datastore.record({ kind: 'insert', table: notes, slot: slot! });
  }
  datastore.commit();
  const first = byId.findUnique([1])!;
  const firstBytes = first.bytes;

  // An update that moves the row to another owner and changes its long value, rolled back.
  datastore.begin();
  const moved = notes.update(byId, encode(1, 2n, longB));
  datastore.record({ kind: 'update', table: notes, slot: moved.slot, old: moved.old });
  assert.deepEqual(bodiesOf(2n), [longB, 'short'], 'equal keys in row order');
  assert.deepEqual(bodiesOf(1n), []);
  assert.throws(() => notes.insert(encode(1, 3n, 'clash')), /duplicate key/);
  datastore.rollback();
  assert.deepEqual(bodiesOf(1n), [longA]);
  assert.deepEqual(bodiesOf(2n), ['short']);
  assert.equal(first.bytes, firstBytes, 'the undo put back the very same bytes');
  assert.equal(first.columns[2], longA);

  // Short to long and long to short, committed: the changeset carries the rows' bytes.
  datastore.begin();
  for (const [id, owner, body] of [
    [1, 1n, 'now short'],
    [2, 2n, longB],
  ] as const) {
    const done = notes.update(byId, encode(id, owner, body));
    datastore.record({ kind: 'update', table: notes, slot: done.slot, old: done.old });
  }
  const { changes } = datastore.commit();
  assert.deepEqual(changes[0]!.deletes, [firstBytes, encode(2, 2n, 'short')]);
  assert.deepEqual(changes[0]!.inserts, [encode(1, 1n, 'now short'), encode(2, 2n, longB)]);
  assert.deepEqual(bodiesOf(1n), ['now short']);
  assert.deepEqual(bodiesOf(2n), [longB]);
  assert.deepEqual(undecodedColumns(byId.findUnique([2])!), [2]);
  assert.deepEqual(undecodedColumns(byId.findUnique([1])!), []);

  // A delete undone brings the row back into every index, long value and all.
  datastore.begin();
  const gone = byId.findUnique([2])!;
  notes.unlink(gone);
  datastore.record({ kind: 'delete', table: notes, slot: gone });
  assert.deepEqual(bodiesOf(2n), []);
  datastore.rollback();
  assert.deepEqual(bodiesOf(2n), [longB]);
  // An identical long row is recognised as present (set semantics) by its bytes.
  datastore.begin();
  assert.equal(notes.insert(encode(2, 2n, longB)).slot, null);
  datastore.commit();
});

test("a view's rows that are rows of its table are that table's bytes, not copies", async () => {
  const { engine } = await loadKitchenSink();
  call(engine, 'add_note', { body: LONG }, caller(1n));
  call(engine, 'add_note', { body: 'bob' }, caller(2n));
  call(engine, 'add_note', { body: 'short' }, caller(1n));
  const stored = storedRows(engine, 'secret_note');
  const mine = engine.evaluateView('my_notes', 1n).rows;
  assert.equal(mine.length, 2);
  assert.equal(mine[0], stored[0]!.bytes, 'the long row is the stored Uint8Array itself');
  assert.equal(mine[1], stored[2]!.bytes);
  call(engine, 'add_score', { game: 'go', player: 'ann', points: 150, level: 1 });
  const [score] = storedRows(engine, 'score');
  assert.equal(engine.evaluateView('top_scores', null).rows[0], score!.bytes, 'an anonymous view shares too');
});
