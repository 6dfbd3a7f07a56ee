/**
 * Every input that ever crashed the host (issue #11, and anything the fuzzer finds later), sent to one host while
 * a control client stays connected: each gets an error for its sender only, and the control client is still served.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningHost } from '../../src/index.js';
import { encodeClientMessage, V2_PROTOCOL, V3_PROTOCOL } from '../../src/protocol/codec.js';
import { RawClient } from '../server/raw-client.js';
import { connect, startKitchenSink, subscribe, type Connected } from '../server/support.js';
import { MODULE_FAILURE } from './fuzz-host.js';
import { httpRequest, rawHttpAbandoned, rawHttpStatus, UPGRADE_HEADERS } from './raw-http.js';

let host: RunningHost;
let port: number;
let control: Connected;
/**
 * Errors the host logged, but the module log's (a bad call is the caller's, logged as SpacetimeDB logs it): a stack
 * trace in the log means some input reached a code path it should not.
 */
const hostErrors: string[] = [];

before(async () => {
  host = await startKitchenSink({
    log: (level, message) => void (level === 'error' && !MODULE_FAILURE.test(message) && hostErrors.push(message)),
  });
  port = Number(new URL(host.url).port);
  control = await connect(host);
  await subscribe(control.conn, ["SELECT * FROM score WHERE game = 'control'"]);
});

after(async () => {
  // The control client saw every other input go by and is still served.
  const before = control.conn.db.score.count();
  await control.conn.reducers.addScore({ game: 'control', player: 'control', points: 1, level: 0 });
  assert.equal(control.conn.db.score.count(), before + 1n);
  control.conn.disconnect();
  await host.close();
  assert.deepEqual(hostErrors, []);
});

async function closedWith(
  bytes: Uint8Array,
  protocol: string,
  reason: RegExp,
  setUp?: (client: RawClient) => Promise<void>,
): Promise<void> {
  const client = await RawClient.connect(host.url, host.database, { protocols: [protocol] });
  await client.next('InitialConnection');
  await setUp?.(client);
  client.sendBytes(bytes);
  const closed = await client.closed;
  assert.equal(closed.code, 1011);
  assert.match(closed.reason, reason);
}

test('v2: an unknown ClientMessage tag (one byte 0x07) closes that connection', async () => {
  await closedWith(new Uint8Array([0x07]), V2_PROTOCOL, /unknown ClientMessage tag 7/);
});

test('v3: a valid message followed by one more byte >= 5 closes that connection', async () => {
  const call = encodeClientMessage({
    tag: 'CallReducer',
    value: { requestId: 1, flags: 0, reducer: 'no_such_reducer', args: new Uint8Array() },
  });
  await closedWith(new Uint8Array([...call, 5]), V3_PROTOCOL, /unknown ClientMessage tag 5/);
});

test('Unsubscribe of a live query set with an unknown flags tag closes that connection', async () => {
  await closedWith(
    new Uint8Array([0x01, 9, 0, 0, 0, 1, 0, 0, 0, 0x02]),
    V2_PROTOCOL,
    /unknown UnsubscribeFlags tag 2/,
    async (client) => {
      client.send({
        tag: 'Subscribe',
        value: { requestId: 1, querySetId: { id: 1 }, queryStrings: ['SELECT * FROM account'] },
      });
      await client.next('SubscribeApplied');
    },
  );
});

test('a WHERE of thousands of AND/OR terms is answered: applied within the size limit, a SubscriptionError past it', async () => {
  const client = await RawClient.connect(host.url, host.database);
  await client.next('InitialConnection');
  const where = (op: string, terms: number) => Array.from({ length: terms }, () => 'id=1').join(` ${op} `);
  client.send({
    tag: 'Subscribe',
    value: { requestId: 1, querySetId: { id: 1 }, queryStrings: [`SELECT * FROM account WHERE ${where('OR', 7000)}`] },
  });
  assert.equal((await client.next('SubscribeApplied')).value.requestId, 1);
  client.send({
    tag: 'OneOffQuery',
    value: { requestId: 2, queryString: `SELECT * FROM account WHERE ${where('AND', 6000)}` },
  });
  assert.equal((await client.next('OneOffQueryResult')).value.result.tag, 'Ok');
  client.send({
    tag: 'Subscribe',
    value: {
      requestId: 3,
      querySetId: { id: 2 },
      queryStrings: [`SELECT * FROM account WHERE ${where('AND', 20_000)}`],
    },
  });
  assert.match((await client.next('SubscriptionError')).value.error, /query too long: \d+ bytes, the limit is 65536/);
  client.send({
    tag: 'OneOffQuery',
    value: { requestId: 4, queryString: `SELECT * FROM account WHERE ${'('.repeat(1000)}id=1${')'.repeat(1000)}` },
  });
  const result = (await client.next('OneOffQueryResult')).value.result;
  assert.ok(result.tag === 'Err' && /nested too deeply/.test(result.value), JSON.stringify(result));
  client.close();
});

test('HTTP: a broken %-escape in the path is a 400 (it was a 500 and a stack trace in the log)', async () => {
  assert.equal(
    await rawHttpStatus(port, httpRequest('POST', '/v1/database/%E0%A4%A/sql', {}, 'SELECT * FROM account')),
    400,
  );
  assert.equal(await rawHttpStatus(port, httpRequest('POST', '/v1/database/kitchen/call/%E0%A4%A', {}, '[]')), 400);
  assert.equal(await rawHttpStatus(port, httpRequest('GET', '/v1/database/%E0%A4%A/subscribe', UPGRADE_HEADERS)), 400);
});

test('HTTP: bad JSON, wrong methods, malformed targets and huge headers get 4xx', async () => {
  assert.equal(
    await rawHttpStatus(
      port,
      httpRequest('POST', '/v1/database/kitchen/call/add_note', { 'Content-Type': 'application/json' }, '["unclosed'),
    ),
    400,
  );
  assert.equal(await rawHttpStatus(port, httpRequest('DELETE', '/v1/identity/public-key')), 405);
  assert.equal(await rawHttpStatus(port, httpRequest('POST', '/v1/ping')), 405);
  assert.equal(await rawHttpStatus(port, httpRequest('PUT', '/v1/database/kitchen/sql')), 405);
  assert.equal(await rawHttpStatus(port, httpRequest('GET', '//[')), 400);
  assert.equal(await rawHttpStatus(port, httpRequest('GET', '/v1/ping', { 'X-Huge': 'a'.repeat(64 * 1024) })), 431);
  assert.equal(await rawHttpStatus(port, 'NOT HTTP AT ALL\r\n\r\n'), 400);
});

test('HTTP: clients resetting their connection mid-request or mid-upgrade are dropped quietly (an error in the log, or a crash)', async () => {
  // Found by the fuzzer (seed 777): the body's reading failed with "aborted", logged as a host error.
  const halfABody = httpRequest('POST', '/v1/database/kitchen/call/add_note', {}, '["a note"]').replace(
    'Content-Length: 10',
    'Content-Length: 1000',
  );
  for (let i = 0; i < 10; i++) {
    await rawHttpAbandoned(port, halfABody);
    await rawHttpAbandoned(
      port,
      httpRequest('GET', `/v1/database/${host.database}/subscribe`, {
        ...UPGRADE_HEADERS,
        Authorization: 'Bearer garbage',
      }),
    );
  }
  assert.equal(await rawHttpStatus(port, httpRequest('GET', '/v1/ping')), 200, 'the host still answers');
});
