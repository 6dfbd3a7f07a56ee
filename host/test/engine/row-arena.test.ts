/**
 * Small rows share slabs, and space freed by updates and deletes is won back by moving the live rows: a table
 * written all day holds about what it holds, never what it has seen, and no reader ever sees a row change under it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Identity } from 'spacetimedb';
import { Datastore } from '../../src/engine/datastore/datastore.js';
import { RowArena } from '../../src/engine/datastore/row-arena.js';
import { SeededRandom } from '../seeded-random.js';
import { loadKitchenSink } from './kitchen-sink.js';

const rowOf = (id: number, version: number) =>
  new TextEncoder().encode(`row ${id} version ${version} `.padEnd(90, '.'));

test('a churning table keeps at most about twice its live bytes plus the slack, and rows read back as written', () => {
  const arena = new RowArena();
  const rows = Array.from({ length: 200 }, (_, id) => ({ id, version: 0, bytes: arena.copy(rowOf(id, 0)) }));
  for (const row of rows) arena.kept(row.bytes);
  // What readers took before any compaction: their bytes must never change.
  const keptByReaders = rows
    .slice(0, 20)
    .map((row) => ({ bytes: row.bytes, text: new TextDecoder().decode(row.bytes) }));
  const live = () => rows.reduce((sum, row) => sum + row.bytes.length, 0);
  const random = new SeededRandom(12);
  let mostPlaced = 0;
  for (let i = 0; i < 50_000; i++) {
    if (arena.due) arena.compact(rows);
    const row = rows[random.int(0, rows.length - 1)]!;
    row.version++;
    arena.dropped(row.bytes);
    row.bytes = arena.copy(rowOf(row.id, row.version));
    arena.kept(row.bytes);
    mostPlaced = Math.max(mostPlaced, arena.placedBytes);
  }
  assert.ok(
    mostPlaced <= live() + Math.max(live(), RowArena.SLACK_BYTES) + 90,
    `at most ${mostPlaced} bytes placed for ${live()} live`,
  );
  for (const row of rows) assert.deepEqual(row.bytes, rowOf(row.id, row.version));
  for (const kept of keptByReaders) assert.equal(new TextDecoder().decode(kept.bytes), kept.text);
});

test('an append-only table is never compacted: its rows stay where they were placed', () => {
  const arena = new RowArena();
  for (let id = 0; id < 20_000; id++) {
    assert.equal(arena.due, false);
    arena.kept(arena.copy(rowOf(id, 0)));
  }
  assert.equal(arena.placedBytes, 20_000 * 90);
});

test('a row too large for a slab gets bytes of its own, with the same contents', () => {
  const arena = new RowArena();
  const large = new Uint8Array(RowArena.ROW_MAX_BYTES + 1).map((_, i) => i % 251);
  const copy = arena.copy(large);
  assert.deepEqual(copy, large);
  assert.equal(copy.buffer.byteLength, large.length);
  assert.equal(arena.placedBytes, 0);
});

test('a table updated and rolled back thousands of times through compactions answers as a plain model does', async () => {
  const { engine } = await loadKitchenSink();
  const datastore = new Datastore(engine.def.tables, engine.def.typespace);
  const notes = datastore.tables.find((t) => t.def.name === 'secret_note')!;
  const byId = notes.indexes.find((i) => i.def.unique)!;
  const byOwner = notes.indexes.find((i) => !i.def.unique)!;
  const encode = (id: number, owner: bigint, body: string) =>
    engine.table('secret_note').encodeRow({ id, owner: new Identity(owner), body });
  const model = new Map<number, { owner: bigint; body: string }>();
  const random = new SeededRandom(7);
  const heldBytes: { bytes: Uint8Array; copy: Uint8Array }[] = [];
  for (let round = 0; round < 3000; round++) {
    datastore.begin();
    const changes = new Map(model);
    for (let k = 0; k < 5; k++) {
      const id = random.int(1, 150);
      const owner = BigInt(random.int(1, 5));
      const body = `note ${id} round ${round} ${'x'.repeat(random.int(0, 60))}`;
      const present = byId.findUnique([id]);
      if (present && random.chance(0.2)) {
        notes.unlink(present);
        datastore.record({ kind: 'delete', table: notes, slot: present });
        changes.delete(id);
      } else if (present) {
        const { slot, old } = notes.update(byId, encode(id, owner, body));
        datastore.record({ kind: 'update', table: notes, slot, old });
        changes.set(id, { owner, body });
      } else {
        const { slot } = notes.insert(encode(id, owner, body));
        datastore.record({ kind: 'insert', table: notes, slot: slot! });
        changes.set(id, { owner, body });
      }
    }
    if (random.chance(0.3)) datastore.rollback();
    else {
      datastore.commit();
      model.clear();
      for (const [id, note] of changes) model.set(id, note);
    }
    if (round % 500 === 0)
      for (const slot of notes.slots) heldBytes.push({ bytes: slot.bytes, copy: slot.bytes.slice() });
  }
  const stored = new Map([...notes.slots].map((slot) => [slot.columns[0] as number, slot]));
  assert.deepEqual(
    new Map([...stored].map(([id, slot]) => [id, { owner: slot.columns[1], body: slot.columns[2] }])),
    model,
  );
  for (const [id, slot] of stored) {
    assert.deepEqual(notes.decode(slot.bytes).columns, slot.columns, `row ${id}: bytes and columns agree`);
    assert.equal(byId.findUnique([id]), slot);
  }
  for (let owner = 1n; owner <= 5n; owner++) {
    const expected = [...model].filter(([, note]) => note.owner === owner).map(([id]) => id);
    assert.deepEqual(
      byOwner
        .find([owner])
        .map((slot) => slot.columns[0])
        .sort(),
      expected.sort(),
    );
  }
  for (const held of heldBytes) assert.deepEqual(held.bytes, held.copy, 'bytes a reader kept never change');
});
