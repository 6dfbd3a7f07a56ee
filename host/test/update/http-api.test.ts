import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { startHost } from '../../src/index.js';
import { LEDGER } from '../durability/ledger-database.js';

test('the HTTP API calls reducers, answers SQL for any identity (private tables for the owner only), describes the schema, and serves health and metrics', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'lta-http-'));
  const host = await startHost({ moduleDir: LEDGER, database: 'ledger', dataDir, log: false });
  const api = `${host.url}/v1/database/ledger`;
  const post = (path: string, body: string, token?: string) =>
    fetch(`${api}${path}`, { method: 'POST', body, headers: token ? { authorization: `Bearer ${token}` } : {} });
  try {
    const ok = await post('/call/record', JSON.stringify(['ana', 1, 25]));
    assert.equal(ok.status, 200);
    assert.match(
      ok.headers.get('spacetime-identity') ?? '',
      /^c200[0-9a-f]{60}$/,
      'an anonymous caller gets an identity',
    );
    assert.equal((await post('/call/record', JSON.stringify({ client: 'ana', seq: 2, amount: '7' }))).status, 200);
    const refused = await post('/call/record', JSON.stringify(['ana', 3, -1]));
    assert.equal(refused.status, 530);
    assert.equal(await refused.text(), 'amount must not be negative');
    const unknown = await post('/call/nope', '[]');
    assert.deepEqual(
      [unknown.status, await unknown.text()],
      [404, 'No such procedure'],
      'SpacetimeDB tries a procedure of that name last',
    );
    const lifecycle = await post('/call/init', '[]');
    assert.deepEqual(
      [lifecycle.status, await lifecycle.text()],
      [400, "can't directly call special Init lifecycle reducer"],
    );
    const badArgs = await post('/call/record', JSON.stringify(['ana', 'three', 1]));
    assert.equal(badArgs.status, 400);
    assert.match(await badArgs.text(), /arguments\.seq: expected a number, got "three"/);
    assert.equal((await post('/call/record', '{not json')).status, 400);
    assert.equal(
      (await fetch(`${host.url}/v1/database/elsewhere/call/record`, { method: 'POST', body: '[]' })).status,
      404,
    );

    // As on SpacetimeDB, any identity reads public tables (a caller without a token gets one); private ones are the owner's.
    const anonymous = await post('/sql', 'SELECT * FROM tally');
    assert.equal(anonymous.status, 200);
    assert.match(anonymous.headers.get('spacetime-identity') ?? '', /^c200[0-9a-f]{60}$/);
    const stranger = (await (await fetch(`${host.url}/v1/identity`, { method: 'POST' })).json()) as { token: string };
    assert.equal((await post('/sql', 'SELECT * FROM tally', stranger.token)).status, 200);
    const hidden = await post('/sql', 'SELECT * FROM timer', stranger.token);
    assert.equal(hidden.status, 400);
    assert.match(await hidden.text(), /no such table: `timer`\. If the table exists, it may be marked private\./);
    assert.equal((await post('/sql', 'SELECT * FROM timer', host.publisherToken)).status, 200);
    const sql = await post('/sql', "SELECT * FROM tally WHERE client = 'ana'", host.publisherToken);
    assert.equal(sql.status, 200);
    assert.match(sql.headers.get('spacetime-execution-duration-micros') ?? '', /^\d+$/);
    const [result] = (await sql.json()) as { schema: { elements: unknown[] }; rows: unknown[][]; stats: unknown }[];
    // Types in SATS-JSON, as SpacetimeDB writes them.
    assert.deepEqual(result!.schema.elements, [
      { name: { some: 'client' }, algebraic_type: { String: [] } },
      { name: { some: 'count' }, algebraic_type: { U32: [] } },
      { name: { some: 'total' }, algebraic_type: { I64: [] } },
    ]);
    assert.deepEqual(result!.rows, [['ana', 2, 32]]);
    assert.deepEqual(result!.stats, { rows_inserted: 0, rows_deleted: 0, rows_updated: 0 });
    assert.equal((await post('/sql', 'SELECT * FROM nowhere', host.publisherToken)).status, 400);
    // `LIMIT n` as in SpacetimeDB's SQL: at most n rows; a limit that is not a whole number is refused.
    const rowsOf = async (query: string) =>
      ((await (await post('/sql', query)).json()) as { rows: unknown[][] }[])[0]!.rows;
    assert.equal((await rowsOf('SELECT * FROM entry')).length, 2);
    assert.equal((await rowsOf('SELECT * FROM entry LIMIT 1')).length, 1);
    assert.equal((await rowsOf('SELECT * FROM entry limit 0')).length, 0);
    assert.deepEqual(await rowsOf("SELECT * FROM tally WHERE client = 'ana' LIMIT 5"), [['ana', 2, 32]]);
    const badLimit = await post('/sql', 'SELECT * FROM entry LIMIT -1');
    assert.deepEqual([badLimit.status, await badLimit.text()], [400, 'LIMIT must be a whole number of rows, not -1']);
    assert.equal((await post('/sql', 'SELECT * FROM entry LIMIT', host.publisherToken)).status, 400);
    // Projections and COUNT(*) AS n: the schema and rows hold only what was asked for.
    const projected = await post('/sql', "SELECT total, tally.client FROM tally WHERE client = 'ana'");
    const [columns] = (await projected.json()) as { schema: { elements: unknown[] }; rows: unknown[][] }[];
    assert.deepEqual(columns!.schema.elements, [
      { name: { some: 'total' }, algebraic_type: { I64: [] } },
      { name: { some: 'client' }, algebraic_type: { String: [] } },
    ]);
    assert.deepEqual(columns!.rows, [[32, 'ana']]);
    const counted = await post('/sql', 'SELECT COUNT(*) AS n FROM entry');
    const [count] = (await counted.json()) as { schema: { elements: unknown[] }; rows: unknown[][] }[];
    assert.deepEqual(
      [count!.schema.elements, count!.rows],
      [[{ name: { some: 'n' }, algebraic_type: { U64: [] } }], [[2]]],
    );
    const unknownColumn = await post('/sql', 'SELECT colour FROM tally');
    assert.deepEqual(
      [unknownColumn.status, await unknownColumn.text()],
      [400, '`tally` does not have a field `colour`'],
    );

    const schema = (await (await fetch(`${api}/schema?version=9`)).json()) as {
      tables: { name: string }[];
      reducers: { name: string }[];
    };
    assert.deepEqual(
      schema.tables.map((t) => t.name),
      ['entry', 'meta', 'tally', 'timer', 'timer_run'],
    );
    assert.ok(schema.reducers.some((r) => r.name === 'record'));
    assert.deepEqual(await (await fetch(`${host.url}/health`)).json(), { status: 'ok', writable: true });

    const metrics = await fetch(`${host.url}/metrics`);
    assert.match(metrics.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const families = parsePrometheusTextFormat(await metrics.text());
    const value = (name: string, labels: Record<string, string> = {}) =>
      families
        .find((f) => f.name === name)
        ?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))?.value;
    assert.equal(value('spacetime_reducer_calls_total', { reducer: 'record' }), '3');
    assert.equal(value('spacetime_reducer_errors_total', { reducer: 'record' }), '1');
    assert.equal(value('spacetime_table_rows', { table: 'entry' }), '2');
    assert.ok(Number(value('spacetime_commitlog_bytes')) > 0);
    assert.ok(Number(families.find((f) => f.name === 'spacetime_commitlog_fsync_seconds')?.metrics[0]?.count) > 0);
  } finally {
    await host.close();
    await rm(dataDir, { recursive: true });
  }
});
