import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Identity, ConnectionId, Timestamp, TimeDuration } from 'spacetimedb';
import { INSTANCE_FATAL_ERROR, type CommittedOutcome, type ReducerOutcome } from '../../src/engine/index.js';
import { call, caller, encodeArgs, loadKitchenSink, rowsOf } from './kitchen-sink.js';

const committed = (outcome: ReducerOutcome): CommittedOutcome => {
  assert.equal(outcome.status, 'committed', outcome.status === 'failed' ? outcome.message : '');
  return outcome as CommittedOutcome;
};

test('every column type survives a round trip through a reducer and the datastore', async () => {
  const { engine, logs } = await loadKitchenSink();
  const row = {
    id: 0n,
    flag: true,
    i8v: -8,
    u8v: 250,
    i16v: -1600,
    u16v: 65000,
    i32v: -2_000_000_000,
    u32v: 4_000_000_000,
    i64v: -(2n ** 62n),
    u64v: 2n ** 63n + 5n,
    i128v: -(2n ** 120n),
    u128v: 2n ** 127n + 1n,
    i256v: -(2n ** 250n),
    u256v: 2n ** 255n + 3n,
    f32v: 1.5,
    f64v: -2.25e100,
    text: 'héllo 👋',
    bytes: new Uint8Array([0, 1, 255]),
    maybeText: undefined,
    numbers: [1, -2, 3],
    points: [
      { x: 1, y: 2 },
      { x: -3, y: 4 },
    ],
    shape: { tag: 'rect', value: { x: 5, y: 6 } },
    level: { tag: 'high', value: {} },
    nested: { label: 'n', at: { x: 7, y: 8 }, tags: ['a', 'b'] },
    owner: Identity.zero(),
    conn: new ConnectionId(42n),
    createdAt: Timestamp.UNIX_EPOCH,
    ttl: new TimeDuration(1_000_000n),
  };
  const who = caller(77n, 1_700_000_000_123_456n);
  const outcome = committed(call(engine, 'insert_every_type', { row }, who));
  assert.equal(outcome.changes.length, 1);
  assert.equal(outcome.changes[0]!.tableName, 'every_type');
  const [stored] = rowsOf(engine, 'every_type');
  assert.deepEqual(stored, {
    ...row,
    id: 1n,
    owner: new Identity(77n),
    createdAt: new Timestamp(1_700_000_000_123_456n),
  });
  // The change carries exactly the stored row's bytes.
  assert.deepEqual(outcome.changes[0]!.inserts[0], [...engine.table('every_type').rows()][0]!.bytes);
  assert.deepEqual(logs.at(-1), { level: 'info', message: 'inserted every_type 1', databaseName: 'kitchen-sink' });

  // A second insert takes the next sequence value; the value is written back to the module.
  committed(call(engine, 'insert_every_type', { row: { ...row, maybeText: 'x' } }, who));
  assert.deepEqual(
    rowsOf(engine, 'every_type').map((r) => [r.id, r.maybeText]),
    [
      [1n, undefined],
      [2n, 'x'],
    ],
  );
  assert.equal(logs.at(-1)!.message, 'inserted every_type 2');
});

test("a reducer is one transaction: a throw rolls back every write, SenderError is the caller's fault", async () => {
  const { engine, logs } = await loadKitchenSink();
  committed(call(engine, 'add_note', { body: 'kept' }));
  const before = engine.txOffset;
  const internal = call(engine, 'fail_after_write', { body: 'lost' });
  assert.deepEqual(
    internal.status === 'failed' && [internal.isSenderError, internal.message],
    [false, INSTANCE_FATAL_ERROR],
    "the caller gets SpacetimeDB's fixed text, never the module's internals",
  );
  const refused = call(engine, 'add_note', { body: '' });
  assert.deepEqual(refused.status === 'failed' && [refused.isSenderError, refused.message], [
    true,
    'a note needs text',
  ]);
  assert.deepEqual(
    rowsOf(engine, 'secret_note').map((n) => n.body),
    ['kept'],
  );
  assert.equal(engine.txOffset, before, 'failed calls take no tx offset');
  assert.deepEqual(
    logs.filter((l) => l.level === 'error').map((l) => l.message),
    ['reducer fail_after_write failed: Error: internal failure after a write'],
    'internal errors are logged for the module author; sender errors are not',
  );
});

test('unique constraints refuse duplicates (errno 12) and identical rows are not duplicated', async () => {
  const { engine, logs } = await loadKitchenSink();
  committed(call(engine, 'open_account', { id: 1, balance: 10n }));
  const duplicate = call(engine, 'open_account', { id: 1, balance: 99n });
  assert.equal(duplicate.status, 'failed');
  assert.equal(duplicate.status === 'failed' && duplicate.message, INSTANCE_FATAL_ERROR);
  assert.match(
    logs.at(-1)!.message,
    /UniqueAlreadyExists.*account_id_idx_btree/,
    'the module log says which constraint',
  );
  // The same row again is no change at all (set semantics), so nothing fails.
  const same = committed(call(engine, 'open_account', { id: 1, balance: 10n }));
  assert.deepEqual(same.changes, []);
  assert.deepEqual(
    rowsOf(engine, 'account').map((a) => [a.id, a.balance]),
    [[1, 10n]],
  );
});

test('updates through the primary key give a clean changeset and tx offsets increase', async () => {
  const { engine } = await loadKitchenSink();
  committed(call(engine, 'open_account', { id: 1, balance: 100n }));
  committed(call(engine, 'open_account', { id: 2, balance: 0n }));
  const handle = engine.table('account');
  const outcome = committed(call(engine, 'transfer', { from: 1, to: 2, amount: 30n }));
  assert.equal(outcome.txOffset, engine.txOffset);
  const [change] = outcome.changes;
  assert.deepEqual(
    change!.deletes.map((b) => handle.decodeRow(b).balance),
    [100n, 0n],
  );
  assert.deepEqual(
    change!.inserts.map((b) => handle.decodeRow(b).balance),
    [70n, 30n],
  );
  const next = committed(call(engine, 'transfer', { from: 2, to: 1, amount: 1n }));
  assert.equal(next.txOffset, outcome.txOffset + 1n);
  const broke = call(engine, 'transfer', { from: 1, to: 2, amount: 1000n });
  assert.deepEqual(broke.status === 'failed' && broke.message, 'insufficient funds');
  assert.deepEqual(
    rowsOf(engine, 'account').map((a) => a.balance),
    [71n, 29n],
  );
});

test('btree indexes scan in key order with prefixes and bounds; hash and direct indexes find by point', async () => {
  const { engine } = await loadKitchenSink();
  const scores: [string, string, number, number][] = [
    ['chess', 'ann', 120, 1],
    ['go', 'bob', 50, 2],
    ['chess', 'cid', 40, 1],
    ['chess', 'dee', 90, 3],
    ['go', 'ann', 150, 2],
  ];
  for (const [game, player, points, level] of scores)
    committed(call(engine, 'add_score', { game, player, points, level }));
  const score = engine.table('score');
  const byGamePoints = score.indexOn([1, 3])!;
  const names = (rows: { bytes: Uint8Array }[]) => rows.map((r) => score.decodeRow(r.bytes).player);
  assert.deepEqual(names(byGamePoints.range(['chess'], { kind: 'unbounded' }, { kind: 'unbounded' })), [
    'cid',
    'dee',
    'ann',
  ]);
  assert.deepEqual(
    names(byGamePoints.range(['chess'], { kind: 'excluded', value: 40 }, { kind: 'included', value: 120 })),
    ['dee', 'ann'],
  );
  assert.deepEqual(names(byGamePoints.range([], { kind: 'included', value: 'go' }, { kind: 'unbounded' })), [
    'bob',
    'ann',
  ]);
  assert.deepEqual(names(byGamePoints.find(['go', 150])), ['ann']);
  assert.deepEqual(names(score.indexOn([2])!.find(['ann'])), ['ann', 'ann']);
  assert.deepEqual(names(score.indexOn([4])!.find([1])), ['ann', 'cid']);
  assert.throws(() => score.indexOn([2])!.range([], { kind: 'unbounded' }, { kind: 'unbounded' }), /hash index/);

  // The module deletes through a multi-column prefix with an exclusive upper bound.
  const removed = committed(call(engine, 'delete_scores_below', { game: 'chess', points: 100 }));
  assert.deepEqual(
    removed.changes[0]!.deletes.map((b) => score.decodeRow(b).player),
    ['cid', 'dee'],
  );
  assert.deepEqual(
    rowsOf(engine, 'score').map((s) => s.player),
    ['ann', 'bob', 'ann'],
  );

  const cleared = committed(engine.callReducer('clear_scores', new Uint8Array(0), caller(1n)));
  assert.equal(cleared.changes[0]!.deletes.length, 3);
  assert.equal(score.count(), 0);
});

test("iterators hand over rows larger than the module's buffer (buffer-too-small protocol)", async () => {
  const { engine } = await loadKitchenSink();
  const big = 'x'.repeat(200_000);
  const row = {
    id: 0n,
    flag: false,
    i8v: 0,
    u8v: 0,
    i16v: 0,
    u16v: 0,
    i32v: 0,
    u32v: 0,
    i64v: 0n,
    u64v: 0n,
    i128v: 0n,
    u128v: 0n,
    i256v: 0n,
    u256v: 0n,
    f32v: 0,
    f64v: 0,
    text: big,
    bytes: new Uint8Array(),
    maybeText: undefined,
    numbers: [],
    points: [],
    shape: { tag: 'empty', value: {} },
    level: { tag: 'low', value: {} },
    nested: { label: '', at: { x: 0, y: 0 }, tags: [] },
    owner: Identity.zero(),
    conn: new ConnectionId(0n),
    createdAt: Timestamp.UNIX_EPOCH,
    ttl: new TimeDuration(0n),
  };
  committed(call(engine, 'insert_every_type', { row }));
  committed(call(engine, 'insert_every_type', { row: { ...row, text: 'short' } }));
  const result = engine.evaluateView('long_texts', null);
  assert.equal(result.rows.length, 1);
  assert.equal(engine.table('every_type').decodeRow(result.rows[0]!).text, big);
});

test('bad calls fail cleanly: unknown reducer, malformed arguments, lifecycle reducers by name', async () => {
  const { engine } = await loadKitchenSink();
  const unknown = engine.callReducer('nope', new Uint8Array(0), caller(1n));
  assert.match(unknown.status === 'failed' ? unknown.message : '', /no such reducer: nope/);
  const args = encodeArgs(engine, 'open_account', { id: 1, balance: 1n });
  const trailing = engine.callReducer('open_account', new Uint8Array([...args, 9]), caller(1n));
  assert.match(
    trailing.status === 'failed' ? trailing.message : '',
    /invalid arguments for reducer open_account: 1 trailing bytes/,
  );
  const short = engine.callReducer('open_account', args.subarray(0, 3), caller(1n));
  assert.match(short.status === 'failed' ? short.message : '', /invalid arguments/);
  const lifecycle = engine.callReducer('init', new Uint8Array(0), caller(1n));
  assert.match(lifecycle.status === 'failed' ? lifecycle.message : '', /lifecycle reducer/);
  assert.equal(engine.table('account').count(), 0);
});

test('lifecycle reducers run with the caller, and their changes commit like any reducer', async () => {
  const { engine, logs } = await loadKitchenSink();
  const init = committed(engine.callLifecycle('init', caller(9n)));
  assert.deepEqual(
    init.changes.map((c) => c.tableName),
    ['account'],
  );
  assert.ok(logs.some((l) => l.message === 'kitchen sink initialised'));
  committed(engine.callLifecycle('clientConnected', caller(5n, 100n)));
  committed(engine.callLifecycle('clientDisconnected', caller(5n, 200n)));
  assert.deepEqual(rowsOf(engine, 'connection'), [
    { identity: new Identity(5n), connectedAt: new Timestamp(100n), online: false },
  ]);
});

test('event tables publish their rows in the changeset but never store them', async () => {
  const { engine, logs } = await loadKitchenSink();
  const outcome = committed(call(engine, 'announce', { text: 'hello' }));
  assert.deepEqual(
    outcome.changes.map((c) => [c.tableName, c.inserts.length, c.deletes.length]),
    [['announcement', 1, 0]],
  );
  assert.equal(engine.table('announcement').decodeRow(outcome.changes[0]!.inserts[0]!).text, 'hello');
  assert.equal(logs.at(-1)!.message, 'announcements visible in the transaction: 1');
  assert.equal(engine.table('announcement').count(), 0);
  assert.equal(engine.def.tables.find((t) => t.name === 'announcement')!.isEvent, true);
});

test('the module deletes by primary key (point) and by row value (equality)', async () => {
  const { engine } = await loadKitchenSink();
  committed(call(engine, 'open_account', { id: 1, balance: 5n }));
  committed(call(engine, 'open_account', { id: 2, balance: 6n }));
  const closed = committed(call(engine, 'close_account', { id: 1 }));
  assert.deepEqual(
    closed.changes[0]!.deletes.map((b) => engine.table('account').decodeRow(b).id),
    [1],
  );
  const missing = call(engine, 'close_account', { id: 1 });
  assert.deepEqual(missing.status === 'failed' && missing.message, 'no account 1');
  committed(call(engine, 'add_note', { body: 'a' }));
  committed(call(engine, 'add_note', { body: 'b' }));
  committed(call(engine, 'forget_note', { id: 1 }));
  assert.deepEqual(
    rowsOf(engine, 'secret_note').map((n) => n.body),
    ['b'],
  );
  assert.deepEqual(
    rowsOf(engine, 'account').map((a) => a.id),
    [2],
  );
});
