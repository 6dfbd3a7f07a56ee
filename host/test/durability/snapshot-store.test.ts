import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SnapshotStore } from '../../src/durability/snapshot-store.js';
import type { DatabaseState } from '../../src/durability/database-image.js';
import { flipBits } from './log-bytes.js';

const header = { schemaHash: 'test' };

function state(offset: number, rowCount: number): DatabaseState {
  return {
    txOffset: BigInt(offset),
    sequences: new Map([['learner.learner_id_seq', BigInt(rowCount + 1)]]),
    tables: [
      { tableName: 'learner', rows: Array.from({ length: rowCount }, (_, i) => Buffer.from(`learner ${i}`)) },
      { tableName: 'empty', rows: [] },
    ],
  };
}

test('a snapshot reads back exactly as written, including large tables written in chunks', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'lta-snap-'));
  const store = await SnapshotStore.open(dir);
  await store.write(state(7, 45_000), header);
  const latest = await store.latest(() => assert.fail('no warning expected'));
  assert.ok(latest);
  assert.deepEqual(latest.header, header);
  const back = latest.state;
  assert.equal(back.txOffset, 7n);
  assert.equal(back.sequences.get('learner.learner_id_seq'), 45_001n);
  assert.equal(back.tables[0]!.rows.length, 45_000);
  assert.equal(Buffer.from(back.tables[0]!.rows[44_999]!).toString(), 'learner 44999');
  assert.deepEqual(back.tables[1], { tableName: 'empty', rows: [] });
  await rm(dir, { recursive: true });
});

test('only the newest two snapshots are kept, and the log may be cut behind the older one', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'lta-snap-'));
  const store = await SnapshotStore.open(dir);
  assert.equal(await store.write(state(10, 1), header), 10n);
  assert.equal(await store.write(state(20, 2), header), 10n);
  assert.equal(await store.write(state(30, 3), header), 20n);
  assert.deepEqual((await readdir(dir)).sort(), ['00000000000000000020.snap', '00000000000000000030.snap']);
  await rm(dir, { recursive: true });
});

test('a damaged newest snapshot is reported and the previous one is used', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'lta-snap-'));
  const store = await SnapshotStore.open(dir);
  await store.write(state(10, 5), header);
  await store.write(state(20, 6), header);
  const newest = join(dir, '00000000000000000020.snap');
  const bytes = await readFile(newest);
  flipBits(bytes, 40, 0x55);
  await writeFile(newest, bytes);
  const warnings: string[] = [];
  const back = await store.latest((w) => warnings.push(w));
  assert.equal(back?.state.txOffset, 10n);
  assert.match(warnings[0]!, /00000000000000000020\.snap is damaged: checksum mismatch/);
  await rm(dir, { recursive: true });
});

test('no snapshot yet gives null', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'lta-snap-'));
  assert.equal(await (await SnapshotStore.open(dir)).latest(() => {}), null);
  await rm(dir, { recursive: true });
});
