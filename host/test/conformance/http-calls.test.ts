/**
 * HTTP calls and SQL run as on SpacetimeDB: on a short connection of their own (a fresh connection id,
 * `clientConnected` before, `clientDisconnected` after), which the module's `clientConnected` may refuse (403).
 * A subscriber sees the lifecycle rows through the real SDK. Also the database's info routes and its log.
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
  assert.deepEqual(
    visits().map((v) => v.event),
    ['connected', 'knocked', 'disconnected'],
  );
  const ids = new Set(visits().map((v) => v.connection?.toHexString()));
  assert.equal(ids.size, 1, 'one connection id for the whole call');
  assert.notEqual([...ids][0], undefined, 'a real connection id, not none');
  assert.equal(watcher.conn.db.visit.count(), before + 3n);

  const sql = await post('/sql', 'SELECT * FROM gate', response.headers.get('spacetime-identity-token')!);
  assert.equal(sql.status, 200);
  await eventually(() => visits().length === 5, 'SQL to open and close a connection too');
  watcher.conn.disconnect();
});

test("the database answers by name and by identity; its info, names and owner's databases are SpacetimeDB's shapes", async () => {
  const api = `${host.url}/v1/database`;
  const identity = await (await fetch(`${api}/${host.database}/identity`)).text();
  assert.match(identity, /^[0-9a-f]{64}$/);
  const info = (await (await fetch(`${api}/${identity}`)).json()) as {
    database_identity: { __identity__: string };
    owner_identity: { __identity__: string };
  };
  // A u256 as ethnum writes it: hex without leading zeros.
  assert.equal(BigInt(info.database_identity.__identity__), BigInt(`0x${identity}`));
  assert.deepEqual(await (await fetch(`${api}/${identity}/names`)).json(), { names: [host.database] });
  const owner = BigInt(info.owner_identity.__identity__).toString(16).padStart(64, '0');
  assert.deepEqual(await (await fetch(`${host.url}/v1/identity/${owner}/databases`)).json(), {
    identities: [identity],
  });
  assert.deepEqual(await (await fetch(`${host.url}/v1/identity/${'0'.repeat(64)}/databases`)).json(), {
    identities: [],
  });
  assert.equal((await fetch(`${api}/${'f'.repeat(64)}/names`)).status, 404);
});

test("GET /schema?version=10 is the module's RawModuleDefV10 (re-derived) in SATS-JSON", async () => {
  const response = await fetch(`${host.url}/v1/database/${host.database}/schema?version=10`);
  assert.equal(response.status, 200);
  const { sections } = (await response.json()) as { sections: Record<string, unknown>[] };
  const tables = sections.find((s) => 'Tables' in s)!.Tables as {
    source_name: string;
    table_access: unknown;
    primary_key: number[];
  }[];
  assert.deepEqual(
    tables.map((t) => [t.source_name, t.table_access, t.primary_key]),
    [
      ['visit', { Public: [] }, [0]],
      ['gate', { Public: [] }, [0]],
    ],
  );
  const lifecycle = sections.find((s) => 'LifeCycleReducers' in s)!.LifeCycleReducers;
  assert.deepEqual(lifecycle, [
    // Re-derived from the validated module: the reducers' canonical names (crates/schema/src/def.rs).
    { lifecycle_spec: { OnConnect: [] }, function_name: 'on_connect' },
    { lifecycle_spec: { OnDisconnect: [] }, function_name: 'on_disconnect' },
  ]);
  // The same module as RawModuleDefV9 (re-derived, as SpacetimeDB serves it): lifecycle on the reducers themselves.
  const v9 = await fetch(`${host.url}/v1/database/${host.database}/schema?version=9`);
  assert.equal(v9.status, 200);
  const { reducers } = (await v9.json()) as { reducers: { name: string; lifecycle: unknown }[] };
  assert.deepEqual(
    reducers.filter((r) => !('none' in (r.lifecycle as object))).map((r) => [r.name, r.lifecycle]),
    [
      ['on_connect', { some: { OnConnect: [] } }],
      ['on_disconnect', { some: { OnDisconnect: [] } }],
    ],
  );
});

test("GET /logs gives the owner the module's log as SpacetimeDB's JSON lines, and no one else", async () => {
  const knocked = await post('/call/knock', '[]');
  const knocker = knocked.headers.get('spacetime-identity')!;
  const logs = (query: string, token?: string) =>
    fetch(`${host.url}/v1/database/${host.database}/logs${query}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  const response = await logs('?num_lines=1', host.publisherToken);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/x-ndjson');
  const lines = (await response.text())
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { level: string; ts: number; message: string });
  assert.equal(lines.length, 1);
  assert.deepEqual([lines[0]!.level, lines[0]!.message], ['Info', `knock from ${knocker}`]);
  assert.ok(Number.isInteger(lines[0]!.ts));
  assert.equal(
    (await logs('')).status,
    403,
    'a caller without a token gets an identity of its own, which is not the owner',
  );
  assert.equal((await logs('', knocked.headers.get('spacetime-identity-token')!)).status, 403);
});

test('a clientConnected that refuses makes the HTTP call a 403 with its message, and nothing runs', async () => {
  assert.equal((await post('/call/close_gate', '[]')).status, 200);
  const refused = await post('/call/knock', '[]');
  assert.deepEqual([refused.status, await refused.text()], [403, 'the gate is closed']);
  const sql = await post('/sql', 'SELECT * FROM visit');
  assert.equal(sql.status, 403);
});
