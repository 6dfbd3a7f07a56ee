/**
 * HTTP calls and SQL run as on SpacetimeDB: on a short connection of their own (a fresh connection id,
 * `clientConnected` before, `clientDisconnected` after), which the module's `clientConnected` may refuse (403).
 * A subscriber sees the lifecycle rows through the real SDK.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningHost } from '../../src/index.js';
import { DbConnection } from './modules/http-calls/bindings/index.js';
import { connectWith, eventually, startConformanceHost, subscribe } from './support.js';

let host: RunningHost;
before(async () => {
  host = await startConformanceHost('http-calls');
});
after(() => host.close());

const post = (path: string, body: string, token?: string) =>
  fetch(`${host.url}/v1/database/${host.database}${path}`, {
    method: 'POST',
    body,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

test('an HTTP call runs between clientConnected and clientDisconnected, on a connection id of its own', async () => {
  const watcher = await connectWith(DbConnection, host);
  await subscribe(watcher.conn, ['SELECT * FROM visit']);
  const before = watcher.conn.db.visit.count();
  const response = await post('/call/knock', '[]');
  assert.equal(response.status, 200);
  const caller = response.headers.get('spacetime-identity')!;
  const visits = () => [...watcher.conn.db.visit.iter()].filter((v) => v.who.toHexString() === caller);
  await eventually(() => visits().length === 3, 'the three events of the call');
  assert.deepEqual(visits().map((v) => v.event), ['connected', 'knocked', 'disconnected']);
  const ids = new Set(visits().map((v) => v.connection?.toHexString()));
  assert.equal(ids.size, 1, 'one connection id for the whole call');
  assert.notEqual([...ids][0], undefined, 'a real connection id, not none');
  assert.equal(watcher.conn.db.visit.count(), before + 3n);

  const sql = await post('/sql', 'SELECT * FROM gate', response.headers.get('spacetime-identity-token')!);
  assert.equal(sql.status, 200);
  await eventually(() => visits().length === 5, 'SQL to open and close a connection too');
  watcher.conn.disconnect();
});

test('a clientConnected that refuses makes the HTTP call a 403 with its message, and nothing runs', async () => {
  assert.equal((await post('/call/close_gate', '[]')).status, 200);
  const refused = await post('/call/knock', '[]');
  assert.deepEqual([refused.status, await refused.text()], [403, 'the gate is closed']);
  const sql = await post('/sql', 'SELECT * FROM visit');
  assert.equal(sql.status, 403);
});
