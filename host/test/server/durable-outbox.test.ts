/** With a durability gate, nothing about a transaction reaches any client before the transaction is durable. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BinaryWriter } from 'spacetimedb';
import { loadModule } from '../../src/engine/index.js';
import type { ServerMessage } from '../../src/protocol/messages.js';
import { decodeServerMessage } from '../../src/protocol/codec.js';
import type { ClientConnection } from '../../src/server/client-connection.js';
import { Database } from '../../src/server/database.js';
import { silentLog } from '../../src/server/host-log.js';
import { KITCHEN_SINK } from './support.js';

/** Stands in for a WebSocket connection: records what the database sends it. */
function recordingClient(identity: bigint, connectionId: bigint) {
  const received: ServerMessage['tag'][] = [];
  const client = {
    identity,
    connectionId,
    token: 'token',
    compression: 'None',
    send: (message: ServerMessage) => received.push(message.tag),
    sendEncoded: (payload: Uint8Array) => received.push(decodeServerMessage(payload).tag),
    frame: (payload: Uint8Array) => payload,
  };
  return { client: client as unknown as ClientConnection, received };
}

test('messages wait for durable(txOffset) and keep their order', async () => {
  const engine = await loadModule({ moduleDir: KITCHEN_SINK, databaseName: 'durable', log: () => {} });
  const gates = new Map<bigint, () => void>();
  const durableOffsets: bigint[] = [];
  const durable = (offset: bigint) => {
    durableOffsets.push(offset);
    return new Promise<void>((resolve) => gates.set(offset, resolve));
  };
  const database = new Database('durable', engine, silentLog, { durable });
  engine.callLifecycle('init', { sender: 1n, connectionId: 0n, timestamp: 0n });
  const alice = recordingClient(0xc200an, 1n);
  const bob = recordingClient(0xc200bn, 2n);
  assert.equal(database.connect(alice.client, '{}'), null);
  assert.equal(database.connect(bob.client, '{}'), null);
  database.handle(bob.client, {
    tag: 'Subscribe',
    value: { requestId: 1, querySetId: { id: 1 }, queryStrings: ['SELECT * FROM score'] },
  });
  const args = new BinaryWriter(32);
  args.writeString('chess');
  args.writeString('alice');
  args.writeI32(10);
  args.writeU8(1);
  database.handle(alice.client, {
    tag: 'CallReducer',
    value: { requestId: 7, flags: 0, reducer: 'add_score', args: args.getBuffer().slice() },
  });
  await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(alice.received, [], 'nothing before durability');
  assert.deepEqual(bob.received, []);
  const last = engine.txOffset;
  // The chain asks for the next gate only after the previous one opened: open them all until it has drained.
  for (let i = 0; i < 10; i++) {
    for (const open of gates.values()) open();
    await new Promise((r) => setTimeout(r, 5));
  }
  assert.deepEqual(alice.received, ['InitialConnection', 'ReducerResult']);
  assert.deepEqual(bob.received, ['InitialConnection', 'SubscribeApplied', 'TransactionUpdate']);
  assert.ok(durableOffsets.includes(last), 'the reducer commit was awaited');
});
