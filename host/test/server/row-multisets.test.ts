// The counts behind a re-run view's deltas: equal bytes count together, different bytes never do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffMultisets, netOut, toMultiset } from '../../src/server/row-multisets.js';

const row = (...bytes: number[]) => new Uint8Array(bytes);
const text = (rows: Uint8Array[]) => rows.map((r) => [...r].join('.')).sort();

test('a row present twice before and once after is deleted once; a new row is inserted', () => {
  const before = toMultiset([row(1, 2), row(1, 2), row(3)]);
  const after = toMultiset([row(1, 2), row(3), row(4, 5)]);
  const { inserts, deletes } = diffMultisets(before, after);
  assert.deepEqual(text(inserts), ['4.5']);
  assert.deepEqual(text(deletes), ['1.2']);
});

test('rows are told apart by their bytes, not their hash: every two-byte row against every other', () => {
  // 65,536 distinct rows through a 32-bit hash: any bucket shared by two rows must still count them apart.
  const rows = Array.from({ length: 65_536 }, (_, i) => row(i & 0xff, i >> 8));
  const set = toMultiset(rows);
  assert.equal(
    [...set.values()].reduce((n, bucket) => n + bucket.length, 0),
    65_536,
  );
  const { inserts, deletes } = diffMultisets(set, toMultiset(rows.slice(1)));
  assert.deepEqual(text(deletes), ['0.0']);
  assert.deepEqual(inserts, []);
});

test('rows that share a hash bucket are still different rows', () => {
  // "costarring" and "liquid" are a known FNV-1a 32-bit collision: one bucket, two rows.
  const [a, b] = [Buffer.from('costarring'), Buffer.from('liquid')].map((bytes) => new Uint8Array(bytes));
  assert.equal(toMultiset([a!, b!]).size, 1, 'the two rows share a bucket');
  const { inserts, deletes } = diffMultisets(toMultiset([a!]), toMultiset([b!]));
  assert.deepEqual(text(inserts), text([b!]));
  assert.deepEqual(text(deletes), text([a!]));
  assert.deepEqual(text(netOut([a!, b!], [b!]).inserts), text([a!]));
});
