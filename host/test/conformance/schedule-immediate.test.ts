/**
 * `volatile_nonatomic_schedule_immediate` as SpacetimeDB runs it (crates/core/src/host/scheduler.rs,
 * `SchedulerMessage::ScheduleImmediate`), through the real SDK and generated bindings: the reducer a module asks for
 * runs after the asking transaction, in one of its own, as the database (its identity, no connection), and runs even
 * when the asking reducer fails.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningHost } from '../../src/index.js';
import { DbConnection } from './modules/schedule-immediate/bindings/index.js';
import { connectWith, eventually, startConformanceHost, subscribe } from './support.js';

let host: RunningHost;
before(async () => {
  host = await startConformanceHost('schedule-immediate');
});
after(() => host.close());

const connect = () => connectWith(DbConnection, host);

async function databaseIdentity(): Promise<bigint> {
  const info = (await (await fetch(`${host.url}/v1/database/${host.database}`)).json()) as {
    database_identity: { __identity__: string };
  };
  return BigInt(info.database_identity.__identity__);
}

test('the reducer asked for runs next, in a transaction of its own, as the database', async () => {
  const { conn, identity } = await connect();
  await subscribe(conn, ['SELECT * FROM reply']);
  await conn.reducers.ask({ id: 1, text: 'hello' });
  await eventually(() => conn.db.reply.id.find(1) !== null, 'the reply');
  const reply = conn.db.reply.id.find(1)!;
  assert.equal(reply.text, 'HELLO', 'with the arguments the module encoded');
  assert.equal(reply.sawQuestion, true, 'after the asking transaction committed');
  assert.equal(reply.hadConnection, false, 'no connection');
  assert.notEqual(reply.sender.toHexString(), identity.toHexString(), 'not as the client that asked');
  assert.equal(BigInt(`0x${reply.sender.toHexString()}`), await databaseIdentity(), 'as the database');
  conn.disconnect();
});

test('it runs even when the asking reducer fails: the call is not part of its transaction', async () => {
  const { conn } = await connect();
  await subscribe(conn, ['SELECT * FROM reply', 'SELECT * FROM question']);
  await assert.rejects(conn.reducers.askThenGiveUp({ id: 2, text: 'maybe' }), /never mind/);
  await eventually(() => conn.db.reply.id.find(2) !== null, 'the reply to the withdrawn question');
  assert.equal(conn.db.reply.id.find(2)!.sawQuestion, false, "the asking reducer's own writes rolled back");
  assert.equal(conn.db.question.id.find(2), null);
  conn.disconnect();
});
