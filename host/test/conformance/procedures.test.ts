/**
 * Procedures as SpacetimeDB runs them, through the real SDK and generated bindings: return values, `ctx.withTx`
 * transactions that subscribers see as they commit (and that stay committed when the procedure fails later),
 * scheduled procedures, HTTP `/call` falling back to a procedure, and outbound HTTP (refused unless allowed).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { RunningHost } from '../../src/index.js';
import { DbConnection } from './modules/procedures/bindings/index.js';
import { connectWith, eventually, startConformanceHost, subscribe } from './support.js';

let host: RunningHost;
before(async () => {
  host = await startConformanceHost('procedures');
});
after(() => host.close());

const connect = () => connectWith(DbConnection, host);
const valueOf = (conn: DbConnection, name: string) => conn.db.counter.name.find(name)?.value;

test('a procedure returns its value to the caller', async () => {
  const { conn } = await connect();
  assert.deepEqual(await conn.procedures.add({ a: 2, b: 40 }), { total: 42, described: '2 + 40' });
  conn.disconnect();
});

test('each ctx.withTx commits on its own and subscribers see it; a failing procedure keeps what it committed', async () => {
  const caller = await connect();
  const watcher = await connect();
  await subscribe(watcher.conn, ['SELECT * FROM counter']);
  const seen: bigint[] = [];
  watcher.conn.db.counter.onInsert((_ctx, row) => row.name === 'twice' && seen.push(row.value));
  watcher.conn.db.counter.onUpdate((_ctx, _old, row) => row.name === 'twice' && seen.push(row.value));
  assert.equal(await caller.conn.procedures.bumpTwice({ name: 'twice' }), 2n);
  await eventually(() => seen.length === 2, 'both transactions to reach the watcher');
  assert.deepEqual(seen, [1n, 2n], 'two transactions, in order');

  await assert.rejects(caller.conn.procedures.bumpThenFail({ name: 'kept' }), (err: unknown) => {
    assert.match(
      String(err),
      /^The module instance encountered a fatal error: Uncaught Error: .*procedure failed after its transactions/,
    );
    return true;
  });
  await eventually(() => valueOf(watcher.conn, 'kept') !== undefined, 'the committed transaction to arrive');
  assert.equal(valueOf(watcher.conn, 'kept'), 1n, 'the aborted transaction changed nothing');
  caller.conn.disconnect();
  watcher.conn.disconnect();
});

test('a scheduled procedure runs and its transaction reaches subscribers', async () => {
  const { conn } = await connect();
  await subscribe(conn, ["SELECT * FROM counter WHERE name = 'jobs'"]);
  await conn.reducers.scheduleJob({ counterName: 'jobs' });
  await eventually(() => valueOf(conn, 'jobs') === 1n, 'the scheduled procedure to run');
  conn.disconnect();
});

test('outbound HTTP from a procedure is refused with a clear reason', async () => {
  const { conn } = await connect();
  await assert.rejects(conn.procedures.fetchPage({ url: 'https://example.com/' }), (err: unknown) => {
    assert.match(
      String(err),
      /outbound HTTP from procedures is turned off on this host \(request to https:\/\/example\.com\/ refused\)/,
    );
    return true;
  });
  conn.disconnect();
});

test('with allowHttpTo, a procedure fetches from the listed origins only', async () => {
  // In a process of its own: the host makes the request synchronously, so a server in this process could not answer.
  const server = spawn(process.execPath, [
    '-e',
    "require('node:http').createServer((q, r) => r.end('hello from ' + q.url)).listen(0, '127.0.0.1', function () { console.log(this.address().port); })",
  ]);
  const port = await new Promise<string>((done) =>
    server.stdout.once('data', (data: Buffer) => done(data.toString().trim())),
  );
  const origin = `http://127.0.0.1:${port}`;
  const allowing = await startConformanceHost('procedures', { allowHttpTo: [origin] });
  try {
    const { conn } = await connectWith(DbConnection, allowing);
    assert.equal(await conn.procedures.fetchPage({ url: `${origin}/page` }), 'hello from /page');
    await assert.rejects(conn.procedures.fetchPage({ url: 'http://127.0.0.2:9/' }), (err: unknown) => {
      assert.match(
        String(err),
        /request to http:\/\/127\.0\.0\.2:9\/ refused: http:\/\/127\.0\.0\.2:9 is not in this host's allowHttpTo list/,
      );
      return true;
    });
    conn.disconnect();
  } finally {
    await allowing.close();
    server.kill();
  }
});

test('HTTP /call runs a procedure when no reducer has that name, as SpacetimeDB does', async () => {
  const call = (name: string, body: string) =>
    fetch(`${host.url}/v1/database/${host.database}/call/${name}`, { method: 'POST', body });
  const ok = await call('add', JSON.stringify([1, 2]));
  assert.equal(ok.status, 200);
  // Without its type, as SpacetimeDB writes it (`procedure_outcome_response`): the product as an array.
  assert.deepEqual(await ok.json(), [3, '1 + 2']);
  const failed = await call('bump_then_fail', JSON.stringify(['over-http']));
  assert.equal(failed.status, 500);
  assert.match(await failed.text(), /The module instance encountered a fatal error/);
  const unknown = await call('nothing', '[]');
  assert.deepEqual([unknown.status, await unknown.text()], [404, 'No such procedure']);
  const bad = await call('add', JSON.stringify(['x', 2]));
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /invalid arguments for procedure add/);
});
