/** The subscription manager on the kitchen-sink engine: what each transaction costs and sends. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BinaryWriter } from 'spacetimedb';
import { loadModule, type Engine } from '../../src/engine/index.js';
import { SubscriptionManager } from '../../src/server/subscriptions.js';
import { KITCHEN_SINK } from './support.js';

const caller = { sender: 0xc200n, connectionId: 1n, timestamp: 0n };

function args(write: (w: BinaryWriter) => void): Uint8Array {
  const w = new BinaryWriter(64);
  write(w);
  return w.getBuffer().slice();
}

function commit(engine: Engine, reducer: string, bytes: Uint8Array) {
  const outcome = engine.callReducer(reducer, bytes, caller);
  assert.equal(outcome.status, 'committed', reducer);
  return outcome.status === 'committed' ? outcome.changes : [];
}

test('a view is re-evaluated only when a transaction touches a table it read', async () => {
  const engine = await loadModule({ moduleDir: KITCHEN_SINK, databaseName: 'views', log: () => {} });
  let evaluations = 0;
  const counting = Object.create(engine) as Engine;
  counting.evaluateView = (name, sender) => {
    evaluations++;
    return engine.evaluateView(name, sender);
  };
  const manager = new SubscriptionManager(counting);
  const subscriber = { identity: 0xc200n };
  manager.subscribe(subscriber, 1, ['SELECT * FROM top_scores']);
  const afterSubscribe = evaluations;

  const accountOnly = commit(
    engine,
    'open_account',
    args((w) => (w.writeU32(5), w.writeI64(1n))),
  );
  assert.equal(manager.updatesFor(accountOnly).size, 0);
  assert.equal(evaluations, afterSubscribe, 'a transaction on account does not re-run a view over score');

  const lowScore = commit(
    engine,
    'add_score',
    args((w) => (w.writeString('g'), w.writeString('p'), w.writeI32(1), w.writeU8(0))),
  );
  assert.equal(manager.updatesFor(lowScore).size, 0, 'a row the view filters out sends nothing');
  assert.equal(evaluations, afterSubscribe + 1);

  const highScore = commit(
    engine,
    'add_score',
    args((w) => (w.writeString('g'), w.writeString('p'), w.writeI32(500), w.writeU8(0))),
  );
  const update = manager.updatesFor(highScore).get(subscriber);
  const rows = update?.querySets[0]?.tables[0]?.rows[0];
  assert.equal(update?.querySets[0]?.tables[0]?.tableName, 'top_scores');
  assert.ok(
    rows?.tag === 'PersistentTable' &&
      rows.value.inserts.rowsData.length > 0 &&
      rows.value.deletes.rowsData.length === 0,
  );
});

test('clients with the same query share one evaluation and one message signature', async () => {
  const engine = await loadModule({ moduleDir: KITCHEN_SINK, databaseName: 'shared', log: () => {} });
  const manager = new SubscriptionManager(engine);
  const a = { identity: 1n };
  const b = { identity: 2n };
  manager.subscribe(a, 0, ["SELECT * FROM score WHERE game = 'g'"]);
  manager.subscribe(b, 0, ["SELECT * FROM score WHERE game = 'g'"]);
  const changes = commit(
    engine,
    'add_score',
    args((w) => (w.writeString('g'), w.writeString('p'), w.writeI32(1), w.writeU8(0))),
  );
  const updates = manager.updatesFor(changes);
  assert.equal(updates.size, 2);
  assert.equal(updates.get(a)!.signature, updates.get(b)!.signature);
  assert.equal(
    manager.updatesFor(
      commit(
        engine,
        'add_score',
        args((w) => (w.writeString('other'), w.writeString('p'), w.writeI32(1), w.writeU8(0))),
      ),
    ).size,
    0,
  );
});

test('one-off queries answer once without subscribing', async () => {
  const engine = await loadModule({ moduleDir: KITCHEN_SINK, databaseName: 'oneoff', log: () => {} });
  const manager = new SubscriptionManager(engine);
  commit(
    engine,
    'open_account',
    args((w) => (w.writeU32(9), w.writeI64(1n))),
  );
  const rows = manager.query({ identity: 1n }, 'SELECT * FROM account WHERE id = 9');
  assert.equal(rows.tables[0]?.table, 'account');
  assert.ok(rows.tables[0]!.rows.rowsData.length > 0);
  assert.equal(
    manager.updatesFor(
      commit(
        engine,
        'open_account',
        args((w) => (w.writeU32(10), w.writeI64(1n))),
      ),
    ).size,
    0,
  );
  assert.throws(() => manager.query({ identity: 1n }, 'SELECT * FROM secret_note'), /private/);
});

test('SELECT * FROM * subscribes to every public table, event tables aside', async () => {
  const engine = await loadModule({ moduleDir: KITCHEN_SINK, databaseName: 'all', log: () => {} });
  const manager = new SubscriptionManager(engine);
  const rows = manager.subscribe({ identity: 1n }, 0, ['select * from *']);
  const expected = engine.def.tables.filter((t) => t.isPublic && !t.isEvent).map((t) => t.name);
  assert.deepEqual(rows.tables.map((t) => t.table).sort(), expected.sort());
  assert.ok(!expected.includes('secret_note'));
});
