/**
 * SQL INSERT, UPDATE and DELETE over `POST /v1/database/:name/sql`, as SpacetimeDB runs them: the owner only
 * (others get "Caller X is not authorized to run SQL DML statements", 400), one transaction per statement that a
 * subscribed SDK client sees, `stats` counting the rows, SpacetimeDB's errors for bad statements, and nothing
 * changed when a statement fails.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningHost } from '../../src/index.js';
import { DbConnection } from './modules/sql-dml/bindings/index.js';
import { connectWith, eventually, startConformanceHost, subscribe } from './support.js';

let host: RunningHost;
before(async () => {
  host = await startConformanceHost('sql-dml');
});
after(() => host.close());

interface Answer {
  schema: { elements: unknown[] };
  rows: unknown[][];
  stats: { rows_inserted: number; rows_deleted: number; rows_updated: number };
}

const sql = (body: string, token: string | null = host.publisherToken) =>
  fetch(`${host.url}/v1/database/${host.database}/sql`, {
    method: 'POST',
    body,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

async function ok(body: string): Promise<Answer[]> {
  const answer = await sql(body);
  const text = await answer.text();
  assert.equal(answer.status, 200, `${body}: ${text}`);
  return JSON.parse(text) as Answer[];
}

async function refused(body: string, token: string | null = host.publisherToken): Promise<string> {
  const answer = await sql(body, token);
  assert.equal(answer.status, 400, body);
  return answer.text();
}

const rows = async (query: string) => (await ok(query))[0]!.rows;
/** An identity literal (the zero identity). */
const ZERO_IDENTITY = `0x${'0'.repeat(64)}`;

test('the owner inserts, updates and deletes rows; stats count them and a subscribed client sees each change', async () => {
  const { conn } = await connectWith(DbConnection, host);
  await subscribe(conn, ['SELECT * FROM player']);
  const names = () => [...conn.db.player.iter()].map((p) => `${p.name}:${p.score}:${p.active}`).sort();

  const [inserted] = await ok(
    `INSERT INTO player (id, name, score, active, owner) VALUES (0, 'ana', 10, true, ${ZERO_IDENTITY}), (0, 'ben', -3, false, ${ZERO_IDENTITY})`,
  );
  assert.deepEqual(inserted!.stats, { rows_inserted: 2, rows_deleted: 0, rows_updated: 0 });
  assert.deepEqual([inserted!.schema.elements, inserted!.rows], [[], []]);
  await eventually(() => names().length === 2, 'the inserted rows to reach the subscriber');
  assert.deepEqual(names(), ['ana:10:true', 'ben:-3:false']);
  const ids = [...conn.db.player.iter()].map((p) => p.id);
  assert.ok(
    ids.every((id) => id > 0),
    'auto-increment ids were generated for 0',
  );

  const [updated] = await ok("UPDATE player SET score = 99, active = true WHERE name = 'ben'");
  assert.deepEqual(updated!.stats, { rows_inserted: 0, rows_deleted: 0, rows_updated: 1 });
  await eventually(() => names().includes('ben:99:true'), 'the update to reach the subscriber');

  const [none] = await ok("DELETE FROM player WHERE name = 'nobody'");
  assert.deepEqual(none!.stats, { rows_inserted: 0, rows_deleted: 0, rows_updated: 0 });
  const [deleted] = await ok('DELETE FROM player WHERE score > 50');
  assert.deepEqual(deleted!.stats, { rows_inserted: 0, rows_deleted: 1, rows_updated: 0 });
  await eventually(() => names().length === 1, 'the delete to reach the subscriber');
  assert.deepEqual(names(), ['ana:10:true']);
  conn.disconnect();
});

test('one statement a body (more are refused, running none), a semicolon inside a string, private tables for the owner', async () => {
  // crates/sql-parser/src/parser/sql.rs, `parse_sql`: `SqlUnsupported::MultiStatement`.
  const several = await sql("INSERT INTO secret (key, value) VALUES ('k;0', 'v'); SELECT * FROM secret");
  assert.deepEqual([several.status, await several.text()], [400, 'Multiple SQL statements are not supported']);
  assert.deepEqual(await rows('SELECT * FROM secret'), []);
  await ok("INSERT INTO secret (key, value) VALUES ('k;1', 'v;1');");
  await ok("UPDATE secret SET value = 'it''s'");
  assert.deepEqual(await rows('SELECT * FROM secret'), [['k;1', "it's"]]);
  assert.deepEqual((await ok('DELETE FROM secret'))[0]!.stats.rows_deleted, 1);
  assert.deepEqual(await rows('SELECT * FROM secret'), []);
});

test("anyone but the owner is refused with SpacetimeDB's words, after the statement is checked, and nothing changes", async () => {
  const stranger = (await (await fetch(`${host.url}/v1/identity`, { method: 'POST' })).json()) as {
    identity: string;
    token: string;
  };
  const before = await rows('SELECT * FROM player');
  for (const statement of [
    `INSERT INTO player (id, name, score, active, owner) VALUES (0, 'eve', 1, true, ${ZERO_IDENTITY})`,
    "UPDATE player SET score = 0 WHERE name = 'ana'",
    'DELETE FROM player',
  ]) {
    assert.equal(
      await refused(statement, stranger.token),
      `Caller ${stranger.identity} is not authorized to run SQL DML statements`,
    );
  }
  // Without a token a caller gets a new identity, and the same refusal.
  const anonymous = await sql('DELETE FROM player', null);
  assert.equal(anonymous.status, 400);
  assert.match(await anonymous.text(), /Caller [0-9a-f]{64} is not authorized to run SQL DML statements$/);
  // A private table is unknown to them, as for their queries.
  assert.match(
    await refused('DELETE FROM secret', stranger.token),
    /no such table: `secret`\. If the table exists, it may be marked private\./,
  );
  assert.deepEqual(await rows('SELECT * FROM player'), before);
});

test("bad statements get SpacetimeDB's errors and change nothing", async () => {
  const before = await rows('SELECT * FROM player');
  const cases: [string, RegExp][] = [
    [
      "INSERT INTO player VALUES (0, 'x', 1, true, 0x00)",
      /The number of fields \(0\) in the INSERT does not match the number of columns \(5\) of the table `player`/,
    ],
    [
      "INSERT INTO player (id, name, score, active, owner) VALUES (0, 'x', 1)",
      /Inserting a row with 3 values into `player` which has 5 fields/,
    ],
    [
      `INSERT INTO player (id, name, score, active, owner) VALUES (0, 'x', 'many', true, ${ZERO_IDENTITY})`,
      /The literal expression `'many'` cannot be parsed as type `I64`/,
    ],
    [
      `INSERT INTO player (name, id, score, active, owner) VALUES ('x', 0, 1, true, ${ZERO_IDENTITY})`,
      /INSERT must name the columns of `player` in the table's order: id, name, score, active, owner/,
    ],
    ['UPDATE player SET colour = 1', /`player` does not have a field `colour`/],
    ['UPDATE player SET score = 1 WHERE colour = 2', /colour/],
    ['DELETE FROM nowhere', /no such table: `nowhere`/],
    ['DELETE FROM active_players', /`active_players` is a view; DML on views is not supported/],
    ['UPDATE player SET score = 1 LIMIT 2', /LIMIT/],
    ['INSERT INTO player (id) VALUES', /expected '\(' at position/],
  ];
  for (const [statement, expected] of cases) assert.match(await refused(statement), expected, statement);
  // A unique violation rolls the whole statement back: the first row is not kept either.
  const clash = await refused(
    `INSERT INTO player (id, name, score, active, owner) VALUES (0, 'new', 1, true, ${ZERO_IDENTITY}), (0, 'ana', 1, true, ${ZERO_IDENTITY})`,
  );
  assert.match(clash, /unique|duplicate/i);
  assert.deepEqual(await rows('SELECT * FROM player'), before);
});

test('what DML wrote is durable: it is there after the host restarts from its data directory', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'lta-sql-dml-'));
  try {
    const first = await startConformanceHost('sql-dml', { dataDir });
    const write = await fetch(`${first.url}/v1/database/${first.database}/sql`, {
      method: 'POST',
      body: "INSERT INTO secret (key, value) VALUES ('kept', 'across restarts')",
      headers: { authorization: `Bearer ${first.publisherToken}` },
    });
    assert.equal(write.status, 200);
    await first.close();
    const second = await startConformanceHost('sql-dml', { dataDir });
    const read = await fetch(`${second.url}/v1/database/${second.database}/sql`, {
      method: 'POST',
      body: 'SELECT * FROM secret',
      headers: { authorization: `Bearer ${second.publisherToken}` },
    });
    assert.deepEqual(((await read.json()) as Answer[])[0]!.rows, [['kept', 'across restarts']]);
    await second.close();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
