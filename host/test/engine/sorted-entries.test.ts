import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SortedEntries } from '../../src/engine/datastore/sorted-entries.js';

interface Row {
  id: number;
}

test('many equal keys: rows are removed individually and scans stay in (key, insertion) order', () => {
  const keyOf = (row: Row) => (row.id % 2 === 0 ? 0 : 1 + (row.id % 9));
  const entries = new SortedEntries<Row>(
    (a, b) => keyOf(a) - keyOf(b),
    (r) => r.id,
  );
  const rows = Array.from({ length: 5000 }, (_, id) => ({ id }));
  // Half the rows share key 0 (like 100,000 learners at 0 XP), the rest spread over keys 1..9.
  for (const row of rows) entries.insert(row);
  assert.equal(entries.length, 5000);
  assert.equal(entries.remove(rows[2500]!), true);
  assert.equal(entries.remove(rows[2500]!), false, 'already removed');
  const zeros = [
    ...entries.scan(
      (r) => keyOf(r) < 0,
      (r) => keyOf(r) > 0,
    ),
  ].map((r) => r.id);
  assert.equal(zeros.length, 2499);
  assert.deepEqual(zeros.slice(0, 3), [0, 2, 4]);
  assert.ok(!zeros.includes(2500));
  // Re-inserting an old row puts it back in its place among equal keys.
  entries.insert(rows[2500]!);
  const again = [
    ...entries.scan(
      (r) => keyOf(r) < 0,
      (r) => keyOf(r) > 0,
    ),
  ].map((r) => r.id);
  assert.deepEqual(again.slice(1249, 1252), [2498, 2500, 2502]);
  const keys: number[] = [];
  for (const row of entries.scan(
    () => false,
    () => false,
  ))
    keys.push(keyOf(row));
  assert.deepEqual(
    keys,
    [...keys].sort((a, b) => a - b),
  );
});
