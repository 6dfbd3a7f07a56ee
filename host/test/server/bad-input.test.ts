/** What the host does with input no well-behaved SDK sends: every bad client gets an error and everyone else is still served. */
import { once } from 'node:events';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { BinaryWriter } from 'spacetimedb';
import type { PingTimer, RunningHost } from '../../src/index.js';
import { encodeClientMessage, V2_PROTOCOL, V3_PROTOCOL } from '../../src/protocol/codec.js';
import { RawClient } from './raw-client.js';
import { connect, eventually, startKitchenSink, subscribe } from './support.js';

let host: RunningHost;
before(async () => {
  host = await startKitchenSink({ maxMessageBytes: 64 * 1024 });
});
after(() => host.close());

function addScoreArgs(game: string, points: number): Uint8Array {
  const w = new BinaryWriter(64);
  w.writeString(game);
  w.writeString('raw');
  w.writeI32(points);
  w.writeU8(1);
  return w.getBuffer().slice();
}

function call(requestId: number, reducer: string, args: Uint8Array) {
  return { tag: 'CallReducer' as const, value: { requestId, flags: 0, reducer, args } };
}

/** A bystander that must keep getting updates whatever the others do. */
async function bystanderStillServed(game: string): Promise<void> {
  const { conn } = await connect(host);
  await subscribe(conn, [`SELECT * FROM score WHERE game = '${game}'`]);
  await conn.reducers.addScore({ game, player: 'bystander', points: 1, level: 0 });
  assert.equal(conn.db.score.count(), 1n);
  conn.disconnect();
}

test('InitialConnection is the first message', async () => {
  const client = await RawClient.connect(host.url, host.database);
  const first = await client.next('InitialConnection');
  assert.match(first.value.identity.toHexString(), /^c200/);
  assert.equal(client.messages.length, 0);
  client.close();
});

test('a malformed frame closes that connection with an error and others are still served', async () => {
  const bad = await RawClient.connect(host.url, host.database);
  await bad.next('InitialConnection');
  bad.sendBytes(new Uint8Array([42, 1, 2, 3]));
  const closed = await bad.closed;
  assert.equal(closed.code, 1011);
  assert.match(closed.reason, /could not decode client message/);
  await bystanderStillServed('after-malformed');
});

test('a text frame is refused like SpacetimeDB does', async () => {
  const bad = await RawClient.connect(host.url, host.database);
  await bad.next('InitialConnection');
  bad.socket.send('hello');
  const closed = await bad.closed;
  assert.equal(closed.code, 1011);
  assert.match(closed.reason, /does not support text messages/);
});

test('unknown reducers, lifecycle reducers and wrong argument bytes get an internal error, the connection stays up', async () => {
  const client = await RawClient.connect(host.url, host.database);
  await client.next('InitialConnection');
  client.send(call(1, 'no_such_reducer', new Uint8Array()));
  client.send(call(2, 'on_connect', new Uint8Array()));
  client.send(call(3, 'add_score', new Uint8Array([1, 2])));
  client.send(call(4, 'add_score', new Uint8Array([...addScoreArgs('raw', 5), 9])));
  client.send(call(5, 'add_score', addScoreArgs('raw', 5)));
  const results = new Map<number, string>();
  for (let i = 0; i < 5; i++) {
    const { value } = await client.next('ReducerResult');
    results.set(value.requestId, value.result.tag === 'InternalError' ? value.result.value : value.result.tag);
  }
  assert.equal(results.get(1), 'no such reducer');
  assert.match(results.get(2)!, /can't directly call special OnConnect lifecycle reducer/);
  assert.match(results.get(3)!, /argument|decode|invalid/i);
  assert.match(results.get(4)!, /argument|trailing|invalid/i);
  assert.equal(results.get(5), 'Ok');
  client.close();
});

test("a CallReducer with flags other than 0 closes that connection with SpacetimeDB's text; nothing runs", async () => {
  const watcher = await connect(host);
  await subscribe(watcher.conn, ["SELECT * FROM score WHERE game = 'flagged'"]);
  const client = await RawClient.connect(host.url, host.database);
  await client.next('InitialConnection');
  client.send({
    tag: 'CallReducer',
    value: { requestId: 1, flags: 2, reducer: 'add_score', args: addScoreArgs('flagged', 1) },
  });
  const closed = await client.closed;
  assert.equal(closed.code, 1011);
  assert.equal(closed.reason, 'invalid call reducer flag 2');
  await watcher.conn.reducers.addScore({ game: 'flagged', player: 'watcher', points: 2, level: 0 });
  assert.deepEqual(
    [...watcher.conn.db.score.iter()].map((s) => s.player),
    ['watcher'],
    'the flagged call never ran',
  );
  watcher.conn.disconnect();
});

test('bad SQL and unknown query sets get a SubscriptionError for that request only', async () => {
  const client = await RawClient.connect(host.url, host.database);
  await client.next('InitialConnection');
  client.send({
    tag: 'Subscribe',
    value: { requestId: 10, querySetId: { id: 1 }, queryStrings: ['SELECT * FROM nowhere'] },
  });
  const error = await client.next('SubscriptionError');
  assert.equal(error.value.requestId, 10);
  assert.match(error.value.error, /no such table: `nowhere`/);
  client.send({
    tag: 'Unsubscribe',
    value: { requestId: 11, querySetId: { id: 99 }, flags: { tag: 'SendDroppedRows' } },
  });
  assert.match((await client.next('SubscriptionError')).value.error, /no subscription with query set id 99/);
  client.send({
    tag: 'Subscribe',
    value: { requestId: 12, querySetId: { id: 1 }, queryStrings: ['SELECT * FROM account'] },
  });
  assert.equal((await client.next('SubscribeApplied')).value.requestId, 12);
  // Reusing a live query set id is a protocol error: SpacetimeDB closes the connection.
  client.send({
    tag: 'Subscribe',
    value: { requestId: 13, querySetId: { id: 1 }, queryStrings: ['SELECT * FROM account'] },
  });
  const closed = await client.closed;
  assert.equal(closed.code, 1011);
  assert.match(closed.reason, /already exists/);
});

test('an oversized message closes that connection (1009) and others are still served', async () => {
  const big = await RawClient.connect(host.url, host.database);
  await big.next('InitialConnection');
  big.sendBytes(encodeClientMessage(call(1, 'add_note', new Uint8Array(100 * 1024))));
  assert.equal((await big.closed).code, 1009);
  await bystanderStillServed('after-oversized');
});

test('a client that disconnects in the middle of a call does not disturb anyone', async () => {
  const watcher = await connect(host);
  await subscribe(watcher.conn, ["SELECT * FROM score WHERE game = 'mid-call'", 'SELECT * FROM connection']);
  const quitter = await RawClient.connect(host.url, host.database);
  const { value } = await quitter.next('InitialConnection');
  quitter.send(call(1, 'add_score', addScoreArgs('mid-call', 3)));
  quitter.socket.terminate();
  await eventually(() => watcher.conn.db.score.count() === 1n, 'the call to commit anyway');
  await eventually(
    () => watcher.conn.db.connection.identity.find(value.identity)?.online === false,
    'clientDisconnected to run',
  );
  watcher.conn.disconnect();
  await bystanderStillServed('after-quitter');
});

test('large messages are compressed as the client asked; small ones never', async () => {
  const gzip = await RawClient.connect(host.url, host.database, { compression: 'Gzip' });
  await gzip.next('InitialConnection');
  assert.equal(gzip.compressionTags[0], 0, 'InitialConnection is small');
  const w = new BinaryWriter(64);
  w.writeString('x'.repeat(4000));
  gzip.send(call(1, 'add_note', w.getBuffer().slice()));
  await gzip.next('ReducerResult');
  gzip.send({
    tag: 'Subscribe',
    value: { requestId: 2, querySetId: { id: 0 }, queryStrings: ['SELECT * FROM my_notes'] },
  });
  const applied = await gzip.next('SubscribeApplied');
  assert.ok(applied.value.rows.tables[0]!.rows.rowsData.length > 4000);
  assert.equal(gzip.compressionTags.at(-1), 2, 'gzip for the big SubscribeApplied');
  gzip.close();
});

test('v3 is chosen when offered and carries several messages per frame both ways', async () => {
  const client = await RawClient.connect(host.url, host.database, { protocols: [V3_PROTOCOL, V2_PROTOCOL] });
  assert.equal(client.socket.protocol, V3_PROTOCOL);
  await client.next('InitialConnection');
  const framesBefore = client.compressionTags.length;
  client.sendBytes(
    new Uint8Array([
      ...encodeClientMessage(call(1, 'add_score', addScoreArgs('v3', 1))),
      ...encodeClientMessage(call(2, 'add_score', addScoreArgs('v3', 2))),
    ]),
  );
  const [a, b] = [await client.next('ReducerResult'), await client.next('ReducerResult')];
  assert.deepEqual([a.value.requestId, b.value.requestId].sort(), [1, 2]);
  assert.equal(client.compressionTags.length - framesBefore, 1, 'both results in one frame');
  client.close();
});

/**
 * Pings only when the test says so: `every` keeps each accepted connection's ping round, and the test runs the
 * rounds of the clients it watches. What happens between two rounds is then up to the test, not to how soon a
 * loaded machine's event loop got round to a pong.
 */
function pingsByHand(): PingTimer & { latest(): () => void } {
  const rounds: (() => void)[] = [];
  return {
    every: (_intervalMs, tick) => {
      const at = rounds.push(tick) - 1;
      return () => (rounds[at] = () => {});
    },
    latest: () => {
      const at = rounds.length - 1;
      return () => rounds[at]!();
    },
  };
}

// The timeout only turns a host that never drops the silent client into a failure instead of a hang.
test(
  'the host pings; a client that stops answering is dropped and its clientDisconnected runs',
  { timeout: 60_000 },
  async () => {
    const pings = pingsByHand();
    const pinging = await startKitchenSink({ pingTimer: pings });
    try {
      // The watcher's pings are never run: it sees the silent client go offline, and takes no part.
      const watcher = await connect(pinging);
      await subscribe(watcher.conn, ['SELECT * FROM connection']);
      const healthy = await RawClient.connect(pinging.url, pinging.database);
      await healthy.next('InitialConnection');
      const pingHealthy = pings.latest();
      const silent = await RawClient.connect(pinging.url, pinging.database);
      const { value } = await silent.next('InitialConnection');
      const pingSilent = pings.latest();
      silent.socket.pause(); // reads nothing more, so it never answers a ping
      const silentOffline = new Promise<void>((resolve) =>
        watcher.conn.db.connection.onUpdate((_ctx, _old, row) => {
          if (!row.online && row.identity.isEqual(value.identity)) resolve();
        }),
      );

      /** Runs a ping round; resolves once the healthy client's pong reached the host (a query it sent after was answered). */
      const round = async (requestId: number) => {
        const pinged = once(healthy.socket, 'ping');
        pingHealthy();
        pingSilent();
        await pinged;
        // ws writes the pong before it emits 'ping', so this query reaches the host after the pong.
        healthy.send({ tag: 'OneOffQuery', value: { requestId, queryString: 'SELECT * FROM score' } });
        await healthy.next('OneOffQueryResult');
      };
      await round(1);
      await round(2); // the silent client let a whole round pass without answering
      await silentOffline;
      assert.equal(healthy.socket.readyState, healthy.socket.OPEN, 'a client that answers stays connected');
      healthy.close();
      watcher.conn.disconnect();
    } finally {
      await pinging.close();
    }
  },
);
