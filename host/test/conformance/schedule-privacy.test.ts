/**
 * A schedule table's reducer or procedure is private, as on SpacetimeDB: validation makes it so
 * (`change_scheduled_functions_and_lifetimes_visibility`, crates/schema/src/def/validate/v10.rs), and a call from
 * anyone but the database owner is answered as if it did not exist (`reducer_call_params`/`procedure_call_params`,
 * crates/core/src/host/module_host.rs; over HTTP `call` then tries a procedure, crates/client-api/src/routes/database.rs).
 * The owner may still call it. Through the real SDK over WebSocket and through HTTP `/call`.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { BinaryWriter } from 'spacetimedb';
import type { RunningHost } from '../../src/index.js';
import * as procedures from './modules/procedures/bindings/index.js';
import * as submodules from './modules/submodules/bindings/index.js';
import { connectWith, eventually, startConformanceHost, subscribe } from './support.js';

let inventory: RunningHost;
let jobs: RunningHost;
before(async () => {
  inventory = await startConformanceHost('submodules');
  jobs = await startConformanceHost('procedures');
});
after(async () => {
  await inventory.close();
  await jobs.close();
});

/** The BSATN of a schedule row's first two columns: its id and `ScheduleAt.Time(0)` (variant 1). */
function scheduleRow(id: bigint): BinaryWriter {
  const row = new BinaryWriter(64);
  row.writeU64(id);
  row.writeU8(1);
  row.writeI64(0n);
  return row;
}

function restockArgs(itemId: number): Uint8Array {
  const args = scheduleRow(1n);
  args.writeU32(itemId);
  return args.getBuffer().slice();
}

function runJobArgs(counterName: string): Uint8Array {
  const args = scheduleRow(1n);
  args.writeString(counterName);
  return args.getBuffer().slice();
}

/** The JSON of a schedule row as HTTP `/call` takes it: one argument, the row. */
const scheduleRowJson = (last: unknown) =>
  JSON.stringify([[1, { Time: { __timestamp_micros_since_unix_epoch__: 0 } }, last]]);

function callOverHttp(host: RunningHost, name: string, body: string, token?: string): Promise<Response> {
  return fetch(`${host.url}/v1/database/${host.database}/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
}

const countOf = (conn: submodules.DbConnection, id: number) => conn.db['inventory.stock_item'].id.find(id)?.count;

async function stockedItem(id: number): Promise<submodules.DbConnection> {
  const { conn } = await connectWith(submodules.DbConnection, inventory);
  await subscribe(conn, [`SELECT * FROM inventory.stock_item WHERE id = ${id}`]);
  await conn.reducers['inventory.addItem']({ id, name: 'rope' });
  await eventually(() => countOf(conn, id) === 1, 'the new item');
  return conn;
}

test("a client's WebSocket call to a schedule table's reducer is refused as no such reducer; the owner's runs", async () => {
  const watcher = await stockedItem(31);
  const stranger = await connectWith(submodules.DbConnection, inventory);
  await assert.rejects(stranger.conn.callReducer('inventory.restock', restockArgs(31)), /no such reducer/);
  const owner = await connectWith(submodules.DbConnection, inventory, inventory.publisherToken);
  await owner.conn.callReducer('inventory.restock', restockArgs(31));
  await eventually(() => countOf(watcher, 31) === 11, "the owner's restock");
  for (const conn of [watcher, stranger.conn, owner.conn]) conn.disconnect();
});

test("an HTTP /call to a schedule table's reducer is not found for a client, as SpacetimeDB answers; the owner's runs", async () => {
  const watcher = await stockedItem(32);
  const stranger = await callOverHttp(inventory, 'inventory.restock', scheduleRowJson(32));
  assert.deepEqual([stranger.status, await stranger.text()], [404, 'No such procedure']);
  // Refused before its arguments are read, as there: bad arguments get the same answer, not a 400.
  const badArgs = await callOverHttp(inventory, 'inventory.restock', '["not a row"]');
  assert.deepEqual([badArgs.status, await badArgs.text()], [404, 'No such procedure']);
  const owner = await callOverHttp(inventory, 'inventory.restock', scheduleRowJson(32), inventory.publisherToken);
  assert.equal(owner.status, 200, await owner.text());
  await eventually(() => countOf(watcher, 32) === 11, "the owner's restock");
  watcher.disconnect();
});

test("a client's WebSocket call to a schedule table's procedure is refused as no such procedure; the owner's runs", async () => {
  const stranger = await connectWith(procedures.DbConnection, jobs);
  await assert.rejects(stranger.conn.callProcedure('run_job', runJobArgs('ws')), /No such procedure/);
  const owner = await connectWith(procedures.DbConnection, jobs, jobs.publisherToken);
  await subscribe(owner.conn, ["SELECT * FROM counter WHERE name = 'ws'"]);
  await owner.conn.callProcedure('run_job', runJobArgs('ws'));
  await eventually(() => owner.conn.db.counter.name.find('ws')?.value === 1n, "the owner's job");
  for (const conn of [stranger.conn, owner.conn]) conn.disconnect();
});

test("an HTTP /call to a schedule table's procedure is not found for a client; the owner's runs", async () => {
  const stranger = await callOverHttp(jobs, 'run_job', scheduleRowJson('http'));
  assert.deepEqual([stranger.status, await stranger.text()], [404, 'No such procedure']);
  const owner = await callOverHttp(jobs, 'run_job', scheduleRowJson('http'), jobs.publisherToken);
  assert.equal(owner.status, 200, await owner.text());
  const { conn } = await connectWith(procedures.DbConnection, jobs);
  await subscribe(conn, ["SELECT * FROM counter WHERE name = 'http'"]);
  assert.equal(conn.db.counter.name.find('http')?.value, 1n, "the owner's job ran once");
  conn.disconnect();
});
