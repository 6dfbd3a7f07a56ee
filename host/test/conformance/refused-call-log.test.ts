/**
 * A call to a reducer or procedure that does not exist (or that the caller may not call), or whose arguments do not
 * decode, leaves an error line in the module's log, as on SpacetimeDB (`log_reducer_submit_error`,
 * `log_procedure_validation_result`, `no_such_function_log_message`, `args_error_log_message` in
 * crates/core/src/host/module_host.rs), so `spacetime logs` (here `GET /logs`) shows a client with stale bindings.
 * Over WebSocket through the real SDK and over HTTP `/call`, which, as SpacetimeDB's `call` route
 * (crates/client-api/src/routes/database.rs), tries a reducer first and then a procedure of that name.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningHost } from '../../src/index.js';
import { DbConnection } from './modules/procedures/bindings/index.js';
import { connectWith, startConformanceHost } from './support.js';

let host: RunningHost;
before(async () => {
  host = await startConformanceHost('procedures');
});
after(() => host.close());

const nonexistent = (kind: string, name: string) =>
  `External attempt to call nonexistent ${kind} "${name}" failed. Have you run \`spacetime generate\` recently?`;
const invalidArguments = (kind: string, name: string) =>
  `External attempt to call ${kind} "${name}" failed, invalid arguments.\n` +
  'This is likely due to a mismatched client schema, have you run `spacetime generate` recently?';

/** The module log's lines as `GET /logs` gives them to the owner. */
async function moduleLog(): Promise<{ level: string; message: string }[]> {
  const response = await fetch(`${host.url}/v1/database/${host.database}/logs`, {
    headers: { authorization: `Bearer ${host.publisherToken}` },
  });
  assert.equal(response.status, 200);
  return (await response.text())
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { level: string; message: string });
}

/** The log lines `act` added. */
async function linesAfter(act: () => Promise<unknown>): Promise<string[][]> {
  const before = (await moduleLog()).length;
  await act();
  return (await moduleLog()).slice(before).map((line) => [line.level, line.message]);
}

const call = (name: string, body: string) =>
  fetch(`${host.url}/v1/database/${host.database}/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });

test('over WebSocket: an unknown reducer, an unknown or private procedure, arguments that do not decode', async () => {
  const { conn } = await connectWith(DbConnection, host);
  assert.deepEqual(
    await linesAfter(() => assert.rejects(conn.callReducer('no_such_thing', new Uint8Array()), /no such reducer/)),
    [['Error', nonexistent('reducer', 'no_such_thing')]],
  );
  assert.deepEqual(
    await linesAfter(() => assert.rejects(conn.callProcedure('no_such_thing', new Uint8Array()), /No such procedure/)),
    [['Error', nonexistent('procedure', 'no_such_thing')]],
  );
  // A schedule table's procedure is private: not there for anyone but the owner.
  assert.deepEqual(
    await linesAfter(() => assert.rejects(conn.callProcedure('run_job', new Uint8Array()), /No such procedure/)),
    [['Error', nonexistent('procedure', 'run_job')]],
  );
  assert.deepEqual(await linesAfter(() => assert.rejects(conn.callReducer('schedule_job', new Uint8Array([1, 2])))), [
    ['Error', invalidArguments('reducer', 'schedule_job')],
  ]);
  assert.deepEqual(await linesAfter(() => assert.rejects(conn.callProcedure('add', new Uint8Array([1])))), [
    ['Error', invalidArguments('procedure', 'add')],
  ]);
  assert.deepEqual(await linesAfter(() => conn.callReducer('schedule_job', encodedString('fine'))), []);
  conn.disconnect();
});

test('over HTTP /call: the reducer is looked for first, then the procedure, each not found leaving its line', async () => {
  assert.deepEqual(await linesAfter(async () => assert.equal((await call('no_such_thing', '[]')).status, 404)), [
    ['Error', nonexistent('reducer', 'no_such_thing')],
    ['Error', nonexistent('procedure', 'no_such_thing')],
  ]);
  assert.deepEqual(await linesAfter(async () => assert.equal((await call('schedule_job', '[1, 2]')).status, 400)), [
    ['Error', invalidArguments('reducer', 'schedule_job')],
  ]);
  // A procedure is found second, as there: the reducer's line comes first even when the call then succeeds.
  assert.deepEqual(await linesAfter(async () => assert.equal((await call('add', '["one"]')).status, 400)), [
    ['Error', nonexistent('reducer', 'add')],
    ['Error', invalidArguments('procedure', 'add')],
  ]);
  assert.deepEqual(await linesAfter(async () => assert.equal((await call('add', '[1, 2]')).status, 200)), [
    ['Error', nonexistent('reducer', 'add')],
  ]);
  assert.deepEqual(
    await linesAfter(async () => assert.equal((await call('schedule_job', '["fine"]')).status, 200)),
    [],
  );
});

/** BSATN of one string argument. */
function encodedString(text: string): Uint8Array {
  const bytes = new TextEncoder().encode(text);
  const out = new Uint8Array(4 + bytes.length);
  new DataView(out.buffer).setUint32(0, bytes.length, true);
  out.set(bytes, 4);
  return out;
}
