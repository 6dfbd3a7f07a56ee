/** The real `spacetimedb` SDK in Node against the host running the kitchen-sink module, several clients at once. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { SenderError } from 'spacetimedb';
import { INSTANCE_FATAL_ERROR } from '../../src/engine/index.js';
import type { RunningHost } from '../../src/index.js';
import { RawClient } from './raw-client.js';
import { connect, eventually, startKitchenSink, subscribe } from './support.js';

let host: RunningHost;
before(async () => {
  host = await startKitchenSink();
});
after(() => host.close());

test('connecting runs clientConnected and hands out an identity and a token', async () => {
  const { conn, identity, token } = await connect(host);
  assert.match(identity.toHexString(), /^c200/);
  assert.ok(token.split('.').length === 3);
  await subscribe(conn, ['SELECT * FROM connection']);
  const mine = conn.db.connection.identity.find(identity);
  assert.equal(mine?.online, true);
  conn.disconnect();
});

test('a client reconnecting with its saved token gets the same identity', async () => {
  const first = await connect(host);
  first.conn.disconnect();
  const again = await connect(host, first.token);
  assert.equal(again.identity.toHexString(), first.identity.toHexString());
  again.conn.disconnect();
});

test('disconnecting runs clientDisconnected, and other clients see it', async () => {
  const watcher = await connect(host);
  await subscribe(watcher.conn, ['SELECT * FROM connection']);
  const leaver = await connect(host);
  await eventually(() => watcher.conn.db.connection.identity.find(leaver.identity)?.online === true, 'leaver online');
  leaver.conn.disconnect();
  await eventually(() => watcher.conn.db.connection.identity.find(leaver.identity)?.online === false, 'leaver offline');
  watcher.conn.disconnect();
});

test("other clients get only the rows their queries match; the caller's promise resolves with its own rows applied", async () => {
  const alice = await connect(host);
  const bob = await connect(host);
  await subscribe(alice.conn, ["SELECT * FROM score WHERE game = 'conformance'"]);
  await subscribe(bob.conn, ["SELECT * FROM score WHERE game = 'conformance' AND points >= 100"]);
  const bobSaw: number[] = [];
  bob.conn.db.score.onInsert((_ctx, row) => bobSaw.push(row.points));
  await alice.conn.reducers.addScore({ game: 'conformance', player: 'alice', points: 50, level: 1 });
  await alice.conn.reducers.addScore({ game: 'conformance', player: 'alice', points: 150, level: 1 });
  await alice.conn.reducers.addScore({ game: 'other', player: 'alice', points: 500, level: 1 });
  // The caller's cache already holds its rows when the promise resolves.
  assert.deepEqual(
    [...alice.conn.db.score.iter()].map((s) => s.points).sort((a, b) => a - b),
    [50, 150],
  );
  await eventually(() => bobSaw.length === 1, 'bob to see the high score');
  assert.deepEqual(bobSaw, [150]);
  assert.deepEqual(
    [...bob.conn.db.score.iter()].map((s) => s.points),
    [150],
  );
  alice.conn.disconnect();
  bob.conn.disconnect();
});

test('unsubscribing drops the rows of that query set from the client cache', async () => {
  const { conn } = await connect(host);
  await conn.reducers.addScore({ game: 'unsub', player: 'x', points: 1, level: 0 });
  const handle = await subscribe(conn, ["SELECT * FROM score WHERE game = 'unsub'"]);
  assert.equal(conn.db.score.count(), 1n);
  let deleted = 0;
  conn.db.score.onDelete(() => deleted++);
  handle.unsubscribe();
  await eventually(() => conn.db.score.count() === 0n, 'rows dropped');
  assert.equal(deleted, 1);
  conn.disconnect();
});

test('SenderError reaches the caller with its message; the transaction leaves nothing behind', async () => {
  const { conn } = await connect(host);
  await subscribe(conn, ['SELECT * FROM my_notes', 'SELECT * FROM account']);
  await assert.rejects(
    conn.reducers.addNote({ body: '' }),
    (err: unknown) => err instanceof SenderError && err.message === 'a note needs text',
  );
  await conn.reducers.openAccount({ id: 7001, balance: 10n });
  await conn.reducers.openAccount({ id: 7002, balance: 0n });
  await assert.rejects(conn.reducers.transfer({ from: 7001, to: 7002, amount: 11n }), /insufficient funds/);
  await conn.reducers.transfer({ from: 7001, to: 7002, amount: 4n });
  assert.equal(conn.db.account.id.find(7001)?.balance, 6n);
  assert.equal(conn.db.account.id.find(7002)?.balance, 4n);
  // An internal error after a write rolls the write back: the note never shows up. The caller gets
  // SpacetimeDB's fixed text (an InternalError, not a SenderError), never the module's own message.
  await assert.rejects(
    conn.reducers.failAfterWrite({ body: 'ghost' }),
    (err: unknown) => !(err instanceof SenderError) && (err as Error).message === INSTANCE_FATAL_ERROR,
  );
  await conn.reducers.addNote({ body: 'real' });
  assert.deepEqual(
    [...conn.db.myNotes.iter()].map((n) => n.body),
    ['real'],
  );
  conn.disconnect();
});

test('unique constraints refuse duplicates and auto-increment numbers rows in order', async () => {
  const { conn } = await connect(host);
  await subscribe(conn, ["SELECT * FROM score WHERE game = 'autoinc'"]);
  await conn.reducers.openAccount({ id: 8001, balance: 1n });
  await assert.rejects(conn.reducers.openAccount({ id: 8001, balance: 2n }));
  await conn.reducers.addScore({ game: 'autoinc', player: 'a', points: 1, level: 0 });
  await conn.reducers.addScore({ game: 'autoinc', player: 'b', points: 2, level: 0 });
  const ids = [...conn.db.score.iter()].sort((x, y) => x.points - y.points).map((s) => s.scoreId);
  assert.equal(ids.length, 2);
  assert.ok(ids[0]! > 0n && ids[1] === ids[0]! + 1n, `ids ${ids.join(',')}`);
  conn.disconnect();
});

test('views run per subscriber: each client sees only its own notes, and updates follow the tables they read', async () => {
  const alice = await connect(host);
  const bob = await connect(host);
  await subscribe(alice.conn, ['SELECT * FROM my_notes']);
  await subscribe(bob.conn, ['SELECT * FROM my_notes']);
  const aliceBefore = alice.conn.db.myNotes.count();
  await alice.conn.reducers.addNote({ body: 'for alice only' });
  await bob.conn.reducers.addNote({ body: 'for bob only' });
  await eventually(() => alice.conn.db.myNotes.count() === aliceBefore + 1n, 'alice note');
  assert.ok([...alice.conn.db.myNotes.iter()].every((n) => n.owner.isEqual(alice.identity)));
  assert.deepEqual(
    [...bob.conn.db.myNotes.iter()].map((n) => n.body),
    ['for bob only'],
  );
  alice.conn.disconnect();
  bob.conn.disconnect();
});

test('an anonymous view is shared and re-evaluated when its table changes', async () => {
  const watcher = await connect(host);
  const writer = await connect(host);
  await subscribe(watcher.conn, ['SELECT * FROM top_scores']);
  const before = watcher.conn.db.topScores.count();
  await writer.conn.reducers.addScore({ game: 'view', player: 'w', points: 999, level: 0 });
  await writer.conn.reducers.addScore({ game: 'view', player: 'w', points: 5, level: 0 });
  await eventually(() => watcher.conn.db.topScores.count() === before + 1n, 'top score to appear');
  watcher.conn.disconnect();
  writer.conn.disconnect();
});

test('private tables are invisible to clients', async () => {
  const { conn } = await connect(host);
  await assert.rejects(subscribe(conn, ['SELECT * FROM secret_note']), /no such table: `secret_note`/);
  // The connection keeps working after a refused subscription.
  await subscribe(conn, ['SELECT * FROM account']);
  conn.disconnect();
});

test('bad SQL gets a subscription error naming the problem', async () => {
  const { conn } = await connect(host);
  await assert.rejects(subscribe(conn, ['SELECT * FROM score WHERE nope = 1']), /does not have a field `nope`/);
  await assert.rejects(subscribe(conn, ['SELEKT * FROM score']), /expected SELECT/);
  conn.disconnect();
});

test('a join subscription follows both tables: rows appear and disappear as the joined rows change', async () => {
  const watcher = await connect(host);
  await subscribe(watcher.conn, [
    'SELECT account.* FROM account JOIN connection ON account.owner = connection.identity WHERE connection.online = TRUE',
  ]);
  const owner = await connect(host);
  await owner.conn.reducers.openAccount({ id: 9001, balance: 5n });
  await eventually(() => watcher.conn.db.account.id.find(9001)?.balance === 5n, 'the online owner account to appear');
  await owner.conn.reducers.transfer({ from: 9001, to: 0, amount: 2n });
  await eventually(() => watcher.conn.db.account.id.find(9001)?.balance === 3n, 'the update to arrive');
  owner.conn.disconnect();
  await eventually(() => watcher.conn.db.account.id.find(9001) == null, 'the offline owner account to leave');
  watcher.conn.disconnect();
});

test('event table rows reach subscribers as events and are never part of the initial rows', async () => {
  const listener = await connect(host);
  const caller = await connect(host);
  await caller.conn.reducers.announce({ text: 'before subscribing' });
  await subscribe(listener.conn, ['SELECT * FROM announcement']);
  const heard: string[] = [];
  listener.conn.db.announcement.onInsert((_ctx, row) => heard.push(row.text));
  await caller.conn.reducers.announce({ text: 'hello all' });
  await eventually(() => heard.length === 1, 'the announcement');
  assert.deepEqual(heard, ['hello all']);
  listener.conn.disconnect();
  caller.conn.disconnect();
});

test('a view reading an index range follows inserts and deletes in the table it reads', async () => {
  const watcher = await connect(host);
  await subscribe(watcher.conn, ['SELECT * FROM chess_leaders']);
  const before = watcher.conn.db.chessLeaders.count();
  await watcher.conn.reducers.addScore({ game: 'chess', player: 'magnus', points: 2800, level: 1 });
  await watcher.conn.reducers.addScore({ game: 'chess', player: 'novice', points: 10, level: 1 });
  assert.equal(watcher.conn.db.chessLeaders.count(), before + 1n);
  await watcher.conn.reducers.deleteScoresBelow({ game: 'chess', points: 5000 });
  assert.ok(
    ![...watcher.conn.db.chessLeaders.iter()].some((s) => s.player === 'magnus'),
    'the deleted leader left the view',
  );
  watcher.conn.disconnect();
});

test('a WHERE clause filters the rows of a view', async () => {
  const { conn } = await connect(host);
  await subscribe(conn, ['SELECT * FROM top_scores WHERE points >= 5000']);
  await conn.reducers.addScore({ game: 'where-view', player: 'p', points: 4000, level: 0 });
  await conn.reducers.addScore({ game: 'where-view', player: 'p', points: 6000, level: 0 });
  assert.deepEqual(
    [...conn.db.topScores.iter()].map((s) => s.points).filter((p) => p < 5000),
    [],
  );
  assert.ok([...conn.db.topScores.iter()].some((s) => s.points === 6000));
  conn.disconnect();
});

test("the publisher is init's sender and, as owner, may subscribe to private tables", async () => {
  const owner = await connect(host, host.publisherToken);
  await subscribe(owner.conn, ['SELECT * FROM account WHERE id = 0']);
  assert.equal(owner.conn.db.account.id.find(0)?.owner.toHexString(), owner.identity.toHexString());
  owner.conn.disconnect();
  // Generated bindings leave private tables out, so the owner's private subscription is checked at the protocol level.
  const raw = await RawClient.connect(host.url, host.database, { token: host.publisherToken });
  raw.send({
    tag: 'Subscribe',
    value: { requestId: 1, querySetId: { id: 1 }, queryStrings: ['SELECT * FROM secret_note'] },
  });
  assert.equal((await raw.next('SubscribeApplied')).value.rows.tables[0]?.table, 'secret_note');
  raw.close();
});
