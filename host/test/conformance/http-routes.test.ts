/**
 * A module's own HTTP routes (`httpHandler` + `httpRouter`) as SpacetimeDB serves them under
 * `/v1/database/:name_or_identity/route/...`: exact paths and methods, the request as the handler sees it, its
 * response as it made it, SpacetimeDB's 404 for an unknown route, 500 when the handler throws, and a handler's
 * `ctx.withTx` reaching a subscribed SDK client.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningHost } from '../../src/index.js';
import { DbConnection } from './modules/http-routes/bindings/index.js';
import { connectWith, eventually, startConformanceHost, subscribe } from './support.js';

let host: RunningHost;
before(async () => {
  host = await startConformanceHost('http-routes');
});
after(() => host.close());

const route = (path: string, init?: RequestInit) =>
  fetch(`${host.url}/v1/database/${host.database}/route${path}`, init);
const NO_SUCH_ROUTE = 'Database has not registered a handler for this route';

test('a handler gets the method, the whole URL, the headers and the body, and its response goes back as made', async () => {
  const answer = await route('/request?x=1', { method: 'POST', headers: { 'X-Marker': 'seen' }, body: 'hello' });
  assert.equal(answer.status, 201);
  assert.equal(answer.headers.get('x-handled-by'), 'describe-request');
  assert.equal(answer.headers.get('content-type'), 'application/json');
  const host_ = new URL(host.url).host;
  assert.deepEqual(await answer.json(), {
    method: 'POST',
    uri: `http://${host_}/v1/database/${host.database}/route/request?x=1`,
    marker: 'seen',
    body: 'hello',
  });
  const get = await route('/request');
  assert.equal(((await get.json()) as { method: string }).method, 'GET');
});

test("routes match the exact path and method (a nested `/` is the prefix itself); anything else is SpacetimeDB's 404", async () => {
  for (const method of ['GET', 'POST', 'PUT']) {
    const root = await route('', { method });
    assert.deepEqual([root.status, await root.text()], [200, 'home'], `${method} on the any-method route at the root`);
  }
  for (const [path, method] of [
    ['/', 'GET'],
    ['/request', 'DELETE'],
    ['/request/', 'GET'],
    ['/nothing', 'GET'],
    ['/notes/count', 'POST'],
    ['/notes/', 'POST'],
  ] as const) {
    const missing = await route(path, { method });
    assert.deepEqual([missing.status, await missing.text()], [404, NO_SUCH_ROUTE], `${method} ${path}`);
  }
  const unknownDatabase = await fetch(`${host.url}/v1/database/no-such-db/route/request`);
  assert.equal(unknownDatabase.status, 404);
});

test('a handler that throws answers 500 with the error, and the module log has it', async () => {
  const failed = await route('/fail');
  assert.equal(failed.status, 500);
  assert.equal(await failed.text(), 'Uncaught Error: the handler gave up');
  const log = await fetch(`${host.url}/v1/database/${host.database}/logs`, {
    headers: { authorization: `Bearer ${host.publisherToken}` },
  });
  assert.match(await log.text(), /HTTP handler fail failed: Error: the handler gave up/);
});

test("a handler's ctx.withTx commits and a subscribed SDK client sees the row", async () => {
  const { conn } = await connectWith(DbConnection, host);
  await subscribe(conn, ['SELECT * FROM note']);
  const added = await route('/notes', { method: 'POST', body: 'written over HTTP' });
  assert.equal(added.status, 201);
  assert.match(await added.text(), /^note \d+$/);
  await eventually(
    () => [...conn.db.note.iter()].some((n) => n.text === 'written over HTTP'),
    'the note to reach the subscriber',
  );
  const refused = await route('/notes', { method: 'POST' });
  assert.deepEqual([refused.status, await refused.text()], [400, 'a note needs text']);
  const count = await route('/notes/count');
  assert.equal(await count.text(), String(conn.db.note.count()));
  conn.disconnect();
});

test("a request body over the host's limit is refused with 413 before the handler runs", async () => {
  const big = await route('/notes', { method: 'POST', body: 'x'.repeat(4 * 1024 * 1024 + 1) });
  assert.equal(big.status, 413);
});

test('a handler that runs past httpHandlerTimeoutMs is stopped: 500, its open transaction rolled back, the module still serves', async () => {
  const limited = await startConformanceHost('http-routes', { limits: { httpHandlerTimeoutMs: 200 } });
  try {
    const at = (path: string) => fetch(`${limited.url}/v1/database/${limited.database}/route${path}`);
    const spun = await at('/spin');
    assert.equal(spun.status, 500);
    assert.equal(
      await spun.text(),
      "The HTTP handler spin ran longer than 200 ms (the host's httpHandlerTimeoutMs) and was stopped",
    );
    assert.equal(await (await at('/notes/count')).text(), '0', 'the note written before the loop was rolled back');
    assert.equal(await (await at('')).text(), 'home');
  } finally {
    await limited.close();
  }
});
