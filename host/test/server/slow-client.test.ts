/**
 * Clients that stop reading or flood the host. SpacetimeDB gives each client a bounded outgoing queue (16384
 * messages) and, when a message would not fit, drops the connection without a close frame (the client sees 1006)
 * and runs `clientDisconnected`. The host does the same, so a stalled client cannot make it buffer without bound.
 * Every wait here is on an event (a message, a row update, a socket event, an event-loop turn), never a sleep.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { BinaryWriter } from 'spacetimedb';
import { WebSocket, WebSocketServer } from 'ws';
import type { RunningHost } from '../../src/index.js';
import { V2_PROTOCOL, V3_PROTOCOL, type WireProtocol } from '../../src/protocol/codec.js';
import { ClientConnection, DEFAULT_OUTGOING_QUEUE_LENGTH } from '../../src/server/client-connection.js';
import { RawClient } from './raw-client.js';
import { connect, startKitchenSink, subscribe, type Connected } from './support.js';

const BIG_TEXT = 'x'.repeat(64 * 1024);
/** Far more than any socket buffers: reaching it means the host never dropped the stalled client. */
const MAX_ROUNDS = 2000;

function announceArgs(text: string): Uint8Array {
  const w = new BinaryWriter(text.length + 8);
  w.writeString(text);
  return w.getBuffer().slice();
}

function callAnnounce(requestId: number, text: string) {
  return { tag: 'CallReducer' as const, value: { requestId, flags: 0, reducer: 'announce', args: announceArgs(text) } };
}

/** A raw client subscribed to announcements; resolves with its identity (hex) once the subscription applied. */
async function subscribedRawClient(host: RunningHost): Promise<{ client: RawClient; identity: string }> {
  const client = await RawClient.connect(host.url, host.database);
  // The host may reset a dropped client's socket while it still has data for it.
  client.socket.on('error', () => {});
  const initial = await client.next('InitialConnection');
  client.send({
    tag: 'Subscribe',
    value: { requestId: 1, querySetId: { id: 1 }, queryStrings: ['SELECT * FROM announcement'] },
  });
  await client.next('SubscribeApplied');
  return { client, identity: initial.value.identity.toHexString() };
}

/**
 * The two outgoing-queue metrics SpacetimeDB exports (crates/core/src/worker_metrics/mod.rs), read from the host's
 * `/metrics`, after checking they carry the database identity as their `db` label as there.
 */
async function outgoingMetrics(host: RunningHost): Promise<{ waiting: number; disconnects: number }> {
  const identity = await (await fetch(`${host.url}/v1/database/${host.database}/identity`)).text();
  const text = await (await fetch(`${host.url}/metrics`)).text();
  const read = (name: string, type: string) => {
    assert.match(text, new RegExp(`^# TYPE ${name} ${type}$`, 'm'));
    const sample = new RegExp(`^${name}\\{db="${identity}"\\} (\\d+)$`, 'm').exec(text);
    assert.ok(sample, `${name}{db="${identity}"} is exposed`);
    return Number(sample[1]);
  };
  return {
    waiting: read('spacetime_total_outgoing_queue_length', 'gauge'),
    disconnects: read('spacetime_client_outgoing_queue_disconnects_total', 'counter'),
  };
}

/** Resolves when the module's clientDisconnected marks that identity offline, as seen by a subscribed watcher. */
function wentOffline(watcher: Connected, identity: string): Promise<void> {
  return new Promise((resolve) => {
    watcher.conn.db.connection.onUpdate((_ctx, _old, row) => {
      if (!row.online && row.identity.toHexString() === identity) resolve();
    });
  });
}

describe('a host with a small outgoing queue', () => {
  const QUEUE = 8;
  let host: RunningHost;
  let watcher: Connected;
  /** Reads everything; its messages are decoded in arrival order (no compression), so counts are exact. */
  let bystander: RawClient;
  let bystanderCalls = 0;

  before(async () => {
    host = await startKitchenSink({ outgoingQueueLength: QUEUE });
    watcher = await connect(host);
    await subscribe(watcher.conn, ['SELECT * FROM connection']);
    bystander = (await subscribedRawClient(host)).client;
  });
  after(async () => {
    watcher.conn.disconnect();
    bystander.close();
    await host.close();
  });

  /** Updates the bystander got before the answer to a call of its own (which comes after every earlier one). */
  async function bystanderUpdates(): Promise<number> {
    bystanderCalls += 1;
    const requestId = 10_000 + bystanderCalls;
    bystander.send(callAnnounce(requestId, 'bystander'));
    await bystander.next('ReducerResult', (m) => m.value.requestId === requestId);
    return bystander.messages.filter((m) => m.tag === 'TransactionUpdate').length;
  }

  test('a client that stops reading is dropped without a close frame (1006) and the others keep their updates', async () => {
    const { client: slow, identity } = await subscribedRawClient(host);
    let dropped = false;
    const offline = wentOffline(watcher, identity).then(() => (dropped = true));
    slow.socket.pause();
    const { disconnects } = await outgoingMetrics(host);

    const updatesBefore = await bystanderUpdates();
    let sent = 0;
    while (!dropped) {
      assert.ok(sent < MAX_ROUNDS, 'the host kept queueing for a client that does not read');
      await watcher.conn.reducers.announce({ text: `${sent} ${BIG_TEXT}` });
      sent += 1;
    }
    await offline;
    assert.equal(
      (await bystanderUpdates()) - updatesBefore,
      sent,
      'the bystander got every update while the slow client stalled',
    );
    assert.equal((await outgoingMetrics(host)).disconnects, disconnects + 1, '/metrics counts the dropped client');

    // The slow client reads what its socket still holds, then finds the connection gone: no close frame.
    slow.socket.resume();
    const closed = await slow.closed;
    assert.equal(closed.code, 1006);
    assert.equal(closed.reason, '');
    const received = slow.messages.filter((m) => m.tag === 'TransactionUpdate').length;
    assert.ok(received < sent, `the slow client got ${received} of ${sent} updates before it was dropped`);
  });

  test('a client that floods reducer calls without reading the answers is dropped the same way', async () => {
    const { client: flooder, identity } = await subscribedRawClient(host);
    const offline = wentOffline(watcher, identity);
    flooder.socket.pause();
    const { disconnects } = await outgoingMetrics(host);
    const updatesBefore = await bystanderUpdates();
    // Each answer carries the caller's own 64 KiB announcement: far more than the sockets between them can hold.
    for (let i = 0; i < 400; i += 1) flooder.send(callAnnounce(100 + i, BIG_TEXT));
    await offline;
    flooder.socket.resume();
    const closed = await flooder.closed;
    assert.equal(closed.code, 1006);
    const handled = (await bystanderUpdates()) - updatesBefore;
    assert.ok(handled > 0 && handled < 400, `the host handled ${handled} of the flood's 400 calls before dropping it`);
    assert.equal((await outgoingMetrics(host)).disconnects, disconnects + 1, '/metrics counts the dropped flooder');
  });

  test('a client that reads keeps its connection however many updates it gets', async () => {
    const { client: reader } = await subscribedRawClient(host);
    for (let i = 0; i < 100; i += 1) await watcher.conn.reducers.announce({ text: `steady ${i}` });
    // The watcher's answers come before the reader's updates are certain to have arrived: sync through a call.
    reader.send(callAnnounce(1, 'sync'));
    await reader.next('ReducerResult');
    assert.equal(reader.messages.filter((m) => m.tag === 'TransactionUpdate').length, 100);
    assert.equal(reader.socket.readyState, WebSocket.OPEN);
    reader.close();
  });
});

describe('a host with a small total for all clients', () => {
  const TOTAL = 2 * 1024 * 1024;
  let host: RunningHost;
  let watcher: Connected;
  before(async () => {
    host = await startKitchenSink({ limits: { maxTotalOutgoingBytes: TOTAL, maxOutgoingBytes: 64 * 1024 * 1024 } });
    watcher = await connect(host);
    await subscribe(watcher.conn, ['SELECT * FROM connection']);
  });
  after(async () => {
    watcher.conn.disconnect();
    await host.close();
  });

  test('several clients that stop reading are dropped once all they have waiting passes the total; a reader keeps everything', async () => {
    const stalled = await Promise.all([1, 2, 3].map(() => subscribedRawClient(host)));
    const reader = (await subscribedRawClient(host)).client;
    let offline = 0;
    const allOffline = Promise.all(
      stalled.map(({ identity }) => wentOffline(watcher, identity).then(() => (offline += 1))),
    );
    for (const { client } of stalled) client.socket.pause();

    let sent = 0;
    while (offline < stalled.length) {
      // Far below what each may have waiting on its own (64 MiB): only the total can have dropped them.
      assert.ok(sent < 1000, `${offline} of ${stalled.length} stalled clients dropped after ${sent} updates of 64 KiB`);
      await watcher.conn.reducers.announce({ text: `${sent} ${BIG_TEXT}` });
      sent += 1;
    }
    await allOffline;
    reader.send(callAnnounce(1, 'sync'));
    await reader.next('ReducerResult');
    assert.equal(
      reader.messages.filter((m) => m.tag === 'TransactionUpdate').length,
      sent,
      'the reader got every update',
    );
    assert.equal(reader.socket.readyState, WebSocket.OPEN);
    for (const { client } of stalled) client.socket.resume();
    for (const { client } of stalled) assert.equal((await client.closed).code, 1006);
    reader.close();
  });
});

describe('a host with the default outgoing queue', () => {
  let host: RunningHost;
  before(async () => {
    host = await startKitchenSink();
  });
  after(() => host.close());

  test('a burst of requests from a client that reads is all answered, in order (its socket waits while its incoming queue is full)', async () => {
    const client = await RawClient.connect(host.url, host.database);
    await client.next('InitialConnection');
    const count = 3000;
    for (let i = 0; i < count; i += 1) client.send(callAnnounce(i, `burst ${i}`));
    for (let i = 0; i < count; i += 1) {
      const result = await client.next('ReducerResult');
      assert.equal(result.value.requestId, i);
      assert.equal(result.value.result.tag, 'Ok');
    }
    assert.equal(client.socket.readyState, WebSocket.OPEN);
    client.close();
  });

  test('/metrics counts the messages waiting for a client that stopped reading, and none once it has read them', async () => {
    const watcher = await connect(host);
    const { client: slow } = await subscribedRawClient(host);
    assert.deepEqual(await outgoingMetrics(host), { waiting: 0, disconnects: 0 });
    slow.socket.pause();
    // Messages count until the socket has written them: once the kernel's buffers are full, they wait in the host.
    let sent = 0;
    let waiting = 0;
    while (waiting === 0) {
      assert.ok(sent < MAX_ROUNDS, 'no message ever waited for the stalled client');
      await watcher.conn.reducers.announce({ text: `${sent} ${BIG_TEXT}` });
      sent += 1;
      waiting = (await outgoingMetrics(host)).waiting;
    }
    assert.ok(waiting <= sent, `${waiting} messages waiting of ${sent} sent`);

    slow.socket.resume();
    slow.send(callAnnounce(1, 'sync'));
    await slow.next('ReducerResult');
    // Written out, the messages leave the gauge as their writes complete (a scrape or two after the answer).
    for (let scrape = 0; waiting > 0; scrape += 1) {
      assert.ok(scrape < 100, `${waiting} messages still counted after the client read everything`);
      waiting = (await outgoingMetrics(host)).waiting;
    }
    assert.equal((await outgoingMetrics(host)).disconnects, 0, 'a client that reads again is not dropped');
    watcher.conn.disconnect();
    slow.close();
  });
});

/** A ClientConnection over a real socket whose peer does not read. */
async function stalledClient(
  protocol: WireProtocol,
  limits: { outgoingQueueLength?: number; maxOutgoingBytes?: number },
) {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await once(wss, 'listening');
  const accepted = once(wss, 'connection') as Promise<[WebSocket]>;
  const peer = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
  peer.on('error', () => {});
  await once(peer, 'open');
  const [socket] = await accepted;
  const closedOnHost = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const warnings: string[] = [];
  const state = { onCloseCalled: false };
  const client = new ClientConnection({
    socket,
    identity: 1n,
    connectionId: 1n,
    token: 't',
    protocol,
    compression: 'None',
    ...limits,
    onMessage: () => {},
    onClose: () => (state.onCloseCalled = true),
    log: (level, message) => {
      if (level === 'warn') warnings.push(message);
    },
  });
  client.start();
  peer.pause();
  /** The peer reads again and sees the connection end; resolves with the close code it got. */
  const finish = async (): Promise<number> => {
    peer.resume();
    const [code] = (await once(peer, 'close')) as [number];
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    return code;
  };
  return { client, socket, warnings, state, closedOnHost, finish };
}

/** Lets the socket write what the kernel accepts (one event-loop turn, no clock). */
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('ClientConnection outgoing queue', () => {
  for (const protocol of [V2_PROTOCOL, V3_PROTOCOL] as WireProtocol[]) {
    test(`${protocol}: what waits for a stalled client stays within the cap, then the client is dropped and sends are discarded`, async () => {
      const QUEUE = 4;
      const { client, socket, warnings, state, closedOnHost, finish } = await stalledClient(protocol, {
        outgoingQueueLength: QUEUE,
      });
      const payload = new Uint8Array(64 * 1024);
      const frameBytes = payload.length + 1;
      let sent = 0;
      while (!client.kicked) {
        assert.ok(sent < MAX_ROUNDS, 'the stalled client was never dropped');
        client.sendEncoded(payload);
        sent += 1;
        assert.ok(client.outgoingQueueLength <= QUEUE);
        // Bytes the host holds for the client (ws's and the socket's buffers): at most the queued messages.
        assert.ok(socket.bufferedAmount <= (QUEUE + 1) * frameBytes, `host buffers ${socket.bufferedAmount} bytes`);
        await turn();
      }
      assert.ok(sent > QUEUE, 'messages left the queue while the socket could still write');
      assert.deepEqual(warnings, [`client exceeded its outgoing queue capacity of ${QUEUE} messages; disconnecting`]);
      assert.equal(client.isOpen, false);
      for (let i = 0; i < 100; i += 1) client.sendEncoded(payload);
      assert.ok(client.outgoingQueueLength <= QUEUE, 'nothing more is accepted for a dropped client');

      await closedOnHost;
      assert.equal(state.onCloseCalled, true);
      assert.equal(client.outgoingQueueLength, 0);
      assert.equal(await finish(), 1006);
    });

    test(`${protocol}: the bytes waiting for a stalled client stay within its byte budget, then it is dropped`, async () => {
      const BUDGET = 256 * 1024;
      const { client, socket, warnings, closedOnHost, finish } = await stalledClient(protocol, {
        maxOutgoingBytes: BUDGET,
      });
      const payload = new Uint8Array(16 * 1024);
      let sent = 0;
      while (!client.kicked) {
        assert.ok(sent < MAX_ROUNDS, 'the stalled client was never dropped');
        client.sendEncoded(payload);
        sent += 1;
        // Over the budget only by the one message that crossed it.
        assert.ok(socket.bufferedAmount <= BUDGET + 2 * payload.length, `host buffers ${socket.bufferedAmount} bytes`);
        await turn();
      }
      assert.ok(
        client.outgoingQueueLength < DEFAULT_OUTGOING_QUEUE_LENGTH,
        'dropped by bytes, long before the message count',
      );
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]!, /over its limit of 256 KiB \(maxOutgoingBytes\); disconnecting/);
      await closedOnHost;
      assert.equal(socket.bufferedAmount, 0, 'what waited for it is freed');
      assert.equal(await finish(), 1006);
    });
  }

  test('the default is SpacetimeDB’s per-client channel capacity', () => {
    assert.equal(DEFAULT_OUTGOING_QUEUE_LENGTH, 16384);
  });
});
