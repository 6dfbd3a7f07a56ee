import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SatsValue, TableChange } from '../../src/engine/index.js';
import type { ModuleDef, TableDef } from '../../src/schema/module-def.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import { ManualClock } from './manual-clock.js';

const reminderTable = {
  id: 0,
  name: 'reminder',
  schedule: { name: 'reminder_sched', functionName: 'remind', scheduleAtColumn: 1 },
} as unknown as TableDef;
const def = { tables: [reminderTable, { id: 1, name: 'other', schedule: null }] } as unknown as ModuleDef;

type ReminderRow = { id: number; at: { tag: number; value: bigint }; text: string };
const encode = (row: ReminderRow) =>
  Buffer.from(JSON.stringify({ ...row, at: { tag: row.at.tag, value: String(row.at.value) } }));
const decode = (bytes: Uint8Array): SatsValue[] => {
  const raw = JSON.parse(Buffer.from(bytes).toString()) as {
    id: number;
    at: { tag: number; value: string };
    text: string;
  };
  return [raw.id, { tag: raw.at.tag, value: BigInt(raw.at.value) }, raw.text];
};
const time = (micros: bigint) => ({ tag: 1, value: micros });
const every = (millis: number) => ({ tag: 0, value: BigInt(millis) * 1000n });

/** A tiny database of schedule rows whose reducer records what ran, and deletes Time rows like the host does. */
function harness(initial: ReminderRow[] = [], failing = new Set<string>()) {
  const clock = new ManualClock();
  const rows = new Map<number, Uint8Array>(initial.map((r) => [r.id, encode(r)]));
  const ran: string[] = [];
  const logs: string[] = [];
  const commit = (change: Omit<TableChange, 'tableId'>) => scheduler.observe([{ tableId: 0, ...change }]);
  const scheduler: Scheduler = new Scheduler({
    def,
    clock,
    rows: () => [...rows.values()].map((bytes) => ({ bytes, columns: decode(bytes) })),
    decode: (_table, bytes) => decode(bytes),
    log: (_level, message) => logs.push(message),
    run: (_table, bytes) => {
      const [id, at, text] = decode(bytes) as [number, { tag: number }, string];
      ran.push(`${text}@${(clock.micros - 1_700_000_000_000_000n) / 1000n}`);
      if (at.tag === 1) {
        rows.delete(id);
        commit({ tableName: 'reminder', inserts: [], deletes: [bytes] });
      }
      return failing.has(text) ? `${text} went wrong` : null;
    },
  });
  const insert = (row: ReminderRow) => {
    const bytes = encode(row);
    rows.set(row.id, bytes);
    commit({ tableName: 'reminder', inserts: [bytes], deletes: [] });
  };
  const remove = (id: number) => {
    const bytes = rows.get(id)!;
    rows.delete(id);
    commit({ tableName: 'reminder', inserts: [], deletes: [bytes] });
  };
  return { clock, rows, ran, logs, scheduler, insert, remove, start: clock.micros };
}

test('time rows run once at their time, in time order, and are removed after running', () => {
  const h = harness();
  h.scheduler.start();
  h.insert({ id: 1, at: time(h.start + 300_000n), text: 'late' });
  h.insert({ id: 2, at: time(h.start + 100_000n), text: 'early' });
  h.insert({ id: 3, at: time(h.start + 100_000n), text: 'early-second' });
  h.clock.advanceMillis(99);
  assert.deepEqual(h.ran, []);
  h.clock.advanceMillis(1_000);
  assert.deepEqual(h.ran, ['early@100', 'early-second@100', 'late@300']);
  assert.equal(h.rows.size, 0);
  assert.equal(h.scheduler.size, 0);
  h.clock.advanceMillis(10_000);
  assert.equal(h.ran.length, 3);
});

test('interval rows repeat every interval until deleted', () => {
  const h = harness();
  h.scheduler.start();
  h.insert({ id: 1, at: every(50), text: 'tick' });
  h.clock.advanceMillis(175);
  assert.deepEqual(h.ran, ['tick@50', 'tick@100', 'tick@150']);
  h.remove(1);
  h.clock.advanceMillis(500);
  assert.equal(h.ran.length, 3);
});

test('a deleted time row never runs', () => {
  const h = harness();
  h.scheduler.start();
  h.insert({ id: 1, at: time(h.start + 100_000n), text: 'cancelled' });
  h.remove(1);
  h.clock.advanceMillis(1_000);
  assert.deepEqual(h.ran, []);
});

test('at start-up overdue time rows run once, right away, oldest first; intervals start one interval later', () => {
  const h = harness([
    { id: 1, at: time(1_700_000_000_000_000n - 5_000_000n), text: 'missed-later' },
    { id: 2, at: time(1_700_000_000_000_000n - 9_000_000n), text: 'missed-first' },
    { id: 3, at: every(1_000), text: 'heartbeat' },
    { id: 4, at: time(1_700_000_000_000_000n + 2_000_000n), text: 'future' },
  ]);
  h.scheduler.start();
  h.clock.advanceMillis(0);
  assert.deepEqual(h.ran, ['missed-first@0', 'missed-later@0']);
  h.clock.advanceMillis(2_500);
  assert.deepEqual(h.ran, ['missed-first@0', 'missed-later@0', 'heartbeat@1000', 'future@2000', 'heartbeat@2000']);
  assert.deepEqual([...h.rows.keys()], [3]);
});

test('a failing scheduled reducer is logged and the scheduler keeps running the others', () => {
  const h = harness([], new Set(['broken']));
  h.scheduler.start();
  h.insert({ id: 1, at: every(100), text: 'broken' });
  h.insert({ id: 2, at: time(h.start + 150_000n), text: 'fine' });
  h.clock.advanceMillis(250);
  assert.deepEqual(h.ran, ['broken@100', 'fine@150', 'broken@200']);
  assert.equal(h.logs.length, 2);
  assert.match(h.logs[0]!, /scheduled reducer remind \(table reminder\) failed: broken went wrong/);
});

test('a late interval skips the ticks it missed instead of running them all at once', () => {
  const h = harness();
  h.scheduler.start();
  h.insert({ id: 1, at: every(100), text: 'tick' });
  h.clock.advanceMillis(100);
  // The host was busy: time jumps 1 s without timers firing.
  h.clock.micros += 1_000_000n;
  h.clock.advanceMillis(150);
  assert.deepEqual(h.ran, ['tick@100', 'tick@1100', 'tick@1200']);
});

test('stopping leaves rows in place and runs nothing more', () => {
  const h = harness();
  h.scheduler.start();
  h.insert({ id: 1, at: time(h.start + 100_000n), text: 'later' });
  h.scheduler.stop();
  h.clock.advanceMillis(1_000);
  assert.deepEqual(h.ran, []);
  assert.equal(h.rows.size, 1);
});
