/**
 * Subscriptions that cost what changed: views re-run only for subscribers whose reads a transaction wrote into,
 * joins follow the changed rows, and what they send is exactly what re-running every query would send.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rowKey } from '../../src/engine/datastore/row-key.js';
import { loadModule, type Caller, type Engine, type TableChange } from '../../src/engine/index.js';
import { encodeServerMessage } from '../../src/protocol/codec.js';
import type { BsatnRowList } from '../../src/protocol/messages.js';
import { TransactionEncoder } from '../../src/protocol/shared-encoding.js';
import { catalogOf } from '../../src/server/catalog.js';
import { evaluateQuery } from '../../src/server/evaluate.js';
import { diffMultisets, toMultiset } from '../../src/server/row-multisets.js';
import { SubscriptionManager } from '../../src/server/subscriptions.js';
import { compileSubscription } from '../../src/sql/compile.js';
import { encodeArgs } from '../engine/kitchen-sink.js';
import { KITCHEN_SINK } from './support.js';
import { seededRandom } from '../seeded-random.js';

const QUERIES = [
  'SELECT * FROM my_notes',
  'SELECT * FROM top_scores',
  'SELECT * FROM chess_leaders',
  'SELECT * FROM chess_leaders WHERE points > 200',
  "SELECT * FROM score WHERE game = 'chess'",
  'SELECT * FROM account WHERE owner = :sender',
  'SELECT account.* FROM account JOIN connection ON account.owner = connection.identity WHERE connection.online = true',
  'SELECT connection.* FROM connection JOIN account ON connection.identity = account.owner WHERE account.balance > 50',
  // Single-table queries whose WHERE pins an indexed column watch only those keys.
  'SELECT * FROM account WHERE id = 3 OR id = 7 OR id = 3',
  'SELECT * FROM account WHERE balance > 10 AND id = 5',
  'SELECT * FROM account WHERE id = 5 OR balance > 90',
  `SELECT * FROM connection WHERE identity = 0x${'2'.padStart(64, '0')}`,
  'SELECT * FROM score WHERE level = 2',
];
const PEOPLE = [1n, 2n, 3n, 4n];

function splitRows(list: BsatnRowList): Uint8Array[] {
  const { sizeHint, rowsData } = list;
  if (rowsData.length === 0) return [];
  if (sizeHint.tag === 'FixedSize') {
    const rows: Uint8Array[] = [];
    for (let at = 0; at < rowsData.length; at += sizeHint.value) rows.push(rowsData.subarray(at, at + sizeHint.value));
    return rows;
  }
  const starts = sizeHint.value.map(Number);
  return starts.map((start, i) => rowsData.subarray(start, starts[i + 1] ?? rowsData.length));
}

const sorted = (rows: Uint8Array[]) => rows.map(rowKey).sort();

/** One random transaction of the kitchen-sink module; returns its changes (empty when it failed). */
function randomTransaction(engine: Engine, next: () => number, step: number): readonly TableChange[] {
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const who: Caller = { sender: pick(PEOPLE), connectionId: 7n, timestamp: 1_700_000_000_000_000n + BigInt(step) };
  const call = (reducer: string, args: Record<string, unknown>) =>
    engine.callReducer(reducer, encodeArgs(engine, reducer, args), who);
  const roll = next();
  const outcome =
    roll < 0.2
      ? call('add_score', {
          game: pick(['chess', 'go']),
          player: pick(['ann', 'bob']),
          points: Math.floor(next() * 400) - 50,
          level: Math.floor(next() * 4),
        })
      : roll < 0.27
        ? call('delete_scores_below', { game: pick(['chess', 'go']), points: Math.floor(next() * 200) })
        : roll < 0.4
          ? // Every third note is long: its body is kept undecoded, and `my_notes` shares its bytes.
            call('add_note', { body: step % 3 === 0 ? `note ${step} ${'long '.repeat(40)}` : `note ${step}` })
          : roll < 0.47
            ? call('forget_note', { id: Math.floor(next() * step) + 1 })
            : roll < 0.6
              ? call('open_account', { id: Math.floor(next() * 30) + 1, balance: BigInt(Math.floor(next() * 100)) })
              : roll < 0.75
                ? call('transfer', {
                    from: Math.floor(next() * 30) + 1,
                    to: Math.floor(next() * 30) + 1,
                    amount: BigInt(Math.floor(next() * 40)),
                  })
                : roll < 0.8
                  ? call('close_account', { id: Math.floor(next() * 30) + 1 })
                  : roll < 0.99
                    ? engine.callLifecycle(pick(['clientConnected', 'clientDisconnected'] as const), who)
                    : call('clear_scores', {});
  return outcome.status === 'committed' ? outcome.changes : [];
}

test('incremental deltas equal those of re-running every query, and their shared encoding the whole one, over 600 random transactions', async () => {
  const engine = await loadModule({ moduleDir: KITCHEN_SINK, databaseName: 'incremental', log: () => {} });
  const catalog = catalogOf(engine);
  const manager = new SubscriptionManager(engine);
  const subscribers = PEOPLE.map((identity) => ({ identity }));
  const compiled = QUERIES.map((sql) => compileSubscription(sql, catalog));
  const fullRun = (q: number, sender: bigint) => toMultiset(evaluateQuery(engine, catalog, compiled[q]!, sender).rows);
  const previous = new Map<string, ReturnType<typeof fullRun>>();
  for (const s of subscribers)
    QUERIES.forEach((sql, q) => {
      manager.subscribe(s, q, [sql]);
      previous.set(`${s.identity}/${q}`, fullRun(q, s.identity));
    });
  const next = seededRandom(12);
  let compared = 0;
  let nonEmpty = 0;
  for (let step = 1; step <= 600; step++) {
    const changes = randomTransaction(engine, next, step);
    const updates = manager.updatesFor(changes);
    const encoder = new TransactionEncoder();
    for (const s of subscribers) {
      const querySets = updates.get(s)?.querySets ?? [];
      const assembled = new Uint8Array(encoder.transactionUpdate(querySets).subarray(1));
      assert.deepEqual(
        assembled,
        encodeServerMessage({ tag: 'TransactionUpdate', value: { querySets } }),
        `bytes at step ${step}`,
      );
      const sent = new Map(updates.get(s)?.querySets.map((set) => [set.querySetId.id, set.tables[0]!.rows[0]!]));
      for (let q = 0; q < QUERIES.length; q++) {
        const key = `${s.identity}/${q}`;
        const after = fullRun(q, s.identity);
        const expected = diffMultisets(previous.get(key)!, after);
        previous.set(key, after);
        const rows = sent.get(q);
        const got =
          rows?.tag === 'PersistentTable'
            ? { inserts: splitRows(rows.value.inserts), deletes: splitRows(rows.value.deletes) }
            : { inserts: [], deletes: [] };
        const where = `step ${step}, ${QUERIES[q]} for ${s.identity}`;
        assert.deepEqual(sorted(got.inserts), sorted(expected.inserts), `inserts at ${where}`);
        assert.deepEqual(sorted(got.deletes), sorted(expected.deletes), `deletes at ${where}`);
        compared++;
        if (expected.inserts.length + expected.deletes.length > 0) nonEmpty++;
      }
    }
  }
  assert.equal(compared, 600 * PEOPLE.length * QUERIES.length);
  assert.ok(nonEmpty > 1000, `the random transactions changed query results often (${nonEmpty} times)`);
});

test('a view with a sender re-runs only for the subscriber whose rows a transaction wrote', async () => {
  const engine = await loadModule({ moduleDir: KITCHEN_SINK, databaseName: 'per-sender', log: () => {} });
  const ran: (bigint | null)[] = [];
  const counting = Object.create(engine) as Engine;
  counting.evaluateView = (name, sender) => {
    ran.push(sender);
    return engine.evaluateView(name, sender);
  };
  const manager = new SubscriptionManager(counting);
  const subscribers = Array.from({ length: 50 }, (_, i) => ({ identity: BigInt(i + 1) }));
  for (const s of subscribers)
    manager.subscribe(s, 0, ['SELECT * FROM my_notes', 'SELECT * FROM my_notes WHERE id > 0']);
  assert.equal(ran.length, 50, 'subscribing evaluates each (view, sender) once');
  ran.length = 0;
  const outcome = engine.callReducer('add_note', encodeArgs(engine, 'add_note', { body: 'hello' }), {
    sender: 7n,
    connectionId: 1n,
    timestamp: 0n,
  });
  assert.equal(outcome.status, 'committed');
  const updates = manager.updatesFor(outcome.status === 'committed' ? outcome.changes : []);
  assert.deepEqual(ran, [7n], 'one call, shared by both queries of learner 7; nobody else re-ran');
  assert.deepEqual([...updates.keys()], [subscribers[6]]);
  assert.equal(updates.get(subscribers[6]!)!.querySets[0]!.tables[0]!.rows.length, 2, 'both queries send the new note');
});
