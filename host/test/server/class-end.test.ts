/**
 * A class leaving at once: hundreds of clients close their sockets in one turn of the event loop while others stay.
 * The clients still there are answered while the departures are being run, and every leaving client's
 * `clientDisconnected` still runs exactly once, each in its own transaction, as SpacetimeDB runs one
 * `disconnect_client` job per client (`ws_client_actor` in crates/client-api/src/routes/subscribe.rs,
 * `disconnect_client_inner` in crates/core/src/host/module_host.rs). The module (conformance module `http-calls`)
 * writes a `visit` row for each connect, departure and `knock` call: their autoInc ids give the order in which the
 * host ran them, never the clock.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningHost } from '../../src/index.js';
import { DbConnection } from '../conformance/modules/http-calls/bindings/index.js';
import type { Visit } from '../conformance/modules/http-calls/bindings/types.js';
import { connectWith, eventually, startConformanceHost, subscribe } from '../conformance/support.js';
import { RawClient } from './raw-client.js';

let host: RunningHost;
before(async () => {
  host = await startConformanceHost('http-calls');
});
after(() => host.close());

/** Connects `count` protocol-level clients; resolves with each one and its connection id (hex). */
async function connectClass(target: RunningHost, count: number, tokens: (string | undefined)[] = []) {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const token = tokens[i];
      const client = await RawClient.connect(target.url, target.database, token ? { token } : {});
      const { value } = await client.next('InitialConnection');
      return { client, connectionId: value.connectionId.toHexString(), token: value.token };
    }),
  );
}

const ofEvent = (rows: Iterable<Visit>, event: string, connections: ReadonlySet<string>) =>
  [...rows].filter((v) => v.event === event && connections.has(v.connection?.toHexString() ?? '')).sort(byId);
const byId = (a: Visit, b: Visit) => (a.id < b.id ? -1 : 1);

test('300 clients leave in one turn: a staying client’s calls are answered between the departures, each departure runs once', async () => {
  const stayer = await connectWith(DbConnection, host);
  await subscribe(stayer.conn, ['SELECT * FROM visit']);
  const leavers = await connectClass(host, 300);
  const leaving = new Set(leavers.map((l) => l.connectionId));
  const departures = () => ofEvent(stayer.conn.db.visit.iter(), 'disconnected', leaving);

  for (const { client } of leavers) client.socket.terminate();
  // One call at a time, as a learner's page makes them, until every departure has reached this client.
  let calls = 0;
  while (departures().length < leavers.length && calls < 10_000) {
    await stayer.conn.reducers.knock({});
    calls++;
  }
  // One more call: a departure that ran twice would have reached this client before its answer.
  await stayer.conn.reducers.knock({});

  const departed = departures();
  assert.equal(departed.length, leavers.length, 'every leaving client’s clientDisconnected ran once');
  assert.equal(new Set(departed.map((v) => v.connection!.toHexString())).size, leavers.length);
  const first = departed[0]!.id;
  const last = departed.at(-1)!.id;
  const knocks = [...stayer.conn.db.visit.iter()].filter(
    (v) => v.event === 'knocked' && v.who.isEqual(stayer.identity) && v.id > first && v.id < last,
  );
  assert.ok(
    knocks.length > 0,
    `the staying client's calls ran while departures were still waiting (${calls} calls, none between the first and the last departure)`,
  );
  stayer.conn.disconnect();
});

test('a learner who closes a tab during the storm: a call from their other tab runs after that tab’s departure', async () => {
  const other = await connectWith(DbConnection, host);
  await subscribe(other.conn, ['SELECT * FROM visit']);
  const [tab] = await connectClass(host, 1, [other.token]);
  const rest = await connectClass(host, 300);
  // The learner's tab closes in the middle of the class: whichever order the host sees the sockets end in, about
  // half the departures come before it.
  const leavers = [...rest.slice(0, 150), tab!, ...rest.slice(150)];
  const leaving = new Set(leavers.map((l) => l.connectionId));
  const departures = () => ofEvent(other.conn.db.visit.iter(), 'disconnected', leaving);
  for (const { client } of leavers) client.socket.terminate();
  // The host has begun the departures (the first reached the other tab); then the other tab makes a call.
  await eventually(() => departures().length > 0, 'the first departure');
  await other.conn.reducers.knock({});
  await eventually(() => departures().length === leaving.size, 'every departure');
  const rows = [...other.conn.db.visit.iter()];
  const departedAt = ofEvent(rows, 'disconnected', new Set([tab!.connectionId]))[0]!.id;
  const knockedAt = rows.find(
    (v) => v.event === 'knocked' && v.connection?.toHexString() === other.conn.connectionId.toHexString(),
  )!.id;
  assert.ok(departedAt < knockedAt, `the closed tab's departure (visit ${departedAt}) before the call (${knockedAt})`);
  assert.ok(
    departures().some((v) => v.id > knockedAt),
    'other departures were still waiting when the call ran',
  );
  other.conn.disconnect();
});

test('a host closed while departures wait runs every one of them before it stops', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'lta-class-end-'));
  try {
    const first = await startConformanceHost('http-calls', { dataDir });
    const leavers = await connectClass(first, 100);
    for (const { client } of leavers) client.socket.terminate();
    await first.close();

    const again = await startConformanceHost('http-calls', { dataDir });
    const reader = await connectWith(DbConnection, again);
    await subscribe(reader.conn, ['SELECT * FROM visit']);
    const departed = ofEvent(reader.conn.db.visit.iter(), 'disconnected', new Set(leavers.map((l) => l.connectionId)));
    assert.equal(departed.length, leavers.length);
    reader.conn.disconnect();
    await again.close();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
